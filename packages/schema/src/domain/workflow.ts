/**
 * The editorial lifecycle of a version (and of an AI-feature revision), as pure rules the API
 * calls before it writes:
 *
 *   DRAFT --submit--> IN_REVIEW --approve--> APPROVED --publish--> PUBLISHED
 *     ^                  |                      |
 *     +--requestChanges--+----------------------+
 *                        |                      |
 *                        +--------reject--------+--> REJECTED (closed for good)
 *
 * `edit` is only allowed on a draft: what a reviewer approved must be what gets published, so a
 * reviewer who wants a change sends the draft back (requestChanges, with a comment) and the
 * author edits and submits it again. `reject` closes a version for good and frees its label.
 * `withdraw` applies to a published version that has not taken effect yet (a "scheduled" one):
 * it keeps status PUBLISHED and is marked withdrawn, because published records are never
 * deleted or rewritten, only superseded. A draft may be deleted (assertDeletable); nothing else.
 */
import { DomainError } from './errors.js';

export const VERSION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const WORKFLOW_ACTIONS = [
  'edit',
  'submit',
  'approve',
  'publish',
  'withdraw',
  'requestChanges',
  'reject',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** For each action, the statuses it is allowed from and the status it leaves the version in. */
export const WORKFLOW_TRANSITIONS = {
  edit: { from: ['DRAFT'], to: 'DRAFT' },
  submit: { from: ['DRAFT'], to: 'IN_REVIEW' },
  approve: { from: ['IN_REVIEW'], to: 'APPROVED' },
  publish: { from: ['APPROVED'], to: 'PUBLISHED' },
  withdraw: { from: ['PUBLISHED'], to: 'PUBLISHED' },
  // An approval is not a publication: a publisher who spots a problem after approving can still
  // send the version back or close it.
  requestChanges: { from: ['IN_REVIEW', 'APPROVED'], to: 'DRAFT' },
  reject: { from: ['IN_REVIEW', 'APPROVED'], to: 'REJECTED' },
} as const satisfies Record<WorkflowAction, { from: readonly VersionStatus[]; to: VersionStatus }>;

/** The statuses in which a version is still being worked on: people may comment on it. */
export const OPEN_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED'] as const satisfies readonly VersionStatus[];

/** What each action is called in a sentence ("Cannot … a version"). */
const ACTION_WORDS: Record<WorkflowAction, string> = {
  edit: 'edit',
  submit: 'submit',
  approve: 'approve',
  publish: 'publish',
  withdraw: 'withdraw',
  requestChanges: 'request changes on',
  reject: 'reject',
};

/** What the rules are about: a terms version or an AI-feature revision (for messages only). */
export type WorkflowSubject = 'version' | 'revision' | 'statistics submission';

/** Grace for clocks: an effectiveAt computed as "now" by a client is a little late on arrival. */
export const EFFECTIVE_DATE_GRACE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * @returns the status after `action`.
 * @throws DomainError INVALID_STATE naming the current status and the action when `action` is
 * not allowed from `status` (or either is unknown). Whether a published version has taken
 * effect is assertWithdrawable's question.
 */
export function assertCanTransition(
  status: VersionStatus,
  action: WorkflowAction,
  subject: WorkflowSubject = 'version',
): VersionStatus {
  // hasOwn: the action may come from outside TypeScript, and "toString" is not an action.
  const transition = Object.hasOwn(WORKFLOW_TRANSITIONS, action) ? WORKFLOW_TRANSITIONS[action] : undefined;
  if (transition === undefined) {
    throw new DomainError('INVALID_STATE', `Unknown workflow action "${action}".`);
  }
  if (!(transition.from as readonly string[]).includes(status)) {
    throw new DomainError(
      'INVALID_STATE',
      `Cannot ${ACTION_WORDS[action]} a ${subject} that is ${status}: ${action} is only allowed from ${transition.from.join(' or ')}.${closedHint(status, subject)}`,
    );
  }
  return transition.to;
}

/** Where to go from a closed status, for the end of a refusal. */
function closedHint(status: VersionStatus, subject: WorkflowSubject): string {
  if (status === 'REJECTED') {
    if (subject === 'statistics submission') {
      return ' A rejected submission is closed for good: submit the fixed file again.';
    }
    return subject === 'version'
      ? ' A rejected version is closed for good: write a new draft (its label is free again).'
      : ' A rejected revision is closed for good: draft a new revision.';
  }
  return '';
}

/** The roles of the people who work on versions (Editor.role). */
export type EditorRole = 'EDITOR' | 'PUBLISHER' | 'ADMIN';

/** Who is asking: the signed-in editor, or null for nobody. */
export interface WorkflowActor {
  editorId: string;
  role: EditorRole;
}

const mayReview = (role: EditorRole) => role === 'PUBLISHER' || role === 'ADMIN';

/**
 * Who may send a version back or reject it: a publisher or an admin who is not its author (the
 * two-person rule, as for approving). A version with no recorded author (imported or seeded) can
 * be reviewed by any publisher.
 *
 * @throws DomainError UNAUTHENTICATED without an actor, FORBIDDEN for an editor, TWO_PERSON_RULE
 * for the author.
 */
export function assertMayReview(
  actor: WorkflowActor | null,
  authorId: string | null,
  subject: WorkflowSubject = 'version',
): asserts actor is WorkflowActor {
  if (actor === null || actor.editorId === '') {
    throw new DomainError('UNAUTHENTICATED', `Sign in to review a ${subject}.`);
  }
  if (!mayReview(actor.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `Only a publisher or an admin may request changes on or reject a ${subject}; your role is ${actor.role.toLowerCase()}.`,
    );
  }
  if (authorId === actor.editorId) {
    throw new DomainError(
      'TWO_PERSON_RULE',
      `A ${subject} must be reviewed by someone other than its author; to change your own ${subject} while it is in review, ask another publisher to request changes.`,
    );
  }
}

/**
 * Whether a version may be commented on: while it is open (draft, in review or approved), by any
 * editor. A published or rejected version is closed; its notes stay readable.
 *
 * @throws DomainError INVALID_STATE for a closed version.
 */
export function assertMayComment(status: VersionStatus, subject: WorkflowSubject = 'version'): void {
  if (!(OPEN_STATUSES as readonly string[]).includes(status)) {
    throw new DomainError(
      'INVALID_STATE',
      `Cannot comment on a ${subject} that is ${status}: only a ${subject} in DRAFT, IN_REVIEW or APPROVED takes comments.`,
    );
  }
}

/**
 * A draft may be deleted by its author or by an admin, while it is a DRAFT: one never submitted,
 * or one sent back for changes that its author gives up (the review notes go with it; every
 * transition and note stays in the audit log). A draft without a recorded author can only be
 * deleted by an admin. Anything in review, approved, published or rejected is never deleted:
 * send it back or reject it instead.
 *
 * @throws DomainError UNAUTHENTICATED without an actor, INVALID_STATE when not a draft, FORBIDDEN
 * for someone else's draft.
 */
export function assertDeletable(
  input: { status: VersionStatus; authorId: string | null; actor: WorkflowActor | null },
  subject: WorkflowSubject = 'version',
): void {
  const { actor } = input;
  if (actor === null || actor.editorId === '') throw new DomainError('UNAUTHENTICATED', 'Sign in to delete a draft.');
  if (input.status !== 'DRAFT') {
    const way =
      input.status === 'IN_REVIEW' || input.status === 'APPROVED'
        ? ' A reviewer can send it back (request changes) or reject it.'
        : input.status === 'PUBLISHED'
          ? ' A published record is never deleted; it can be withdrawn before it takes effect.'
          : '';
    throw new DomainError(
      'INVALID_STATE',
      `Cannot delete a ${subject} that is ${input.status}: only a draft can be deleted.${way}`,
    );
  }
  if (actor.role !== 'ADMIN' && input.authorId !== actor.editorId) {
    throw new DomainError('FORBIDDEN', 'Only the author of a draft, or an admin, may delete it.');
  }
}

/**
 * The two-person rule: whoever wrote a version cannot approve it. A version with no recorded
 * author (imported or seeded) can be approved by anyone signed in.
 *
 * @throws DomainError UNAUTHENTICATED without an approver, TWO_PERSON_RULE when the approver
 * is the author.
 */
export function assertTwoPersonRule(authorId: string | null, approverId: string): void {
  if (approverId === '') throw new DomainError('UNAUTHENTICATED', 'Sign in to approve a version.');
  if (authorId === approverId) {
    throw new DomainError('TWO_PERSON_RULE', 'A version must be approved by someone other than its author.');
  }
}

export interface EffectiveDateInput {
  material: boolean;
  /** The document's notice period for material changes. */
  noticePeriodDays: number;
  now: Date;
  effectiveAt: Date;
}

/**
 * The earliest instant a version may take effect: now for a non-material change, now plus the
 * notice period (whole days of 24 hours, UTC) for a material one.
 *
 * @throws DomainError BAD_USER_INPUT for an invalid date or notice period.
 */
export function earliestEffectiveAt({
  material,
  noticePeriodDays,
  now,
}: Omit<EffectiveDateInput, 'effectiveAt'>): Date {
  assertValidDate(now, 'now');
  if (!Number.isSafeInteger(noticePeriodDays) || noticePeriodDays < 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'noticePeriodDays must be a whole number of zero or more.',
      'noticePeriodDays',
    );
  }
  return new Date(now.getTime() + (material ? noticePeriodDays * DAY_MS : 0));
}

/**
 * Checks a proposed effectiveAt. A version cannot take effect in the past (beyond a minute of
 * clock grace), since people would be bound by terms they could not have read; a material one
 * must also give the document's full notice period.
 *
 * @throws DomainError EFFECTIVE_DATE_IN_PAST or NOTICE_PERIOD (field effectiveAt), the latter
 * stating the earliest allowed instant; BAD_USER_INPUT for invalid dates.
 */
export function checkEffectiveDate(input: EffectiveDateInput): void {
  assertValidDate(input.effectiveAt, 'effectiveAt');
  const earliest = earliestEffectiveAt(input);
  const at = input.effectiveAt.getTime();
  if (at < input.now.getTime() - EFFECTIVE_DATE_GRACE_MS) {
    throw new DomainError(
      'EFFECTIVE_DATE_IN_PAST',
      `effectiveAt (${input.effectiveAt.toISOString()}) is in the past; it must be ${earliest.toISOString()} or later.`,
      'effectiveAt',
    );
  }
  if (input.material && at < earliest.getTime()) {
    throw new DomainError(
      'NOTICE_PERIOD',
      `A material change needs ${input.noticePeriodDays} days' notice: effectiveAt must be ${earliest.toISOString()} or later.`,
      'effectiveAt',
    );
  }
}

export interface SegmentExplanation {
  segment: string;
  summary: string;
  whatChanges: string;
  affected: boolean;
}

/**
 * A material version must tell every segment, in plain language, what the terms mean for it,
 * and every segment it affects what changes: that is the point of the portal. Non-material
 * versions need nothing. Explanations for segments not listed are ignored here.
 *
 * @throws DomainError EXPLANATIONS_MISSING (field explanations) listing each segment at fault.
 */
export function assertExplanationsComplete(input: {
  material: boolean;
  segments: readonly string[];
  explanations: readonly SegmentExplanation[];
}): void {
  if (!input.material) return;
  const bySegment = new Map(input.explanations.map((e) => [e.segment, e]));
  const missing: string[] = [];
  for (const segment of input.segments) {
    const explanation = bySegment.get(segment);
    if (explanation === undefined || explanation.summary.trim() === '') missing.push(`${segment} (no summary)`);
    else if (explanation.affected && explanation.whatChanges.trim() === '') {
      missing.push(`${segment} (affected, but no "what changes")`);
    }
  }
  if (missing.length > 0) {
    throw new DomainError(
      'EXPLANATIONS_MISSING',
      `A material version needs an explanation for every segment: ${missing.join(', ')}.`,
      'explanations',
    );
  }
}

/**
 * A published version can be withdrawn until it takes effect; from effectiveAt on it binds
 * people and can only be superseded by a new version. Effective exactly at `now` counts as in
 * effect, as in versionInForce.
 *
 * @throws DomainError INVALID_STATE when not published or already withdrawn, ALREADY_IN_EFFECT
 * once effectiveAt has come.
 */
export function assertWithdrawable(input: {
  status: VersionStatus;
  effectiveAt: Date;
  now: Date;
  withdrawn: boolean;
}): void {
  assertCanTransition(input.status, 'withdraw');
  if (input.withdrawn) throw new DomainError('INVALID_STATE', 'This version has already been withdrawn.');
  assertValidDate(input.effectiveAt, 'effectiveAt');
  assertValidDate(input.now, 'now');
  if (input.effectiveAt.getTime() <= input.now.getTime()) {
    throw new DomainError(
      'ALREADY_IN_EFFECT',
      `This version took effect at ${input.effectiveAt.toISOString()} and can no longer be withdrawn; publish a new version instead.`,
    );
  }
}

function assertValidDate(date: Date, field: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new DomainError('BAD_USER_INPUT', `${field} is not a valid date.`, field);
  }
}
