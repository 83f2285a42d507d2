/**
 * What a review can say and what it can be asked to look at (issue 14, "Review round-trips").
 *
 * A reviewer's word on a version or AI-feature revision is a ReviewNote: changes requested (the
 * draft goes back to its author), rejected (closed for good), re-submitted (the author's answer)
 * or a plain comment. The transitions themselves and who may make them are workflow.ts's rules;
 * this file holds the notes' texts and the "does this draft change anything?" question, which
 * submit and publish both ask so that a zero-change draft is refused before anyone reviews it.
 */
import { compareClauses } from './clause-diff.js';
import { DomainError } from './errors.js';
import { diffFeatureFacts } from './feature-facts.js';
import { materialChanges } from './feature-governance.js';
import type { ClauseInput, FeatureFactsInput } from './types.js';

export const REVIEW_NOTE_ACTIONS = ['REQUEST_CHANGES', 'REJECT', 'RESUBMIT', 'COMMENT'] as const;
export type ReviewNoteAction = (typeof REVIEW_NOTE_ACTIONS)[number];

/** Long enough for a paragraph per problem found; a note is not a document. */
export const REVIEW_NOTE_CHARS = 4_000;

/**
 * The text of a note, trimmed. Changes requested, a rejection and a comment must say something
 * (the author has to know what to fix, or why the draft is closed); a re-submission may be silent.
 *
 * @throws DomainError BAD_USER_INPUT (field `field`) when required and empty, or too long.
 */
export function reviewNoteText(text: string | null | undefined, field: string, required: boolean): string {
  const trimmed = (text ?? '').trim();
  if (required && trimmed === '') throw new DomainError('BAD_USER_INPUT', `${field} must not be empty`, field);
  if (trimmed.length > REVIEW_NOTE_CHARS) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field} must be at most ${REVIEW_NOTE_CHARS} characters (it has ${trimmed.length})`,
      field,
    );
  }
  return trimmed;
}

/** How much of a note the audit log keeps with the event (the note itself keeps all of it). */
export const AUDIT_NOTE_CHARS = 500;

/** A note as the audit event's detail: the subject, then the start of the text. */
export const auditNote = (subject: string, text: string): string =>
  text === ''
    ? subject
    : `${subject}: ${text.length > AUDIT_NOTE_CHARS ? `${text.slice(0, AUDIT_NOTE_CHARS)}…` : text}`;

/** A published version a draft may end up following, and its text. */
export interface VersionBase {
  label: string;
  clauses: readonly ClauseInput[];
}

/**
 * A version must change something for its readers. `bases` are the versions it may follow: at
 * publication, the one in force right before its effective date; at submission, when no date is
 * known yet, the one in force now and each scheduled one. It is refused only when it repeats
 * every one of them, so a draft meant to follow a scheduled version is not refused for matching
 * today's text. A pure reordering counts as a change (readers see clauses move). No base (a
 * document's first version) means there is nothing to repeat.
 *
 * @throws DomainError NO_CHANGE naming the version it repeats.
 */
export function assertVersionChanges(input: {
  label: string;
  clauses: readonly ClauseInput[];
  bases: readonly VersionBase[];
}): void {
  if (input.bases.length === 0) return;
  const repeats = input.bases.every((base) => compareClauses(base.clauses, input.clauses).changes.length === 0);
  if (!repeats) return;
  const named = input.bases.map((base) => base.label).join(', ');
  throw new DomainError(
    'NO_CHANGE',
    `Version ${input.label} changes nothing: its clauses are identical to ${named}, the version${input.bases.length === 1 ? '' : 's'} it would follow. Edit the text, or delete the draft.`,
    'clauses',
  );
}

/** A published revision a draft revision may end up following, and its facts per segment. */
export interface RevisionBase {
  number: number;
  facts: Readonly<Record<string, FeatureFactsInput>>;
}

/**
 * A revision must change some fact: the same rule as assertVersionChanges, over the facts of the
 * segments the revision states (a retired segment's facts in the base are not a difference: a new
 * revision owes facts to live segments only). No base (a feature's first revision) changes
 * everything.
 *
 * @throws DomainError NO_CHANGE naming the revision it repeats.
 */
export function assertRevisionChanges(input: {
  feature: string;
  number: number;
  facts: Readonly<Record<string, FeatureFactsInput>>;
  bases: readonly RevisionBase[];
}): void {
  if (input.bases.length === 0) return;
  const repeats = input.bases.every(
    (base) => diffFeatureFacts(statedOnly(base.facts, input.facts), { ...input.facts }).length === 0,
  );
  if (!repeats) return;
  const named = input.bases.map((base) => `revision ${base.number}`).join(', ');
  throw new DomainError(
    'NO_CHANGE',
    `Revision ${input.number} of ${input.feature} changes nothing: its facts are identical to ${named}, which it would follow. Edit the facts, or delete the draft.`,
    'facts',
  );
}

/**
 * For each segment, the material fields a draft revision changes whichever base it ends up
 * following (`bases` as for assertRevisionChanges; null stands for "no revision before it"): the
 * explanations it surely owes before anyone knows its effective date. Publication checks again
 * against the one base it then has.
 */
export function surelyMaterialChanges(
  bases: readonly (Readonly<Record<string, FeatureFactsInput>> | null)[],
  next: Readonly<Record<string, FeatureFactsInput>>,
): Map<string, string[]> {
  const [first, ...rest] = bases.map((base) => materialChanges(base, next));
  if (first === undefined) return new Map();
  const sure = new Map<string, string[]>();
  for (const [segment, fields] of first) {
    if (rest.every((changes) => changes.has(segment))) sure.set(segment, fields);
  }
  return sure;
}

function statedOnly(
  base: Readonly<Record<string, FeatureFactsInput>>,
  next: Readonly<Record<string, FeatureFactsInput>>,
): Record<string, FeatureFactsInput> {
  const stated: Record<string, FeatureFactsInput> = {};
  for (const segment of Object.keys(next)) {
    const facts = Object.hasOwn(base, segment) ? base[segment] : undefined;
    if (facts !== undefined) stated[segment] = facts;
  }
  return stated;
}
