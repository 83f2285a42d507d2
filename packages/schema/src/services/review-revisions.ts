/**
 * Review round-trips of an AI-feature revision, as services/review-versions.ts does them for
 * terms versions: submit (and re-submit), request changes, reject, comment and delete a draft,
 * each in the caller's transaction with its note, everything checked before the first write.
 *
 * A revision's materiality is computed against the revision in force right before it takes
 * effect, which depends on a date only publication gives. Submission therefore checks against
 * every revision it could follow (the one in force now and each scheduled one): it refuses what
 * publication would refuse whatever the date — facts identical to all of them (NO_CHANGE), or a
 * segment changed materially against all of them without its explanation (EXPLANATIONS_MISSING).
 */
import type { PrismaClient } from '../db/client.js';
import { DomainError } from '../domain/errors.js';
import { assertRevisionExplanations } from '../domain/feature-governance.js';
import { assertRevisionChanges, reviewNoteText, surelyMaterialChanges } from '../domain/review.js';
import { revisionBefore, revisionsAfter } from '../domain/revision-base.js';
import {
  assertCanTransition,
  assertDeletable,
  assertMayComment,
  assertMayReview,
  earliestEffectiveAt,
  type VersionStatus,
  WORKFLOW_TRANSITIONS,
  type WorkflowAction,
  type WorkflowActor,
} from '../domain/workflow.js';
import { revisionContent } from './public-chains.js';
import { factsOfRevisions, placedRevisions } from './rebase-revisions.js';
import { wasReturned, writeReviewNote } from './review-notes.js';

type Db = Pick<
  PrismaClient,
  'aiFeatureRevision' | 'aiFeatureFacts' | 'revisionExplanation' | 'reviewNote' | 'changeRebase'
>;

async function loadRevision(db: Db, id: string) {
  const revision = await db.aiFeatureRevision.findUnique({
    where: { id },
    include: {
      feature: { select: { slug: true, noticePeriodDays: true, retiredAt: true } },
      facts: {
        orderBy: [{ segment: { position: 'asc' } }, { id: 'asc' }],
        include: { segment: { select: { key: true } } },
      },
      explanations: { include: { segment: { select: { key: true } } } },
    },
  });
  if (revision === null) throw new DomainError('NOT_FOUND', `No AI-feature revision with id ${id}`, 'id');
  return revision;
}

type LoadedRevision = Awaited<ReturnType<typeof loadRevision>>;

/**
 * Publication's checks on what is known before an effective date (see the file comment). The
 * notice period cannot fail yet; the earliest date it allows if published now is returned (now
 * itself when no segment is surely changed materially).
 */
export async function assertRevisionReady(
  db: Db,
  revision: LoadedRevision,
  now: Date,
): Promise<{ earliestEffectiveAt: Date; material: boolean }> {
  if (revision.feature.retiredAt !== null)
    throw new DomainError(
      'INVALID_STATE',
      `AI feature "${revision.feature.slug}" is retired: it takes no new revisions`,
    );
  const { facts: next, explanations } = revisionContent(revision);
  const placed = { id: revision.id, number: revision.number, publishedAt: now, effectiveAt: now, withdrawn: false };
  const others = await placedRevisions(db, revision.featureId);
  const inForce = revisionBefore(others, placed);
  const scheduled = revisionsAfter(others, placed);
  const facts = await factsOfRevisions(db, [...(inForce === null ? [] : [inForce.id]), ...scheduled.map((r) => r.id)]);
  // null: published now, nothing would be in force before it (the feature's first revision).
  const candidates = [inForce, ...scheduled].map((r) =>
    r === null ? null : { number: r.number, facts: facts.get(r.id) ?? {} },
  );
  const bases = candidates.flatMap((c) => (c === null ? [] : [c]));
  if (bases.length === candidates.length) {
    assertRevisionChanges({ feature: revision.feature.slug, number: revision.number, facts: next, bases });
  }
  const sure = surelyMaterialChanges(
    candidates.map((c) => c?.facts ?? null),
    next,
  );
  assertRevisionExplanations(sure, explanations);
  const material = sure.size > 0;
  return {
    material,
    earliestEffectiveAt: earliestEffectiveAt({ material, noticePeriodDays: revision.feature.noticePeriodDays, now }),
  };
}

/** One transition, guarded by the status it was read in (a concurrent move is a CONFLICT). */
async function transition(
  db: Db,
  revision: { id: string; status: VersionStatus },
  action: WorkflowAction,
  data: Parameters<Db['aiFeatureRevision']['updateMany']>[0]['data'],
) {
  const to = assertCanTransition(revision.status, action, 'revision');
  const updated = await db.aiFeatureRevision.updateMany({
    where: { id: revision.id, status: { in: [...WORKFLOW_TRANSITIONS[action].from] } },
    data: { ...data, status: to },
  });
  if (updated.count !== 1)
    throw new DomainError('CONFLICT', 'Someone else moved this revision at the same time; reload', 'id');
  return db.aiFeatureRevision.findUniqueOrThrow({ where: { id: revision.id } });
}

/** Submits (or re-submits, with a RESUBMIT note) a draft revision, as submitVersion does. */
export async function submitRevision(
  db: Db,
  input: { revisionId: string; actor: WorkflowActor | null; comment?: string | null; now: Date },
) {
  const revision = await loadRevision(db, input.revisionId);
  assertCanTransition(revision.status, 'submit', 'revision');
  const comment = reviewNoteText(input.comment, 'comment', false);
  const ready = await assertRevisionReady(db, revision, input.now);
  const resubmitted = await wasReturned(db, { revisionId: revision.id });
  const submitted = await transition(db, revision, 'submit', {});
  if (input.actor !== null && (resubmitted || comment !== '')) {
    await writeReviewNote(db, {
      subject: { revisionId: revision.id },
      authorId: input.actor.editorId,
      action: resubmitted ? 'RESUBMIT' : 'COMMENT',
      body: comment,
      at: input.now,
    });
  }
  return { revision: submitted, feature: revision.feature.slug, ...ready, resubmitted, comment };
}

/** Sends a revision in review (or approved) back to its author, with the reviewer's comment. */
export async function requestRevisionChanges(
  db: Db,
  input: { revisionId: string; actor: WorkflowActor | null; comment: string; now: Date },
) {
  const revision = await loadRevision(db, input.revisionId);
  assertCanTransition(revision.status, 'requestChanges', 'revision');
  assertMayReview(input.actor, revision.authorId, 'revision');
  const comment = reviewNoteText(input.comment, 'comment', true);
  const returned = await transition(db, revision, 'requestChanges', { approvedById: null });
  await writeReviewNote(db, {
    subject: { revisionId: revision.id },
    authorId: input.actor.editorId,
    action: 'REQUEST_CHANGES',
    body: comment,
    at: input.now,
  });
  return { revision: returned, feature: revision.feature.slug, comment };
}

/** Closes a revision in review (or approved) for good, with the reviewer's reason. */
export async function rejectRevision(
  db: Db,
  input: { revisionId: string; actor: WorkflowActor | null; reason: string; now: Date },
) {
  const revision = await loadRevision(db, input.revisionId);
  assertCanTransition(revision.status, 'reject', 'revision');
  assertMayReview(input.actor, revision.authorId, 'revision');
  const reason = reviewNoteText(input.reason, 'reason', true);
  const rejected = await transition(db, revision, 'reject', { approvedById: null });
  await writeReviewNote(db, {
    subject: { revisionId: revision.id },
    authorId: input.actor.editorId,
    action: 'REJECT',
    body: reason,
    at: input.now,
  });
  return { revision: rejected, feature: revision.feature.slug, reason };
}

/** A comment on an open revision by any editor. */
export async function commentOnRevision(
  db: Db,
  input: { revisionId: string; actor: WorkflowActor | null; text: string; now: Date },
) {
  const revision = await loadRevision(db, input.revisionId);
  if (input.actor === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to comment on a revision.');
  assertMayComment(revision.status, 'revision');
  const text = reviewNoteText(input.text, 'text', true);
  const note = await writeReviewNote(db, {
    subject: { revisionId: revision.id },
    authorId: input.actor.editorId,
    action: 'COMMENT',
    body: text,
    at: input.now,
  });
  return { revision, feature: revision.feature.slug, note };
}

/**
 * Deletes a draft revision with its facts, explanations and notes (its author or an admin; see
 * assertDeletable). Its number may be given again to the feature's next revision if it was the
 * last: numbers order published revisions, and a draft was never public.
 */
export async function deleteDraftRevision(db: Db, input: { revisionId: string; actor: WorkflowActor | null }) {
  const revision = await loadRevision(db, input.revisionId);
  assertDeletable({ status: revision.status, authorId: revision.authorId, actor: input.actor }, 'revision');
  const notes = await db.reviewNote.deleteMany({ where: { revisionId: revision.id } });
  await db.aiFeatureFacts.deleteMany({ where: { revisionId: revision.id } });
  await db.revisionExplanation.deleteMany({ where: { revisionId: revision.id } });
  const deleted = await db.aiFeatureRevision.deleteMany({ where: { id: revision.id, status: 'DRAFT' } });
  if (deleted.count !== 1)
    throw new DomainError('CONFLICT', 'Someone else moved this revision at the same time; reload', 'id');
  return { id: revision.id, number: revision.number, feature: revision.feature.slug, notes: notes.count };
}
