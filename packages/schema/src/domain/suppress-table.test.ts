import { describe, expect, it } from 'vitest';
import { CONSENT_COUNT_FIELDS, OWNER_DECISION_FIELDS } from './consent-counts.js';
import { suppressTable } from './suppress-table.js';
import { seededRandom } from './testing/seeded-random.js';
import type { ConsentCounts } from './types.js';

type Row = ConsentCounts & { segment: string; period: string };

const row = (segment: string, period: string, enabled: number, disabled: number, undecided: number): Row => ({
  segment,
  period,
  accountsEligible: enabled + disabled + undecided,
  ownersEnabled: enabled,
  ownersDisabled: disabled,
  ownersUndecided: undecided,
  participantsJoined: null,
  participantsLeft: null,
});

describe('suppressTable', () => {
  const table = suppressTable(
    [
      row('business', '2023-09', 40, 30, 30),
      row('healthcare', '2023-09', 2, 20, 30),
      row('education', '2023-09', 1, 1, 1),
    ],
    10,
  );

  it('keeps each row’s own fields and replaces its raw counts with cells', () => {
    const first = table.rows[0];
    expect(first?.segment).toBe('business');
    expect(first?.period).toBe('2023-09');
    expect(first).not.toHaveProperty('ownersEnabled');
    expect(first).not.toHaveProperty('accountsEligible');
    expect(first?.cells.ownersEnabled).toEqual({ value: 40, suppressed: false });
    expect(first?.enabledRate).toBe(0.4);
    expect(table.rows[1]?.enabledRate).toBeNull();
  });

  it('totals only the visible cells', () => {
    expect(table.totals.accountsEligible).toEqual({ value: 152, suppressedCells: 1, complete: false });
    expect(table.totals.ownersEnabled).toEqual({ value: 40, suppressedCells: 2, complete: false });
    expect(table.totals.ownersDisabled).toEqual({ value: 30, suppressedCells: 2, complete: false });
    expect(table.totals.ownersUndecided).toEqual({ value: 60, suppressedCells: 1, complete: false });
    expect(table.totals.participantsJoined).toEqual({ value: null, suppressedCells: 0, complete: false });
  });

  it('computes the overall enabled rate over rows where both cells are visible', () => {
    expect(table.enabledRate).toBe(0.4);
    expect(table.enabledRateRows).toEqual({ included: 1, excluded: 2 });
  });

  it('handles an empty table', () => {
    const empty = suppressTable<{ segment: string }>([], 10);
    expect(empty.rows).toEqual([]);
    expect(empty.enabledRate).toBeNull();
    expect(empty.totals.ownersEnabled).toEqual({ value: null, suppressedCells: 0, complete: true });
  });

  it('never lets totals or the relation reveal a hidden cell (random tables)', () => {
    const random = seededRandom(1_000_003);
    for (let round = 0; round < 300; round++) {
      const minimum = random.int(1, 15);
      const rows = Array.from({ length: random.int(1, 24) }, (_, i) =>
        row('consumer', `m${i}`, random.int(0, 4 * minimum), random.int(0, 4 * minimum), random.int(0, 4 * minimum)),
      );
      const result = suppressTable(rows, minimum);
      for (const field of CONSENT_COUNT_FIELDS) {
        // A total equal to the sum of the visible cells leaves nothing to subtract out.
        const visibleSum = result.rows.reduce<number | null>((sum, r) => {
          const value = r.cells[field].value;
          return value === null ? sum : (sum ?? 0) + value;
        }, null);
        expect(result.totals[field].value).toBe(visibleSum);
      }
      result.rows.forEach((r, i) => {
        const raw = rows[i] as Row;
        const hiddenParts = OWNER_DECISION_FIELDS.filter((f) => r.cells[f].suppressed);
        const hiddenInRelation = hiddenParts.length + (r.cells.accountsEligible.suppressed ? 1 : 0);
        expect(hiddenInRelation).not.toBe(1);
        if (!r.cells.accountsEligible.suppressed && hiddenParts.length > 0) {
          expect(hiddenParts.reduce((sum, f) => sum + raw[f], 0)).toBeGreaterThan(0);
        }
      });
    }
  });
});
