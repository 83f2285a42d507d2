/**
 * AI-feature revisions are governed like terms versions (DOMAIN.md, "AI feature"): a revision
 * that changes, for some segment, what the feature does with data, who consents or what a
 * participant can do is material for that segment. It then needs that segment's plain-language
 * explanation and the feature's notice period. Wording changes publish at once.
 *
 * Materiality is computed from the facts, never declared: the company cannot call a change to
 * model training "editorial".
 */
import { DomainError } from './errors.js';
import { type FeatureFactField, MATERIAL_FACT_FIELDS } from './feature-fact-fields.js';
import { diffFeatureFacts } from './feature-facts.js';
import type { ExplanationInput, FeatureFactsInput } from './types.js';

const MATERIAL = new Set<string>(MATERIAL_FACT_FIELDS);

export const isMaterialFactField = (field: string): boolean => MATERIAL.has(field);

/** Default notice period of a feature, as documents have one. */
export const DEFAULT_FEATURE_NOTICE_DAYS = 30;

/**
 * For each segment, the material fields that change from `previous` (the revision in force
 * before the new one takes effect; null for a feature's first revision) to `next`. Segments with
 * no material change are left out. A first revision is material for every segment it is offered
 * to (availability other than not_offered): everything it states is new to those readers.
 */
export function materialChanges(
  previous: Readonly<Record<string, FeatureFactsInput>> | null,
  next: Readonly<Record<string, FeatureFactsInput>>,
): Map<string, FeatureFactField[]> {
  const bySegment = new Map<string, FeatureFactField[]>();
  if (previous === null) {
    for (const [segment, facts] of Object.entries(next)) {
      if (facts.availability !== 'not_offered') bySegment.set(segment, [...MATERIAL_FACT_FIELDS]);
    }
    return bySegment;
  }
  for (const change of diffFeatureFacts(previous, next)) {
    if (!MATERIAL.has(change.field)) continue;
    const fields = bySegment.get(change.segment) ?? [];
    fields.push(change.field);
    bySegment.set(change.segment, fields);
  }
  return bySegment;
}

/**
 * A material revision explains itself to every segment it changes materially: a summary, and
 * what changes for that segment.
 *
 * @throws DomainError EXPLANATIONS_MISSING (field explanations) naming each segment at fault and
 * the fields that changed for it.
 */
export function assertRevisionExplanations(
  changes: ReadonlyMap<string, readonly string[]>,
  explanations: Readonly<Record<string, ExplanationInput>>,
): void {
  const missing: string[] = [];
  for (const [segment, fields] of changes) {
    const explanation = Object.hasOwn(explanations, segment) ? explanations[segment] : undefined;
    if (explanation === undefined || explanation.summary.trim() === '' || explanation.whatChanges.trim() === '') {
      missing.push(`${segment} (changes ${fields.join(', ')})`);
    }
  }
  if (missing.length > 0) {
    throw new DomainError(
      'EXPLANATIONS_MISSING',
      `A material revision needs a summary and "what changes" for every segment it changes materially: ${missing.join('; ')}.`,
      'explanations',
    );
  }
}

/** Bounds of a withdrawal's reason, shown to the public (as for versions). */
export const WITHDRAWAL_REASON_CHARS = 2_000;

/**
 * A published revision can be withdrawn until it takes effect, as a version can (workflow.ts,
 * assertWithdrawable); from effectiveAt on it has told readers what the feature does, and only a
 * new revision can change that. Effective exactly at `now` counts as in effect.
 *
 * @returns the reason, trimmed.
 * @throws DomainError BAD_USER_INPUT (field reason) for a blank or over-long reason,
 * INVALID_STATE when the revision is not published or already withdrawn, ALREADY_IN_EFFECT once
 * effectiveAt has come.
 */
export function assertRevisionWithdrawable(input: {
  status: string;
  effectiveAt: Date | null;
  now: Date;
  withdrawn: boolean;
  reason: string;
}): string {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > WITHDRAWAL_REASON_CHARS) {
    throw new DomainError('BAD_USER_INPUT', `reason must be 1–${WITHDRAWAL_REASON_CHARS} characters`, 'reason');
  }
  if (input.status !== 'PUBLISHED') {
    throw new DomainError(
      'INVALID_STATE',
      `Cannot withdraw a revision that is ${input.status}: only a published revision can be withdrawn.`,
    );
  }
  if (input.withdrawn) throw new DomainError('INVALID_STATE', 'This revision has already been withdrawn.');
  if (input.effectiveAt === null || input.effectiveAt.getTime() <= input.now.getTime()) {
    throw new DomainError(
      'ALREADY_IN_EFFECT',
      `This revision took effect at ${input.effectiveAt?.toISOString() ?? 'publication'} and can no longer be withdrawn; publish a new revision instead.`,
    );
  }
  return reason;
}
