import { indexClausesByKey } from './clause-keys.js';
import { longestIncreasingSubsequence } from './longest-increasing.js';
import type { ClauseInput } from './types.js';
import { type WordDiffPart, wordDiff } from './word-diff.js';

/** A clause as it stands in one version; `position` is its 0-based index in that version. */
export interface ClauseSnapshot {
  number: string;
  heading: string;
  body: string;
  position: number;
}

export type ClauseChangeKind = 'added' | 'removed' | 'modified' | 'moved';

/**
 * How one clause (followed by its stable key) differs between two versions. The flags and
 * diffs compare the two snapshots, so for added and removed clauses they are all false/null.
 */
export interface ClauseChange {
  kind: ClauseChangeKind;
  key: string;
  from: ClauseSnapshot | null;
  to: ClauseSnapshot | null;
  headingChanged: boolean;
  bodyChanged: boolean;
  /** The displayed number changed (e.g. 10.4 became 11.2). */
  renumbered: boolean;
  /** Its order relative to the other clauses present in both versions changed. */
  moved: boolean;
  /** Only when headingChanged. */
  headingDiff: WordDiffPart[] | null;
  /** Only when bodyChanged. */
  bodyDiff: WordDiffPart[] | null;
}

/** One count per kind, plus clauses present in both versions and identical. Every key counts once. */
export interface ClauseComparisonSummary {
  added: number;
  removed: number;
  modified: number;
  moved: number;
  unchanged: number;
}

export interface ClauseComparison {
  changes: ClauseChange[];
  summary: ClauseComparisonSummary;
}

/**
 * Compares two versions clause by clause, matching clauses by key.
 *
 * Kinds, by precedence: added / removed; moved (relative order changed, with the heading and
 * body flags and diffs still filled if the text changed too); modified (heading, body or number
 * changed). Unchanged clauses are only counted.
 *
 * "Moved" is decided by a longest common subsequence of the shared keys: the largest set of
 * clauses that kept their relative order stays put and only the rest are reported as moved, so
 * moving one clause to the end reports one move rather than shifting everything after it.
 *
 * Order of `changes`: by position in `to`; a removed clause comes right after the clause that
 * preceded it in `from` (after the nearest surviving predecessor, or first if there is none),
 * consecutive removed clauses keeping their `from` order.
 *
 * @throws DomainError BAD_USER_INPUT when either list repeats a key.
 */
export function compareClauses(from: readonly ClauseInput[], to: readonly ClauseInput[]): ClauseComparison {
  const fromIndex = indexClausesByKey(from, 'from');
  const toIndex = indexClausesByKey(to, 'to');

  const stayed = keysInStableOrder(from, toIndex);
  const summary: ClauseComparisonSummary = { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0 };

  // Removed clauses grouped by the `to` position of their nearest surviving predecessor (-1: none).
  const removedAfter = new Map<number, ClauseChange[]>();
  let anchor = -1;
  from.forEach((clause, position) => {
    const toPosition = toIndex.get(clause.key);
    if (toPosition !== undefined) {
      anchor = toPosition;
      return;
    }
    summary.removed++;
    const group = removedAfter.get(anchor) ?? [];
    group.push(endpointChange('removed', clause.key, snapshot(clause, position), null));
    removedAfter.set(anchor, group);
  });

  const changes: ClauseChange[] = [...(removedAfter.get(-1) ?? [])];
  to.forEach((clause, position) => {
    const fromPosition = fromIndex.get(clause.key);
    if (fromPosition === undefined) {
      summary.added++;
      changes.push(endpointChange('added', clause.key, null, snapshot(clause, position)));
    } else {
      const before = from[fromPosition] as ClauseInput;
      const change = sharedClauseChange(before, fromPosition, clause, position, !stayed.has(clause.key));
      if (change === null) summary.unchanged++;
      else {
        summary[change.kind]++;
        changes.push(change);
      }
    }
    changes.push(...(removedAfter.get(position) ?? []));
  });

  return { changes, summary };
}

/** Keys of the clauses in both versions that kept their relative order (one longest such set). */
function keysInStableOrder(from: readonly ClauseInput[], toIndex: ReadonlyMap<string, number>): Set<string> {
  const sharedKeys: string[] = [];
  const toPositions: number[] = [];
  for (const clause of from) {
    const toPosition = toIndex.get(clause.key);
    if (toPosition === undefined) continue;
    sharedKeys.push(clause.key);
    toPositions.push(toPosition);
  }
  return new Set(longestIncreasingSubsequence(toPositions).map((i) => sharedKeys[i] as string));
}

function sharedClauseChange(
  before: ClauseInput,
  fromPosition: number,
  after: ClauseInput,
  toPosition: number,
  moved: boolean,
): ClauseChange | null {
  const headingChanged = before.heading !== after.heading;
  const bodyChanged = before.body !== after.body;
  const renumbered = before.number !== after.number;
  if (!moved && !headingChanged && !bodyChanged && !renumbered) return null;
  return {
    kind: moved ? 'moved' : 'modified',
    key: after.key,
    from: snapshot(before, fromPosition),
    to: snapshot(after, toPosition),
    headingChanged,
    bodyChanged,
    renumbered,
    moved,
    headingDiff: headingChanged ? wordDiff(before.heading, after.heading) : null,
    bodyDiff: bodyChanged ? wordDiff(before.body, after.body) : null,
  };
}

function endpointChange(
  kind: 'added' | 'removed',
  key: string,
  from: ClauseSnapshot | null,
  to: ClauseSnapshot | null,
): ClauseChange {
  return {
    kind,
    key,
    from,
    to,
    headingChanged: false,
    bodyChanged: false,
    renumbered: false,
    moved: false,
    headingDiff: null,
    bodyDiff: null,
  };
}

function snapshot(clause: ClauseInput, position: number): ClauseSnapshot {
  return { number: clause.number, heading: clause.heading, body: clause.body, position };
}
