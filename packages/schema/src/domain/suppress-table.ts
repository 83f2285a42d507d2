import { CONSENT_COUNT_FIELDS, type ConsentCountField } from './consent-counts.js';
import { rate, type SuppressedRow, sumVisible, suppressRow, type VisibleSum } from './suppression.js';
import type { ConsentCounts } from './types.js';

/** A row's own fields (feature, segment, period, …) with its raw counts replaced by cells. */
export type SuppressedTableRow<K> = Omit<K, ConsentCountField> & {
  cells: SuppressedRow;
  /** ownersEnabled / accountsEligible for this row, null when either is hidden. */
  enabledRate: number | null;
};

export interface SuppressedTable<K> {
  rows: SuppressedTableRow<K>[];
  /** Per field, the sum of the visible cells only (see sumVisible). */
  totals: { [F in ConsentCountField]: VisibleSum };
  /**
   * Enabled rate over the rows where both ownersEnabled and accountsEligible are visible:
   * sum of those ownersEnabled / sum of those accountsEligible. Rows with either cell hidden
   * are left out of both sums, because mixing a numerator and a denominator taken over
   * different rows would give a meaningless (and possibly > 1) rate.
   */
  enabledRate: number | null;
  /** How many rows fed `enabledRate`, and how many were left out. */
  enabledRateRows: { included: number; excluded: number };
}

/**
 * Suppresses every row and computes totals from the published cells only. The raw counts are
 * stripped from the returned rows so that nothing downstream can leak them by accident.
 */
export function suppressTable<K extends object>(
  rows: readonly (ConsentCounts & K)[],
  minimum: number,
): SuppressedTable<K> {
  const out: SuppressedTableRow<K>[] = [];
  let enabled = 0;
  let eligible = 0;
  let included = 0;
  for (const row of rows) {
    const cells = suppressRow(row, minimum);
    const {
      accountsEligible: _e,
      ownersEnabled: _oe,
      ownersDisabled: _od,
      ownersUndecided: _ou,
      participantsJoined: _pj,
      participantsLeft: _pl,
      ...rest
    } = row;
    out.push({
      ...rest,
      cells,
      enabledRate: rate(cells.ownersEnabled, cells.accountsEligible),
    } as SuppressedTableRow<K>);
    if (cells.ownersEnabled.value !== null && cells.accountsEligible.value !== null) {
      enabled += cells.ownersEnabled.value;
      eligible += cells.accountsEligible.value;
      included++;
    }
  }
  const totals = {} as SuppressedTable<K>['totals'];
  for (const field of CONSENT_COUNT_FIELDS) totals[field] = sumVisible(out.map((row) => row.cells[field]));
  const enabledRate = rate(
    { value: enabled, suppressed: false },
    { value: included === 0 ? null : eligible, suppressed: false },
  );
  return { rows: out, totals, enabledRate, enabledRateRows: { included, excluded: rows.length - included } };
}
