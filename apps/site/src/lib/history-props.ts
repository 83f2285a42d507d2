/**
 * Props and static paths of the pages that read a document's history in other ways than version
 * by version: the compare pages (any two versions), the "as of" page (which version was in force
 * when) and the clause history pages (one clause through the versions). Pure, like page-props.ts.
 */
import {
  ALL_PAIRS_UP_TO,
  type ClauseHistory,
  type ClauseHistoryEntry,
  type Comparison,
  clauseHistories,
  compareVersions,
  comparisonPairs,
  entryChange,
  type InForceRange,
  inForceRanges,
  type LabelPair,
  oldestFirst,
} from './compare';
import type { ClauseChange, DocumentEntry } from './entry-types';
import {
  type Chrome,
  findVersion,
  type SiteCollections,
  summarise,
  type VersionSummary,
  versionsOf,
} from './page-props';
import { comparePairPath, versionChangesPath } from './urls';

/* Compare ------------------------------------------------------------------------------------- */

export interface CompareIndexProps extends Chrome {
  document: DocumentEntry;
  /** Every published version, oldest first (the order of the pickers). */
  versions: VersionSummary[];
  /** The version in force at build time, null when none. */
  inForce: string | null;
  /**
   * The comparisons offered, grouped by their newer version (newest first), each listing the older
   * ones with where the comparison is: its own page, or the newer version's changes page.
   */
  pairsByTarget: { to: string; from: { label: string; href: string }[] }[];
  /** Whether every pair has a page (few versions) or only those with the version in force and consecutive ones. */
  allPairs: boolean;
  pairCount: number;
}

export interface ComparePairProps extends Chrome {
  document: DocumentEntry;
  from: VersionSummary;
  to: VersionSummary;
  comparison: Comparison;
}

/** A pair offered, and whether the newer version's changes page already is its comparison (then it gets no page of its own). */
type OfferedPair = LabelPair & { viaChanges: boolean };

/** A document's versions (oldest first) and the pairs offered, computed once per collections object. */
const pairCache = new WeakMap<SiteCollections, Map<string, { versions: VersionSummary[]; pairs: OfferedPair[] }>>();

/**
 * Up to ALL_PAIRS_UP_TO versions every pair has its own page. Beyond, a consecutive pair whose
 * newer version's stored comparison is with the older one is that version's changes page: no
 * second copy is built (the server's form plugin redirects such a pair there).
 */
function pairsOf(site: SiteCollections, document: DocumentEntry): { versions: VersionSummary[]; pairs: OfferedPair[] } {
  let perDocument = pairCache.get(site);
  if (perDocument === undefined) {
    perDocument = new Map();
    pairCache.set(site, perDocument);
  }
  let found = perDocument.get(document.slug);
  if (found === undefined) {
    const versions = oldestFirst(versionsOf(site, document)).map(summarise);
    const compared = new Map(versions.map((version) => [version.label, version.comparedWithLabel]));
    const every = versions.length <= ALL_PAIRS_UP_TO;
    found = {
      versions,
      pairs: comparisonPairs(versions, document.currentLabel).map((pair) => ({
        ...pair,
        viaChanges: !every && compared.get(pair.to) === pair.from,
      })),
    };
    perDocument.set(document.slug, found);
  }
  return found;
}

export function compareIndexPaths(site: SiteCollections): { params: { slug: string }; props: CompareIndexProps }[] {
  return site.documents.map((document) => {
    const { versions, pairs } = pairsOf(site, document);
    const byTarget = new Map<string, OfferedPair[]>();
    for (const pair of pairs) byTarget.set(pair.to, [...(byTarget.get(pair.to) ?? []), pair]);
    const hrefOf = (pair: OfferedPair) =>
      pair.viaChanges ? versionChangesPath(document.slug, pair.to) : comparePairPath(document.slug, pair.from, pair.to);
    const order = new Map(versions.map((version, index) => [version.label, index]));
    return {
      params: { slug: document.slug },
      props: {
        organization: site.organization,
        document,
        versions,
        inForce: document.currentLabel,
        pairsByTarget: [...byTarget.entries()]
          .sort(([a], [b]) => (order.get(b) ?? 0) - (order.get(a) ?? 0))
          .map(([to, from]) => ({
            to,
            from: from
              .sort((a, b) => (order.get(b.from) ?? 0) - (order.get(a.from) ?? 0))
              .map((pair) => ({ label: pair.from, href: hrefOf(pair) })),
          })),
        allPairs: pairs.length === (versions.length * (versions.length - 1)) / 2,
        pairCount: pairs.length,
      },
    };
  });
}

export function comparePairPaths(
  site: SiteCollections,
): { params: { slug: string; from: string; to: string }; props: ComparePairProps }[] {
  return site.documents.flatMap((document) =>
    pairsOf(site, document).pairs.flatMap(({ from, to, viaChanges }) => {
      if (viaChanges) return [];
      const older = findVersion(site, document.slug, from);
      const newer = findVersion(site, document.slug, to);
      if (older === undefined || newer === undefined) return [];
      return [
        {
          params: { slug: document.slug, from, to },
          props: {
            organization: site.organization,
            document,
            from: summarise(older),
            to: summarise(newer),
            comparison: compareVersions(older, newer),
          },
        },
      ];
    }),
  );
}

/* As of --------------------------------------------------------------------------------------- */

export interface AsOfProps extends Chrome {
  document: DocumentEntry;
  /** Oldest first. */
  ranges: (InForceRange & { version: VersionSummary })[];
  /** The first date a version took effect (null when none has a date yet). */
  firstEffective: Date | null;
}

export function asOfPaths(site: SiteCollections): { params: { slug: string }; props: AsOfProps }[] {
  return site.documents.map((document) => {
    const versions = versionsOf(site, document);
    const ranges = inForceRanges(versions).flatMap((range) => {
      const version = findVersion(site, document.slug, range.label);
      return version === undefined ? [] : [{ ...range, version: summarise(version) }];
    });
    return {
      params: { slug: document.slug },
      props: { organization: site.organization, document, ranges, firstEffective: ranges[0]?.from ?? null },
    };
  });
}

/* Clause history ------------------------------------------------------------------------------ */

/**
 * How many of a clause's changes its page shows with their diffs (the newest); older ones are
 * listed with links to their versions and changes pages. Keeps a page bounded on a long history.
 */
export const CLAUSE_HISTORY_DIFFS = 50;

export interface ClauseHistoryProps extends Chrome {
  document: DocumentEntry;
  key: string;
  latest: ClauseHistory['latest'];
  /** Newest first: each entry, with its changes to render when it is among the newest CLAUSE_HISTORY_DIFFS. */
  entries: (ClauseHistoryEntry & { change: ClauseChange | null })[];
  /** Withdrawn versions that had the clause (they never applied, so they are not in the entries). */
  withdrawnLabels: string[];
}

export function clauseHistoryPaths(
  site: SiteCollections,
): { params: { slug: string; key: string }; props: ClauseHistoryProps }[] {
  return site.documents.flatMap((document) => {
    const versions = versionsOf(site, document);
    const histories = new Map(clauseHistories(versions).map((history) => [history.key, history]));
    const withdrawn = oldestFirst(versions.filter((version) => version.withdrawal !== null));
    const withdrawnByKey = new Map<string, string[]>();
    for (const version of withdrawn) {
      for (const clause of version.clauses) {
        withdrawnByKey.set(clause.key, [...(withdrawnByKey.get(clause.key) ?? []), version.label]);
        // A clause only a withdrawn version ever had still gets a page (its changes page links to it).
        if (!histories.has(clause.key)) {
          histories.set(clause.key, {
            key: clause.key,
            latest: { number: clause.number, heading: clause.heading, body: clause.body, label: version.label },
            entries: [],
          });
        }
      }
    }
    return [...histories.values()].map((history) => ({
      params: { slug: document.slug, key: history.key },
      props: {
        organization: site.organization,
        document,
        key: history.key,
        latest: history.latest,
        entries: [...history.entries].reverse().map((entry, index) => ({
          ...entry,
          change: index < CLAUSE_HISTORY_DIFFS ? entryChange(history.key, entry) : null,
        })),
        withdrawnLabels: withdrawnByKey.get(history.key) ?? [],
      },
    }));
  });
}
