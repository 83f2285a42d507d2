/**
 * The editorial lifecycle of a version (and of an AI-feature revision), as pure rules the API
 * calls before it writes:
 *
 *   DRAFT --submit--> IN_REVIEW --approve--> APPROVED --publish--> PUBLISHED
 *
 * `edit` is only allowed on a draft: what a reviewer approved must be what gets published.
 * `withdraw` applies to a published version that has not taken effect yet (a "scheduled" one):
 * it keeps status PUBLISHED and is marked withdrawn, because published records are never
 * deleted or rewritten, only superseded.
 */
import { DomainError } from './errors.js';

export const VERSION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const WORKFLOW_ACTIONS = ['edit', 'submit', 'approve', 'publish', 'withdraw'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** For each action, the status it is allowed from and the status it leaves the version in. */
export const WORKFLOW_TRANSITIONS = {
  edit: { from: 'DRAFT', to: 'DRAFT' },
  submit: { from: 'DRAFT', to: 'IN_REVIEW' },
  approve: { from: 'IN_REVIEW', to: 'APPROVED' },
  publish: { from: 'APPROVED', to: 'PUBLISHED' },
  withdraw: { from: 'PUBLISHED', to: 'PUBLISHED' },
} as const satisfies Record<WorkflowAction, { from: VersionStatus; to: VersionStatus }>;

/** Grace for clocks: an effectiveAt computed as "now" by a client is a little late on arrival. */
export const EFFECTIVE_DATE_GRACE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * @returns the status after `action`.
 * @throws DomainError INVALID_STATE naming the current status and the action when `action` is
 * not allowed from `status` (or either is unknown). Whether a published version has taken
 * effect is assertWithdrawable's question.
 */
export function assertCanTransition(status: VersionStatus, action: WorkflowAction): VersionStatus {
  // hasOwn: the action may come from outside TypeScript, and "toString" is not an action.
  const transition = Object.hasOwn(WORKFLOW_TRANSITIONS, action) ? WORKFLOW_TRANSITIONS[action] : undefined;
  if (transition === undefined) {
    throw new DomainError('INVALID_STATE', `Unknown workflow action "${action}".`);
  }
  if (status !== transition.from) {
    throw new DomainError(
      'INVALID_STATE',
      `Cannot ${action} a version that is ${status}: ${action} is only allowed from ${transition.from}.`,
    );
  }
  return transition.to;
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
