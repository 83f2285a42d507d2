/**
 * ReviewNote: a reviewer's or author's word on a version or AI-feature revision (domain/review.ts),
 * shown to editors on the draft types (`reviewNotes`), never to the public.
 */
import { REVIEW_NOTE_ACTIONS } from '../domain/review.js';
import { builder } from './builder.js';

const ReviewNoteActionEnum = builder.enumType('ReviewNoteAction', {
  description:
    'REQUEST_CHANGES: sent back to its author as a draft; REJECT: closed for good; RESUBMIT: submitted again after changes were requested; COMMENT: a remark that changes nothing.',
  values: REVIEW_NOTE_ACTIONS,
});

export const ReviewNoteRef = builder.prismaObject('ReviewNote', {
  description: 'One step of a review with what its author said (editors only). Oldest first on a draft.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    action: t.field({
      type: ReviewNoteActionEnum,
      resolve: (note) => note.action as (typeof REVIEW_NOTE_ACTIONS)[number],
    }),
    body: t.exposeString('body', { description: 'The comment or reason; may be empty for RESUBMIT.' }),
    author: t.relation('author'),
  }),
});

/** Oldest first: a review reads as a conversation. */
export const REVIEW_NOTE_ORDER = { orderBy: [{ at: 'asc' as const }, { id: 'asc' as const }] };
