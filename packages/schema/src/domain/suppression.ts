/**
 * Statistical disclosure control for consent statistics (DOMAIN.md, "Consent statistic"):
 * a published cell below the minimum is hidden so no small group of accounts can be singled
 * out, and enough other cells are hidden that it cannot be recovered by arithmetic.
 */
import {
  CONSENT_COUNT_FIELDS,
  type ConsentCountField,
  OWNER_DECISION_FIELDS,
  validateConsentCounts,
} from './consent-counts.js';
import { DomainError } from './errors.js';
import type { ConsentCounts } from './types.js';

/**
 * One published number. `suppressed` cells always have a null value; an unsuppressed null
 * means the count is not known (e.g. the feature has no participant prompt).
 */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

export type SuppressedRow = { [F in ConsentCountField]: Cell };

/**
 * Hides the cells of one row that must not be published.
 *
 * Rule 1 (primary): a count below `minimum` is suppressed, zero included, since "nobody in
 * this group" is also a fact about a small group. With minimum 0 nothing is suppressed.
 *
 * Rule 2 (complementary): accountsEligible = ownersEnabled + ownersDisabled + ownersUndecided,
 * so while that relation has exactly one hidden cell, the smallest visible owner cell (ties in
 * field order) is hidden too. Likewise, when accountsEligible is visible and the hidden owner
 * cells must add up to 0 (every small cell was a zero and the rest equal the total), hiding
 * them reveals they are all 0, so one more owner cell is hidden. Repeated until neither holds.
 * participantsJoined/Left have no published total, so only Rule 1 applies to them.
 *
 * @throws DomainError BAD_USER_INPUT for an invalid minimum or counts (see validateConsentCounts).
 */
export function suppressRow(counts: ConsentCounts, minimum: number): SuppressedRow {
  if (!Number.isSafeInteger(minimum) || minimum < 0) {
    throw new DomainError('BAD_USER_INPUT', 'minimum must be a whole number of zero or more.', 'minimum');
  }
  validateConsentCounts(counts);

  const row = {} as SuppressedRow;
  for (const field of CONSENT_COUNT_FIELDS) row[field] = primaryCell(counts[field], minimum);

  for (;;) {
    const hiddenParts = OWNER_DECISION_FIELDS.filter((field) => row[field].suppressed);
    const totalHidden = row.accountsEligible.suppressed;
    const hiddenInRelation = hiddenParts.length + (totalHidden ? 1 : 0);
    const hiddenSum =
      counts.accountsEligible -
      OWNER_DECISION_FIELDS.filter((field) => !row[field].suppressed).reduce((sum, field) => sum + counts[field], 0);
    const revealsZeros = !totalHidden && hiddenParts.length >= 2 && hiddenSum === 0;
    if (hiddenInRelation !== 1 && !revealsZeros) break;
    const victim = smallestVisiblePart(row, counts);
    if (victim === undefined) {
      // Unreachable with validated counts (a zero total is always below a positive minimum);
      // kept so the loop provably ends.
      row.accountsEligible = { value: null, suppressed: true };
      break;
    }
    row[victim] = { value: null, suppressed: true };
  }
  return row;
}

function primaryCell(value: number | null, minimum: number): Cell {
  if (value === null) return { value: null, suppressed: false };
  if (value < minimum) return { value: null, suppressed: true };
  return { value, suppressed: false };
}

function smallestVisiblePart(row: SuppressedRow, counts: ConsentCounts): ConsentCountField | undefined {
  let smallest: (typeof OWNER_DECISION_FIELDS)[number] | undefined;
  for (const field of OWNER_DECISION_FIELDS) {
    if (row[field].suppressed) continue;
    if (smallest === undefined || counts[field] < counts[smallest]) smallest = field;
  }
  return smallest;
}

/** numerator / denominator rounded to 4 decimals; null when either is hidden or unknown, or the denominator is 0. */
export function rate(numerator: Cell, denominator: Cell): number | null {
  if (numerator.suppressed || denominator.suppressed) return null;
  if (numerator.value === null || denominator.value === null || denominator.value === 0) return null;
  // Scaling the integer numerator first keeps the rounding exact for whole-number counts.
  return Math.round((numerator.value * 10_000) / denominator.value) / 10_000;
}

/** A total that is honest about what it leaves out. */
export interface VisibleSum {
  /** Sum of the visible cells; null only when no cell has a value. */
  value: number | null;
  suppressedCells: number;
  /** False when any cell (hidden or unknown) was left out of the sum. */
  complete: boolean;
}

/**
 * Totals add up only the visible cells. A total that included hidden cells would let anyone
 * recover a hidden cell by subtracting the visible ones from it.
 */
export function sumVisible(cells: readonly Cell[]): VisibleSum {
  let value: number | null = null;
  let suppressedCells = 0;
  let complete = true;
  for (const cell of cells) {
    if (cell.suppressed) suppressedCells++;
    if (cell.suppressed || cell.value === null) {
      complete = false;
      continue;
    }
    value = (value ?? 0) + cell.value;
  }
  return { value, suppressedCells, complete };
}
