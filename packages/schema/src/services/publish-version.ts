import type { PrismaClient } from '../db/client.js';
import { compareClauses } from '../domain/clause-diff.js';
import { DomainError } from '../domain/errors.js';
import { contentHash } from '../domain/hash.js';
import { assertCanTransition, assertExplanationsComplete, checkEffectiveDate } from '../domain/workflow.js';
import { issueCheckpoint } from './checkpoints.js';
import type { Signer } from './signer.js';

type Db = Pick<PrismaClient, 'document' | 'version' | 'checkpoint' | 'changelog' | 'segment'>;

/**
 * Publishes an approved version: checks the notice period and the explanations, fixes its
 * content hash chained to the document's previous published version, stores its changelog and
 * issues a signed checkpoint. Everything in the caller's transaction.
 */
export async function publishVersion(
  db: Db,
  input: { versionId: string; effectiveAt: Date | null; now: Date; signer: Signer },
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
  const effectiveAt = input.effectiveAt ?? input.now;
  checkEffectiveDate({
    material: version.material,
    noticePeriodDays: version.document.noticePeriodDays,
    now: input.now,
    effectiveAt,
  });
  const segments = (await db.segment.findMany({ orderBy: { position: 'asc' }, select: { key: true } })).map(
    (s) => s.key,
  );
  const explanations = version.explanations.map((e) => ({
    segment: e.segment.key,
    summary: e.summary,
    whatChanges: e.whatChanges,
    affected: e.affected,
  }));
  assertExplanationsComplete({ material: version.material, segments, explanations });
  if (version.clauses.length === 0)
    throw new DomainError('BAD_USER_INPUT', 'A version needs at least one clause', 'markdown');

  const previous = await db.version.findFirst({
    where: { documentId: version.documentId, status: 'PUBLISHED' },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    include: { clauses: { orderBy: { position: 'asc' } } },
  });
  const clauses = version.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }));
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
  const published = await db.version.update({
    where: { id: version.id },
    data: { status: 'PUBLISHED', publishedAt: input.now, effectiveAt, contentHash: hash, previousHash },
  });
  await db.changelog.create({
    data: {
      versionId: version.id,
      fromVersionId: previous?.id ?? null,
      changesJson: JSON.stringify(compareClauses(previous?.clauses ?? [], clauses)),
      createdAt: input.now,
    },
  });
  const checkpoint = await issueCheckpoint(db, input.signer, input.now);
  return { version: published, checkpoint, previousId: previous?.id ?? null };
}
