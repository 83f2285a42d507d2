/**
 * Factories for the diff-base stories (test/api/version-change-base, version-withdrawals): a
 * document of the test's own, so no sample version is in the way, and versions drafted, approved
 * and published through GraphQL at a clock the test chooses.
 */
import type { PrismaClient } from '@candor/schema';
import { asToken, type EditorTokens } from './editors.js';
import type { TestApi } from './testkit.js';

export const DAY = 86_400_000;

export interface DraftClause {
  key: string;
  heading: string;
  body: string;
}

/**
 * An empty document with a 30-day notice period that applies to every segment, created straight
 * in the database.
 */
export async function createDocument(prisma: PrismaClient, slug: string): Promise<string> {
  const segments = await prisma.segment.findMany({ select: { id: true } });
  const document = await prisma.document.create({
    data: {
      slug,
      title: `Terms (${slug})`,
      description: 'A document for one test story.',
      noticePeriodDays: 30,
      segments: { create: segments.map((segment) => ({ segmentId: segment.id })) },
    },
  });
  return document.id;
}

/** Candor's version Markdown for `clauses`; a material version explains itself to every segment. */
export function versionMarkdown(input: {
  document: string;
  label: string;
  clauses: readonly DraftClause[];
  material: boolean;
  segments: readonly string[];
}): string {
  const explanations = input.material
    ? `explanations:\n${input.segments
        .map(
          (segment) =>
            `  ${segment}:\n    summary: ${JSON.stringify(`What ${input.label} means for ${segment}.`)}\n    whatChanges: ${JSON.stringify(`The AI clauses change in ${input.label}.`)}\n    affected: true`,
        )
        .join('\n')}\n`
    : '';
  const body = input.clauses.map((c) => `## ${c.key} ${c.heading} {#${c.key}}\n\n${c.body}\n`).join('\n');
  return `---\ndocument: ${input.document}\nlabel: ${input.label}\nmaterial: ${input.material}\nchangeNote: ${JSON.stringify(`Version ${input.label}.`)}\n${explanations}---\n\n${body}`;
}

export interface PublishOutcome {
  id: string;
  checkpointSequence: number | null;
  rebased: string[] | null;
  error: { code: string; message: string; field: string | null } | null;
}

async function mutation<T>(api: TestApi, token: string, field: string): Promise<T> {
  const { body } = await asToken<Record<string, T>>(api, token, `mutation { ${field} }`);
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
  return Object.values(body.data ?? {})[0] as T;
}

/** Drafts (editor) and approves (publisher) a version; returns its id. */
export async function approvedVersion(
  api: TestApi,
  tokens: EditorTokens,
  input: { document: string; label: string; clauses: readonly DraftClause[]; material: boolean },
): Promise<string> {
  const segments = (await api.database.prisma.segment.findMany({ orderBy: { position: 'asc' } })).map((s) => s.key);
  const markdown = versionMarkdown({ ...input, segments });
  const fields = 'draft { id } error { code message }';
  const created = await mutation<{ draft: { id: string } | null; error: unknown }>(
    api,
    tokens.editor,
    `createDraft(markdown: ${JSON.stringify(markdown)}) { ${fields} }`,
  );
  if (created.draft === null) throw new Error(`createDraft failed: ${JSON.stringify(created.error)}`);
  const id = created.draft.id;
  await mutation(api, tokens.editor, `submitForReview(id: "${id}") { ${fields} }`);
  await mutation(api, tokens.publisher, `approveVersion(id: "${id}") { ${fields} }`);
  return id;
}

const PAYLOAD = 'checkpointSequence rebased error { code message field }';

/** Publishes an approved version effective at `effectiveAt`, at the API's current clock. */
export async function publish(
  api: TestApi,
  tokens: EditorTokens,
  id: string,
  effectiveAt: Date,
): Promise<PublishOutcome> {
  const result = await mutation<Omit<PublishOutcome, 'id'>>(
    api,
    tokens.publisher,
    `publishVersion(id: "${id}", effectiveAt: "${effectiveAt.toISOString()}") { ${PAYLOAD} }`,
  );
  return { id, ...result };
}

/** Drafts, approves and publishes a version; fails the test when the publication is refused. */
export async function published(
  api: TestApi,
  tokens: EditorTokens,
  input: { document: string; label: string; clauses: readonly DraftClause[]; material: boolean; effectiveAt: Date },
): Promise<PublishOutcome> {
  const outcome = await publish(api, tokens, await approvedVersion(api, tokens, input), input.effectiveAt);
  if (outcome.error !== null)
    throw new Error(`publishVersion ${input.label} refused: ${JSON.stringify(outcome.error)}`);
  return outcome;
}

/** Withdraws a published version with a reason. */
export async function withdraw(
  api: TestApi,
  tokens: EditorTokens,
  id: string,
  reason: string,
): Promise<PublishOutcome> {
  const result = await mutation<Omit<PublishOutcome, 'id'>>(
    api,
    tokens.publisher,
    `withdrawVersion(id: "${id}", reason: ${JSON.stringify(reason)}) { ${PAYLOAD} }`,
  );
  return { id, ...result };
}

/** Replaces one clause's body (or heading) in a list, keeping the others. */
export const edit = (clauses: readonly DraftClause[], key: string, change: Partial<DraftClause>): DraftClause[] =>
  clauses.map((clause) => (clause.key === key ? { ...clause, ...change } : clause));

export const CHANGES = `changes {
  from { label }
  rebased
  reason
  comparedAt
  summary { added removed modified moved unchanged }
  changes { key kind bodyDiff { op text } }
}`;

export interface VersionChanges {
  from: { label: string } | null;
  rebased: boolean;
  reason: string | null;
  comparedAt: string;
  summary: { added: number; removed: number; modified: number; moved: number; unchanged: number };
  changes: { key: string; kind: string; bodyDiff: { op: string; text: string }[] | null }[];
}

/** A version's public changes, previous and next, by label. */
export async function changesOf(api: TestApi, document: string, label: string) {
  const data = await api.execute<{
    document: {
      version: {
        timing: string;
        previous: { label: string } | null;
        next: { label: string } | null;
        changes: VersionChanges | null;
      };
    };
  }>(
    `{ document(slug: "${document}") { version(label: "${label}") { timing previous { label } next { label } ${CHANGES} } } }`,
  );
  return data.document.version;
}

/** The text a word diff was made from (EQUAL + DELETE parts). */
export const oldTextOf = (diff: readonly { op: string; text: string }[] | null) =>
  (diff ?? [])
    .filter((part) => part.op !== 'INSERT')
    .map((part) => part.text)
    .join('');
