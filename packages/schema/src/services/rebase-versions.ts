/**
 * Keeps the public comparison of scheduled versions honest (domain/change-base.ts): after a
 * publication or a withdrawal changes which version takes effect right before a scheduled one,
 * a ChangeRebase records the comparison with the new base and why. The changelog stored at
 * publication is never edited (it is append-only, like every public record); the newest rebase
 * is what readers see. Always in the transaction of the write that caused it.
 */
import type { PrismaClient } from '../db/client.js';
import { providerOf } from '../db/provider-of.js';
import {
  type ComparedRecord,
  currentBaseId,
  rebaseReasonAfterPublication,
  rebaseReasonAfterWithdrawal,
  staleComparisons,
} from '../domain/change-base.js';
import { compareClauses } from '../domain/clause-diff.js';
import type { ClauseInput } from '../domain/types.js';

type Db = Pick<PrismaClient, 'version' | 'clause' | 'changeRebase'>;

/**
 * Orders the public writes of one document on PostgreSQL (SQLite serialises writers already).
 * Each decides from where every version sits in time — the base, the silent-undo check, the
 * rebases — so a withdrawal and a publication committing side by side must not each decide from
 * a history without the other: a withdrawal takes the document's row FOR UPDATE and a publication
 * FOR SHARE, so each waits for the other to commit and then reads it. Two publications may run
 * side by side: each reads the chain head before the history, so either it read the other's
 * version too, or both linked to the same head and the chain's unique previousHash refuses the
 * later one (CONFLICT, ADR 0002).
 */
export async function lockDocument(
  db: Pick<PrismaClient, '$queryRawUnsafe'>,
  documentId: string,
  mode: 'publish' | 'withdraw',
): Promise<void> {
  if (providerOf(db) !== 'postgresql') return;
  const strength = mode === 'withdraw' ? 'UPDATE' : 'SHARE';
  await db.$queryRawUnsafe(`SELECT 1 FROM "Document" WHERE "id" = $1 FOR ${strength}`, documentId);
}

/** A published version of the timeline, with what it is compared with today. */
export interface TimelineVersion extends ComparedRecord {
  label: string;
}

/** Every published version of a document with its dates, withdrawal and current comparison base. */
export async function readTimeline(db: Db, documentId: string): Promise<TimelineVersion[]> {
  const rows = await db.version.findMany({
    where: { documentId, status: 'PUBLISHED' },
    select: {
      id: true,
      label: true,
      publishedAt: true,
      effectiveAt: true,
      withdrawal: { select: { id: true } },
      changelog: { select: { fromVersionId: true } },
      rebases: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { fromVersionId: true } },
    },
  });
  return rows.map((row) => {
    // The publish workflow sets both dates; a published row without them is corrupted data.
    if (row.publishedAt === null || row.effectiveAt === null)
      throw new Error(`published version ${row.id} has no dates`);
    return {
      id: row.id,
      label: row.label,
      publishedAt: row.publishedAt,
      effectiveAt: row.effectiveAt,
      withdrawn: row.withdrawal !== null,
      currentBaseId: currentBaseId(row),
    };
  });
}

/** The clauses of some versions in reading order, by version id (one statement). */
export async function readClauses(db: Db, versionIds: readonly string[]): Promise<Map<string, ClauseInput[]>> {
  const byVersion = new Map<string, ClauseInput[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return byVersion;
  const rows = await db.clause.findMany({
    where: { versionId: { in: [...versionIds] } },
    orderBy: [{ versionId: 'asc' }, { position: 'asc' }],
    select: { versionId: true, key: true, number: true, heading: true, body: true },
  });
  for (const { versionId, ...clause } of rows) byVersion.get(versionId)?.push(clause);
  return byVersion;
}

/** What changed a document's timeline: words for the reason readers see. */
export type RebaseCause = { kind: 'published' } | { kind: 'withdrawn'; label: string; withdrawnAt: Date };

/** A scheduled version whose comparison changed, and what it is compared with now. */
export interface Rebased {
  versionId: string;
  label: string;
  fromVersionId: string | null;
  reason: string;
}

/**
 * Writes a ChangeRebase for every scheduled, non-withdrawn version of the document whose current
 * comparison base is no longer the version in force right before it. Call it after the write
 * that changed the timeline, in the same transaction.
 */
export async function rebaseScheduledVersions(
  db: Db,
  input: { documentId: string; now: Date; cause: RebaseCause },
): Promise<Rebased[]> {
  const timeline = await readTimeline(db, input.documentId);
  const stale = staleComparisons(timeline, input.now);
  if (stale.length === 0) return [];
  const byId = new Map(timeline.map((version) => [version.id, version]));
  const clauses = await readClauses(db, [
    ...new Set(stale.flatMap(({ record, base }) => (base === undefined ? [record.id] : [record.id, base.id]))),
  ]);
  const rebased: Rebased[] = [];
  for (const { record, base } of stale) {
    const previousBase = record.currentBaseId === null ? null : (byId.get(record.currentBaseId) ?? null);
    const reason =
      input.cause.kind === 'published'
        ? rebaseReasonAfterPublication({ base: base ?? null, previousBase })
        : rebaseReasonAfterWithdrawal({
            base: base ?? null,
            withdrawn: { label: input.cause.label },
            withdrawnAt: input.cause.withdrawnAt,
          });
    const changes = compareClauses(
      base === undefined ? [] : (clauses.get(base.id) ?? []),
      clauses.get(record.id) ?? [],
    );
    await db.changeRebase.create({
      data: {
        versionId: record.id,
        fromVersionId: base?.id ?? null,
        changesJson: JSON.stringify(changes),
        reason,
        createdAt: input.now,
      },
    });
    rebased.push({ versionId: record.id, label: record.label, fromVersionId: base?.id ?? null, reason });
  }
  return rebased;
}
