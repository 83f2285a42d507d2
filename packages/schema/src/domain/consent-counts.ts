import { DomainError } from './errors.js';
import type { ConsentCounts } from './types.js';

export type ConsentCountField = keyof ConsentCounts;

/** Every count of a consent statistic, in the order they are shown and checked. */
export const CONSENT_COUNT_FIELDS = [
  'accountsEligible',
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
  'participantsJoined',
  'participantsLeft',
] as const satisfies readonly ConsentCountField[];

/** The owner decisions, which add up to accountsEligible. */
export const OWNER_DECISION_FIELDS = [
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
] as const satisfies readonly ConsentCountField[];

/**
 * Rejects counts that cannot be real aggregates: negative or fractional numbers, or owner
 * decisions that do not add up to accountsEligible. Suppression relies on that sum being true
 * (it is the equation an outsider would use to recover a hidden cell), so it is checked here
 * rather than trusted.
 *
 * @throws DomainError BAD_USER_INPUT naming the offending field.
 */
export function validateConsentCounts(counts: ConsentCounts): void {
  for (const field of CONSENT_COUNT_FIELDS) {
    const value = counts[field];
    if (value === null && (field === 'participantsJoined' || field === 'participantsLeft')) continue;
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new DomainError('BAD_USER_INPUT', `${field} must be a whole number of zero or more.`, field);
    }
  }
  const decided = counts.ownersEnabled + counts.ownersDisabled + counts.ownersUndecided;
  if (decided !== counts.accountsEligible) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `ownersEnabled + ownersDisabled + ownersUndecided (${decided}) must equal accountsEligible (${counts.accountsEligible}).`,
      'accountsEligible',
    );
  }
}
