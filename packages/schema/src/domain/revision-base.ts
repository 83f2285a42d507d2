/**
 * What a published AI-feature revision is compared with, and which publications would silently
 * undo a change (issue 12, "Diffs always compare with what the reader had").
 *
 * A reader of a feature's label sees, at any moment, the revision in force then. So a revision's
 * public changes are against its *base*: the revision in force right before it takes effect —
 * in effective-date order, withdrawn revisions skipped (they never bound anyone), ties in
 * publication order (the later publication takes effect over the earlier). Never "the last one
 * published", which after a withdrawal or an out-of-order publication is not what readers had.
 *
 * Pure: callers pass what the database holds.
 */
import { DomainError } from './errors.js';
import { diffFeatureFacts, type FactChange, sameFactValue } from './feature-facts.js';
import type { FeatureFactsInput } from './types.js';

/** A published revision's place in time. */
export interface PlacedRevision {
  id: string;
  /** The revision number within its feature (publication order breaks ties of publishedAt). */
  number: number;
  publishedAt: Date;
  effectiveAt: Date;
  withdrawn: boolean;
}

/**
 * The order in which revisions take effect: effective date, then publication (publishedAt, then
 * number: the order of the feature's hash chain).
 */
export function compareInForceOrder(a: PlacedRevision, b: PlacedRevision): number {
  return (
    a.effectiveAt.getTime() - b.effectiveAt.getTime() ||
    a.publishedAt.getTime() - b.publishedAt.getTime() ||
    a.number - b.number
  );
}

/** The revisions that bind at some time (not withdrawn), other than `target`, in force order. */
const binding = <R extends PlacedRevision>(revisions: readonly R[], target: PlacedRevision): R[] =>
  revisions.filter((r) => !r.withdrawn && r.id !== target.id).sort(compareInForceOrder);

/**
 * The base of `target`: the revision in force right before it takes effect, or null when none
 * takes effect before it (a feature's first revision, or every earlier one withdrawn). `target`
 * need not be among `revisions` (a revision about to be published).
 */
export function revisionBefore<R extends PlacedRevision>(revisions: readonly R[], target: PlacedRevision): R | null {
  let before: R | null = null;
  for (const revision of binding(revisions, target)) {
    if (compareInForceOrder(revision, target) >= 0) break;
    before = revision;
  }
  return before;
}

/** The revisions that take effect after `target` (withdrawn ones skipped), soonest first. */
export const revisionsAfter = <R extends PlacedRevision>(revisions: readonly R[], target: PlacedRevision): R[] =>
  binding(revisions, target).filter((revision) => compareInForceOrder(revision, target) > 0);

/**
 * The changes `next` makes to `base` that `later` does not keep: for every segment × field that
 * differs between base and next, later must state next's value (lists as sets, as
 * diffFeatureFacts compares them). A later revision drafted before `next` existed would, when it
 * takes effect, undo these without anyone having decided so. Empty when later contains next.
 */
export function undoneChanges(
  base: Readonly<Record<string, FeatureFactsInput>> | null,
  next: Readonly<Record<string, FeatureFactsInput>>,
  later: Readonly<Record<string, FeatureFactsInput>>,
): FactChange[] {
  return diffFeatureFacts(base === null ? null : { ...base }, { ...next }).filter((change) => {
    const kept = Object.hasOwn(later, change.segment) ? later[change.segment] : undefined;
    if (kept === undefined) return change.to !== null;
    return !sameFactValue(change.field, kept[change.field], change.to);
  });
}

/**
 * Refuses to publish `next` (number, effective date) when a revision scheduled after it would
 * undo part of it: publishing it would look like a change readers get, until the scheduled one
 * silently takes it back.
 *
 * @throws DomainError CONFLICTS_WITH_SCHEDULED (field effectiveAt) naming the scheduled revision,
 * its effective date, the segments and fields it would undo, and the two ways out.
 */
export function assertNotUndoneByScheduled(input: {
  feature: string;
  effectiveAt: Date;
  base: Readonly<Record<string, FeatureFactsInput>> | null;
  next: Readonly<Record<string, FeatureFactsInput>>;
  /** The revisions taking effect after `next`, soonest first, with their facts. */
  later: readonly { number: number; effectiveAt: Date; facts: Readonly<Record<string, FeatureFactsInput>> }[];
}): void {
  for (const scheduled of input.later) {
    const undone = undoneChanges(input.base, input.next, scheduled.facts);
    if (undone.length === 0) continue;
    const date = scheduled.effectiveAt.toISOString();
    throw new DomainError(
      'CONFLICTS_WITH_SCHEDULED',
      `Revision ${scheduled.number} of ${input.feature} is scheduled to take effect on ${date}, after this one ` +
        `(${input.effectiveAt.toISOString()}), and does not contain this change: it would undo ${describeFields(undone)}. ` +
        `Either withdraw revision ${scheduled.number} and re-issue it on top of this revision, ` +
        `or schedule this revision to take effect at or after ${date}.`,
      'effectiveAt',
    );
  }
}

/** "consumer (trainsFirstPartyModels, retention); business (defaultState)". */
function describeFields(changes: readonly FactChange[]): string {
  const bySegment = new Map<string, string[]>();
  for (const change of changes) bySegment.set(change.segment, [...(bySegment.get(change.segment) ?? []), change.field]);
  return [...bySegment].map(([segment, fields]) => `${segment} (${fields.join(', ')})`).join('; ');
}

/** A revision not yet in effect, and the base its public changes currently compare with. */
export interface ComparedRevision extends PlacedRevision {
  /**
   * The id of the revision its public changes compare with now: its newest rebase's, else the
   * one stored at publication; null when compared with nothing.
   */
  comparedWith: string | null;
}

/**
 * The scheduled revisions (effective after `now`, not withdrawn) whose public changes no longer
 * compare with the revision in force right before them — after a withdrawal, or a publication
 * that takes effect before them — each with the base they must now compare with. Revisions in
 * effect are left alone: what they were compared with when they took effect is history.
 */
export function staleComparisons<R extends ComparedRevision>(
  revisions: readonly R[],
  now: Date,
): { revision: R; base: R | null }[] {
  return revisions.flatMap((revision) => {
    if (revision.withdrawn || revision.effectiveAt.getTime() <= now.getTime()) return [];
    const base = revisionBefore(revisions, revision);
    return (base?.id ?? null) === revision.comparedWith ? [] : [{ revision, base }];
  });
}
