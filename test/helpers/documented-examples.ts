import { readdirSync, readFileSync } from 'node:fs';

/** One ```graphql block of the documentation, as partners copy it into GraphiQL. */
export interface DocumentedExample {
  /** The file it is in, relative to the repository root: `README.md` or `docs/<guide>.md`. */
  readonly file: string;
  /** Its position in that file, from 1. */
  readonly number: number;
  readonly query: string;
}

const root = new URL('../../', import.meta.url);

/**
 * The Markdown files examples may live in: the README and every guide in docs/ (not the ADRs,
 * which record decisions rather than show queries). Listed from the folder, so an example moved
 * into a new guide is still run.
 */
export const documentedFiles = (): string[] => [
  'README.md',
  ...readdirSync(new URL('docs/', root))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** Every ```graphql block of the README and of docs/*.md, in file order. */
export function documentedExamples(): DocumentedExample[] {
  return documentedFiles().flatMap((file) =>
    [...readFileSync(new URL(file, root), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, index) => ({
      file,
      number: index + 1,
      query: match[1] ?? '',
    })),
  );
}
