/**
 * `stats import|correct|list|approve|reject|publish`: consent statistics through two-person
 * review. An editor submits a CSV — new figures, or corrections of published ones with the
 * reason — a publisher who did not submit it approves (or rejects) it, and a publisher publishes
 * it as one record of the consent-releases chain. Nothing is public before that last step.
 */

import type { StatsSubmissionFragment as Submission, VersionStatus } from '../../generated/cli/graphql.js';
import { graphql } from '../../generated/cli/index.js';
import { connect } from '../api-client.js';
import { API_FLAGS, type FlagSpecs, type Flags, parseFlags } from '../args.js';
import { type CommandGroup, dispatch, type Subcommand } from '../command.js';
import { RefusedError, UsageError } from '../errors.js';
import { readInputFile } from '../files.js';
import { emit, progress } from '../output.js';

type Kind = Submission['kind'];

// What the commands print of a submission; every document below spreads it.
graphql(`
  fragment StatsSubmission on ConsentSubmission {
    id
    kind
    status
    rowCount
    reason
    submittedAt
    submittedBy { email }
    approvedBy { email }
    rejectedBy { email }
    rejectionReason
    releaseHash
  }
`);

const SUBMIT = graphql(`
  mutation StatsSubmit($csv: String!) {
    submitConsentStatistics(csv: $csv) { submission { ...StatsSubmission } error { ...CliMutationError } }
  }
`);

const CORRECT = graphql(`
  mutation StatsCorrect($csv: String!, $reason: String!) {
    submitConsentCorrection(csv: $csv, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }
  }
`);

const APPROVE = graphql(`
  mutation StatsApprove($id: ID!) {
    approveConsentSubmission(id: $id) { submission { ...StatsSubmission } error { ...CliMutationError } }
  }
`);

const REJECT = graphql(`
  mutation StatsReject($id: ID!, $reason: String!) {
    rejectConsentSubmission(id: $id, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }
  }
`);

const PUBLISH = graphql(`
  mutation StatsPublish($id: ID!) {
    publishConsentSubmission(id: $id) {
      submission { ...StatsSubmission }
      contentHash
      checkpointSequence
      error { ...CliMutationError }
    }
  }
`);

const SHOW = graphql(`
  query StatsShow($id: ID!) {
    consentSubmission(id: $id) { ...StatsSubmission fileHash csv }
  }
`);

const LIST = graphql(`
  query StatsList($status: [VersionStatus!]) {
    consentSubmissions(status: $status) { ...StatsSubmission }
  }
`);

/** The statuses a submission can have (it is never a draft: submitting is its first step). */
const STATUSES = ['IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED'] as const satisfies readonly VersionStatus[];

const TOPIC = 'stats';

const rows = (count: number) => `${count} row${count === 1 ? '' : 's'}`;

/** What a reviewer does next with submission `id`. */
const nextSteps = (id: string) =>
  `a publisher other than you approves: candor stats approve ${id}; then candor stats publish ${id}`;

function required<T>(value: T | null, mutation: string): T {
  if (value === null) throw new Error(`${mutation} answered neither a submission nor an error`);
  return value;
}

/** `stats import` (new figures) and `stats correct` (corrections, with --reason). */
const submit =
  (kind: Kind): Subcommand =>
  async (argv) => {
    const correction = kind === 'CORRECTION';
    const extra: FlagSpecs = correction ? { reason: { type: 'string' } } : {};
    const flags = parseFlags(argv, { ...API_FLAGS, file: { type: 'string' }, ...extra }, TOPIC);
    // Before reading the file: a correction without its reason is a usage error whatever the file.
    const reason = correction ? flags.required('reason') : null;
    const csv = readInputFile(flags.required('file'), 'file', TOPIC);
    const client = connect(flags);
    const mutation = correction ? 'submitConsentCorrection' : 'submitConsentStatistics';
    const payload =
      reason === null
        ? await client.mutate(SUBMIT, { csv }, 'submitConsentStatistics')
        : await client.mutate(CORRECT, { csv, reason }, 'submitConsentCorrection');
    const submission = required(payload.submission, mutation);
    const what = correction ? 'corrections' : 'new figures';
    progress(
      `${rows(submission.rowCount)} of ${what} in review as ${submission.id}; next: ${nextSteps(submission.id)}`,
    );
    emit(flags.json, payload, () => [`${submission.id}\t${submission.status}`]);
    return 0;
  };

/**
 * The flags of a command on one submission, and its id: a bare first word (`stats approve ID`)
 * or `--id ID`, as the other review commands take it.
 */
function submissionFlags(argv: readonly string[], extra: FlagSpecs = {}): { flags: Flags; id: string } {
  const [first, ...rest] = argv;
  const bare = first !== undefined && !first.startsWith('-') ? first : undefined;
  const flags = parseFlags(bare === undefined ? argv : rest, { ...API_FLAGS, id: { type: 'string' }, ...extra }, TOPIC);
  if (bare !== undefined && flags.has('id')) throw new UsageError('give the id once: "ID" or "--id ID"', TOPIC);
  const id = bare ?? flags.string('id');
  if (id === undefined || id.trim() === '') {
    throw new UsageError('the submission\'s id is required (from "stats import" or "stats list")', TOPIC);
  }
  return { flags, id };
}

const approve: Subcommand = async (argv) => {
  const { flags, id } = submissionFlags(argv);
  const payload = await connect(flags).mutate(APPROVE, { id }, 'approveConsentSubmission');
  const submission = required(payload.submission, 'approveConsentSubmission');
  progress(`${rows(submission.rowCount)} approved; next: candor stats publish ${submission.id}`);
  emit(flags.json, payload, () => [`${submission.id}\t${submission.status}`]);
  return 0;
};

const reject: Subcommand = async (argv) => {
  const { flags, id } = submissionFlags(argv, { reason: { type: 'string' } });
  const reason = flags.required('reason');
  const payload = await connect(flags).mutate(REJECT, { id, reason }, 'rejectConsentSubmission');
  const submission = required(payload.submission, 'rejectConsentSubmission');
  progress(
    `${rows(submission.rowCount)} rejected: closed for good; ${submission.submittedBy.email} fixes the file and submits it again`,
  );
  emit(flags.json, payload, () => [`${submission.id}\t${submission.status}`]);
  return 0;
};

const publish: Subcommand = async (argv) => {
  const { flags, id } = submissionFlags(argv);
  const payload = await connect(flags).mutate(PUBLISH, { id }, 'publishConsentSubmission');
  const submission = required(payload.submission, 'publishConsentSubmission');
  const record = submission.kind === 'CORRECTION' ? 'a correction' : 'a release';
  progress(
    `${rows(submission.rowCount)} published as ${record} in the consent-releases chain; small cells are suppressed`,
  );
  emit(flags.json, payload, () => [
    `${submission.id}\t${submission.status}`,
    `contentHash: ${payload.contentHash ?? '—'}`,
    `checkpoint: ${payload.checkpointSequence ?? '—'}`,
  ]);
  return 0;
};

/** `--status IN_REVIEW,approved`: upper-cased and checked; undefined when absent. */
function statusesFrom(flags: Flags): VersionStatus[] | undefined {
  const value = flags.string('status');
  if (value === undefined) return undefined;
  const statuses = value.split(',').map((s) => s.trim().toUpperCase());
  const known = statuses.filter((s): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s));
  if (known.length < statuses.length) {
    throw new UsageError(`--status takes a comma-separated list of ${STATUSES.join(', ')}; got "${value}"`, TOPIC);
  }
  return [...new Set(known)];
}

/** One line of text for a table cell: reasons may hold tabs and line breaks. */
const cell = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The correction's reason and, for a rejected submission, why it was rejected. */
function note(submission: Submission): string {
  const parts = [
    submission.reason === null ? null : cell(submission.reason),
    submission.rejectionReason === null
      ? null
      : `rejected by ${submission.rejectedBy?.email ?? '—'}: ${cell(submission.rejectionReason)}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? '—' : parts.join(' | ');
}

/** `stats show ID`: what a reviewer reads before deciding — the submission, then its CSV as submitted. */
const show: Subcommand = async (argv) => {
  const { flags, id } = submissionFlags(argv);
  const { consentSubmission } = await connect(flags).query(SHOW, { id });
  if (consentSubmission === null) {
    throw new RefusedError({
      code: 'NOT_FOUND',
      message: `No statistics submission with id ${id}`,
      field: 'id',
      problems: [],
    });
  }
  const s = consentSubmission;
  emit(flags.json, s, () => [
    `${s.id}\t${s.kind}\t${s.status}\t${rows(s.rowCount)}`,
    `submitted by ${s.submittedBy.email} at ${s.submittedAt}`,
    ...(s.approvedBy === null ? [] : [`approved by ${s.approvedBy.email}`]),
    ...(s.reason === null ? [] : [`reason: ${cell(s.reason)}`]),
    ...(s.rejectionReason === null ? [] : [`rejected by ${s.rejectedBy?.email ?? '—'}: ${cell(s.rejectionReason)}`]),
    ...(s.releaseHash === null ? [] : [`contentHash: ${s.releaseHash}`]),
    '',
    s.csv.replace(/\s+$/, ''),
  ]);
  return 0;
};

const list: Subcommand = async (argv) => {
  const flags = parseFlags(argv, { ...API_FLAGS, status: { type: 'string' } }, TOPIC);
  const status = statusesFrom(flags);
  const { consentSubmissions } = await connect(flags).query(LIST, { status: status ?? null });
  const count = consentSubmissions.length;
  progress(`${count} submission${count === 1 ? '' : 's'} (${(status ?? ['IN_REVIEW', 'APPROVED']).join(', ')})`);
  emit(flags.json, consentSubmissions, () =>
    consentSubmissions.map((s) =>
      [s.id, s.kind, s.status, s.rowCount, s.submittedBy.email, s.submittedAt, note(s)].join('\t'),
    ),
  );
  return 0;
};

export const statsCommands: CommandGroup = {
  name: 'stats',
  synopsis: [
    ['stats import --file F.csv', 'submit new consent statistics for review; a refusal lists every bad cell'],
    ['stats correct --file F.csv --reason R', 'submit corrections of published statistics for review'],
    ['stats list [--status S,…]', 'list statistics submissions (default: in review and approved)'],
    ['stats show ID', 'one submission and its CSV as submitted, for the reviewer'],
    ['stats approve ID', 'approve statistics in review (publisher, not the submitter)'],
    ['stats reject ID --reason R', 'close statistics in review for good (publisher, not the submitter)'],
    ['stats publish ID', 'publish approved statistics; prints the hash and checkpoint'],
  ],
  usage: `usage:
  pnpm candor stats import --file stats.csv
  pnpm candor stats correct --file corrections.csv --reason "September counted test accounts."
  pnpm candor stats list [--status IN_REVIEW,APPROVED,PUBLISHED,REJECTED]
  pnpm candor stats show ID
  pnpm candor stats approve ID
  pnpm candor stats reject ID --reason R
  pnpm candor stats publish ID

Consent statistics go through two-person review; nothing is public until the last step:
  1. any editor submits a CSV: "import" for new figures, "correct" for corrections;
  2. a publisher or admin who did not submit it approves it, or rejects it with a reason
     (the submitter's own approval is refused with TWO_PERSON_RULE);
  3. a publisher publishes it as one record of the consent-releases chain, under a new signed
     checkpoint.

The CSV has one row per feature × segment × month and the header
  feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft
A file is taken whole or not at all: every problem is printed with its line (the header is line
1) and, for one cell, its column and the column's name, e.g.
  - line 7, column 9 (participantsLeft): participantsLeft (40) is more than participantsJoined (12); …
Owner decisions add up to accountsEligible; the month is no later than this one (UTC) and no
earlier than 2000-01; no count is above 1,000,000,000; participantsJoined and participantsLeft
are both given or both empty, and no more participants leave than join.

"import" refuses figures already published. "correct" takes only figures already published, each
with a different value, and the reason (required, up to 4,000 characters, shown to the public);
the figure it replaces stays on the record, on the site and in the API. Both print
"<id> IN_REVIEW" and the next steps. "publish" checks the file again (against what was published
meanwhile, with the month of publication) and prints "<id> PUBLISHED", the record's content hash
and the checkpoint's sequence. "approve" and "reject" print "<id> <status>".

"show" prints one submission (id, kind, status, rows, who submitted, approved or rejected it, the
reason) and then its CSV exactly as submitted, for the reviewer to read before approving.

"list" prints one line per submission, newest first: id, kind (RELEASE or CORRECTION), status,
rows, submitted by, submitted at, and the correction's reason and why it was rejected (editors).

flags:
  ID             the submission's id (from "stats import", "stats correct" or "stats list");
                 "--id ID" works too
  --file F       the CSV file
  --reason R     correct: why the published figures were wrong (required, public);
                 reject: why, for the submitter (required)
  --status S,…   list: only these statuses (default IN_REVIEW,APPROVED)`,
  run: (argv) =>
    dispatch(TOPIC, argv, {
      import: submit('RELEASE'),
      correct: submit('CORRECTION'),
      list,
      show,
      approve,
      reject,
      publish,
    }),
};
