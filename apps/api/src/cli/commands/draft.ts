/** `draft create`, `draft update`, `draft list`: terms versions written in Markdown. */
import { connect, ERROR_SELECTION, type Payload } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { readInputFile } from '../files.js';
import { emit, progress } from '../output.js';

export interface DraftSummary {
  id: string;
  label: string;
  status: string;
  material: boolean;
  document: { slug: string };
  author: { email: string } | null;
  updatedAt: string;
}

const DRAFT_SELECTION = 'id label status material document { slug } author { email } updatedAt';

interface DraftPayload extends Payload {
  draft: DraftSummary | null;
}

const FILE_FLAGS = { ...API_FLAGS, file: { type: 'string' } } as const;

async function create(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, FILE_FLAGS, 'draft');
  const markdown = readInputFile(flags.required('file'), 'file', 'draft');
  const payload = await connect(flags).mutate<DraftPayload>(
    `mutation CreateDraft($markdown: String!) { createDraft(markdown: $markdown) { draft { ${DRAFT_SELECTION} } ${ERROR_SELECTION} } }`,
    { markdown },
    'createDraft',
  );
  const draft = required(payload.draft, 'createDraft');
  progress(`draft ${draft.document.slug} ${draft.label} created; next: "submit --id ${draft.id}"`);
  emit(flags.json, payload, () => [`${draft.id}\t${draft.label}`]);
  return 0;
}

async function update(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...FILE_FLAGS, id: { type: 'string' } }, 'draft');
  const id = flags.required('id');
  const markdown = readInputFile(flags.required('file'), 'file', 'draft');
  const payload = await connect(flags).mutate<DraftPayload>(
    `mutation UpdateDraft($id: ID!, $markdown: String!) { updateDraft(id: $id, markdown: $markdown) { draft { ${DRAFT_SELECTION} } ${ERROR_SELECTION} } }`,
    { id, markdown },
    'updateDraft',
  );
  const draft = required(payload.draft, 'updateDraft');
  progress(`draft ${draft.document.slug} ${draft.label} replaced with ${flags.required('file')}`);
  emit(flags.json, payload, () => [`${draft.id}\t${draft.label}`]);
  return 0;
}

async function list(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, document: { type: 'string' } }, 'draft');
  const { drafts } = await connect(flags).query<{ drafts: DraftSummary[] }>(
    `query Drafts($document: String) { drafts(document: $document) { ${DRAFT_SELECTION} } }`,
    { document: flags.string('document') ?? null },
  );
  progress(`${drafts.length} unpublished version${drafts.length === 1 ? '' : 's'}`);
  emit(flags.json, drafts, () =>
    drafts.map((d) =>
      [
        d.id,
        d.document.slug,
        d.label,
        d.status,
        d.material ? 'material' : 'minor',
        d.author?.email ?? '—',
        d.updatedAt,
      ].join('\t'),
    ),
  );
  return 0;
}

function required<T>(value: T | null, mutation: string): T {
  if (value === null) throw new Error(`${mutation} answered neither a result nor an error`);
  return value;
}

export const draftCommands: CommandGroup = {
  name: 'draft',
  synopsis: [
    ['draft create --file F.md', 'create a draft from Version Markdown; prints "<id> <label>"'],
    ['draft update --id ID --file F.md', 'replace a draft (not yet submitted) with the file'],
    ['draft list [--document SLUG]', 'list unpublished versions'],
  ],
  usage: `usage:
  pnpm candor draft create --file terms.md
  pnpm candor draft update --id ID --file terms.md
  pnpm candor draft list [--document SLUG]

"create" reads a version in Version Markdown (README, "Version Markdown": YAML front matter with
document, label, material, changeNote and explanations per segment, then "## <number> <heading>
{#<key>}" clauses; an exported version file works as a starting point) and prints the new draft's
id and label, tab-separated. "update" replaces a draft's label, flags, clauses and explanations.
"list" prints one line per unpublished version: id, document, label, status, material or minor,
author, last update. Any editor may run them; a refusal lists every problem with its line.

flags:
  --file F       the Markdown file
  --id ID        the draft's id (from "draft create" or "draft list")
  --document S   only this document's drafts, e.g. terms-of-service`,
  run: (argv) => dispatch('draft', argv, { create, update, list }),
};
