import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.js';
import type { AiFeatureFacts, Clause, Explanation, RevisionExplanation, Segment } from '../generated/sqlite/client.js';
import {
  type Catalogue,
  type CatalogueRevision,
  type CatalogueVersion,
  currentCatalogue,
  versionInForceAt,
  visibleRevisions,
  visibleVersions,
} from './catalogue.js';
import { type NoticeEvidence, type NoticeSubject, noticeLoader } from './notice-loader.js';
import {
  type PublishedContent,
  publishedContentOf,
  type RecentlyUsedMap,
  type SegmentIndex,
} from './published-content.js';

/** A clause a feature points at, to be resolved in the version in force at `at`. */
export interface ClauseLookup {
  document: string;
  key: string;
  at: Date;
}

/** A version or revision whose children are wanted; `frozen` when it is published (never changes). */
export interface ParentKey {
  id: string;
  frozen: boolean;
}

export interface Loaders {
  /**
   * The public catalogue (catalogue.ts) as of this request: its generation is read once per
   * request, on first use, and again after the request writes (a mutation).
   */
  catalogue(): Promise<Catalogue>;
  /** Called after a write commits, so that later fields of the same request see it. */
  afterWrite(): void;
  /** A document's public versions at the request's clock, newest first (worked out once a request). */
  publicVersions(documentId: string): Promise<readonly CatalogueVersion[]>;
  /** A feature's public revisions at the request's clock, newest first. */
  publicRevisions(featureId: string): Promise<readonly CatalogueRevision[]>;
  /** Clause (or null when the version in force lacks that key) for each lookup. */
  clauseInForce: DataLoader<ClauseLookup, Clause | null, string>;
  /** A version's clauses in reading order. */
  clausesOf: DataLoader<ParentKey, readonly Clause[], string>;
  /** A version's explanations in segment display order. */
  explanationsOf: DataLoader<ParentKey, readonly Explanation[], string>;
  /** An AI-feature revision's facts in segment display order. */
  factsOf: DataLoader<ParentKey, readonly AiFeatureFacts[], string>;
  /** An AI-feature revision's explanations in segment display order. */
  revisionExplanationsOf: DataLoader<ParentKey, readonly RevisionExplanation[], string>;
  /** What became of a published record's publication notice (notice-loader.ts; read anew each request). */
  noticeOf: DataLoader<NoticeSubject, NoticeEvidence | null, string>;
  /** A segment by id (segments are configuration: read once per client, again if one is unknown). */
  segmentOf(id: string): Promise<Segment>;
  /** Every segment by key. */
  segmentsByKey(): Promise<ReadonlyMap<string, Segment>>;
}

/**
 * Per-request batch loaders over the per-client published-content cache (published-content.ts).
 * However many versions, revisions and features a query walks, each kind of child costs at most
 * one statement per request, and none once the published ones have been read.
 */
export function createLoaders(prisma: PrismaClient, now: Date): Loaders {
  const content = publishedContentOf(prisma);
  const clausesOf = childrenLoader(content.clauses, (versionIds) =>
    prisma.clause.findMany({ where: { versionId: { in: versionIds } }, orderBy: { position: 'asc' } }),
  );
  const explanationsOf = childrenLoader(content.explanations, (versionIds) =>
    prisma.explanation.findMany({
      where: { versionId: { in: versionIds } },
      orderBy: [{ segment: { position: 'asc' } }, { id: 'asc' }],
    }),
  );
  const factsOf = childrenLoader(content.facts, (revisionIds) =>
    prisma.aiFeatureFacts.findMany({
      where: { revisionId: { in: revisionIds } },
      orderBy: [{ segment: { position: 'asc' } }, { id: 'asc' }],
    }),
  );
  const revisionExplanationsOf = childrenLoader(content.revisionExplanations, (revisionIds) =>
    prisma.revisionExplanation.findMany({
      where: { revisionId: { in: revisionIds } },
      orderBy: [{ segment: { position: 'asc' } }, { id: 'asc' }],
    }),
  );
  const noticeOf = noticeLoader(prisma);
  let catalogue: Promise<Catalogue> | null = null;
  // Filtered once per request: the site's bulk read asks for the timing of thousands of versions.
  const versionsByDocument = new Map<string, readonly CatalogueVersion[]>();
  const revisionsByFeature = new Map<string, readonly CatalogueRevision[]>();
  const catalogueNow = () => {
    catalogue ??= currentCatalogue(prisma);
    return catalogue;
  };
  const memoised = async <Row>(
    memo: Map<string, readonly Row[]>,
    id: string,
    compute: (from: Catalogue) => readonly Row[],
  ): Promise<readonly Row[]> => {
    const from = await catalogueNow();
    let rows = memo.get(id);
    if (rows === undefined) {
      rows = compute(from);
      memo.set(id, rows);
    }
    return rows;
  };
  const publicVersions: Loaders['publicVersions'] = (documentId) =>
    memoised(versionsByDocument, documentId, (from) => visibleVersions(from, documentId, now));
  return {
    catalogue: catalogueNow,
    afterWrite: () => {
      catalogue = null;
      noticeOf.clearAll();
      versionsByDocument.clear();
      revisionsByFeature.clear();
    },
    publicVersions,
    publicRevisions: (featureId) =>
      memoised(revisionsByFeature, featureId, (from) => visibleRevisions(from, featureId, now)),
    clausesOf,
    explanationsOf,
    factsOf,
    revisionExplanationsOf,
    noticeOf,
    segmentOf: async (id) => {
      const segment =
        (await segmentsOf(prisma, content)).byId.get(id) ?? (await segmentsOf(prisma, content, true)).byId.get(id);
      if (segment === undefined) throw new Error(`no segment with id ${id}`);
      return segment;
    },
    segmentsByKey: async () => (await segmentsOf(prisma, content)).byKey,
    clauseInForce: clauseInForceLoader(catalogueNow, publicVersions, clausesOf),
  };
}

/** The client's segments, read on first use (or when `reload`), one read at a time. */
function segmentsOf(prisma: PrismaClient, content: PublishedContent, reload = false): Promise<SegmentIndex> {
  if (content.segments === null || reload) {
    const reading = prisma.segment.findMany().then((rows) => {
      const segments = rows.map((row) => Object.freeze(row));
      return {
        byId: new Map(segments.map((segment) => [segment.id, segment])),
        byKey: new Map(segments.map((segment) => [segment.key, segment])),
      };
    });
    // A failed read is not kept: the next request tries again.
    reading.catch(() => {
      if (content.segments === reading) content.segments = null;
    });
    content.segments = reading;
  }
  return content.segments;
}

/** Rows that belong to one parent: a version's clauses, a revision's facts. */
type ChildRow = { versionId: string } | { revisionId: string };
const parentIdOf = (row: ChildRow): string => ('versionId' in row ? row.versionId : row.revisionId);

/**
 * Loads the children of many parents in one statement, answering published parents from (and
 * into) the cache. `fetch` returns the rows already in display order; grouping keeps that order.
 */
function childrenLoader<Row extends ChildRow>(
  cache: RecentlyUsedMap<string, readonly Row[]>,
  fetch: (parentIds: string[]) => Promise<Row[]>,
): DataLoader<ParentKey, readonly Row[], string> {
  return new DataLoader(
    async (parents) => {
      const found = parents.map((parent) => (parent.frozen ? cache.get(parent.id) : undefined));
      const missing = parents.filter((_, index) => found[index] === undefined).map((parent) => parent.id);
      if (missing.length === 0) return found as (readonly Row[])[];
      const groups = new Map<string, Row[]>(missing.map((id) => [id, []]));
      for (const row of await fetch(missing)) groups.get(parentIdOf(row))?.push(row);
      return parents.map((parent, index) => {
        const cached = found[index];
        if (cached !== undefined) return cached;
        const rows = groups.get(parent.id) ?? [];
        if (!parent.frozen) return rows;
        // Frozen so that no resolver can change what later requests will read.
        const frozen = Object.freeze(rows.map((row) => Object.freeze(row)));
        cache.set(parent.id, frozen);
        return frozen;
      });
    },
    { cacheKeyFn: (parent) => parent.id },
  );
}

/**
 * Resolving governing clauses for any number of features, revisions and segments costs no
 * statement beyond the request's catalogue read: the versions that can be in force come from the
 * catalogue, and their clauses, published, from the published-content cache.
 */
function clauseInForceLoader(
  catalogueNow: () => Promise<Catalogue>,
  publicVersions: Loaders['publicVersions'],
  clausesOf: Loaders['clausesOf'],
): DataLoader<ClauseLookup, Clause | null, string> {
  return new DataLoader(
    async (lookups) => {
      const catalogue = await catalogueNow();
      const inForce = await Promise.all(
        lookups.map(async (lookup) => {
          const document = catalogue.documentBySlug.get(lookup.document);
          if (document === undefined) return null;
          return versionInForceAt(await publicVersions(document.id), lookup.at)?.id ?? null;
        }),
      );
      const versionIds = [...new Set(inForce.filter((id): id is string => id !== null))];
      // Versions that can be in force are published: their clauses never change.
      const clauseLists = await clausesOf.loadMany(versionIds.map((id) => ({ id, frozen: true })));
      const byVersionAndKey = new Map<string, Clause>();
      clauseLists.forEach((clauses, index) => {
        if (clauses instanceof Error) throw clauses;
        for (const clause of clauses) byVersionAndKey.set(`${versionIds[index]}\u0000${clause.key}`, clause);
      });
      return lookups.map((lookup, index) => byVersionAndKey.get(`${inForce[index]}\u0000${lookup.key}`) ?? null);
    },
    { cacheKeyFn: (lookup) => `${lookup.document}#${lookup.key}@${lookup.at.toISOString()}` },
  );
}
