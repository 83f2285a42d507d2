import { describe, expect, it } from 'vitest';
import { OWNER_DECISION_FIELDS } from './consent-counts.js';
import { DomainError } from './errors.js';
import { type Cell, rate, type SuppressedRow, sumVisible, suppressRow } from './suppression.js';
import { seededRandom } from './testing/seeded-random.js';
import type { ConsentCounts } from './types.js';

const counts = (
  enabled: number,
  disabled: number,
  undecided: number,
  joined: number | null = null,
  left: number | null = null,
): ConsentCounts => ({
  accountsEligible: enabled + disabled + undecided,
  ownersEnabled: enabled,
  ownersDisabled: disabled,
  ownersUndecided: undecided,
  participantsJoined: joined,
  participantsLeft: left,
});

const visible = (value: number): Cell => ({ value, suppressed: false });
const hidden: Cell = { value: null, suppressed: true };
const unknown: Cell = { value: null, suppressed: false };

/**
 * What an outsider can work out from one published row: for each owner cell and the total,
 * the set of values consistent with the visible cells and enabled + disabled + undecided =
 * eligible (all counts whole and non-negative). A cell is disclosed when exactly one value fits.
 * Brute force over 0..bound, so only for rows with small counts.
 */
function disclosedCells(row: SuppressedRow, bound: number): string[] {
  const fields = ['accountsEligible', ...OWNER_DECISION_FIELDS] as const;
  const candidates = (field: (typeof fields)[number]) => {
    const cell = row[field];
    return cell.suppressed ? Array.from({ length: 3 * bound + 1 }, (_, i) => i) : [cell.value as number];
  };
  const possible = new Map<string, Set<number>>(fields.map((f) => [f, new Set<number>()]));
  for (const e of candidates('ownersEnabled')) {
    for (const d of candidates('ownersDisabled')) {
      for (const u of candidates('ownersUndecided')) {
        const total = e + d + u;
        if (!candidates('accountsEligible').includes(total)) continue;
        possible.get('accountsEligible')?.add(total);
        possible.get('ownersEnabled')?.add(e);
        possible.get('ownersDisabled')?.add(d);
        possible.get('ownersUndecided')?.add(u);
      }
    }
  }
  return fields.filter((f) => row[f].suppressed && possible.get(f)?.size === 1);
}

describe('suppressRow', () => {
  it('publishes a row where every count reaches the minimum unchanged', () => {
    expect(suppressRow(counts(40, 30, 20, 100, 12), 10)).toEqual({
      accountsEligible: visible(90),
      ownersEnabled: visible(40),
      ownersDisabled: visible(30),
      ownersUndecided: visible(20),
      participantsJoined: visible(100),
      participantsLeft: visible(12),
    });
  });

  it('keeps a count exactly at the minimum and hides one just below it', () => {
    const row = suppressRow(counts(10, 9, 8), 10);
    expect(row.ownersEnabled).toEqual(visible(10));
    expect(row.ownersDisabled).toEqual(hidden);
  });

  it('hides the smallest other owner cell when only one cell of the relation is hidden', () => {
    const row = suppressRow(counts(3, 50, 20), 10);
    expect(row.ownersEnabled).toEqual(hidden);
    expect(row.ownersUndecided).toEqual(hidden); // 20 < 50: the smallest remaining
    expect(row.ownersDisabled).toEqual(visible(50));
    expect(row.accountsEligible).toEqual(visible(73));
  });

  it('breaks ties between equal candidates in field order', () => {
    const row = suppressRow(counts(2, 40, 40), 10);
    expect(row.ownersDisabled).toEqual(hidden);
    expect(row.ownersUndecided).toEqual(visible(40));
  });

  it('does not add complementary suppression when two owner cells are already hidden', () => {
    const row = suppressRow(counts(3, 4, 50), 10);
    expect([row.ownersEnabled, row.ownersDisabled, row.ownersUndecided, row.accountsEligible]).toEqual([
      hidden,
      hidden,
      visible(50),
      visible(57),
    ]);
  });

  it('suppresses zeros, and hides one more cell when the hidden cells would add up to zero', () => {
    const row = suppressRow(counts(0, 0, 25), 5);
    // 25 - 25 = 0 would reveal that both hidden cells are 0.
    expect([row.ownersEnabled, row.ownersDisabled, row.ownersUndecided, row.accountsEligible]).toEqual([
      hidden,
      hidden,
      hidden,
      visible(25),
    ]);
  });

  it('hides the whole relation when the total itself is small', () => {
    const row = suppressRow(counts(1, 2, 3), 10);
    expect([row.accountsEligible, row.ownersEnabled, row.ownersDisabled, row.ownersUndecided]).toEqual([
      hidden,
      hidden,
      hidden,
      hidden,
    ]);
  });

  it('applies only the minimum to participant counts, and keeps unknown ones unknown', () => {
    expect(suppressRow(counts(20, 20, 20, 4, 30), 10)).toMatchObject({
      participantsJoined: hidden,
      participantsLeft: visible(30),
    });
    expect(suppressRow(counts(20, 20, 20, null, 0), 10)).toMatchObject({
      participantsJoined: unknown,
      participantsLeft: hidden,
    });
  });

  it('suppresses nothing with a minimum of 0', () => {
    expect(suppressRow(counts(0, 0, 0, 0, 0), 0).ownersEnabled).toEqual(visible(0));
  });

  it('rejects an invalid minimum and inconsistent counts', () => {
    expect(() => suppressRow(counts(1, 1, 1), -1)).toThrow(DomainError);
    expect(() => suppressRow(counts(1, 1, 1), 2.5)).toThrow(DomainError);
    expect(() => suppressRow({ ...counts(10, 10, 10), accountsEligible: 31 }, 5)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'accountsEligible' }),
    );
    expect(() => suppressRow(counts(-1, 10, 10), 5)).toThrow(expect.objectContaining({ field: 'ownersEnabled' }));
    expect(() => suppressRow(counts(10, 10, 10, 1.5), 5)).toThrow(
      expect.objectContaining({ field: 'participantsJoined' }),
    );
  });

  it('never leaves a hidden cell recoverable from the visible ones (random rows, brute force)', () => {
    const random = seededRandom(2023_03_31);
    for (let round = 0; round < 400; round++) {
      const minimum = random.int(1, 6);
      const bound = 3 * minimum;
      const row = suppressRow(counts(random.int(0, bound), random.int(0, bound), random.int(0, bound)), minimum);
      expect(disclosedCells(row, bound)).toEqual([]);
    }
  });

  it('never leaves an equation with exactly one unknown (many random rows)', () => {
    const random = seededRandom(20230811);
    for (let round = 0; round < 5_000; round++) {
      const minimum = random.int(1, 20);
      const size = () => (random.next() < 0.5 ? random.int(0, minimum) : random.int(0, 10 * minimum));
      const input = counts(size(), size(), size(), random.next() < 0.3 ? null : size(), size());
      const row = suppressRow(input, minimum);
      const hiddenParts = OWNER_DECISION_FIELDS.filter((f) => row[f].suppressed);
      const hiddenInRelation = hiddenParts.length + (row.accountsEligible.suppressed ? 1 : 0);
      expect(hiddenInRelation).not.toBe(1);
      if (!row.accountsEligible.suppressed && hiddenParts.length > 0) {
        const remainder = hiddenParts.reduce((sum, f) => sum + input[f], 0);
        expect(remainder).toBeGreaterThan(0); // otherwise every hidden cell is known to be 0
      }
      for (const field of [
        'accountsEligible',
        ...OWNER_DECISION_FIELDS,
        'participantsJoined',
        'participantsLeft',
      ] as const) {
        const cell = row[field];
        const raw = input[field];
        if (raw !== null && raw < minimum) expect(cell).toEqual(hidden);
        if (cell.suppressed) expect(cell.value).toBeNull();
        else expect(cell.value).toBe(raw);
      }
    }
  });
});

describe('rate', () => {
  it('divides visible counts, rounded to 4 decimals', () => {
    expect(rate(visible(1), visible(3))).toBe(0.3333);
    expect(rate(visible(2), visible(3))).toBe(0.6667);
    expect(rate(visible(5), visible(5))).toBe(1);
    expect(rate(visible(0), visible(7))).toBe(0);
  });

  it('is null when either side is hidden or unknown, or the denominator is 0', () => {
    expect(rate(hidden, visible(3))).toBeNull();
    expect(rate(visible(3), hidden)).toBeNull();
    expect(rate(unknown, visible(3))).toBeNull();
    expect(rate(visible(0), visible(0))).toBeNull();
  });
});

describe('sumVisible', () => {
  it('adds only visible cells and says what it left out', () => {
    expect(sumVisible([visible(10), hidden, visible(5), unknown])).toEqual({
      value: 15,
      suppressedCells: 1,
      complete: false,
    });
    expect(sumVisible([visible(10), visible(0)])).toEqual({ value: 10, suppressedCells: 0, complete: true });
  });

  it('is null only when no cell has a value', () => {
    expect(sumVisible([hidden, hidden])).toEqual({ value: null, suppressedCells: 2, complete: false });
    expect(sumVisible([unknown])).toEqual({ value: null, suppressedCells: 0, complete: false });
    expect(sumVisible([])).toEqual({ value: null, suppressedCells: 0, complete: true });
  });
});
