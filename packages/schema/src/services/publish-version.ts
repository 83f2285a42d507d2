import type { PrismaClient } from '../db/client.js';
import { assertNoSilentUndo, baseForNewVersion } from '../domain/change-base.js';
import { compareClauses } from '../domain/clause-diff.js';
import { DomainError } from '../domain/errors.js';
import { contentHash } from '../domain/hash.js';
import { assertVersionChanges } from '../domain/review.js';
import { assertCanTransition, assertExplanationsComplete, checkEffectiveDate } from '../domain/workflow.js';
import { issueCheckpoint } from './checkpoints.js';
import { type OutboxDb, recordNotifications, versionSubject } from './outbox.js';
import { lockDocument, readClauses, readTimeline, rebaseScheduledVersions } from './rebase-versions.js';
import { explanationSegments, explanationsOf } from './review-versions.js';
import type { Signer } from './signer.js';

type Db = Parameters<typeof issueCheckpoint>[0] &
  Parameters<typeof rebaseScheduledVersions>[0] &
  Pick<PrismaClient, 'changelog' | 'segment'> &
  OutboxDb;

/**
 * Publishes an approved version: checks the notice period, the explanations, that it changes
 * the text it will follow (NO_CHANGE) and that no scheduled version would silently undo it
 * (domain/change-base.ts), fixes its content hash chained to the document's last published
 * version (publication order, ADR 0002), stores its changelog against the version in force right
 * before it takes effect (effective order), rebases the scheduled versions it now precedes and
 * issues a signed checkpoint. Everything in the caller's transaction.
 */
export async function publishVersion(
  db: Db,
  input: {
    versionId: string;
    effectiveAt: Date | null;
    now: Date;
    signer: Signer;
    /** Testing only: awaited right after the first write (fault tests kill the process here). */
    afterFirstWrite?: () => Promise<void>;
    /** Testing only: awaited after the checkpoint's sequence was read (races on the sequence). */
    afterCheckpointSequenceRead?: () => Promise<void>;
  },
) {
  const version = await db.version.findUnique({
    where: { id: input.versionId },
    include: {
      document: true,
      clauses: { orderBy: { position: 'asc' } },
      explanations: { include: { segment: { select: { key: true } } } },
    },
  });
  if (version === null) throw new DomainError('NOT_FOUND', `No version ${input.versionId}`, 'id');
  assertCanTransition(version.status, 'publish');
  if (version.document.retiredAt !== null)
    throw new DomainError('INVALID_STATE', `Document "${version.document.slug}" is retired: it takes no new versions`);
  await lockDocument(db, version.documentId, 'publish');
  const effectiveAt = input.effectiveAt ?? input.now;
  checkEffectiveDate({
    material: version.material,
    noticePeriodDays: version.document.noticePeriodDays,
    now: input.now,
    effectiveAt,
  });
  const segments = await explanationSegments(db, version.documentId);
  const explanations = explanationsOf(version);
  assertExplanationsComplete({ material: version.material, segments, explanations });
  if (version.clauses.length === 0)
    throw new DomainError('BAD_USER_INPUT', 'A version needs at least one clause', 'markdown');

  const clauses = version.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }));

  // The hash chain stays in publication order: it links to the last version published. Read
  // before the history (lockDocument says why).
  const previous = await db.version.findFirst({
    where: { documentId: version.documentId, status: 'PUBLISHED' },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, contentHash: true },
  });
  // What readers had before this version takes effect, and what is already scheduled after it.
  const timeline = await readTimeline(db, version.documentId);
  const base = baseForNewVersion(timeline, effectiveAt) ?? null;
  const scheduledAfter = timeline.filter(
    (v) => !v.withdrawn && v.effectiveAt > input.now && v.effectiveAt > effectiveAt,
  );
  const texts = await readClauses(db, [...(base === null ? [] : [base.id]), ...scheduledAfter.map((v) => v.id)]);
  const baseClauses = base === null ? [] : (texts.get(base.id) ?? []);
  // Checked at submission too, against every version it could follow; now the one it will.
  assertVersionChanges({
    label: version.label,
    clauses,
    bases: base === null ? [] : [{ label: base.label, clauses: baseClauses }],
  });
  assertNoSilentUndo({
    label: version.label,
    effectiveAt,
    base: baseClauses,
    clauses,
    scheduled: scheduledAfter.map((v) => ({
      label: v.label,
      effectiveAt: v.effectiveAt,
      clauses: texts.get(v.id) ?? [],
    })),
  });

  const previousHash = previous?.contentHash ?? null;
  const hash = contentHash({
    document: version.document.slug,
    label: version.label,
    publishedAt: input.now,
    effectiveAt,
    material: version.material,
    changeNote: version.changeNote,
    previousHash,
    clauses,
    explanations,
  });
  // Guarded by the status read above: a concurrent publish of the same version (another API
  // instance) that committed first leaves nothing to update here, and that is a conflict. On
  // PostgreSQL this UPDATE waits for the other transaction and then re-checks the condition.
  const updated = await db.version.updateMany({
    where: { id: version.id, status: 'APPROVED' },
    data: { status: 'PUBLISHED', publishedAt: input.now, effectiveAt, contentHash: hash, previousHash },
  });
  if (updated.count !== 1) {
    throw new DomainError('CONFLICT', 'This version was published by someone else at the same time; reload', 'id');
  }
  await input.afterFirstWrite?.();
  const published = await db.version.findUniqueOrThrow({ where: { id: version.id } });
  await db.changelog.create({
    data: {
      versionId: version.id,
      fromVersionId: base?.id ?? null,
      changesJson: JSON.stringify(compareClauses(baseClauses, clauses)),
      createdAt: input.now,
    },
  });
  // The scheduled versions this one now precedes contain its change (checked above); from now on
  // they are compared with it.
  const rebased = await rebaseScheduledVersions(db, {
    documentId: version.documentId,
    now: input.now,
    cause: { kind: 'published' },
  });
  // The outbox (issue 18): partners hear of it, and again when it takes effect.
  await recordNotifications(
    db,
    versionSubject(version, { publishedAt: input.now, effectiveAt }, base?.label ?? null),
    ['version.published', 'version.in_effect'],
    input.now,
  );
  const checkpoint = await issueCheckpoint(db, input.signer, input.now, input.afterCheckpointSequenceRead);
  return { version: published, checkpoint, previousId: previous?.id ?? null, rebased };
}
