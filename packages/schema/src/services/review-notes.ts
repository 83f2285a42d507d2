/**
 * Review notes (domain/review.ts): written in the transaction of the step they belong to, so a
 * transition and its comment are recorded together or not at all.
 */
import type { PrismaClient } from '../db/client.js';
import type { ReviewNoteAction } from '../domain/review.js';

type Db = Pick<PrismaClient, 'reviewNote'>;

/** What a note is about: a terms version or an AI-feature revision. */
export type NoteSubject = { versionId: string } | { revisionId: string };

export async function writeReviewNote(
  db: Db,
  input: { subject: NoteSubject; authorId: string; action: ReviewNoteAction; body: string; at: Date },
) {
  return db.reviewNote.create({
    data: { ...input.subject, authorId: input.authorId, action: input.action, body: input.body, at: input.at },
  });
}

/** Whether a reviewer has ever sent the subject back: its next submission is a re-submission. */
export async function wasReturned(db: Db, subject: NoteSubject): Promise<boolean> {
  return (await db.reviewNote.count({ where: { ...subject, action: 'REQUEST_CHANGES' } })) > 0;
}
