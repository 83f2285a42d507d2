/**
 * The public catalogue, kept in memory per database client: every document, every published
 * version (with its withdrawal and stored changelog), every AI feature and every published
 * revision. With the published-content cache (published-content.ts), which holds their clauses,
 * explanations and facts, it answers a public read without SQL beyond one statement: the read of
 * the catalogue generation (issue 6: at most 3 statements for a deep nested query, and no Prisma
 * query compilation, which costs more CPU than the SQL itself).
 *
 * Why one number is enough: the database raises `CatalogueGeneration.value` itself (triggers,
 * migration catalogue_generation) in the same transaction as any write that can change what this
 * holds — a document, a version or revision becoming published, a withdrawal, a changelog, a
 * feature — whoever makes it: this process, another API instance, the CLI, or a hand-written
 * SQL statement. A request reads the number first; when it differs from the one the catalogue was
 * read under, the catalogue is read again (after the number, so a write committed in between
 * only causes one more reload, never a stale catalogue filed under a new number).
 *
 * Published rows are immutable, but when they become visible is not: a version published with a
 * future publication time is held here from the moment it is written and shown only once
 * `publishedAt <= now` (`visible*`).
 */
import type { PrismaClient } from '../db/client.js';
import { inForceNewestFirst, isPublicAt } from '../domain/as-of.js';
import { currentBaseId } from '../domain/change-base.js';
import type {
  AiFeature,
  AiFeatureRevision,
  Changelog,
  ChangeRebase,
  Document,
  Segment,
  Version,
  Withdrawal,
} from '../generated/sqlite/client.js';

/** Rebases newest first: the first one is the comparison readers see. */
const rebaseOrder = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** Newest first: by effective date, then by publication, then id (so that order never depends on input). */
const newestFirst = [{ effectiveAt: 'desc' as const }, { publishedAt: 'desc' as const }, { id: 'desc' as const }];

/**
 * A published version with its withdrawal, the changelog stored at publication, and any later
 * rebases (newest first): the comparison readers see is the newest rebase, else the changelog.
 */
export type CatalogueVersion = Readonly<
  Version & { withdrawal: Withdrawal | null; changelog: Changelog | null; rebases: readonly ChangeRebase[] }
>;

/** A published revision with its withdrawal and later rebases (newest first), as for versions. */
export type CatalogueRevision = Readonly<
  AiFeatureRevision & { withdrawal: Withdrawal | null; rebases: readonly ChangeRebase[] }
>;

export interface Catalogue {
  generation: number;
  /** Every segment the organisation defined, retired ones included, in display order. */
  segments: readonly Segment[];
  segmentByKey: ReadonlyMap<string, Segment>;
  /** The keys of the segments each document applies to, in display order. */
  segmentKeysOf: ReadonlyMap<string, readonly string[]>;
  /** Documents in display order. */
  documents: readonly Document[];
  documentById: ReadonlyMap<string, Document>;
  documentBySlug: ReadonlyMap<string, Document>;
  /** Each document's published versions, newest first (effective date, publication, id). */
  versionsOf: ReadonlyMap<string, readonly CatalogueVersion[]>;
  versionById: ReadonlyMap<string, CatalogueVersion>;
  /**
   * The version currently compared with this one (its newest rebase's base, else its changelog's):
   * the next one to take effect. Withdrawn versions are nobody's successor; were two versions
   * compared with the same one, the earlier effective wins.
   */
  successorOf: ReadonlyMap<string, CatalogueVersion>;
  /** AI features in display order. */
  features: readonly AiFeature[];
  featureById: ReadonlyMap<string, AiFeature>;
  featureBySlug: ReadonlyMap<string, AiFeature>;
  /** Each feature's published revisions, newest first. */
  revisionsOf: ReadonlyMap<string, readonly CatalogueRevision[]>;
  revisionById: ReadonlyMap<string, CatalogueRevision>;
}

interface ClientCatalogue {
  /** The newest catalogue read (or being read), with the generation it was read under. */
  current: Promise<Catalogue> | null;
}

const catalogueByClient = new WeakMap<PrismaClient, ClientCatalogue>();

/** The current generation: one statement, no Prisma query compilation. */
export async function readGeneration(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ value: number | bigint }[]>(
    'SELECT "value" FROM "CatalogueGeneration" WHERE "id" = 1',
  );
  const value = rows[0]?.value;
  // The migration inserts the row; without it no write could ever be noticed.
  if (value === undefined) throw new Error('CatalogueGeneration has no row: the database is not migrated');
  return Number(value);
}

/**
 * The catalogue as of the current generation: one statement when the kept catalogue is current,
 * a full read otherwise (shared by every request that asks while it runs).
 */
export async function currentCatalogue(prisma: PrismaClient): Promise<Catalogue> {
  const generation = await readGeneration(prisma);
  let kept = catalogueByClient.get(prisma);
  if (kept === undefined) {
    kept = { current: null };
    catalogueByClient.set(prisma, kept);
  }
  // Any other number means another catalogue, even a lower one (a database restored from a
  // backup under a running process). A reload already under way for this number is shared.
  let pending = kept.current;
  while (pending !== null) {
    const held = await pending.catch(() => null);
    if (held !== null && held.generation === generation) return held;
    // Another request may have started a read while this one waited: look at that one too.
    if (kept.current === pending) break;
    pending = kept.current;
  }
  const reading = readCatalogue(prisma, generation);
  kept.current = reading;
  // A failed read is not kept: the next request tries again.
  reading.catch(() => {
    if (kept.current === reading) kept.current = null;
  });
  return reading;
}

/** Drops a client's catalogue, so that tests can count the statements of a first read. */
export function forgetCatalogue(prisma: PrismaClient): void {
  catalogueByClient.delete(prisma);
}

async function readCatalogue(prisma: PrismaClient, generation: number): Promise<Catalogue> {
  const [segments, scopes, documents, versions, features, revisions] = await Promise.all([
    prisma.segment.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    prisma.documentSegment.findMany({
      orderBy: [{ segment: { position: 'asc' } }, { segmentId: 'asc' }],
      select: { documentId: true, segment: { select: { key: true } } },
    }),
    prisma.document.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    prisma.version.findMany({
      where: { status: 'PUBLISHED' },
      orderBy: newestFirst,
      include: { withdrawal: true, changelog: true, rebases: { orderBy: rebaseOrder } },
    }),
    prisma.aiFeature.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
    prisma.aiFeatureRevision.findMany({
      where: { status: 'PUBLISHED' },
      orderBy: newestFirst,
      include: { withdrawal: true, rebases: { orderBy: rebaseOrder } },
    }),
  ]);
  const frozenVersions = versions.map((version) =>
    Object.freeze({
      ...version,
      withdrawal: version.withdrawal === null ? null : Object.freeze(version.withdrawal),
      changelog: version.changelog === null ? null : Object.freeze(version.changelog),
      rebases: Object.freeze(version.rebases.map((rebase) => Object.freeze(rebase))),
    }),
  );
  const successorOf = new Map<string, CatalogueVersion>();
  // Newest first, so an earlier effective version overwrites a later one with the same base.
  for (const version of frozenVersions) {
    if (version.withdrawal !== null) continue;
    const from = currentBaseId(version);
    if (from !== null) successorOf.set(from, version);
  }
  const frozenDocuments = documents.map((document) => Object.freeze(document));
  const frozenFeatures = features.map((feature) => Object.freeze(feature));
  const frozenRevisions = revisions.map((revision) =>
    Object.freeze({
      ...revision,
      withdrawal: revision.withdrawal === null ? null : Object.freeze(revision.withdrawal),
      rebases: Object.freeze(revision.rebases.map((rebase) => Object.freeze(rebase))),
    }),
  );
  const frozenSegments = segments.map((segment) => Object.freeze(segment));
  const segmentKeysOf = new Map<string, string[]>();
  for (const scope of scopes) {
    const keys = segmentKeysOf.get(scope.documentId);
    if (keys === undefined) segmentKeysOf.set(scope.documentId, [scope.segment.key]);
    else keys.push(scope.segment.key);
  }
  return {
    generation,
    segments: frozenSegments,
    segmentByKey: new Map(frozenSegments.map((segment) => [segment.key, segment])),
    segmentKeysOf,
    documents: frozenDocuments,
    documentById: new Map(frozenDocuments.map((document) => [document.id, document])),
    documentBySlug: new Map(frozenDocuments.map((document) => [document.slug, document])),
    versionsOf: groupBy(frozenVersions, (version) => version.documentId),
    versionById: new Map(frozenVersions.map((version) => [version.id, version])),
    successorOf,
    features: frozenFeatures,
    featureById: new Map(frozenFeatures.map((feature) => [feature.id, feature])),
    featureBySlug: new Map(frozenFeatures.map((feature) => [feature.slug, feature])),
    revisionsOf: groupBy(frozenRevisions, (revision) => revision.featureId),
    revisionById: new Map(frozenRevisions.map((revision) => [revision.id, revision])),
  };
}

/** Groups rows by a key, keeping their order within each group. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

/**
 * What the public may see (the domain's isPublicAt): published rows whose publication time has
 * come. Drafts, versions in review or approved but unpublished are never in the catalogue at all.
 */
export { isPublicAt };

/** The rows of one parent that are public at `now`, in their kept order (newest first). */
const visibleOf = <Row extends { publishedAt: Date | null }>(rows: readonly Row[] | undefined, now: Date) =>
  (rows ?? []).filter((row) => isPublicAt(row, now));

export const visibleVersions = (catalogue: Catalogue, documentId: string, now: Date): readonly CatalogueVersion[] =>
  visibleOf(catalogue.versionsOf.get(documentId), now);

export const visibleRevisions = (catalogue: Catalogue, featureId: string, now: Date): readonly CatalogueRevision[] =>
  visibleOf(catalogue.revisionsOf.get(featureId), now);

/** The version in force at `at` among public versions given newest first (the domain's rule, as-of.ts). */
export const versionInForceAt = (versions: readonly CatalogueVersion[], at: Date): CatalogueVersion | null =>
  inForceNewestFirst(versions, at);

/** The revision in force at `at` among public revisions given newest first (the domain's rule). */
export const revisionInForceAt = <Revision extends CatalogueRevision>(
  revisions: readonly Revision[],
  at: Date,
): Revision | null => inForceNewestFirst(revisions, at);
