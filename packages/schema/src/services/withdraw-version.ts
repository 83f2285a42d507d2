import { DomainError } from '../domain/errors.js';
import { assertWithdrawable } from '../domain/workflow.js';
import { issueCheckpoint } from './checkpoints.js';
import { type OutboxDb, publishedDates, recordNotifications, versionSubject } from './outbox.js';
import { appendWithdrawal } from './public-chains.js';
import { lockDocument, rebaseScheduledVersions } from './rebase-versions.js';
import type { Signer } from './signer.js';

type Db = Parameters<typeof issueCheckpoint>[0] &
  Parameters<typeof appendWithdrawal>[0] &
  Parameters<typeof rebaseScheduledVersions>[0] &
  OutboxDb;

/**
 * Withdraws a published version before it takes effect: appends the withdrawal to the
 * withdrawals chain, compares the scheduled versions that followed it with what now takes effect
 * before them (services/rebase-versions.ts) and issues a signed checkpoint. Everything in the
 * caller's transaction; nothing is written unless every check passes.
 */
export async function withdrawVersion(
  db: Db,
  input: { versionId: string; reason: string; editorId: string | null; now: Date; signer: Signer },
) {
  const located = await db.version.findUnique({ where: { id: input.versionId }, select: { documentId: true } });
  if (located === null) throw new DomainError('NOT_FOUND', `No version with id ${input.versionId}`, 'id');
  // Before anything is decided: a publication or withdrawal of the same document waiting on this
  // lock then sees this withdrawal, and this one sees theirs if they committed first.
  await lockDocument(db, located.documentId, 'withdraw');
  const version = await db.version.findUniqueOrThrow({
    where: { id: input.versionId },
    include: { withdrawal: { select: { id: true } }, document: { select: { slug: true } } },
  });
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000)
    throw new DomainError('BAD_USER_INPUT', 'reason must be 1–2000 characters', 'reason');
  assertWithdrawable({
    status: version.status,
    effectiveAt: version.effectiveAt ?? input.now,
    now: input.now,
    withdrawn: version.withdrawal !== null,
  });
  const withdrawal = await appendWithdrawal(db, {
    kind: 'version',
    id: version.id,
    reason,
    editorId: input.editorId,
    now: input.now,
  });
  const rebased = await rebaseScheduledVersions(db, {
    documentId: version.documentId,
    now: input.now,
    cause: { kind: 'withdrawn', label: version.label, withdrawnAt: input.now },
  });
  await recordNotifications(
    db,
    versionSubject(version, publishedDates(version, input.now)),
    ['version.withdrawn'],
    input.now,
  );
  const checkpoint = await issueCheckpoint(db, input.signer, input.now);
  return { version, withdrawal, rebased, checkpoint };
}
