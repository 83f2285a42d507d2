/**
 * The file `candor draft template` writes: a document's current text as a draft in Version
 * Markdown (packages/schema/src/domain/version-markdown.ts), exactly as `candor draft create`
 * reads it. What only the author can decide is left as a placeholder the reader refuses until it
 * is filled in — `material:` and `affected:` empty, `changeNote: ""` — so an untouched template
 * cannot become a draft by accident, and each refusal names its line.
 */
import { type ClauseInput, renderVersionClauses } from '@candor/schema/domain';
import { Document, isMap, type YAMLMap } from 'yaml';
import { annotate, comments, placeholder } from './yaml-comments.js';

export interface DraftTemplateInput {
  document: { slug: string; title: string };
  /** The suggested label (suggestNextLabel). */
  label: string;
  /** The segments the document applies to and that are still in use: one explanation each. */
  segments: readonly { key: string; name: string }[];
  /** The version whose text the template holds; null for a document with no version yet. */
  basis: { label: string; effectiveAt: string; inForce: boolean; clauses: readonly ClauseInput[] } | null;
  /** Published versions not in effect yet, soonest first: a draft published before one must contain it. */
  upcoming: readonly { label: string; effectiveAt: string }[];
}

/** The clause a document with no version starts from. */
export const EXAMPLE_CLAUSE: ClauseInput = {
  key: '1',
  number: '1',
  heading: 'Scope',
  body: 'Replace this with the text of the first clause, and add one "## <number> <heading> {#<key>}" section per clause.',
};

/** The template's text; `draft create --file` accepts it once its placeholders are filled in. */
export function renderDraftTemplate(input: DraftTemplateInput): string {
  const doc = new Document(
    {
      document: input.document.slug,
      label: input.label,
      material: placeholder('fill in: true or false'),
      changeNote: '',
      ...(input.segments.length === 0
        ? {}
        : {
            explanations: Object.fromEntries(
              input.segments.map((s) => [
                s.key,
                { summary: '', whatChanges: '', affected: placeholder('fill in: true or false') },
              ]),
            ),
          }),
    },
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore = comments(headerLines(input));
  const root = doc.contents as YAMLMap;
  annotate(root, 'label', 'A label no published version has; change it if you like.');
  annotate(
    root,
    'material',
    'true when the change affects what readers agreed to: it then needs the notice period and an explanation for every segment. false for a wording fix.',
  );
  annotate(root, 'changeNote', 'Fill in: what changes and why, for the changelog.');
  annotate(
    root,
    'explanations',
    'What the change means for each segment, in plain language: summary, whatChanges (may be empty) and affected. A material change needs a summary for every segment; for a minor one, fill them in or delete this block.',
  );
  const explanations = root.get('explanations');
  if (isMap(explanations)) {
    for (const segment of input.segments) annotate(explanations, segment.key, segment.name);
  }
  const yaml = doc.toString({ lineWidth: 0, minContentWidth: 0 });
  const clauses = renderVersionClauses(input.basis?.clauses ?? [EXAMPLE_CLAUSE]);
  return `---\n${yaml}---\n${clauses}`;
}

function headerLines(input: DraftTemplateInput): string[] {
  const { document, basis, upcoming } = input;
  const lines = [`The next version of "${document.title}" (${document.slug}), from "pnpm candor draft template".`];
  if (basis === null) {
    lines.push('It has no published version yet: replace the example clause below with its text.');
  } else {
    lines.push(
      basis.inForce
        ? `The clauses are those of version ${basis.label}, in force since ${basis.effectiveAt}.`
        : `The clauses are those of version ${basis.label}, published to take effect on ${basis.effectiveAt}.`,
    );
  }
  for (const scheduled of upcoming) {
    if (scheduled.label === basis?.label) continue;
    lines.push(
      `Version ${scheduled.label} takes effect on ${scheduled.effectiveAt}: a draft that takes effect before it must contain its changes (else CONFLICTS_WITH_SCHEDULED).`,
    );
  }
  lines.push(
    'Edit the clauses: each is "## <number> <heading> {#<key>}" and its text; a clause keeps its key when its text or number changes, and a new clause takes a new key.',
    'Fill in the fields marked "fill in", then:',
    '  pnpm candor draft create --file <this file>',
    'No effective date here: the publisher gives it when publishing:',
    '  pnpm candor publish --id ID --effective-at ISO',
  );
  return lines;
}
