import { describe, expect, it } from 'vitest';
import {
  assertNoSilentUndo,
  baseForNewVersion,
  baseOf,
  changedClauseKeys,
  clausesUndoneBy,
  currentBaseId,
  formatDay,
  rebaseReasonAfterPublication,
  rebaseReasonAfterWithdrawal,
  staleComparisons,
} from './change-base.js';
import { DomainError } from './errors.js';
import type { ClauseInput } from './types.js';

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const record = (id: string, effective: string, published: string, withdrawn = false) => ({
  id,
  effectiveAt: d(effective),
  publishedAt: d(published),
  withdrawn,
});

// V1 in force since 2025; V2 scheduled for July, V3 for September (published before V2).
const v1 = record('v1', '2025-03-01', '2025-02-01');
const v2 = record('v2', '2026-07-15', '2026-06-01');
const v3 = record('v3', '2026-09-01', '2026-05-20');

describe('baseForNewVersion', () => {
  it('is the version in force at the new one’s effective date, not the last published', () => {
    expect(baseForNewVersion([v1, v3, v2], d('2026-08-01'))?.id).toBe('v2');
    expect(baseForNewVersion([v1, v3, v2], d('2026-06-10'))?.id).toBe('v1');
    expect(baseForNewVersion([v1, v3, v2], d('2026-10-01'))?.id).toBe('v3');
  });

  it('skips withdrawn versions', () => {
    expect(baseForNewVersion([v1, { ...v2, withdrawn: true }], d('2026-08-01'))?.id).toBe('v1');
  });

  it('puts the new version after existing ones effective at the same instant', () => {
    expect(baseForNewVersion([v1, v2], d('2026-07-15'))?.id).toBe('v2');
  });

  it('is undefined for a first version or one effective before every other', () => {
    expect(baseForNewVersion([], d('2026-01-01'))).toBeUndefined();
    expect(baseForNewVersion([v1], d('2024-01-01'))).toBeUndefined();
  });
});

describe('baseOf', () => {
  it('is the last non-withdrawn version before the subject in effective order', () => {
    expect(baseOf([v1, v2, v3], v3)?.id).toBe('v2');
    expect(baseOf([v1, { ...v2, withdrawn: true }, v3], v3)?.id).toBe('v1');
    expect(baseOf([v1, v2, v3], v1)).toBeUndefined();
  });

  it('breaks effective-date ties by publication order', () => {
    const sameDayEarlier = record('a', '2026-07-15', '2026-05-01');
    const sameDayLater = record('b', '2026-07-15', '2026-06-15');
    expect(baseOf([v1, sameDayEarlier, sameDayLater], sameDayLater)?.id).toBe('a');
    expect(baseOf([v1, sameDayEarlier, sameDayLater], sameDayEarlier)?.id).toBe('v1');
  });
});

describe('currentBaseId', () => {
  it('is the newest rebase’s base, else the changelog’s, else null', () => {
    expect(currentBaseId({ changelog: { fromVersionId: 'v1' }, rebases: [] })).toBe('v1');
    expect(
      currentBaseId({ changelog: { fromVersionId: 'v1' }, rebases: [{ fromVersionId: 'v2' }, { fromVersionId: 'x' }] }),
    ).toBe('v2');
    expect(currentBaseId({ changelog: { fromVersionId: 'v1' }, rebases: [{ fromVersionId: null }] })).toBeNull();
    expect(currentBaseId({ changelog: null, rebases: [] })).toBeNull();
  });
});

describe('staleComparisons', () => {
  const now = d('2026-06-02');
  const compared = <T extends ReturnType<typeof record>>(r: T, currentBaseId: string | null) => ({
    ...r,
    currentBaseId,
  });

  it('finds a scheduled version whose base was withdrawn, with its new base', () => {
    const timeline = [compared(v1, null), compared({ ...v2, withdrawn: true }, 'v1'), compared(v3, 'v2')];
    const stale = staleComparisons(timeline, now);
    expect(stale.map(({ record: r, base }) => [r.id, base?.id])).toEqual([['v3', 'v1']]);
  });

  it('finds a scheduled version that a newly published earlier version now precedes', () => {
    const fix = compared(record('fix', '2026-06-02', '2026-06-02'), 'v1');
    const stale = staleComparisons([compared(v1, null), fix, compared(v3, 'v1')], now);
    expect(stale.map(({ record: r, base }) => [r.id, base?.id])).toEqual([['v3', 'fix']]);
  });

  it('leaves versions in effect, withdrawn versions and current comparisons alone', () => {
    const timeline = [
      compared(v1, 'nonsense'),
      compared(v2, 'v1'),
      compared(record('w', '2026-08-01', '2026-06-01', true), 'v1'),
    ];
    expect(staleComparisons(timeline, now)).toEqual([]);
  });
});

const clause = (key: string, body: string, heading = `Heading ${key}`): ClauseInput => ({
  key,
  number: key,
  heading,
  body,
});
const base = [clause('1', 'One.'), clause('2', 'Two.'), clause('3', 'Three.')];

describe('changedClauseKeys', () => {
  it('lists changed, added and removed keys, not moves alone', () => {
    const next = [clause('3', 'Three.'), clause('1', 'One, fixed.'), clause('4', 'Four.')];
    expect(changedClauseKeys(base, next)).toEqual(['1', '4', '2']);
    expect(changedClauseKeys(base, [...base].reverse())).toEqual([]);
  });

  it('counts a renumbering or a new heading as a change', () => {
    expect(changedClauseKeys(base, [{ ...clause('1', 'One.'), number: '1.1' }, ...base.slice(1)])).toEqual(['1']);
    expect(changedClauseKeys(base, [clause('1', 'One.', 'New'), ...base.slice(1)])).toEqual(['1']);
  });
});

describe('clausesUndoneBy', () => {
  const fix = [clause('1', 'One, fixed.'), clause('3', 'Three.')]; // fixes 1, removes 2

  it('is empty when the scheduled text has every change as the new one has it', () => {
    const scheduled = [clause('1', 'One, fixed.'), clause('3', 'Three, rewritten.'), clause('5', 'Five.')];
    expect(clausesUndoneBy({ base, next: fix, scheduled })).toEqual([]);
  });

  it('names the clauses the scheduled text would put back or never had', () => {
    const scheduled = [clause('1', 'One.'), clause('2', 'Two.'), clause('3', 'Three.')];
    expect(clausesUndoneBy({ base, next: fix, scheduled })).toEqual(['1', '2']);
    expect(clausesUndoneBy({ base, next: fix, scheduled: [clause('3', 'Three.')] })).toEqual(['1']);
  });

  it('ignores clauses the new text did not change', () => {
    expect(clausesUndoneBy({ base, next: base, scheduled: [] })).toEqual([]);
  });
});

describe('assertNoSilentUndo', () => {
  const editorial = {
    label: '2026-06-fix',
    effectiveAt: d('2026-06-01'),
    base,
    clauses: [clause('1', 'One, fixed.'), clause('2', 'Two.'), clause('3', 'Three.')],
  };
  const material = {
    label: '2026-07',
    effectiveAt: d('2026-07-16'),
    clauses: [clause('1', 'One.'), clause('2', 'Two, material.'), clause('3', 'Three.')],
  };

  it('refuses a change a later scheduled version does not contain, naming it, the clauses and both options', () => {
    let error: unknown;
    try {
      assertNoSilentUndo({ ...editorial, scheduled: [material] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'CONFLICTS_WITH_SCHEDULED', field: 'effectiveAt' });
    expect((error as Error).message).toBe(
      "Version 2026-06-fix would take effect on 1 June 2026, before version 2026-07, already scheduled to take effect on 16 July 2026 (2026-07-16T00:00:00.000Z), which does not contain its change to clause 1: when 2026-07 takes effect it would silently undo that change. Either withdraw 2026-07 and re-issue it on top of the new text, or schedule 2026-06-fix at or after 2026-07's effective date, 16 July 2026 (2026-07-16T00:00:00.000Z).",
    );
  });

  it('allows it when the scheduled version contains the change, or takes effect first', () => {
    const containing = {
      ...material,
      clauses: [clause('1', 'One, fixed.'), clause('2', 'Two, material.'), clause('3', 'Three.')],
    };
    expect(() => assertNoSilentUndo({ ...editorial, scheduled: [containing] })).not.toThrow();
    expect(() =>
      assertNoSilentUndo({ ...editorial, effectiveAt: d('2026-07-16'), scheduled: [material] }),
    ).not.toThrow();
    expect(() =>
      assertNoSilentUndo({ ...editorial, effectiveAt: d('2026-08-01'), scheduled: [material] }),
    ).not.toThrow();
  });

  it('names the soonest conflicting version and lists the others', () => {
    const later = { ...material, label: '2026-09', effectiveAt: d('2026-09-01') };
    expect(() => assertNoSilentUndo({ ...editorial, scheduled: [later, material] })).toThrow(
      /before version 2026-07,.*Also scheduled without this change: 2026-09 \(1 September 2026\)\.$/,
    );
  });
});

describe('reasons', () => {
  it('formats days as announcements do, in UTC', () => {
    expect(formatDay(new Date('2026-06-01T23:30:00Z'))).toBe('1 June 2026');
  });

  it('says what a rebase compares with and why', () => {
    expect(
      rebaseReasonAfterPublication({
        base: { label: '2026-07', publishedAt: d('2026-06-01') },
        previousBase: { label: '2026-05' },
      }),
    ).toBe('Compared with 2026-07 (published 1 June 2026, effective before this version) instead of 2026-05.');
    expect(
      rebaseReasonAfterPublication({ base: { label: 'fix', publishedAt: d('2026-06-01') }, previousBase: null }),
    ).toBe(
      'Compared with fix (published 1 June 2026, effective before this version) instead of being shown as a first version.',
    );
    expect(
      rebaseReasonAfterWithdrawal({
        base: { label: '2025-03' },
        withdrawn: { label: '2026-07' },
        withdrawnAt: d('2026-06-02'),
      }),
    ).toBe('Compared with 2025-03 because 2026-07, which was to take effect before it, was withdrawn on 2 June 2026.');
    expect(rebaseReasonAfterWithdrawal({ base: null, withdrawn: { label: 'w' }, withdrawnAt: d('2026-06-02') })).toBe(
      'Shown as a first version because w, which was to take effect before it, was withdrawn on 2 June 2026.',
    );
  });
});
