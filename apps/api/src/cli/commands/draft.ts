/**
 * `draft template`, `draft create`, `draft update`, `draft list`: terms versions written in
 * Markdown.
 */
import { DomainValidationError, parseVersionMarkdown } from '@candor/schema/domain';
import { graphql } from '../../generated/cli/index.js';
import { connect, connectAnonymously } from '../api-client.js';
import { API_FLAGS, PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { fromDomainError } from '../domain-error.js';
import { RefusedError } from '../errors.js';
import { readInputFile } from '../files.js';
import { emit, progress, resultJson } from '../output.js';
import { renderDraftTemplate } from '../templates/draft-template.js';
import { readDraftTemplate } from '../templates/read-from-api.js';
import { writeTemplate } from '../templates/write-template.js';
import { DRAFT_REVIEW_SYNOPSIS, DRAFT_REVIEW_USAGE, draftReviewSubcommands } from './review.js';

// What the commands print of an unpublished version.
graphql(`
  fragment DraftSummary on DraftVersion {
    id
    label
    status
    material
    document { slug }
    author { email }
    updatedAt
  }
`);

const CREATE = graphql(`
  mutation DraftCreate($markdown: String!) {
    createDraft(markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }
  }
`);

const UPDATE = graphql(`
  mutation DraftUpdate($id: ID!, $markdown: String!) {
    updateDraft(id: $id, markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }
  }
`);

const LIST = graphql(`
  query DraftList($document: String, $rejected: Boolean) {
    drafts(document: $document, includeRejected: $rejected) { ...DraftSummary }
  }
`);

const FILE_FLAGS = { ...API_FLAGS, file: { type: 'string' } } as const;

async function template(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { ...PUBLIC_API_FLAGS, document: { type: 'string' }, out: { type: 'string' } },
    'draft',
  );
  const input = await readDraftTemplate(connectAnonymously(flags), flags.required('document'), new Date());
  const text = renderDraftTemplate(input);
  const out = flags.string('out');
  const written = flags.json && out === undefined ? null : writeTemplate(text, out, 'draft');
  const basis = input.basis === null ? 'an example clause (no version yet)' : `the text of ${input.basis.label}`;
  progress(
    `template for ${input.document.slug} ${input.label} written${written === null ? '' : ` to ${written}`}, from ${basis}; fill in material, changeNote and the explanations, then "draft create --file F"`,
  );
  if (flags.json) {
    resultJson({
      document: input.document.slug,
      label: input.label,
      basis: input.basis?.label ?? null,
      out: written,
      ...(written === null ? { template: text } : {}),
    });
  }
  return 0;
}

/**
 * The file as a draft, checked here first: the server checks it again (with the organisation's
 * segments), and refuses in the same shape; this names the keys only exports write, such as
 * effectiveAt, whatever the server's version.
 *
 * @throws RefusedError BAD_USER_INPUT listing every problem with its line.
 */
function readDraftFile(path: string): string {
  const markdown = readInputFile(path, 'file', 'draft');
  try {
    parseVersionMarkdown(markdown, { segments: 'any', draft: true });
  } catch (error) {
    if (error instanceof DomainValidationError) throw new RefusedError(fromDomainError(error));
    throw error;
  }
  return markdown;
}

async function create(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, FILE_FLAGS, 'draft');
  const markdown = readDraftFile(flags.required('file'));
  const payload = await connect(flags).mutate(CREATE, { markdown }, 'createDraft');
  const draft = required(payload.draft, 'createDraft');
  progress(`draft ${draft.document.slug} ${draft.label} created; next: "submit --id ${draft.id}"`);
  emit(flags.json, payload, () => [`${draft.id}\t${draft.label}`]);
  return 0;
}

async function update(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...FILE_FLAGS, id: { type: 'string' } }, 'draft');
  const id = flags.required('id');
  const markdown = readDraftFile(flags.required('file'));
  const payload = await connect(flags).mutate(UPDATE, { id, markdown }, 'updateDraft');
  const draft = required(payload.draft, 'updateDraft');
  progress(`draft ${draft.document.slug} ${draft.label} replaced with ${flags.required('file')}`);
  emit(flags.json, payload, () => [`${draft.id}\t${draft.label}`]);
  return 0;
}

async function list(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { ...API_FLAGS, document: { type: 'string' }, 'include-rejected': { type: 'boolean' } },
    'draft',
  );
  const { drafts } = await connect(flags).query(LIST, {
    document: flags.string('document') ?? null,
    rejected: flags.has('include-rejected'),
  });
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
    ['draft template --document SLUG [--out F.md]', "write a document's current text as a draft to edit"],
    ['draft create --file F.md', 'create a draft from Version Markdown; prints "<id> <label>"'],
    ['draft update --id ID --file F.md', 'replace a draft (not yet submitted) with the file'],
    ['draft list [--document SLUG] [--include-rejected]', 'list unpublished versions'],
    ...DRAFT_REVIEW_SYNOPSIS,
  ],
  usage: `usage:
  pnpm candor draft template --document SLUG [--out terms.md]
  pnpm candor draft create --file terms.md
  pnpm candor draft update --id ID --file terms.md
  pnpm candor draft list [--document SLUG] [--include-rejected]
  pnpm candor draft show --id ID
  pnpm candor draft delete --id ID

"template" writes the document's current text as a draft in Version Markdown, ready to edit:
the clauses of the version in force (else of the newest published one; for a document with no
version, one example clause), a suggested label no published version has, and placeholders to
fill in: material, changeNote and an explanation for every segment the document applies to
(summary, whatChanges, affected). Left empty, each is refused by "create", naming its line. It
reads the public API (no token) and writes to --out, or to stdout; it never overwrites a file.

"create" reads a version in Version Markdown (docs/publishing.md, "Version Markdown": YAML front matter with
document, label, material, changeNote and explanations per segment, then "## <number> <heading>
{#<key>}" clauses) and prints the new draft's id and label, tab-separated. A key the front matter
does not use is an error naming its line, among them those exports write (title, publishedAt,
effectiveAt, previousHash, contentHash, source, importedAt): the effective date is given when
publishing ("publish --id ID --effective-at ISO"). "update" replaces a draft's label, flags,
clauses and explanations. "list" prints one line per unpublished version: id, document, label,
status, material or minor, author, last update; rejected versions only with --include-rejected.
Any editor may run create, update and list; a refusal lists every problem with its line.

${DRAFT_REVIEW_USAGE}

flags:
  --document S   template: the document's slug, e.g. terms-of-service (required);
                 list: only this document's drafts
  --out F        template: the file to write (must not exist); stdout when omitted
  --file F       the Markdown file
  --id ID        the draft's id (from "draft create" or "draft list")
  --include-rejected  list: rejected versions too (closed for good)
  --json         template: print { document, label, basis, out } (and the template itself
                 when there is no --out) as JSON`,
  run: (argv) => dispatch('draft', argv, { template, create, update, list, ...draftReviewSubcommands }),
};
