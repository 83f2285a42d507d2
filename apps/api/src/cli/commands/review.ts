/**
 * The way back in review (issue 14), for terms versions and AI-feature revisions alike:
 * `request-changes` (back to the author as a draft, with a comment), `reject` (closed for good),
 * `comment`, and a draft's `delete` and `show` (its review notes). Versions take them as
 * top-level commands (`reject --id ID`) and `draft delete|show`; revisions as `feature reject
 * --id ID` and so on, as feature.ts does with submit, approve and publish. Re-submitting is
 * `submit` again (workflow.ts), or `feature submit`.
 */
import type {
  ReviewNoteFieldsFragment as ReviewNote,
  ReviewRevisionFragment as RevisionDraft,
  ReviewVersionFragment as VersionDraft,
} from '../../generated/cli/graphql.js';
import { graphql } from '../../generated/cli/index.js';
import { type ApiClient, connect, type Payload } from '../api-client.js';
import { API_FLAGS, type FlagSpecs, parseFlags } from '../args.js';
import type { CommandGroup, Subcommand } from '../command.js';
import { RefusedError } from '../errors.js';
import { readInputFile } from '../files.js';
import { emit, instant, progress } from '../output.js';

graphql(`
  fragment ReviewNoteFields on ReviewNote {
    at
    action
    body
    author { email name }
  }
`);

// What the commands here print of a version and of a revision.
graphql(`
  fragment ReviewVersion on DraftVersion {
    id
    label
    status
    material
    changeNote
    earliestEffectiveAt
    document { slug }
    author { email }
    approvedBy { email }
    updatedAt
    reviewNotes { ...ReviewNoteFields }
  }
`);

graphql(`
  fragment ReviewRevision on AiFeatureRevisionDraft {
    id
    number
    status
    changeNote
    feature { slug }
    author { email }
    approvedBy { email }
    createdAt
    reviewNotes { ...ReviewNoteFields }
  }
`);

/** The fields both kinds of draft share, as the commands here print them. */
type Reviewed = Pick<VersionDraft | RevisionDraft, 'id' | 'status' | 'reviewNotes'>;

/** A review step's payload: the subject under `draft` or `revision`, or the error. */
type StepPayload<T> = Payload & { draft?: T | null; revision?: T | null };

type ReviewStep = 'requestChanges' | 'reject' | 'comment';

/** Where a command's words and documents differ between versions and revisions. */
interface Subject<T extends Reviewed> {
  /** The help topic usage errors point at. */
  topic: (command: string) => string;
  kind: 'version' | 'revision';
  /** The payload field holding the subject (`draft` or `revision`). */
  field: 'draft' | 'revision';
  /** Runs a review step with its text (the comment or the reason) and answers its payload. */
  step: Record<ReviewStep, (client: ApiClient, id: string, text: string) => Promise<StepPayload<T>>>;
  /** Deletes a draft: the payload (printed as is with --json) and the name of what was deleted. */
  remove: (
    client: ApiClient,
    id: string,
  ) => Promise<{ payload: Payload & { deletedId: string | null; reviewNotes: number | null }; name: string }>;
  /** Reads one by id; null when there is none. */
  read: (client: ApiClient, id: string) => Promise<T | null>;
  name: (subject: T) => string;
  /** How the author edits a draft sent back to them. */
  editHint: (id: string) => string;
  /** The extra lines `show` prints before the notes. */
  details: (subject: T) => string[];
}

const REQUEST_VERSION_CHANGES = graphql(`
  mutation ReviewRequestVersionChanges($id: ID!, $text: String!) {
    requestVersionChanges(id: $id, comment: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }
  }
`);

const REJECT_VERSION = graphql(`
  mutation ReviewRejectVersion($id: ID!, $text: String!) {
    rejectVersion(id: $id, reason: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }
  }
`);

const COMMENT_ON_VERSION = graphql(`
  mutation ReviewCommentOnVersion($id: ID!, $text: String!) {
    commentOnVersion(id: $id, text: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }
  }
`);

const DELETE_DRAFT = graphql(`
  mutation ReviewDeleteDraft($id: ID!) {
    deleteDraft(id: $id) { deletedId reviewNotes document label error { ...CliMutationError } }
  }
`);

const SHOW_VERSION = graphql(`
  query ReviewShowVersion($id: ID!) {
    draft(id: $id) { ...ReviewVersion }
  }
`);

const VERSION: Subject<VersionDraft> = {
  topic: (command) => (command === 'delete' || command === 'show' ? 'draft' : command),
  kind: 'version',
  field: 'draft',
  step: {
    requestChanges: (client, id, text) => client.mutate(REQUEST_VERSION_CHANGES, { id, text }, 'requestVersionChanges'),
    reject: (client, id, text) => client.mutate(REJECT_VERSION, { id, text }, 'rejectVersion'),
    comment: (client, id, text) => client.mutate(COMMENT_ON_VERSION, { id, text }, 'commentOnVersion'),
  },
  remove: async (client, id) => {
    const payload = await client.mutate(DELETE_DRAFT, { id }, 'deleteDraft');
    return { payload, name: `draft ${payload.document ?? ''} ${payload.label ?? ''}` };
  },
  read: async (client, id) => (await client.query(SHOW_VERSION, { id })).draft,
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

const REQUEST_REVISION_CHANGES = graphql(`
  mutation ReviewRequestRevisionChanges($id: ID!, $text: String!) {
    requestFeatureRevisionChanges(id: $id, comment: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }
  }
`);

const REJECT_REVISION = graphql(`
  mutation ReviewRejectRevision($id: ID!, $text: String!) {
    rejectFeatureRevision(id: $id, reason: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }
  }
`);

const COMMENT_ON_REVISION = graphql(`
  mutation ReviewCommentOnRevision($id: ID!, $text: String!) {
    commentOnFeatureRevision(id: $id, text: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }
  }
`);

const DELETE_REVISION = graphql(`
  mutation ReviewDeleteRevision($id: ID!) {
    deleteFeatureRevision(id: $id) { deletedId reviewNotes feature number error { ...CliMutationError } }
  }
`);

const SHOW_REVISION = graphql(`
  query ReviewShowRevision($id: ID!) {
    featureRevisionDraft(id: $id) { ...ReviewRevision }
  }
`);

const REVISION: Subject<RevisionDraft> = {
  topic: () => 'feature',
  kind: 'revision',
  field: 'revision',
  step: {
    requestChanges: (client, id, text) =>
      client.mutate(REQUEST_REVISION_CHANGES, { id, text }, 'requestFeatureRevisionChanges'),
    reject: (client, id, text) => client.mutate(REJECT_REVISION, { id, text }, 'rejectFeatureRevision'),
    comment: (client, id, text) => client.mutate(COMMENT_ON_REVISION, { id, text }, 'commentOnFeatureRevision'),
  },
  remove: async (client, id) => {
    const payload = await client.mutate(DELETE_REVISION, { id }, 'deleteFeatureRevision');
    return { payload, name: `draft revision ${payload.number ?? ''} of ${payload.feature ?? ''}` };
  },
  read: async (client, id) => (await client.query(SHOW_REVISION, { id })).featureRevisionDraft,
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
  text: { flag: string },
  done: (name: string, subject: T) => string,
): Subcommand {
  const step: ReviewStep = command === 'request-changes' ? 'requestChanges' : command;
  return async (argv) => {
    const flags = parseFlags(argv, { ...ID_FLAGS, [text.flag]: { type: 'string' } }, subject.topic(command));
    const id = flags.required('id');
    const value = flags.required(text.flag);
    const payload = await subject.step[step](connect(flags), id, value);
    const reviewed = payload[subject.field];
    if (reviewed === null || reviewed === undefined)
      throw new Error(`${command} answered neither a result nor an error`);
    progress(done(subject.name(reviewed), reviewed));
    emit(flags.json, payload, () => [`${reviewed.id}\t${reviewed.status}`]);
    return 0;
  };
}

const requestChanges = <T extends Reviewed>(subject: Subject<T>) =>
  textStep(
    subject,
    'request-changes',
    { flag: 'comment' },
    (name, reviewed) =>
      `${name} is back with its author as a draft, with your comment; they edit it (${subject.editHint(reviewed.id)})`,
  );

const reject = <T extends Reviewed>(subject: Subject<T>) =>
  textStep(subject, 'reject', { flag: 'reason' }, (name) =>
    subject.kind === 'version'
      ? `${name} rejected: closed for good; its label is free again for a new draft`
      : `${name} rejected: closed for good`,
  );

const comment = <T extends Reviewed>(subject: Subject<T>) =>
  textStep(subject, 'comment', { flag: 'text' }, (name) => `comment added to ${name}`);

const remove =
  <T extends Reviewed>(subject: Subject<T>): Subcommand =>
  async (argv) => {
    const flags = parseFlags(argv, ID_FLAGS, subject.topic('delete'));
    const id = flags.required('id');
    const { payload, name } = await subject.remove(connect(flags), id);
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
    const found = await subject.read(connect(flags), id);
    if (found === null) {
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

graphql(`
  fragment ReviewRevisionStep on FeatureRevisionPayload {
    revision { id number status feature { slug } }
    error { ...CliMutationError }
  }
`);

const EDIT_REVISION = graphql(`
  mutation ReviewEditRevision($id: ID!, $file: String!) {
    updateFeatureRevision(id: $id, file: $file) { ...ReviewRevisionStep }
  }
`);

const SUBMIT_REVISION = graphql(`
  mutation ReviewSubmitRevision($id: ID!, $comment: String) {
    submitFeatureRevision(id: $id, comment: $comment) { ...ReviewRevisionStep }
  }
`);

/** `feature edit --id ID --file F`: replaces a draft revision with the file (updateFeatureRevision). */
const editRevision: Subcommand = async (argv) => {
  const flags = parseFlags(argv, { ...ID_FLAGS, file: { type: 'string' } }, 'feature');
  const id = flags.required('id');
  const file = readInputFile(flags.required('file'), 'file', 'feature');
  const payload = await connect(flags).mutate(EDIT_REVISION, { id, file }, 'updateFeatureRevision');
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
  const payload = await connect(flags).mutate(
    SUBMIT_REVISION,
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
