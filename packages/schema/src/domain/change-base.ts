/**
 * What a version's public changelog compares it with, and when a publication would silently
 * undo a published change (issue 12; ADR 0005, "Diffs compare with what the reader had").
 *
 * A reader opening a version wants to know what changes for them on the day it takes effect, so
 * its comparison base is the version in force right before that day — effective-date order, the
 * product's in-force rule (as-of.ts), withdrawn versions skipped — and not the last version
 * published: the hash chain follows publication order (ADR 0002), the timeline does not.
 *
 * The rules are generic over dated records so that AI-feature revisions can follow them too; only
 * the "contains" rule below is about clauses.
 */
import { compareEffectiveOrder, type Dated, versionInForce } from './as-of.js';
import { DomainError } from './errors.js';
import type { ClauseInput } from './types.js';

/** A published record of one document's timeline. */
export interface TimelineRecord extends Dated {
  id: string;
  withdrawn: boolean;
}

/**
 * The base of a version about to be published at `effectiveAt`: the existing version in force
 * then. An existing version effective at the same instant counts as before it, because the new
 * one is published after all of them (publication order breaks effective-date ties).
 *
 * Caveat: a record published in the very same millisecond as the new one is ordered by id in
 * as-of.ts; this function still puts the new one last, as the publisher sees it.
 */
export function baseForNewVersion<T extends TimelineRecord>(existing: readonly T[], effectiveAt: Date): T | undefined {
  return versionInForce(
    existing.filter((record) => !record.withdrawn),
    effectiveAt,
  );
}

/** The base of a published record: the last non-withdrawn record before it in effective order. */
export function baseOf<T extends TimelineRecord>(
  timeline: readonly T[],
  subject: Dated & { id: string },
): T | undefined {
  let best: T | undefined;
  for (const record of timeline) {
    if (record.withdrawn || record.id === subject.id) continue;
    if (compareEffectiveOrder(record, subject) >= 0) continue;
    if (best === undefined || compareEffectiveOrder(record, best) > 0) best = record;
  }
  return best;
}

/**
 * The id a record is compared with today: its newest rebase's base when it has been rebased
 * (even to none), else the base stored at publication; null for a first version.
 */
export function currentBaseId(record: {
  changelog: { fromVersionId: string | null } | null;
  /** Newest first. */
  rebases: readonly { fromVersionId: string | null }[];
}): string | null {
  const newest = record.rebases[0];
  return newest !== undefined ? newest.fromVersionId : (record.changelog?.fromVersionId ?? null);
}

/** A timeline record with the id it is compared with today (currentBaseId). */
export interface ComparedRecord extends TimelineRecord {
  currentBaseId: string | null;
}

/**
 * Scheduled records (not withdrawn, effective after `now`) whose comparison base is no longer
 * the record in force right before them: each needs a rebase against `base` (undefined: it has
 * become the first). Records already in effect keep the comparison readers had on that day.
 */
export function staleComparisons<T extends ComparedRecord>(
  timeline: readonly T[],
  now: Date,
): { record: T; base: T | undefined }[] {
  const stale: { record: T; base: T | undefined }[] = [];
  for (const record of timeline) {
    if (record.withdrawn || record.effectiveAt.getTime() <= now.getTime()) continue;
    const base = baseOf(timeline, record);
    if ((base?.id ?? null) !== record.currentBaseId) stale.push({ record, base });
  }
  return stale;
}

// --------------------------------------------------------------------------------------------
// No silent undo

const sameClause = (a: ClauseInput, b: ClauseInput) =>
  a.number === b.number && a.heading === b.heading && a.body === b.body;

const byKey = (clauses: readonly ClauseInput[]) => new Map(clauses.map((clause) => [clause.key, clause]));

/**
 * Keys of the clauses whose presence, number, heading or body differ between two texts: those of
 * `to` in its order, then those only in `from` in theirs. (Position alone is not a change.)
 */
export function changedClauseKeys(from: readonly ClauseInput[], to: readonly ClauseInput[]): string[] {
  const before = byKey(from);
  const after = byKey(to);
  const changed = to.filter((clause) => {
    const old = before.get(clause.key);
    return old === undefined || !sameClause(old, clause);
  });
  const removed = from.filter((clause) => !after.has(clause.key));
  return [...changed, ...removed].map((clause) => clause.key);
}

/**
 * The clauses of a change (from `base` to `next`) that `scheduled` does not contain: for each
 * changed key, `scheduled` must have the clause exactly as `next` has it (same number, heading and
 * body), or not have it when `next` removed it. Empty when `scheduled` contains the change.
 */
export function clausesUndoneBy(input: {
  base: readonly ClauseInput[];
  next: readonly ClauseInput[];
  scheduled: readonly ClauseInput[];
}): string[] {
  const next = byKey(input.next);
  const scheduled = byKey(input.scheduled);
  return changedClauseKeys(input.base, input.next).filter((key) => {
    const wanted = next.get(key);
    const found = scheduled.get(key);
    if (wanted === undefined) return found !== undefined;
    return found === undefined || !sameClause(wanted, found);
  });
}

/** A scheduled version and its text, as the silent-undo check needs it. */
export interface ScheduledText {
  label: string;
  effectiveAt: Date;
  clauses: readonly ClauseInput[];
}

/** How many clause keys a refusal spells out; a rewrite of every clause must not make a huge message. */
const KEYS_IN_MESSAGE = 12;

/**
 * Refuses to publish `next` effective before a scheduled version that does not contain its
 * change (clausesUndoneBy against `base`, the text `next` is compared with): when the scheduled
 * one took effect, it would silently put the old text back. Scheduled versions effective at or
 * before `next` are not concerned (`next` follows them).
 *
 * @throws DomainError CONFLICTS_WITH_SCHEDULED (field effectiveAt), naming the soonest such
 * version, the clauses it would undo and the two ways out.
 */
export function assertNoSilentUndo(input: {
  label: string;
  effectiveAt: Date;
  base: readonly ClauseInput[];
  clauses: readonly ClauseInput[];
  /** Published, not withdrawn, not yet in effect. */
  scheduled: readonly ScheduledText[];
}): void {
  const conflicts = [...input.scheduled]
    .filter((scheduled) => scheduled.effectiveAt.getTime() > input.effectiveAt.getTime())
    .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime())
    .map((scheduled) => ({
      scheduled,
      undone: clausesUndoneBy({ base: input.base, next: input.clauses, scheduled: scheduled.clauses }),
    }))
    .filter(({ undone }) => undone.length > 0);
  const first = conflicts[0];
  if (first === undefined) return;
  const { scheduled, undone } = first;
  const keys =
    undone.length > KEYS_IN_MESSAGE
      ? `${undone.slice(0, KEYS_IN_MESSAGE).join(', ')} and ${undone.length - KEYS_IN_MESSAGE} more`
      : undone.join(', ');
  const clauses = undone.length === 1 ? `clause ${keys}` : `clauses ${keys}`;
  const when = `${formatDay(scheduled.effectiveAt)} (${scheduled.effectiveAt.toISOString()})`;
  const others = conflicts.slice(1).map(({ scheduled: other }) => `${other.label} (${formatDay(other.effectiveAt)})`);
  throw new DomainError(
    'CONFLICTS_WITH_SCHEDULED',
    `Version ${input.label} would take effect on ${formatDay(input.effectiveAt)}, before version ${scheduled.label}, ` +
      `already scheduled to take effect on ${when}, which does not contain its change to ${clauses}: ` +
      `when ${scheduled.label} takes effect it would silently undo that change. ` +
      `Either withdraw ${scheduled.label} and re-issue it on top of the new text, ` +
      `or schedule ${input.label} at or after ${scheduled.label}'s effective date, ${when}.` +
      (others.length === 0 ? '' : ` Also scheduled without this change: ${others.join(', ')}.`),
    'effectiveAt',
  );
}

// --------------------------------------------------------------------------------------------
// Why a comparison changed, in a sentence readers see

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "1 June 2026": the date as an announcement gives it (UTC, like every date Candor publishes). */
export const formatDay = (date: Date): string => DAY.format(date);

/** The reason of a rebase caused by publishing `base`, which now takes effect before the record. */
export function rebaseReasonAfterPublication(input: {
  base: { label: string; publishedAt: Date } | null;
  previousBase: { label: string } | null;
}): string {
  // A publication only adds a version before the record; no base at all means inconsistent data.
  if (input.base === null) return 'Shown as a first version: no version takes effect before it.';
  const instead =
    input.previousBase === null
      ? 'instead of being shown as a first version'
      : `instead of ${input.previousBase.label}`;
  return `Compared with ${input.base.label} (published ${formatDay(input.base.publishedAt)}, effective before this version) ${instead}.`;
}

/** The reason of a rebase caused by the withdrawal of `withdrawn`, which was to take effect before the record. */
export function rebaseReasonAfterWithdrawal(input: {
  base: { label: string } | null;
  withdrawn: { label: string };
  withdrawnAt: Date;
}): string {
  const because = `because ${input.withdrawn.label}, which was to take effect before it, was withdrawn on ${formatDay(input.withdrawnAt)}.`;
  return input.base === null ? `Shown as a first version ${because}` : `Compared with ${input.base.label} ${because}`;
}
