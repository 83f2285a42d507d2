/**
 * A feature's published revisions as placed in time (domain/revision-base.ts), and the
 * ChangeRebase rows that keep a scheduled revision's public changes against the revision in
 * force right before it when that changes (a withdrawal, or a publication taking effect before
 * it). Rebases are appended, never edited: the comparison a revision was published with stays on
 * record, and readers see the newest.
 */
import type { PrismaClient } from '../db/client.js';
import { providerOf } from '../db/provider-of.js';
import { diffFeatureFacts } from '../domain/feature-facts.js';
import { type ComparedRevision, staleComparisons } from '../domain/revision-base.js';
import type { FeatureFactsInput } from '../domain/types.js';
import { rowToFacts } from './feature-facts-row.js';

type Db = Pick<PrismaClient, 'aiFeatureRevision' | 'aiFeatureFacts' | 'changeRebase'>;

/**
 * Serialises the public writes of one feature (publications and withdrawals of its revisions)
 * until the transaction ends. Each of them reads where every revision sits in time before it
 * writes: without this, on PostgreSQL a withdrawal and a publication committing side by side
 * could each decide from a history without the other (a rebase against a withdrawn base, a
 * containment check against a revision no longer scheduled). SQLite serialises writers already.
 */
export async function lockFeature(db: Pick<PrismaClient, '$queryRawUnsafe'>, featureId: string): Promise<void> {
  if (providerOf(db) === 'postgresql') {
    await db.$queryRawUnsafe('SELECT 1 FROM "AiFeature" WHERE "id" = $1 FOR UPDATE', featureId);
  }
}

export type RevisionFacts = Record<string, FeatureFactsInput>;

const EPOCH = new Date(0);

/** Every published revision of a feature, withdrawn ones included, with what it compares with now. */
export async function placedRevisions(db: Db, featureId: string): Promise<ComparedRevision[]> {
  const rows = await db.aiFeatureRevision.findMany({
    where: { featureId, status: 'PUBLISHED' },
    select: {
      id: true,
      number: true,
      publishedAt: true,
      effectiveAt: true,
      fromRevisionId: true,
      withdrawal: { select: { id: true } },
      rebases: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { fromRevisionId: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    // A published revision always has both; the epoch only keeps a corrupted row comparable.
    publishedAt: row.publishedAt ?? EPOCH,
    effectiveAt: row.effectiveAt ?? EPOCH,
    withdrawn: row.withdrawal !== null,
    comparedWith: row.rebases[0] === undefined ? row.fromRevisionId : row.rebases[0].fromRevisionId,
  }));
}

/** The facts of some revisions, by revision id, each keyed by segment in display order. */
export async function factsOfRevisions(db: Db, revisionIds: readonly string[]): Promise<Map<string, RevisionFacts>> {
  const rows = await db.aiFeatureFacts.findMany({
    where: { revisionId: { in: [...new Set(revisionIds)] } },
    orderBy: [{ segment: { position: 'asc' } }, { id: 'asc' }],
    include: { segment: { select: { key: true } } },
  });
  const byRevision = new Map<string, RevisionFacts>();
  for (const { segment, revisionId, ...row } of rows) {
    let facts = byRevision.get(revisionId);
    if (facts === undefined) {
      facts = {};
      byRevision.set(revisionId, facts);
    }
    facts[segment.key] = rowToFacts(row);
  }
  return byRevision;
}

/**
 * Appends a ChangeRebase for every scheduled revision of the feature whose comparison base is no
 * longer the revision in force right before it (staleComparisons), with the diff against the new
 * base and `reason(revision, base)` as the sentence readers see. Call it after the write that
 * moved the bases, in the same transaction.
 *
 * @returns the rebases written.
 */
export async function rebaseScheduledRevisions(
  db: Db,
  input: {
    featureId: string;
    now: Date;
    reason: (revision: ComparedRevision, base: ComparedRevision | null) => string;
  },
) {
  const stale = staleComparisons(await placedRevisions(db, input.featureId), input.now);
  if (stale.length === 0) return [];
  const facts = await factsOfRevisions(
    db,
    stale.flatMap(({ revision, base }) => (base === null ? [revision.id] : [revision.id, base.id])),
  );
  const rows = stale.map(({ revision, base }) => ({
    revisionId: revision.id,
    fromRevisionId: base?.id ?? null,
    changesJson: JSON.stringify(
      diffFeatureFacts(base === null ? null : (facts.get(base.id) ?? {}), facts.get(revision.id) ?? {}),
    ),
    reason: input.reason(revision, base),
    createdAt: input.now,
  }));
  await db.changeRebase.createMany({ data: rows });
  return rows;
}

/** "this revision is now compared with revision 3, in force right before it." */
export const comparedWithSentence = (base: { number: number } | null): string =>
  base === null
    ? 'this revision is now compared with nothing: no earlier revision is in force before it.'
    : `this revision is now compared with revision ${base.number}, in force right before it.`;
