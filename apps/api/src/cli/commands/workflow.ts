/**
 * `submit`, `approve`, `publish`, `withdraw`: a terms version's way from draft to the public. The
 * way back (request changes, reject, comment, delete) is review.ts.
 */
import { graphql } from '../../generated/cli/index.js';
import { connect } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import type { CommandGroup } from '../command.js';
import { emit, progress } from '../output.js';

const APPROVE = graphql(`
  mutation WorkflowApprove($id: ID!) {
    approveVersion(id: $id) { draft { id label status document { slug } } error { ...CliMutationError } }
  }
`);

const SUBMIT = graphql(`
  mutation WorkflowSubmit($id: ID!, $comment: String) {
    submitForReview(id: $id, comment: $comment) {
      draft { id label status material earliestEffectiveAt document { slug } }
      error { ...CliMutationError }
    }
  }
`);

// A publication or withdrawal; `rebased` lists the scheduled versions now compared with another
// version (Version.changes says why).
graphql(`
  fragment WorkflowPublication on PublishPayload {
    version { id label contentHash previousHash publishedAt effectiveAt timing document { slug } }
    checkpointSequence
    rebased
    error { ...CliMutationError }
  }
`);

const PUBLISH = graphql(`
  mutation WorkflowPublish($id: ID!, $effectiveAt: DateTime) {
    publishVersion(id: $id, effectiveAt: $effectiveAt) { ...WorkflowPublication }
  }
`);

const WITHDRAW = graphql(`
  mutation WorkflowWithdraw($id: ID!, $reason: String!) {
    withdrawVersion(id: $id, reason: $reason) { ...WorkflowPublication }
  }
`);

const ID_FLAGS = { ...API_FLAGS, id: { type: 'string' } } as const;

/** approveVersion: the publisher's step on a version in review. */
const approveRun: CommandGroup['run'] = async (argv) => {
  const flags = parseFlags(argv, ID_FLAGS, 'approve');
  const id = flags.required('id');
  const payload = await connect(flags).mutate(APPROVE, { id }, 'approveVersion');
  const draft = payload.draft;
  if (draft === null) throw new Error('approveVersion answered neither a version nor an error');
  progress(`${draft.document.slug} ${draft.label} approved; next: "publish"`);
  emit(flags.json, payload, () => [`${draft.id}\t${draft.status}`]);
  return 0;
};

/** submitForReview, with the author's optional note; says from when it could take effect. */
const submitRun: CommandGroup['run'] = async (argv) => {
  const flags = parseFlags(argv, { ...ID_FLAGS, comment: { type: 'string' } }, 'submit');
  const id = flags.required('id');
  const payload = await connect(flags).mutate(
    SUBMIT,
    { id, comment: flags.string('comment') ?? null },
    'submitForReview',
  );
  const draft = payload.draft;
  if (draft === null) throw new Error('submitForReview answered neither a version nor an error');
  progress(
    `${draft.document.slug} ${draft.label} is in review; a publisher who is not its author approves it, requests changes or rejects it`,
  );
  if (draft.material && draft.earliestEffectiveAt !== null) {
    progress(`material: if published now, it may take effect from ${draft.earliestEffectiveAt} (notice period)`);
  }
  emit(flags.json, payload, () => [`${draft.id}\t${draft.status}`]);
  return 0;
};

const publishRun: CommandGroup['run'] = async (argv) => {
  const flags = parseFlags(argv, { ...ID_FLAGS, 'effective-at': { type: 'string' } }, 'publish');
  const id = flags.required('id');
  const effectiveAt = flags.instant('effective-at');
  const payload = await connect(flags).mutate(
    PUBLISH,
    { id, effectiveAt: effectiveAt?.toISOString() ?? null },
    'publishVersion',
  );
  const version = payload.version;
  if (version === null) throw new Error('publishVersion answered neither a version nor an error');
  progress(`published ${version.document.slug} ${version.label} (${version.timing.toLowerCase().replace('_', ' ')})`);
  emit(flags.json, payload, () => [
    `contentHash: ${version.contentHash}`,
    `previousHash: ${version.previousHash ?? 'null'}`,
    `publishedAt: ${version.publishedAt}`,
    `effectiveAt: ${version.effectiveAt}`,
    `checkpoint: ${payload.checkpointSequence ?? '—'}`,
    ...rebasedLines(payload.rebased),
  ]);
  return 0;
};

/** One line per scheduled version whose public comparison the write changed. */
const rebasedLines = (labels: string[] | null) => (labels ?? []).map((label) => `rebased: ${label}`);

const withdrawRun: CommandGroup['run'] = async (argv) => {
  const flags = parseFlags(argv, { ...ID_FLAGS, reason: { type: 'string' } }, 'withdraw');
  const id = flags.required('id');
  const reason = flags.required('reason');
  const payload = await connect(flags).mutate(WITHDRAW, { id, reason }, 'withdrawVersion');
  const version = payload.version;
  if (version === null) throw new Error('withdrawVersion answered neither a version nor an error');
  progress(`${version.document.slug} ${version.label} withdrawn; it stays in the history and the hash chain`);
  for (const label of payload.rebased ?? []) progress(`${label} is now compared with what takes effect before it`);
  emit(flags.json, payload, () => [
    `${version.id}\tWITHDRAWN`,
    `checkpoint: ${payload.checkpointSequence ?? '—'}`,
    ...rebasedLines(payload.rebased),
  ]);
  return 0;
};

const ID_HELP = '  --id ID        the version\'s id (from "draft create" or "draft list")';

export const submitCommand: CommandGroup = {
  name: 'submit',
  synopsis: [['submit --id ID [--comment T]', 'submit a draft for review, or again after changes were requested']],
  usage: `usage:
  pnpm candor submit --id ID [--comment TEXT]

Submits a draft for review (any editor), or submits it again after a reviewer requested changes
("request-changes"; "draft show --id ID" shows what they said). It runs publication's checks
first and refuses with the same codes: EXPLANATIONS_MISSING for a material version without an
explanation for every segment its document applies to, NO_CHANGE for a text identical to the
version it would follow (the one in force and, if any, each scheduled one). The notice period is
checked at publication, where the effective date is given; for a material version this prints
the earliest date it allows if published now. Prints "<id> IN_REVIEW".

flags:
${ID_HELP}
  --comment T    a note for the reviewer, e.g. what you fixed (up to 4,000 characters)`,
  run: submitRun,
};

export const approveCommand: CommandGroup = {
  name: 'approve',
  synopsis: [['approve --id ID', 'approve a version in review (publisher, not its author)']],
  usage: `usage:
  pnpm candor approve --id ID

Approves a version in review (publishers and admins). Two-person rule: its author cannot approve
it (refused with TWO_PERSON_RULE). Prints "<id> APPROVED". To send it back instead:
"request-changes"; to close it: "reject".

flags:
${ID_HELP}`,
  run: approveRun,
};

export const publishCommand: CommandGroup = {
  name: 'publish',
  synopsis: [
    ['publish --id ID [--effective-at ISO]', 'publish an approved version; prints its hash, dates and checkpoint'],
  ],
  usage: `usage:
  pnpm candor publish --id ID [--effective-at ISO]

Publishes an approved version now (publishers and admins), effective at --effective-at (default:
now). A material version must give the document's notice period (refused with NOTICE_PERIOD)
and explain itself to every segment (EXPLANATIONS_MISSING). A version that would take effect
before an already scheduled one that does not contain its change is refused with
CONFLICTS_WITH_SCHEDULED: withdraw the scheduled one and re-issue it on top of the new text, or
publish this one effective at or after it. A version whose text is identical to the one it
would follow is refused with NO_CHANGE. Prints the content hash, the previous hash,
publishedAt, effectiveAt, the sequence of the signed checkpoint it issued and a "rebased: LABEL"
line for each scheduled version now compared with this one.

flags:
${ID_HELP}
  --effective-at T  when it binds: 2027-02-01 or 2027-02-01T00:00:00Z`,
  run: publishRun,
};

export const withdrawCommand: CommandGroup = {
  name: 'withdraw',
  synopsis: [['withdraw --id ID --reason R', 'withdraw a published version before it takes effect']],
  usage: `usage:
  pnpm candor withdraw --id ID --reason R

Withdraws a published version that has not taken effect yet (publishers and admins; refused
with ALREADY_IN_EFFECT otherwise). It stays in the history and its hash chain, marked
withdrawn; the withdrawal joins the withdrawals chain and a signed checkpoint is issued.
Scheduled versions that followed it are compared again with what now takes effect before them.
Prints "<id> WITHDRAWN", the checkpoint's sequence and a "rebased: LABEL" line for each.

flags:
${ID_HELP}
  --reason R     why, shown to the public`,
  run: withdrawRun,
};
