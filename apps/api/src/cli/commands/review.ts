/**
 * The way back in review (issue 14), for terms versions and AI-feature revisions alike:
 * `request-changes` (back to the author as a draft, with a comment), `reject` (closed for good),
 * `comment`, and a draft's `delete` and `show` (its review notes). Versions take them as
 * top-level commands (`reject --id ID`) and `draft delete|show`; revisions as `feature reject
 * --id ID` and so on, as feature.ts does with submit, approve and publish. Re-submitting is
 * `submit` again (workflow.ts), or `feature submit`.
 */
import { connect, ERROR_SELECTION, type Payload } from '../api-client.js';
import { API_FLAGS, type FlagSpecs, parseFlags } from '../args.js';
import type { CommandGroup, Subcommand } from '../command.js';
import { RefusedError } from '../errors.js';
import { readInputFile } from '../files.js';
import { emit, instant, progress } from '../output.js';

interface ReviewNote {
  at: string;
  action: string;
  body: string;
  author: { email: string; name: string };
}

/** The fields both kinds of draft share, as the commands here print them. */
interface Reviewed {
  id: string;
  status: string;
  reviewNotes: ReviewNote[];
}

const NOTE_SELECTION = 'reviewNotes { at action body author { email name } }';

/** Where a command's words differ between versions and revisions. */
interface Subject<T extends Reviewed> {
  /** The help topic usage errors point at. */
  topic: (command: string) => string;
  kind: 'version' | 'revision';
  /** The payload field holding the subject (`draft` or `revision`). */
  field: 'draft' | 'revision';
  selection: string;
  mutations: { requestChanges: string; reject: string; comment: string; delete: string };
  /** The query reading one by id. */
  byId: string;
  name: (subject: T) => string;
  /** How the author edits a draft sent back to them. */
  editHint: (id: string) => string;
  /** The extra lines `show` prints before the notes. */
  details: (subject: T) => string[];
}

interface VersionDraft extends Reviewed {
  label: string;
  material: boolean;
  changeNote: string;
  earliestEffectiveAt: string | null;
  document: { slug: string };
  author: { email: string } | null;
  approvedBy: { email: string } | null;
  updatedAt: string;
}

interface RevisionDraft extends Reviewed {
  number: number;
  changeNote: string;
  feature: { slug: string };
  author: { email: string } | null;
  approvedBy: { email: string } | null;
  createdAt: string;
}

const VERSION: Subject<VersionDraft> = {
  topic: (command) => (command === 'delete' || command === 'show' ? 'draft' : command),
  kind: 'version',
  field: 'draft',
  selection: `id label status material changeNote earliestEffectiveAt document { slug } author { email } approvedBy { email } updatedAt ${NOTE_SELECTION}`,
  mutations: {
    requestChanges: 'requestVersionChanges',
    reject: 'rejectVersion',
    comment: 'commentOnVersion',
    delete: 'deleteDraft',
  },
  byId: 'draft',
  name: (v) => `${v.document.slug} ${v.label}`,
  editHint: (id) => `"draft update --id ${id} --file F.md", then "submit --id ${id}"`,
  details: (v) => [
    `author: ${v.author?.email ?? '—'}`,
    `approved by: ${v.approvedBy?.email ?? '—'}`,
    `material: ${v.material ? 'yes' : 'no'}`,
    `change note: ${v.changeNote}`,
    `earliest effective date if published now: ${instant(v.earliestEffectiveAt)}`,
    `updated: ${v.updatedAt}`,
  ],
};

const REVISION: Subject<RevisionDraft> = {
  topic: () => 'feature',
  kind: 'revision',
  field: 'revision',
  selection: `id number status changeNote feature { slug } author { email } approvedBy { email } createdAt ${NOTE_SELECTION}`,
  mutations: {
    requestChanges: 'requestFeatureRevisionChanges',
    reject: 'rejectFeatureRevision',
    comment: 'commentOnFeatureRevision',
    delete: 'deleteFeatureRevision',
  },
  byId: 'featureRevisionDraft',
  name: (r) => `revision ${r.number} of ${r.feature.slug}`,
  editHint: (id) => `"feature edit --id ${id} --file F.yaml", then "feature submit --id ${id}"`,
  details: (r) => [
    `author: ${r.author?.email ?? '—'}`,
    `approved by: ${r.approvedBy?.email ?? '—'}`,
    `change note: ${r.changeNote}`,
    `created: ${r.createdAt}`,
  ],
};

const ID_FLAGS = { ...API_FLAGS, id: { type: 'string' } } as const satisfies FlagSpecs;

/** One review step that takes a text (comment, reason) and prints "<id> <status>". */
function textStep<T extends Reviewed>(
  subject: Subject<T>,
  command: 'request-changes' | 'reject' | 'comment',
  text: { flag: string; argument: string },
  done: (name: string, subject: T) => string,
): Subcommand {
  const mutation =
    subject.mutations[command === 'request-changes' ? 'requestChanges' : command === 'reject' ? 'reject' : 'comment'];
  return async (argv) => {
    const flags = parseFlags(argv, { ...ID_FLAGS, [text.flag]: { type: 'string' } }, subject.topic(command));
    const id = flags.required('id');
    const value = flags.required(text.flag);
    const payload = await connect(flags).mutate<Payload & Record<string, T | null>>(
      `mutation Review($id: ID!, $text: String!) {
        ${mutation}(id: $id, ${text.argument}: $text) { ${subject.field} { ${subject.selection} } ${ERROR_SELECTION} }
      }`,
      { id, text: value },
      mutation,
    );
    const reviewed = payload[subject.field];
    if (reviewed === null || reviewed === undefined)
      throw new Error(`${mutation} answered neither a result nor an error`);
    progress(done(subject.name(reviewed), reviewed));
    emit(flags.json, payload, () => [`${reviewed.id}\t${reviewed.status}`]);
    return 0;
  };
}

const requestChanges = <T extends Reviewed>(subject: Subject<T>) =>
  textStep(
    subject,
    'request-changes',
    { flag: 'comment', argument: 'comment' },
    (name, reviewed) =>
      `${name} is back with its author as a draft, with your comment; they edit it (${subject.editHint(reviewed.id)})`,
  );

const reject = <T extends Reviewed>(subject: Subject<T>) =>
  textStep(subject, 'reject', { flag: 'reason', argument: 'reason' }, (name) =>
    subject.kind === 'version'
      ? `${name} rejected: closed for good; its label is free again for a new draft`
      : `${name} rejected: closed for good`,
  );

const comment = <T extends Reviewed>(subject: Subject<T>) =>
  textStep(subject, 'comment', { flag: 'text', argument: 'text' }, (name) => `comment added to ${name}`);

interface Deleted extends Payload {
  deletedId: string | null;
  reviewNotes: number | null;
  document?: string | null;
  label?: string | null;
  feature?: string | null;
  number?: number | null;
}

const remove =
  <T extends Reviewed>(subject: Subject<T>): Subcommand =>
  async (argv) => {
    const flags = parseFlags(argv, ID_FLAGS, subject.topic('delete'));
    const id = flags.required('id');
    const mutation = subject.mutations.delete;
    const extra = subject.kind === 'version' ? 'document label' : 'feature number';
    const payload = await connect(flags).mutate<Deleted>(
      `mutation Delete($id: ID!) { ${mutation}(id: $id) { deletedId reviewNotes ${extra} ${ERROR_SELECTION} } }`,
      { id },
      mutation,
    );
    const name =
      subject.kind === 'version'
        ? `draft ${payload.document ?? ''} ${payload.label ?? ''}`
        : `draft revision ${payload.number ?? ''} of ${payload.feature ?? ''}`;
    const notes = payload.reviewNotes ?? 0;
    progress(
      `${name} deleted${notes === 0 ? '' : ` with its ${notes} review note${notes === 1 ? '' : 's'} (kept in the audit log)`}`,
    );
    emit(flags.json, payload, () => [`${payload.deletedId ?? id}\tDELETED`]);
    return 0;
  };

/** A note for the terminal: when, what, who, then its text indented. */
function noteLines(note: ReviewNote): string[] {
  const head = `${note.at}  ${note.action}  ${note.author.name} <${note.author.email}>`;
  const body = note.body === '' ? [] : note.body.split('\n').map((line) => `    ${line}`);
  return [head, ...body];
}

const show =
  <T extends Reviewed>(subject: Subject<T>): Subcommand =>
  async (argv) => {
    const flags = parseFlags(argv, ID_FLAGS, subject.topic('show'));
    const id = flags.required('id');
    const data = await connect(flags).query<Record<string, T | null>>(
      `query Show($id: ID!) { ${subject.byId}(id: $id) { ${subject.selection} } }`,
      { id },
    );
    const found = data[subject.byId];
    if (found === null || found === undefined) {
      throw new RefusedError({
        code: 'NOT_FOUND',
        message: `No ${subject.kind} with id ${id}`,
        field: 'id',
        problems: [],
      });
    }
    emit(flags.json, found, () => [
      `${found.id}\t${subject.name(found)}\t${found.status}`,
      ...subject.details(found),
      found.reviewNotes.length === 0
        ? 'review notes: none'
        : `review notes (${found.reviewNotes.length}, oldest first):`,
      ...found.reviewNotes.flatMap((note) => noteLines(note).map((line) => `  ${line}`)),
    ]);
    return 0;
  };

// --------------------------------------------------------------------------------------------
// Versions: top-level commands and `draft delete|show`

const VERSION_ID_HELP = '  --id ID        the version\'s id (from "draft create" or "draft list")';

const WHO_REVIEWS = `Publishers and admins who are not the version's author only (two-person rule:
refused with TWO_PERSON_RULE); editors are refused with FORBIDDEN.`;

export const requestChangesCommand: CommandGroup = {
  name: 'request-changes',
  synopsis: [['request-changes --id ID --comment TEXT', 'send a version in review back to its author, saying why']],
  usage: `usage:
  pnpm candor request-changes --id ID --comment TEXT

Sends a version in review (or approved) back to its author as a draft, with your comment on
what to change. An approval given before is void.
${WHO_REVIEWS}

The author sees the comment ("draft show --id ID"), edits the draft ("draft update") and
submits it again ("submit"), with a note on what was fixed if they like ("submit --id ID
--comment TEXT"). Prints "<id> DRAFT". For an AI-feature revision: "feature request-changes".

flags:
${VERSION_ID_HELP}
  --comment T    what to change (required, up to 4,000 characters); the author and every editor
                 see it, and the audit log keeps it`,
  run: requestChanges(VERSION),
};

export const rejectCommand: CommandGroup = {
  name: 'reject',
  synopsis: [['reject --id ID --reason TEXT', 'close a version in review for good; its label is free again']],
  usage: `usage:
  pnpm candor reject --id ID --reason TEXT

Closes a version in review (or approved) for good, with your reason.
${WHO_REVIEWS}

A rejected version is never published, edited or re-submitted; its label is free again for a
new draft, and it stays readable to editors ("draft show --id ID", "draft list
--include-rejected"). Prints "<id> REJECTED". For an AI-feature revision: "feature reject".

flags:
${VERSION_ID_HELP}
  --reason T     why (required, up to 4,000 characters); the author and every editor see it,
                 and the audit log keeps it`,
  run: reject(VERSION),
};

export const commentCommand: CommandGroup = {
  name: 'comment',
  synopsis: [['comment --id ID --text TEXT', 'comment on a draft, or a version in review or approved']],
  usage: `usage:
  pnpm candor comment --id ID --text TEXT

Adds a comment to a version in draft, in review or approved (any editor). It changes nothing
else; "draft show --id ID" lists it with the other review notes, and the audit log keeps it.
Prints "<id> <status>". For an AI-feature revision: "feature comment".

flags:
${VERSION_ID_HELP}
  --text T       the comment (required, up to 4,000 characters)`,
  run: comment(VERSION),
};

/** `draft delete` and `draft show`, registered by draft.ts. */
export const draftReviewSubcommands: Record<'delete' | 'show', Subcommand> = {
  delete: remove(VERSION),
  show: show(VERSION),
};

export const DRAFT_REVIEW_SYNOPSIS: readonly (readonly [string, string])[] = [
  ['draft show --id ID', "a version's status, dates and review notes (what reviewers said)"],
  ['draft delete --id ID', 'delete a draft (its author or an admin); its label is free again'],
];

export const DRAFT_REVIEW_USAGE = `"show" prints a version whatever its status: id, document and label, status, author,
approver, material, change note, the earliest effective date if it were published now, and its
review notes, oldest first (changes requested, rejection, re-submissions, comments: when, who,
what). "delete" deletes a draft — one never submitted, or one sent back for changes that you
give up — with its review notes (the audit log keeps them); only its author or an admin, and
never a version in review, approved, published or rejected (ask a publisher to request changes
or reject it). Prints "<id> DELETED".`;

// --------------------------------------------------------------------------------------------
// Revisions: `feature request-changes|reject|comment|delete|show`, registered by feature.ts

interface RevisionStep extends Payload {
  revision: { id: string; number: number; status: string; feature: { slug: string } } | null;
}

const STEP_SELECTION = `revision { id number status feature { slug } } ${ERROR_SELECTION}`;

/** `feature edit --id ID --file F`: replaces a draft revision with the file (updateFeatureRevision). */
const editRevision: Subcommand = async (argv) => {
  const flags = parseFlags(argv, { ...ID_FLAGS, file: { type: 'string' } }, 'feature');
  const id = flags.required('id');
  const file = readInputFile(flags.required('file'), 'file', 'feature');
  const payload = await connect(flags).mutate<RevisionStep>(
    `mutation Edit($id: ID!, $file: String!) { updateFeatureRevision(id: $id, file: $file) { ${STEP_SELECTION} } }`,
    { id, file },
    'updateFeatureRevision',
  );
  const revision = payload.revision;
  if (revision === null) throw new Error('updateFeatureRevision answered neither a revision nor an error');
  progress(
    `revision ${revision.number} of ${revision.feature.slug} replaced; next: "feature submit --id ${revision.id}"`,
  );
  emit(flags.json, payload, () => [`${revision.id}\t${revision.status}`]);
  return 0;
};

/** `feature submit --id ID [--comment T]`: submits, or re-submits after changes were requested. */
const submitRevision: Subcommand = async (argv) => {
  const flags = parseFlags(argv, { ...ID_FLAGS, comment: { type: 'string' } }, 'feature');
  const id = flags.required('id');
  const payload = await connect(flags).mutate<RevisionStep>(
    `mutation Submit($id: ID!, $comment: String) { submitFeatureRevision(id: $id, comment: $comment) { ${STEP_SELECTION} } }`,
    { id, comment: flags.string('comment') ?? null },
    'submitFeatureRevision',
  );
  const revision = payload.revision;
  if (revision === null) throw new Error('submitFeatureRevision answered neither a revision nor an error');
  progress(
    `revision ${revision.number} of ${revision.feature.slug} is in review; a publisher who is not its author approves it, requests changes or rejects it`,
  );
  emit(flags.json, payload, () => [`${revision.id}\t${revision.status}`]);
  return 0;
};

export const revisionReviewSubcommands: Record<
  'edit' | 'submit' | 'request-changes' | 'reject' | 'comment' | 'delete' | 'show',
  Subcommand
> = {
  edit: editRevision,
  submit: submitRevision,
  'request-changes': requestChanges(REVISION),
  reject: reject(REVISION),
  comment: comment(REVISION),
  delete: remove(REVISION),
  show: show(REVISION),
};

export const REVISION_REVIEW_SYNOPSIS: readonly (readonly [string, string])[] = [
  ['feature edit --id ID --file F.yaml', 'replace a draft revision (not in review) with the file'],
  ['feature show --id ID', "a revision's status and review notes"],
  ['feature request-changes --id ID --comment T', 'send a revision in review back to its author'],
  ['feature reject --id ID --reason T', 'close a revision in review for good'],
  ['feature comment --id ID --text T', 'comment on an open revision'],
  ['feature delete --id ID', 'delete a draft revision (its author or an admin)'],
];

export const REVISION_REVIEW_USAGE = `Review goes back and forth as for terms versions ("pnpm candor request-changes --help"):
"request-changes --comment T" sends a revision in review (or approved) back to its author as a
draft, "reject --reason T" closes it for good (both: a publisher or admin who is not its
author), "comment --text T" adds a remark (any editor), "show" prints it with its review notes,
"delete" deletes a draft revision (its author or an admin). The author edits a draft with
"edit --id ID --file F" and submits it again with "submit --id ID [--comment T]".`;
