/**
 * Version lookup by date, in the manner of the Open Terms Archive engine: history is a set of
 * write-once records and the questions are "what was in force at D", "what is coming" and
 * "the history, newest first". No function here assumes its input is sorted.
 */

/** The two instants every version carries: when it binds and when the public could read it. */
export interface Dated {
  effectiveAt: Date;
  publishedAt: Date;
}

/**
 * Effective order: effectiveAt, then publishedAt (a later publication supersedes an earlier one
 * effective at the same instant), then `id` when both records have one. The id tie-break only
 * exists so that results never depend on input order, even for records that share both dates.
 */
export function compareEffectiveOrder(a: Dated, b: Dated): number {
  const byEffective = a.effectiveAt.getTime() - b.effectiveAt.getTime();
  if (byEffective !== 0) return Math.sign(byEffective);
  const byPublished = a.publishedAt.getTime() - b.publishedAt.getTime();
  if (byPublished !== 0) return Math.sign(byPublished);
  const idA = idOf(a);
  const idB = idOf(b);
  if (idA === undefined || idB === undefined || idA === idB) return 0;
  return idA < idB ? -1 : 1;
}

function idOf(value: Dated): string | undefined {
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** Oldest first in effective order; a new array, the input is left alone. */
export function inEffectiveOrder<T extends Dated>(versions: readonly T[]): T[] {
  return [...versions].sort(compareEffectiveOrder);
}

/** What the binding rule reads of a record: when it takes effect (null: not scheduled) and whether it was withdrawn. */
export interface Bindable {
  effectiveAt: Date | null;
  /** Present and not null once withdrawn; records that cannot be withdrawn leave it out. */
  withdrawal?: unknown;
}

/**
 * The in-force rule, the one every part of Candor applies (API, catalogue, domain): a published
 * record binds at `at` when it is effective by then — a record effective exactly at `at` already
 * binds — and has not been withdrawn (a withdrawn record stays in the history but never binds).
 * Among the records that bind, the latest in effective order is in force.
 */
export function bindsAt(record: Bindable, at: Date): boolean {
  return (record.withdrawal ?? null) === null && record.effectiveAt !== null && record.effectiveAt <= at;
}

/** Scheduled: not withdrawn and taking effect after `now` (the API's `upcoming`). */
export function isScheduledAfter(record: Bindable, now: Date): boolean {
  return (record.withdrawal ?? null) === null && record.effectiveAt !== null && record.effectiveAt > now;
}

/**
 * The record in force at `at` among records given newest first in effective order (as the
 * catalogue keeps them): the first that binds. The order lets it stop early, so asking it for
 * every version's timing stays cheap; versionInForce is the same rule over unordered input.
 */
export function inForceNewestFirst<T extends Bindable>(newestFirst: readonly T[], at: Date): T | null {
  return newestFirst.find((record) => bindsAt(record, at)) ?? null;
}

/**
 * The version in force at `at` (bindsAt), whatever the input order. Callers decide beforehand
 * which versions count (e.g. only published ones).
 */
export function versionInForce<T extends Dated & Bindable>(versions: readonly T[], at: Date): T | undefined {
  let best: T | undefined;
  for (const version of versions) {
    if (!bindsAt(version, at)) continue;
    if (best === undefined || compareEffectiveOrder(version, best) > 0) best = version;
  }
  return best;
}

/** Versions that will take effect after `now`, soonest first. */
export function upcomingVersions<T extends Dated>(versions: readonly T[], now: Date): T[] {
  const instant = now.getTime();
  return inEffectiveOrder(versions.filter((v) => v.effectiveAt.getTime() > instant));
}

/** The whole history, newest first (effectiveAt desc, then publishedAt desc). */
export function historyNewestFirst<T extends Dated>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => compareEffectiveOrder(b, a));
}

/** The version after `current` in effective order; undefined when it is the last or not in the list. */
export function nextVersion<T extends Dated & { id: string }>(
  versions: readonly T[],
  current: { id: string },
): T | undefined {
  return neighbour(versions, current, 1);
}

/** The version before `current` in effective order; undefined when it is the first or not in the list. */
export function previousVersion<T extends Dated & { id: string }>(
  versions: readonly T[],
  current: { id: string },
): T | undefined {
  return neighbour(versions, current, -1);
}

function neighbour<T extends Dated & { id: string }>(
  versions: readonly T[],
  current: { id: string },
  step: 1 | -1,
): T | undefined {
  const ordered = inEffectiveOrder(versions);
  const index = ordered.findIndex((v) => v.id === current.id);
  if (index === -1) return undefined;
  return ordered[index + step];
}

/** Whether the public could read a record at `now`: drafts (publishedAt null) never are. */
export function isPublicAt(version: { publishedAt: Date | null }, now: Date): boolean {
  return version.publishedAt !== null && version.publishedAt.getTime() <= now.getTime();
}
