import { DomainError } from './errors.js';
import { compareMonths } from './period.js';
import type { ConsentCounts } from './types.js';

export type ConsentCountField = keyof ConsentCounts;

/**
 * How a count behaves over time. A stock is a level at the end of the month (how many accounts
 * were eligible, how many owners had it on): adding stocks across months counts the same
 * accounts again, so they are never summed over time. A flow counts the events within the month
 * (participants who joined or left): flows add up over a period.
 */
export type ConsentMeasure = 'stock' | 'flow';

/** Every count of a consent statistic, in the order they are shown and checked, with its measure. */
export const CONSENT_COUNTS = [
  { field: 'accountsEligible', measure: 'stock' },
  { field: 'ownersEnabled', measure: 'stock' },
  { field: 'ownersDisabled', measure: 'stock' },
  { field: 'ownersUndecided', measure: 'stock' },
  { field: 'participantsJoined', measure: 'flow' },
  { field: 'participantsLeft', measure: 'flow' },
] as const satisfies readonly { field: ConsentCountField; measure: ConsentMeasure }[];

// Every count is in the table (a count added to ConsentCounts but not here fails to compile).
const everyCountListed: [Exclude<ConsentCountField, (typeof CONSENT_COUNTS)[number]['field']>] extends [never]
  ? true
  : never = true;
void everyCountListed;

/** Every count of a consent statistic, in the order they are shown and checked. */
export const CONSENT_COUNT_FIELDS: readonly ConsentCountField[] = CONSENT_COUNTS.map(({ field }) => field);

/** Whether a count is a level at month end (stock) or the events within the month (flow). */
export const consentMeasure = (field: ConsentCountField): ConsentMeasure =>
  (CONSENT_COUNTS.find((count) => count.field === field) as { measure: ConsentMeasure }).measure;

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

/** The earliest month a consent statistic may be for: anything before is taken for a typo. */
export const EARLIEST_CONSENT_PERIOD = '2000-01';

/** The largest count accepted: far above any real population, and within every database's integer. */
export const MAX_CONSENT_COUNT = 1_000_000_000;

/** One broken plausibility rule: the count (or period) at fault and what is wrong with it. */
export interface PlausibilityProblem {
  field: 'period' | ConsentCountField;
  message: string;
}

/**
 * The plausibility rules every published consent statistic meets (docs/publishing.md, "Consent statistics
 * CSV"), on top of the structural ones validateConsentCounts checks; each broken rule is one
 * problem naming its field, so an import can report them all:
 *
 * 1. The month is no later than `currentMonth` (statistics describe the past) and no earlier
 *    than EARLIEST_CONSENT_PERIOD.
 * 2. No count exceeds MAX_CONSENT_COUNT.
 * 3. participantsJoined and participantsLeft are both known or both unknown: a figure for who
 *    left means nothing without the figure for who joined.
 * 4. participantsLeft is no greater than participantsJoined: those who leave rather than accept
 *    are the few in any real meeting population, and more leaving than joining almost always
 *    means the two columns were swapped.
 *
 * Stored statistics are never re-checked against these rules when read, so tightening a rule
 * cannot make published history unreadable.
 */
export function plausibilityProblems(
  row: { period: string } & ConsentCounts,
  currentMonth: string,
): PlausibilityProblem[] {
  const problems: PlausibilityProblem[] = [];
  if (compareMonths(row.period, currentMonth) > 0) {
    problems.push({
      field: 'period',
      message: `${row.period} is in the future: statistics can be published for ${currentMonth} at the latest.`,
    });
  } else if (compareMonths(row.period, EARLIEST_CONSENT_PERIOD) < 0) {
    problems.push({
      field: 'period',
      message: `${row.period} is before ${EARLIEST_CONSENT_PERIOD}, the earliest month accepted; check the year.`,
    });
  }
  for (const field of CONSENT_COUNT_FIELDS) {
    const value = row[field];
    if (value !== null && value > MAX_CONSENT_COUNT) {
      problems.push({
        field,
        message: `${field} (${value}) is more than ${MAX_CONSENT_COUNT.toLocaleString('en-US')}.`,
      });
    }
  }
  const { participantsJoined: joined, participantsLeft: left } = row;
  if ((joined === null) !== (left === null)) {
    problems.push({
      field: joined === null ? 'participantsJoined' : 'participantsLeft',
      message: 'participantsJoined and participantsLeft must both be given or both be empty.',
    });
  } else if (joined !== null && left !== null && left > joined) {
    problems.push({
      field: 'participantsLeft',
      message: `participantsLeft (${left}) is more than participantsJoined (${joined}); were the two columns swapped?`,
    });
  }
  return problems;
}

/** The month of `now` in UTC, "YYYY-MM": the latest period that can be published at `now`. */
export function currentMonthAt(now: Date): string {
  return now.toISOString().slice(0, 7);
}
