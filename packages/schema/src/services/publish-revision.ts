import type { PrismaClient } from '../db/client.js';
import { DomainError } from '../domain/errors.js';
import { diffFeatureFacts } from '../domain/feature-facts.js';
import {
  assertRevisionExplanations,
  assertRevisionWithdrawable,
  materialChanges,
} from '../domain/feature-governance.js';
import { revisionHash } from '../domain/public-records.js';
import { assertRevisionChanges } from '../domain/review.js';
import { assertNotUndoneByScheduled, revisionBefore, revisionsAfter } from '../domain/revision-base.js';
import { assertCanTransition, checkEffectiveDate } from '../domain/workflow.js';
import { issueCheckpoint } from './checkpoints.js';
import { type OutboxDb, publishedDates, recordNotifications, revisionSubject } from './outbox.js';
import { appendWithdrawal, revisionChainHead, revisionContent } from './public-chains.js';
import {
  comparedWithSentence,
  factsOfRevisions,
  lockFeature,
  placedRevisions,
  rebaseScheduledRevisions,
} from './rebase-revisions.js';
import type { Signer } from './signer.js';

type Db = Parameters<typeof issueCheckpoint>[0] & Pick<PrismaClient, 'aiFeatureFacts' | 'changeRebase'> & OutboxDb;

/**
 * Publishes an approved AI-feature revision, governed like a terms version: it is compared with
 * the revision in force right before it takes effect (domain/revision-base.ts); if that changes
 * a material fact for some segment (domain/feature-governance.ts) it needs the feature's notice
 * period and an explanation for each such segment; it may not take effect before a scheduled
 * revision that would undo it. It joins the feature's hash chain, moves the comparison of the
 * scheduled revision after it (a ChangeRebase) and issues a signed checkpoint — all in the
 * caller's transaction.
 *
 * @throws DomainError NOT_FOUND, INVALID_STATE, NO_CHANGE (facts identical to the base),
 * EFFECTIVE_DATE_IN_PAST, NOTICE_PERIOD, EXPLANATIONS_MISSING, CONFLICTS_WITH_SCHEDULED, or
 * CONFLICT when published concurrently.
 */
export async function publishRevision(
  db: Db,
  input: { revisionId: string; effectiveAt: Date | null; now: Date; signer: Signer },
) {
  await lockFeatureOf(db, input.revisionId);
  const revision = await db.aiFeatureRevision.findUnique({
    where: { id: input.revisionId },
    include: {
      feature: { select: { slug: true, noticePeriodDays: true, retiredAt: true } },
      facts: {
        orderBy: [{ segment: { position: 'asc' } }, { id: 'asc' }],
        include: { segment: { select: { key: true } } },
      },
      explanations: { include: { segment: { select: { key: true } } } },
    },
  });
  if (revision === null) throw new DomainError('NOT_FOUND', `No AI-feature revision with id ${input.revisionId}`, 'id');
  assertCanTransition(revision.status, 'publish', 'revision');
  if (revision.feature.retiredAt !== null)
    throw new DomainError(
      'INVALID_STATE',
      `AI feature "${revision.feature.slug}" is retired: it takes no new revisions`,
    );
  const effectiveAt = input.effectiveAt ?? input.now;
  const { facts: next, explanations } = revisionContent(revision);

  // Where the revision will sit among the feature's published ones, once published now.
  const placed = { id: revision.id, number: revision.number, publishedAt: input.now, effectiveAt, withdrawn: false };
  const others = await placedRevisions(db, revision.featureId);
  const base = revisionBefore(others, placed);
  const later = revisionsAfter(others, placed);
  const facts = await factsOfRevisions(db, [...(base === null ? [] : [base.id]), ...later.map((r) => r.id)]);
  const baseFacts = base === null ? null : (facts.get(base.id) ?? {});

  // Checked at submission too, against every revision it could follow; now the one it will.
  if (base !== null && baseFacts !== null) {
    assertRevisionChanges({
      feature: revision.feature.slug,
      number: revision.number,
      facts: next,
      bases: [{ number: base.number, facts: baseFacts }],
    });
  }
  const changes = materialChanges(baseFacts, next);
  const material = changes.size > 0;
  checkEffectiveDate({ material, noticePeriodDays: revision.feature.noticePeriodDays, now: input.now, effectiveAt });
  if (material) assertRevisionExplanations(changes, explanations);
  assertNotUndoneByScheduled({
    feature: revision.feature.slug,
    effectiveAt,
    base: baseFacts,
    next,
    later: later.map((r) => ({ number: r.number, effectiveAt: r.effectiveAt, facts: facts.get(r.id) ?? {} })),
  });

  const diff = diffFeatureFacts(baseFacts, next);
  // The chain is in publication order, whatever the effective dates.
  const previousHash = await revisionChainHead(db, revision.featureId);
  const contentHash = revisionHash({
    feature: revision.feature.slug,
    number: revision.number,
    publishedAt: input.now,
    effectiveAt,
    material,
    changeNote: revision.changeNote,
    previousHash,
    facts: next,
    explanations,
  });
  // Guarded by the status read above, as publishVersion: a concurrent publish of the same
  // revision that committed first leaves nothing to update here, and that is a conflict.
  const updated = await db.aiFeatureRevision.updateMany({
    where: { id: revision.id, status: 'APPROVED' },
    data: {
      status: 'PUBLISHED',
      publishedAt: input.now,
      effectiveAt,
      material,
      fromRevisionId: base?.id ?? null,
      diffJson: JSON.stringify(diff),
      contentHash,
      previousHash,
    },
  });
  if (updated.count !== 1) {
    throw new DomainError('CONFLICT', 'This revision was published by someone else at the same time; reload', 'id');
  }
  // The revision after this one, which contains its change (checked above), now takes effect
  // over this one rather than over the base: its public changes say so.
  const rebases = await rebaseScheduledRevisions(db, {
    featureId: revision.featureId,
    now: input.now,
    reason: (_scheduled, newBase) =>
      newBase?.id === revision.id
        ? `Revision ${revision.number} was published on ${input.now.toISOString()} to take effect on ` +
          `${effectiveAt.toISOString()}, before this revision, which already contained its change: ` +
          `this revision is now compared with revision ${revision.number}.`
        : comparedWithSentence(newBase).replace(/^t/, 'T'),
  });
  const published = await db.aiFeatureRevision.findUniqueOrThrow({ where: { id: revision.id } });
  await recordNotifications(
    db,
    revisionSubject({ ...revision, material }, { publishedAt: input.now, effectiveAt }),
    ['revision.published', 'revision.in_effect'],
    input.now,
  );
  const checkpoint = await issueCheckpoint(db, input.signer, input.now);
  return { revision: published, checkpoint, baseId: base?.id ?? null, material, changes: diff.length, rebases };
}

/**
 * Withdraws a published revision before it takes effect: the withdrawal joins the withdrawals
 * chain (appendWithdrawal), every scheduled revision that was compared with it is compared with
 * the revision now in force before it (a ChangeRebase naming the withdrawal), and a signed
 * checkpoint is issued — all in the caller's transaction.
 *
 * @throws DomainError NOT_FOUND, BAD_USER_INPUT (reason), INVALID_STATE, ALREADY_IN_EFFECT.
 */
export async function withdrawRevision(
  db: Db,
  input: { revisionId: string; reason: string; editorId: string | null; now: Date; signer: Signer },
) {
  await lockFeatureOf(db, input.revisionId);
  const revision = await db.aiFeatureRevision.findUnique({
    where: { id: input.revisionId },
    include: { withdrawal: { select: { id: true } }, feature: { select: { slug: true } } },
  });
  if (revision === null) throw new DomainError('NOT_FOUND', `No AI-feature revision with id ${input.revisionId}`, 'id');
  const reason = assertRevisionWithdrawable({
    status: revision.status,
    effectiveAt: revision.effectiveAt,
    now: input.now,
    withdrawn: revision.withdrawal !== null,
    reason: input.reason,
  });
  const withdrawal = await appendWithdrawal(db, {
    kind: 'revision',
    id: revision.id,
    reason,
    editorId: input.editorId,
    now: input.now,
  });
  const effective = revision.effectiveAt?.toISOString() ?? '';
  const rebases = await rebaseScheduledRevisions(db, {
    featureId: revision.featureId,
    now: input.now,
    reason: (_scheduled, base) =>
      `Revision ${revision.number}, which was to take effect on ${effective}, was withdrawn on ` +
      `${input.now.toISOString()}: ${comparedWithSentence(base)}`,
  });
  await recordNotifications(
    db,
    revisionSubject(revision, publishedDates(revision, input.now)),
    ['revision.withdrawn'],
    input.now,
  );
  const checkpoint = await issueCheckpoint(db, input.signer, input.now);
  return { revision, withdrawal, checkpoint, rebases };
}

/** Locks the revision's feature (lockFeature) before anything about its history is read. */
async function lockFeatureOf(db: Db, revisionId: string): Promise<void> {
  const revision = await db.aiFeatureRevision.findUnique({ where: { id: revisionId }, select: { featureId: true } });
  if (revision !== null) await lockFeature(db, revision.featureId);
}
