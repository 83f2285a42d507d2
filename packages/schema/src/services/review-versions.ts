/**
 * Review round-trips of a terms version (issue 14): submit (and re-submit), request changes,
 * reject, comment and delete a draft. Each runs in the caller's transaction, checks everything
 * before its first write, and records its note with the transition; the caller writes the audit
 * event in the same transaction (schema/mutation-result.ts).
 *
 * Submission runs publication's own checks on what is known before an effective date
 * (assertVersionReady), so an author hears "explanations missing" or "changes nothing" from
 * submit, with the code publish would give, instead of from a publisher days later.
 */
import type { PrismaClient } from '../db/client.js';
import { baseForNewVersion } from '../domain/change-base.js';
import { DomainError } from '../domain/errors.js';
import { assertVersionChanges, reviewNoteText } from '../domain/review.js';
import {
  assertCanTransition,
  assertDeletable,
  assertExplanationsComplete,
  assertMayComment,
  assertMayReview,
  earliestEffectiveAt,
  type VersionStatus,
  WORKFLOW_TRANSITIONS,
  type WorkflowAction,
  type WorkflowActor,
} from '../domain/workflow.js';
import { readClauses, readTimeline } from './rebase-versions.js';
import { wasReturned, writeReviewNote } from './review-notes.js';

type Db = Pick<PrismaClient, 'version' | 'clause' | 'explanation' | 'segment' | 'reviewNote' | 'changeRebase'>;

/** A version with what the readiness checks read. */
async function loadVersion(db: Db, id: string) {
  const version = await db.version.findUnique({
    where: { id },
    include: {
      document: { select: { slug: true, noticePeriodDays: true, retiredAt: true } },
      clauses: { orderBy: { position: 'asc' }, select: { key: true, number: true, heading: true, body: true } },
      explanations: { include: { segment: { select: { key: true } } } },
    },
  });
  if (version === null) throw new DomainError('NOT_FOUND', `No version with id ${id}`, 'id');
  return version;
}

type LoadedVersion = Awaited<ReturnType<typeof loadVersion>>;

/**
 * The segments a version of the document owes an explanation: those it applies to that are still
 * in use (a retired segment keeps its history, not new explanations).
 */
export async function explanationSegments(db: Pick<PrismaClient, 'segment'>, documentId: string): Promise<string[]> {
  const segments = await db.segment.findMany({
    where: { retiredAt: null, documents: { some: { documentId } } },
    orderBy: { position: 'asc' },
    select: { key: true },
  });
  return segments.map((s) => s.key);
}

/** A stored version's explanations as the domain checks and hashes them. */
export const explanationsOf = (version: {
  explanations: readonly { segment: { key: string }; summary: string; whatChanges: string; affected: boolean }[];
}) =>
  version.explanations.map((e) => ({
    segment: e.segment.key,
    summary: e.summary,
    whatChanges: e.whatChanges,
    affected: e.affected,
  }));

/**
 * What publication will check, as far as it can be known without an effective date: the document
 * still takes versions, a material version explains itself to every live segment the document
 * applies to (EXPLANATIONS_MISSING), there is text, and the text changes something against every
 * version it could follow — the one in force now and each scheduled one (NO_CHANGE). The notice
 * period cannot fail yet (any date far enough ahead satisfies it); the earliest date it allows
 * if published now is returned for the reviewer.
 */
export async function assertVersionReady(
  db: Db,
  version: LoadedVersion,
  now: Date,
): Promise<{ earliestEffectiveAt: Date }> {
  if (version.document.retiredAt !== null)
    throw new DomainError('INVALID_STATE', `Document "${version.document.slug}" is retired: it takes no new versions`);
  const segments = await explanationSegments(db, version.documentId);
  assertExplanationsComplete({ material: version.material, segments, explanations: explanationsOf(version) });
  if (version.clauses.length === 0)
    throw new DomainError('BAD_USER_INPUT', 'A version needs at least one clause', 'markdown');

  const timeline = await readTimeline(db, version.documentId);
  const inForce = baseForNewVersion(timeline, now);
  const scheduled = timeline.filter((v) => !v.withdrawn && v.effectiveAt > now);
  const bases = [...(inForce === undefined ? [] : [inForce]), ...scheduled];
  const texts = await readClauses(
    db,
    bases.map((b) => b.id),
  );
  assertVersionChanges({
    label: version.label,
    clauses: version.clauses,
    bases: bases.map((b) => ({ label: b.label, clauses: texts.get(b.id) ?? [] })),
  });
  return {
    earliestEffectiveAt: earliestEffectiveAt({
      material: version.material,
      noticePeriodDays: version.document.noticePeriodDays,
      now,
    }),
  };
}

/**
 * Moves a version along one transition, guarded by the status it was read in: if someone else
 * moved it in between (another reviewer, another API instance), nothing is updated and that is
 * a conflict, as for publication.
 */
async function transition(
  db: Db,
  version: { id: string; status: VersionStatus },
  action: WorkflowAction,
  data: Parameters<Db['version']['updateMany']>[0]['data'],
) {
  const to = assertCanTransition(version.status, action);
  const updated = await db.version.updateMany({
    where: { id: version.id, status: { in: [...WORKFLOW_TRANSITIONS[action].from] } },
    data: { ...data, status: to },
  });
  if (updated.count !== 1)
    throw new DomainError('CONFLICT', 'Someone else moved this version at the same time; reload', 'id');
  return db.version.findUniqueOrThrow({ where: { id: version.id } });
}

/**
 * Submits a draft for review (any editor), after publication's checks (assertVersionReady). A
 * draft that a reviewer sent back is re-submitted: a RESUBMIT note records it, with the author's
 * optional comment (what was fixed); a first submission's comment is a plain COMMENT.
 */
export async function submitVersion(
  db: Db,
  input: { versionId: string; actor: WorkflowActor | null; comment?: string | null; now: Date },
) {
  const version = await loadVersion(db, input.versionId);
  assertCanTransition(version.status, 'submit');
  const comment = reviewNoteText(input.comment, 'comment', false);
  const { earliestEffectiveAt } = await assertVersionReady(db, version, input.now);
  const resubmitted = await wasReturned(db, { versionId: version.id });
  const submitted = await transition(db, version, 'submit', {});
  if (input.actor !== null && (resubmitted || comment !== '')) {
    await writeReviewNote(db, {
      subject: { versionId: version.id },
      authorId: input.actor.editorId,
      action: resubmitted ? 'RESUBMIT' : 'COMMENT',
      body: comment,
      at: input.now,
    });
  }
  return { version: submitted, document: version.document.slug, earliestEffectiveAt, resubmitted, comment };
}

/**
 * Sends a version in review (or approved) back to its author as a draft, with the reviewer's
 * comment (required: the author must know what to fix). A publisher or admin who is not the
 * author; an approval given before is void.
 */
export async function requestVersionChanges(
  db: Db,
  input: { versionId: string; actor: WorkflowActor | null; comment: string; now: Date },
) {
  const version = await loadVersion(db, input.versionId);
  assertCanTransition(version.status, 'requestChanges');
  assertMayReview(input.actor, version.authorId);
  const comment = reviewNoteText(input.comment, 'comment', true);
  const returned = await transition(db, version, 'requestChanges', { approvedById: null });
  await writeReviewNote(db, {
    subject: { versionId: version.id },
    authorId: input.actor.editorId,
    action: 'REQUEST_CHANGES',
    body: comment,
    at: input.now,
  });
  return { version: returned, document: version.document.slug, comment };
}

/**
 * Closes a version in review (or approved) for good, with the reviewer's reason (required). Its
 * label is free again: rejectionKey takes the version's own id, and labels are unique per
 * document among versions whose rejectionKey is empty.
 */
export async function rejectVersion(
  db: Db,
  input: { versionId: string; actor: WorkflowActor | null; reason: string; now: Date },
) {
  const version = await loadVersion(db, input.versionId);
  assertCanTransition(version.status, 'reject');
  assertMayReview(input.actor, version.authorId);
  const reason = reviewNoteText(input.reason, 'reason', true);
  const rejected = await transition(db, version, 'reject', { rejectionKey: version.id, approvedById: null });
  await writeReviewNote(db, {
    subject: { versionId: version.id },
    authorId: input.actor.editorId,
    action: 'REJECT',
    body: reason,
    at: input.now,
  });
  return { version: rejected, document: version.document.slug, reason };
}

/** A comment on an open version (draft, in review or approved) by any editor. */
export async function commentOnVersion(
  db: Db,
  input: { versionId: string; actor: WorkflowActor | null; text: string; now: Date },
) {
  const version = await loadVersion(db, input.versionId);
  if (input.actor === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to comment on a version.');
  assertMayComment(version.status);
  const text = reviewNoteText(input.text, 'text', true);
  const note = await writeReviewNote(db, {
    subject: { versionId: version.id },
    authorId: input.actor.editorId,
    action: 'COMMENT',
    body: text,
    at: input.now,
  });
  return { version, document: version.document.slug, note };
}

/**
 * Deletes a draft with its clauses, explanations and review notes (assertDeletable says who and
 * when). The audit event the caller writes keeps the deletion on record, and every earlier step
 * and note already has its own event.
 */
export async function deleteDraftVersion(db: Db, input: { versionId: string; actor: WorkflowActor | null }) {
  const version = await loadVersion(db, input.versionId);
  assertDeletable({ status: version.status, authorId: version.authorId, actor: input.actor });
  const notes = await db.reviewNote.deleteMany({ where: { versionId: version.id } });
  await db.clause.deleteMany({ where: { versionId: version.id } });
  await db.explanation.deleteMany({ where: { versionId: version.id } });
  // Guarded like a transition: a draft submitted meanwhile is not deleted.
  const deleted = await db.version.deleteMany({ where: { id: version.id, status: 'DRAFT' } });
  if (deleted.count !== 1)
    throw new DomainError('CONFLICT', 'Someone else moved this draft at the same time; reload', 'id');
  return { id: version.id, label: version.label, document: version.document.slug, notes: notes.count };
}
