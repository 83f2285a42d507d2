/**
 * Comparisons the site computes at build time, beyond the one stored with each version: any two
 * versions of a document (the compare pages), which version was in force when (the "as of" page)
 * and one clause through the history (the clause history pages). The diffs come from the domain
 * (compareClauses, wordDiff): the same functions the publisher stores changelogs with.
 */
import { bindsAt, compareClauses, inEffectiveOrder, wordDiff } from '@candor/schema/domain';
import type { ClauseChange, VersionEntry, WordDiffPart } from './entry-types';

/**
 * A document with at most this many versions gets a page for every pair (older → newer): 30
 * versions make 435 pages. Beyond, pairs explode quadratically (10,000 versions would make 50
 * million), so only the pairs a reader most needs are offered: each version against the one before
 * it, and the version in force against the first version and against the ALL_PAIRS_UP_TO versions
 * on each side of it. A comparison of two distant versions rewrites most clauses and costs ~30 ms
 * of build time (pnpm bench:site at 1,000 versions: pairing every version with the one in force
 * tripled the build's CPU), so the version in force is not paired with every version of a long
 * history.
 */
export const ALL_PAIRS_UP_TO = 30;

/** What comparisonPairs needs of a version. */
export type Comparable = Pick<VersionEntry, 'label' | 'effectiveAt' | 'publishedAt'>;

/** A pair of labels, the older version (in effective order) first. */
export interface LabelPair {
  from: string;
  to: string;
}

/** The versions in effective order (oldest first; a later publication after an earlier one at the same instant). */
export function oldestFirst<T extends Comparable>(versions: readonly T[]): T[] {
  return inEffectiveOrder(versions);
}

/**
 * The pairs offered for comparison: all of them (older → newer) up to ALL_PAIRS_UP_TO versions;
 * beyond, consecutive pairs and the version in force (`inForce`, null when none) with the first
 * version and with the ALL_PAIRS_UP_TO versions on each side of it.
 */
export function comparisonPairs(versions: readonly Comparable[], inForce: string | null): LabelPair[] {
  const ordered = oldestFirst(versions).map((version) => version.label);
  const pairs: LabelPair[] = [];
  if (ordered.length <= ALL_PAIRS_UP_TO) {
    ordered.forEach((from, i) => {
      for (const to of ordered.slice(i + 1)) pairs.push({ from, to });
    });
    return pairs;
  }
  const position = inForce === null ? -1 : ordered.indexOf(inForce);
  ordered.forEach((label, i) => {
    const next = ordered[i + 1];
    if (next !== undefined) pairs.push({ from: label, to: next });
    // With the version in force, unless that pair is the consecutive one just added.
    if (position < 0 || Math.abs(i - position) <= 1) return;
    if (i !== 0 && Math.abs(i - position) > ALL_PAIRS_UP_TO) return;
    pairs.push(i < position ? { from: label, to: inForce as string } : { from: inForce as string, to: label });
  });
  return pairs;
}

/** The comparison of two versions as a stored changelog reads (GraphQL spelling), computed now. */
export interface Comparison {
  summary: { added: number; removed: number; modified: number; moved: number; unchanged: number };
  changes: ClauseChange[];
}

const upperParts = (parts: WordDiffPart[] | null | { op: string; text: string }[]): WordDiffPart[] | null =>
  parts === null ? null : parts.map((part) => ({ op: part.op.toUpperCase() as WordDiffPart['op'], text: part.text }));

/** Compares two versions clause by clause with the domain's compareClauses (the publisher's own comparison). */
export function compareVersions(from: Pick<VersionEntry, 'clauses'>, to: Pick<VersionEntry, 'clauses'>): Comparison {
  const { summary, changes } = compareClauses(from.clauses, to.clauses);
  return {
    summary,
    changes: changes.map((change) => ({
      key: change.key,
      kind: change.kind.toUpperCase() as ClauseChange['kind'],
      moved: change.moved,
      renumbered: change.renumbered,
      headingChanged: change.headingChanged,
      bodyChanged: change.bodyChanged,
      from: change.from,
      to: change.to,
      headingDiff: upperParts(change.headingDiff),
      bodyDiff: upperParts(change.bodyDiff),
    })),
  };
}

/** One stretch of time and the version in force during it (`until` null: still in force, or upcoming). */
export interface InForceRange {
  label: string;
  from: Date;
  until: Date | null;
}

/**
 * Which version was (or will be) in force when: the domain's rule (bindsAt) — a version binds from
 * its effective date until the next one that binds; a withdrawn version never binds, and a version
 * superseded at the very instant it took effect had no time in force, so neither is listed.
 */
export function inForceRanges(
  versions: readonly Pick<VersionEntry, 'label' | 'effectiveAt' | 'publishedAt' | 'withdrawal'>[],
): InForceRange[] {
  const binding = oldestFirst(versions).filter((version) => bindsAt(version, new Date(8.64e15)));
  return binding.flatMap((version, i): InForceRange[] => {
    const next = binding[i + 1];
    if (next !== undefined && next.effectiveAt.getTime() === version.effectiveAt.getTime()) return [];
    return [{ label: version.label, from: version.effectiveAt, until: next?.effectiveAt ?? null }];
  });
}

/** A clause as it stood in one version. */
export interface ClauseState {
  number: string;
  heading: string;
  body: string;
}

/** One entry of a clause's history: where it appeared, changed or disappeared, and until when it stayed so. */
export interface ClauseHistoryEntry {
  kind: 'ADDED' | 'MODIFIED' | 'REMOVED';
  /** The version the change happened in. */
  label: string;
  /** The version it is compared with (null when the clause first appears). */
  fromLabel: string | null;
  /** The clause in `label` (null when removed) and in `fromLabel`. */
  to: ClauseState | null;
  from: ClauseState | null;
  /** The last version (in effective order) with this same wording, and how many versions had it. */
  lastLabel: string;
  versionCount: number;
}

export interface ClauseHistory {
  key: string;
  /** The clause as it reads in the newest version that has it. */
  latest: ClauseState & { label: string };
  /** Oldest first. */
  entries: ClauseHistoryEntry[];
}

const sameState = (a: ClauseState, b: ClauseState): boolean =>
  a.number === b.number && a.heading === b.heading && a.body === b.body;

/**
 * A history entry as a ClauseChange, the shape the diff components render: word diffs (computed
 * here, only for the entries a page shows) of the heading and body when they changed.
 */
export function entryChange(key: string, entry: ClauseHistoryEntry): ClauseChange {
  const snapshot = (state: ClauseState | null) => (state === null ? null : { ...state, position: 0 });
  const { from, to } = entry;
  const headingChanged = from !== null && to !== null && from.heading !== to.heading;
  const bodyChanged = from !== null && to !== null && from.body !== to.body;
  return {
    key,
    kind: entry.kind,
    moved: false,
    renumbered: from !== null && to !== null && from.number !== to.number,
    headingChanged,
    bodyChanged,
    from: snapshot(from),
    to: snapshot(to),
    headingDiff: from !== null && to !== null && headingChanged ? upperParts(wordDiff(from.heading, to.heading)) : null,
    bodyDiff: from !== null && to !== null && bodyChanged ? upperParts(wordDiff(from.body, to.body)) : null,
  };
}

/**
 * Every clause of a document through its versions (withdrawn ones left out: they never applied),
 * oldest first: an entry only where the clause appeared, changed (wording, heading or number) or
 * disappeared, each with the word diff against the version before and how long that wording
 * lasted. A page per clause stays as long as the clause's changes, not the document's history.
 */
export function clauseHistories(versions: readonly VersionEntry[]): ClauseHistory[] {
  const ordered = oldestFirst(versions.filter((version) => version.withdrawal === null));
  const histories = new Map<string, ClauseHistory>();
  const current = new Map<string, { state: ClauseState; label: string }>();
  for (const version of ordered) {
    const present = new Set<string>();
    for (const clause of version.clauses) {
      present.add(clause.key);
      const state: ClauseState = { number: clause.number, heading: clause.heading, body: clause.body };
      const before = current.get(clause.key);
      let history = histories.get(clause.key);
      if (history === undefined) {
        history = { key: clause.key, latest: { ...state, label: version.label }, entries: [] };
        histories.set(clause.key, history);
      }
      history.latest = { ...state, label: version.label };
      const last = history.entries[history.entries.length - 1];
      if (before !== undefined && sameState(before.state, state) && last !== undefined) {
        last.lastLabel = version.label;
        last.versionCount++;
      } else {
        history.entries.push({
          kind: before === undefined ? 'ADDED' : 'MODIFIED',
          label: version.label,
          fromLabel: before?.label ?? null,
          to: state,
          from: before?.state ?? null,
          lastLabel: version.label,
          versionCount: 1,
        });
      }
      current.set(clause.key, { state, label: version.label });
    }
    for (const [key, seen] of current) {
      if (present.has(key)) continue;
      current.delete(key);
      histories.get(key)?.entries.push({
        kind: 'REMOVED',
        label: version.label,
        fromLabel: seen.label,
        to: null,
        from: seen.state,
        lastLabel: version.label,
        versionCount: 0,
      });
    }
  }
  return [...histories.values()];
}
