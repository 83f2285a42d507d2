import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, errorCode, type TestApi, useTestApi } from '../helpers/testkit.js';

const MINIMUM = 5;
const api = useTestApi({ minimumCellSize: MINIMUM });

/** The sample holds 24 months of statistics. */
const FIRST = '2023-09';
const LAST = '2025-08';
const SEGMENTS = ['consumer', 'business', 'enterprise', 'education', 'healthcare'] as const;
const FEATURES = ['meeting-summary', 'team-chat-compose'] as const;

const CELLS = [
  'accountsEligible',
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
  'participantsJoined',
  'participantsLeft',
] as const;
type CellField = (typeof CELLS)[number];
/** The owner decisions add up to accountsEligible. */
const OWNER_CELLS = ['ownersEnabled', 'ownersDisabled', 'ownersUndecided'] as const;
/** The cells of the published equation accountsEligible = enabled + disabled + undecided. */
const RELATION = ['accountsEligible', ...OWNER_CELLS] as const;

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Total {
  value: number | null;
  suppressedCells: number;
  complete: boolean;
}
type Row = { feature: string; featureName: string; segment: string; period: string; enabledRate: number | null } & {
  [F in CellField]: Cell;
};
interface Report {
  from: string;
  to: string;
  minimumCellSize: number;
  enabledRate: number | null;
  enabledRateRows: number;
  rows: Row[];
  totals: { [F in CellField]: Total };
}
type Raw = { feature: string; segment: string; period: string } & { [F in CellField]: number | null };

const REPORT_FIELDS = `
  from to minimumCellSize enabledRate enabledRateRows
  rows { feature featureName segment period enabledRate ${CELLS.map((c) => `${c} { value suppressed }`).join(' ')} }
  totals { ${CELLS.map((c) => `${c} { value suppressedCells complete }`).join(' ')} }
`;

interface Filter {
  feature?: string;
  segment?: string;
  from?: string;
  to?: string;
}

async function statistics(target: TestApi, filter: Filter = {}): Promise<Report> {
  const args = [
    filter.feature === undefined ? '' : `feature: "${filter.feature}"`,
    filter.segment === undefined ? '' : `segment: "${filter.segment}"`,
    `from: "${filter.from ?? FIRST}"`,
    `to: "${filter.to ?? LAST}"`,
  ].join(' ');
  const data = await target.execute<{ consentStatistics: Report }>(
    `{ consentStatistics(${args}) { ${REPORT_FIELDS} } }`,
  );
  return data.consentStatistics;
}

/** The stored, unsuppressed rows, straight from the database. */
async function rawRows(target: TestApi, filter: Filter = {}): Promise<Raw[]> {
  const stats = await target.database.prisma.consentStat.findMany({
    where: {
      period: { gte: filter.from ?? FIRST, lte: filter.to ?? LAST },
      ...(filter.feature === undefined ? {} : { feature: { slug: filter.feature } }),
      ...(filter.segment === undefined ? {} : { segment: { key: filter.segment } }),
    },
    include: { feature: { select: { slug: true } }, segment: { select: { key: true } } },
  });
  return stats.map((s) => ({
    feature: s.feature.slug,
    segment: s.segment.key,
    period: s.period,
    accountsEligible: s.accountsEligible,
    ownersEnabled: s.ownersEnabled,
    ownersDisabled: s.ownersDisabled,
    ownersUndecided: s.ownersUndecided,
    participantsJoined: s.participantsJoined,
    participantsLeft: s.participantsLeft,
  }));
}

const keyOf = (row: { feature: string; segment: string; period: string }) =>
  `${row.feature}/${row.segment}/${row.period}`;

function byKey(raws: Raw[]): Map<string, Raw> {
  return new Map(raws.map((raw) => [keyOf(raw), raw]));
}

function rawOf(raws: Map<string, Raw>, row: Row): Raw {
  const raw = raws.get(keyOf(row));
  if (raw === undefined) throw new Error(`no stored row for ${keyOf(row)}`);
  return raw;
}

/**
 * numerator / denominator to 4 decimals, rounding half up. Both are whole counts, so scaling the
 * numerator first leaves a single rounding step (x / y * 10000 would round twice).
 */
const rate = (numerator: number, denominator: number) => Math.round((numerator * 10_000) / denominator) / 10_000;

/**
 * An independent statement of the rules documented in suppression.ts: primary suppression
 * below the minimum (zero included), then complementary suppression of the smallest visible
 * owner cell (ties in field order) while the relation has exactly one hidden cell, or while the
 * hidden owner cells of a visible total are known to add up to 0.
 */
function expectedHidden(raw: Raw, minimum: number): Set<CellField> {
  const hidden = new Set<CellField>(CELLS.filter((f) => raw[f] !== null && (raw[f] as number) < minimum));
  const value = (f: CellField) => raw[f] as number;
  for (;;) {
    const hiddenInRelation = RELATION.filter((f) => hidden.has(f)).length;
    const hiddenOwners = OWNER_CELLS.filter((f) => hidden.has(f));
    const hiddenOwnerSum =
      value('accountsEligible') - OWNER_CELLS.filter((f) => !hidden.has(f)).reduce((sum, f) => sum + value(f), 0);
    const revealsZeros = !hidden.has('accountsEligible') && hiddenOwners.length >= 2 && hiddenOwnerSum === 0;
    if (hiddenInRelation !== 1 && !revealsZeros) break;
    const visibleOwners = OWNER_CELLS.filter((f) => !hidden.has(f));
    if (visibleOwners.length === 0) {
      hidden.add('accountsEligible');
      break;
    }
    const smallest = visibleOwners.reduce((a, b) => (value(b) < value(a) ? b : a));
    hidden.add(smallest);
  }
  return hidden;
}

/** How much of a report the property check exercised. */
interface Coverage {
  suppressedCells: number;
  /** Columns with exactly one hidden cell, where subtracting from the total would bite. */
  singleHiddenColumns: number;
}

/**
 * Every privacy and arithmetic property of a report against the stored rows it was built from.
 * Returns what was exercised, so callers can check the properties did not hold vacuously.
 */
function checkReport(report: Report, raws: Raw[], minimum: number): Coverage {
  const stored = byKey(raws);
  expect(report.minimumCellSize).toBe(minimum);
  expect(report.rows.length).toBe(raws.length);
  expect(new Set(report.rows.map(keyOf)).size).toBe(report.rows.length);
  const coverage: Coverage = { suppressedCells: 0, singleHiddenColumns: 0 };

  for (const row of report.rows) {
    const raw = rawOf(stored, row);
    const where = keyOf(row);
    for (const field of CELLS) {
      const cell = row[field];
      const value = raw[field];
      if (cell.suppressed) {
        coverage.suppressedCells++;
        expect(cell.value, `${where} ${field}`).toBeNull();
      } else {
        // A published cell is exactly the stored count (null only when not tracked).
        expect(cell.value, `${where} ${field}`).toBe(value);
      }
      if (value === null) expect(cell, `${where} ${field}`).toEqual({ value: null, suppressed: false });
      else if (value < minimum) expect(cell.suppressed, `${where} ${field} = ${value}`).toBe(true);
    }

    // No hidden cell of the relation can be recovered by arithmetic on the published ones.
    const hiddenInRelation = RELATION.filter((f) => row[f].suppressed);
    expect(hiddenInRelation.length, `${where}: one hidden cell in the relation`).not.toBe(1);
    const hiddenOwners = OWNER_CELLS.filter((f) => row[f].suppressed);
    if (!row.accountsEligible.suppressed && hiddenOwners.length > 0) {
      const eligible = row.accountsEligible.value as number;
      const visibleOwners = OWNER_CELLS.filter((f) => !row[f].suppressed).reduce(
        (sum, f) => sum + (row[f].value as number),
        0,
      );
      // Hidden owner cells that must add up to 0 would all be known to be 0.
      expect(eligible - visibleOwners, `${where}: hidden owner cells add up to 0`).not.toBe(0);
      for (const field of hiddenOwners) {
        // Whatever an outsider computes from the published numbers is not the hidden value
        // unless at least one other owner cell is hidden too.
        expect(hiddenOwners.length, `${where} ${field}`).toBeGreaterThanOrEqual(2);
      }
    }

    // The rate is published only when both of its inputs are.
    const enabled = row.ownersEnabled;
    const eligible = row.accountsEligible;
    if (enabled.suppressed || eligible.suppressed || eligible.value === null || eligible.value === 0) {
      expect(row.enabledRate, where).toBeNull();
    } else {
      expect(row.enabledRate, where).toBe(rate(enabled.value as number, eligible.value));
    }
  }

  // Totals add up the published cells only; complete says whether anything was left out.
  for (const field of CELLS) {
    const cells = report.rows.map((row) => row[field]);
    const visible = cells.filter((c) => !c.suppressed && c.value !== null).map((c) => c.value as number);
    const hidden = report.rows.filter((row) => row[field].suppressed);
    const total = report.totals[field];
    expect(total.value, field).toBe(visible.length === 0 ? null : visible.reduce((a, b) => a + b, 0));
    expect(total.suppressedCells, field).toBe(hidden.length);
    expect(total.complete, field).toBe(cells.every((c) => !c.suppressed && c.value !== null));
    if (hidden.length > 0) expect(total.complete, field).toBe(false);

    // Subtracting the published cells from the total leaves nothing: for a column with one
    // hidden cell, that residue is never the hidden count (unless the count is 0, which the
    // residue is for every column, hidden cell or not, so it reveals nothing).
    const residue = (total.value ?? 0) - visible.reduce((a, b) => a + b, 0);
    expect(residue, field).toBe(0);
    const [single] = hidden;
    if (hidden.length === 1 && single !== undefined) {
      coverage.singleHiddenColumns++;
      const hiddenValue = rawOf(stored, single)[field] as number;
      if (hiddenValue !== 0) expect(residue, `${field}: residue reveals ${keyOf(single)}`).not.toBe(hiddenValue);
      const storedSum = raws.reduce((sum, raw) => sum + (raw[field] ?? 0), 0);
      expect(total.value ?? 0, field).toBe(storedSum - hiddenValue);
    }
  }

  // The overall rate uses only rows where both counts are published.
  const rateRows = report.rows.filter((r) => !r.ownersEnabled.suppressed && !r.accountsEligible.suppressed);
  expect(report.enabledRateRows).toBe(rateRows.length);
  const enabledSum = rateRows.reduce((sum, r) => sum + (r.ownersEnabled.value as number), 0);
  const eligibleSum = rateRows.reduce((sum, r) => sum + (r.accountsEligible.value as number), 0);
  expect(report.enabledRate).toBe(eligibleSum === 0 ? null : rate(enabledSum, eligibleSum));
  return coverage;
}

function expectMatchesRules(report: Report, raws: Raw[], minimum: number) {
  const stored = byKey(raws);
  for (const row of report.rows) {
    const hidden = expectedHidden(rawOf(stored, row), minimum);
    expect(new Set(CELLS.filter((f) => row[f].suppressed)), keyOf(row)).toEqual(hidden);
  }
}

const cell = (value: number): Cell => ({ value, suppressed: false });
const HIDDEN: Cell = { value: null, suppressed: true };

describe('consent statistics by month', () => {
  it('returns one row per month of the range for one feature and segment', async () => {
    const report = await statistics(api.current, {
      feature: 'meeting-summary',
      segment: 'business',
      from: '2024-01',
      to: '2024-06',
    });
    expect(report.from).toBe('2024-01');
    expect(report.to).toBe('2024-06');
    expect(report.minimumCellSize).toBe(MINIMUM);
    expect(report.rows.map((r) => r.period)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    for (const row of report.rows) {
      expect(row.feature).toBe('meeting-summary');
      expect(row.featureName).toBe('Meeting summary');
      expect(row.segment).toBe('business');
    }
  });

  it('includes both ends of the range, and a range of one month', async () => {
    const one = await statistics(api.current, { feature: 'team-chat-compose', from: '2024-07', to: '2024-07' });
    expect(one.rows.map((r) => `${r.period} ${r.segment}`)).toEqual(SEGMENTS.map((s) => `2024-07 ${s}`));
    const whole = await statistics(api.current, { feature: 'team-chat-compose', segment: 'consumer' });
    expect(whole.rows).toHaveLength(24);
    expect(whole.rows[0]?.period).toBe(FIRST);
    expect(whole.rows.at(-1)?.period).toBe(LAST);
  });

  it('orders every row by period, then feature, then segment', async () => {
    const report = await statistics(api.current);
    expect(report.rows).toHaveLength(24 * FEATURES.length * SEGMENTS.length);
    const expected: string[] = [];
    for (const row of report.rows.filter((_, i) => i % (FEATURES.length * SEGMENTS.length) === 0)) {
      for (const feature of FEATURES)
        for (const segment of SEGMENTS) expected.push(`${row.period}/${feature}/${segment}`);
    }
    expect(report.rows.map((r) => `${r.period}/${r.feature}/${r.segment}`)).toEqual(expected);
    const periods = report.rows.map((r) => r.period);
    expect(periods).toEqual([...periods].sort());
    expect(new Set(periods).size).toBe(24);
  });

  it('returns an empty report for a range without statistics', async () => {
    const report = await statistics(api.current, { from: '2020-01', to: '2020-12' });
    expect(report.rows).toEqual([]);
    expect(report.enabledRate).toBeNull();
    expect(report.enabledRateRows).toBe(0);
    for (const field of CELLS)
      expect(report.totals[field]).toEqual({ value: null, suppressedCells: 0, complete: true });
  });

  it('publishes every unsuppressed cell exactly as stored', async () => {
    const report = await statistics(api.current);
    const stored = byKey(await rawRows(api.current));
    let published = 0;
    for (const row of report.rows) {
      const raw = rawOf(stored, row);
      for (const field of CELLS) {
        if (row[field].suppressed) continue;
        expect(row[field].value, `${keyOf(row)} ${field}`).toBe(raw[field]);
        published++;
      }
    }
    expect(published).toBeGreaterThan(1000);
  });

  it('leaves a count that is not tracked null without calling it suppressed', async () => {
    const report = await statistics(api.current, { feature: 'team-chat-compose', segment: 'business' });
    for (const row of report.rows) {
      expect(row.participantsJoined).toEqual({ value: null, suppressed: false });
      expect(row.participantsLeft).toEqual({ value: null, suppressed: false });
    }
    expect(report.totals.participantsJoined).toEqual({ value: null, suppressedCells: 0, complete: false });
  });
});

describe('small-cell suppression', () => {
  it('suppresses every count below the minimum cell size', async () => {
    const report = await statistics(api.current);
    const stored = byKey(await rawRows(api.current));
    let small = 0;
    for (const row of report.rows) {
      const raw = rawOf(stored, row);
      for (const field of CELLS) {
        const value = raw[field];
        if (value === null || value >= MINIMUM) continue;
        small++;
        expect(row[field], `${keyOf(row)} ${field} = ${value}`).toEqual(HIDDEN);
      }
    }
    expect(small).toBeGreaterThan(50);
  });

  it('hides all of a small healthcare row but its published total', async () => {
    // Stored: eligible 6, enabled 1, disabled 2, undecided 3, joined 7, left 1.
    const [row] = (
      await statistics(api.current, {
        feature: 'meeting-summary',
        segment: 'healthcare',
        from: '2024-06',
        to: '2024-06',
      })
    ).rows;
    expect(row).toMatchObject({
      accountsEligible: cell(6),
      ownersEnabled: HIDDEN,
      ownersDisabled: HIDDEN,
      ownersUndecided: HIDDEN,
      participantsJoined: cell(7),
      participantsLeft: HIDDEN,
      enabledRate: null,
    });
  });

  it('hides a second owner cell so that a single small one cannot be recovered', async () => {
    // Stored: eligible 18, enabled 1, disabled 7, undecided 10, joined 10, left 1.
    const [row] = (
      await statistics(api.current, {
        feature: 'meeting-summary',
        segment: 'education',
        from: '2023-09',
        to: '2023-09',
      })
    ).rows;
    expect(row).toMatchObject({
      accountsEligible: cell(18),
      ownersEnabled: HIDDEN,
      ownersDisabled: HIDDEN,
      ownersUndecided: cell(10),
      participantsJoined: cell(10),
      participantsLeft: HIDDEN,
      enabledRate: null,
    });
  });

  it('hides every cell of a row where the feature was not offered', async () => {
    const report = await statistics(api.current, { feature: 'team-chat-compose', segment: 'healthcare' });
    expect(report.rows).toHaveLength(24);
    for (const row of report.rows) {
      for (const field of RELATION) expect(row[field]).toEqual(HIDDEN);
      expect(row.enabledRate).toBeNull();
    }
    expect(report.totals.accountsEligible).toEqual({ value: null, suppressedCells: 24, complete: false });
  });

  it('follows the documented suppression rules for every stored row', async () => {
    expectMatchesRules(await statistics(api.current), await rawRows(api.current), MINIMUM);
  });

  it('holds every privacy and arithmetic property for each feature × segment, and for all of them', async () => {
    const total: Coverage = { suppressedCells: 0, singleHiddenColumns: 0 };
    const check = async (filter: Filter) => {
      const coverage = checkReport(await statistics(api.current, filter), await rawRows(api.current, filter), MINIMUM);
      total.suppressedCells += coverage.suppressedCells;
      total.singleHiddenColumns += coverage.singleHiddenColumns;
    };
    for (const feature of FEATURES) {
      for (const segment of SEGMENTS) await check({ feature, segment });
      await check({ feature });
    }
    for (const segment of SEGMENTS) await check({ segment });
    await check({});
    // Short ranges give columns with a single hidden cell, where subtraction would bite.
    for (const [from, to] of [
      ['2024-06', '2024-07'],
      ['2024-07', '2024-08'],
      ['2023-09', '2023-09'],
      ['2025-02', '2025-04'],
    ] as const) {
      for (const segment of ['education', 'healthcare'] as const) {
        await check({ segment, from, to });
        await check({ feature: 'meeting-summary', segment, from, to });
      }
    }
    expect(total.suppressedCells).toBeGreaterThan(100);
    expect(total.singleHiddenColumns).toBeGreaterThan(0);
  });

  // Hundreds of requests: ~8 s on a quiet machine, several times that when the machine is shared.
  it('holds every property for every one- and two-month window of every feature × segment', {
    timeout: 120_000,
  }, async () => {
    const months = (await statistics(api.current, { feature: 'meeting-summary', segment: 'consumer' })).rows.map(
      (r) => r.period,
    );
    let singleHiddenColumns = 0;
    for (const feature of FEATURES) {
      for (const segment of SEGMENTS) {
        for (const [index, from] of months.entries()) {
          for (const to of [from, months[index + 1]]) {
            if (to === undefined) continue;
            const filter = { feature, segment, from, to };
            const coverage = checkReport(
              await statistics(api.current, filter),
              await rawRows(api.current, filter),
              MINIMUM,
            );
            singleHiddenColumns += coverage.singleHiddenColumns;
          }
        }
      }
    }
    expect(singleHiddenColumns).toBeGreaterThan(50);
  });

  it('publishes an enabled rate only where both of its counts are published', async () => {
    const report = await statistics(api.current, { feature: 'meeting-summary', segment: 'education' });
    const withRate = report.rows.filter((r) => r.enabledRate !== null);
    const withoutRate = report.rows.filter((r) => r.enabledRate === null);
    expect(withRate.length).toBeGreaterThan(0);
    expect(withoutRate.length).toBeGreaterThan(0);
    for (const row of withoutRate) {
      expect(row.ownersEnabled.suppressed || row.accountsEligible.suppressed).toBe(true);
    }
    for (const row of withRate) {
      expect(row.enabledRate).toBe(rate(row.ownersEnabled.value as number, row.accountsEligible.value as number));
    }
    expect(report.enabledRateRows).toBe(withRate.length);
    const enabled = withRate.reduce((sum, r) => sum + (r.ownersEnabled.value as number), 0);
    const eligible = withRate.reduce((sum, r) => sum + (r.accountsEligible.value as number), 0);
    expect(report.enabledRate).toBe(rate(enabled, eligible));
  });
});

describe('bad input', () => {
  it('refuses a range whose start is after its end', async () => {
    const result = await api.current.request(
      '{ consentStatistics(from: "2024-03", to: "2024-02") { rows { period } } }',
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('from');
  });

  it('refuses a malformed month, inline or as a variable', async () => {
    const inline = await api.current.request('{ consentStatistics(from: "2023-13", to: "2024-02") { from } }');
    expect(errorCode(inline)).toBe('BAD_USER_INPUT');
    const variable = await api.current.request(
      'query ($from: Month!) { consentStatistics(from: $from, to: "2024-02") { from } }',
      { from: '2023-13' },
    );
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
    for (const month of ['2023-00', '2023-1', '202301', '2023-01-01', '']) {
      const result = await api.current.request(`{ consentStatistics(from: "2023-01", to: "${month}") { from } }`);
      expect(errorCode(result), month).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses an unknown feature with NOT_FOUND naming the feature argument', async () => {
    const result = await api.current.request(
      '{ consentStatistics(feature: "mind-reader", from: "2024-01", to: "2024-02") { rows { period } } }',
    );
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.extensions?.field).toBe('feature');
  });
});

describe('with a minimum cell size of 1', () => {
  let lenient: TestApi;

  beforeAll(async () => {
    lenient = await createTestApi({ minimumCellSize: 1 });
    // Two extra months with zero owner decisions next to non-zero ones, which the sample lacks.
    const prisma = lenient.database.prisma;
    const feature = await prisma.aiFeature.findUniqueOrThrow({ where: { slug: 'meeting-summary' } });
    const segment = await prisma.segment.findUniqueOrThrow({ where: { key: 'education' } });
    const base = { featureId: feature.id, segmentId: segment.id };
    await prisma.consentStat.createMany({
      data: [
        {
          ...base,
          period: '2025-09',
          accountsEligible: 12,
          ownersEnabled: 0,
          ownersDisabled: 5,
          ownersUndecided: 7,
          participantsJoined: 40,
          participantsLeft: 0,
        },
        {
          ...base,
          period: '2025-10',
          accountsEligible: 7,
          ownersEnabled: 0,
          ownersDisabled: 0,
          ownersUndecided: 7,
          participantsJoined: 20,
          participantsLeft: 3,
        },
      ],
    });
  });

  afterAll(async () => {
    await lenient?.database.destroy();
  });

  it('suppresses exactly the zero counts of the sample, and nothing non-zero', async () => {
    const report = await statistics(lenient);
    const raws = await rawRows(lenient);
    const stored = byKey(raws);
    expect(report.minimumCellSize).toBe(1);
    let zeros = 0;
    for (const row of report.rows) {
      const raw = rawOf(stored, row);
      for (const field of CELLS) {
        const value = raw[field];
        if (value === null) expect(row[field]).toEqual({ value: null, suppressed: false });
        else if (value === 0) {
          zeros++;
          expect(row[field], `${keyOf(row)} ${field}`).toEqual(HIDDEN);
        } else expect(row[field], `${keyOf(row)} ${field}`).toEqual(cell(value));
      }
    }
    expect(zeros).toBeGreaterThan(0);
    checkReport(report, raws, 1);
    expectMatchesRules(report, raws, 1);
  });

  it('still hides a non-zero owner cell when a zero next to it would otherwise be recovered', async () => {
    const report = await statistics(lenient, {
      feature: 'meeting-summary',
      segment: 'education',
      from: '2025-09',
      to: '2025-10',
    });
    const [september, october] = report.rows;
    // 12 = 0 + 5 + 7: the zero is hidden, so the smallest visible owner cell (5) is hidden too.
    expect(september).toMatchObject({
      period: '2025-09',
      accountsEligible: cell(12),
      ownersEnabled: HIDDEN,
      ownersDisabled: HIDDEN,
      ownersUndecided: cell(7),
      participantsJoined: cell(40),
      participantsLeft: HIDDEN,
      enabledRate: null,
    });
    // 7 = 0 + 0 + 7: two hidden zeros would add up to 0, revealing both, so 7 is hidden too.
    expect(october).toMatchObject({
      period: '2025-10',
      accountsEligible: cell(7),
      ownersEnabled: HIDDEN,
      ownersDisabled: HIDDEN,
      ownersUndecided: HIDDEN,
      participantsJoined: cell(20),
      participantsLeft: cell(3),
      enabledRate: null,
    });
    const raws = await rawRows(lenient, {
      feature: 'meeting-summary',
      segment: 'education',
      from: '2025-09',
      to: '2025-10',
    });
    checkReport(report, raws, 1);
    expectMatchesRules(report, raws, 1);
  });

  it('holds every property for each feature × segment', async () => {
    for (const feature of FEATURES) {
      for (const segment of SEGMENTS) {
        const filter = { feature, segment, to: '2025-12' };
        checkReport(await statistics(lenient, filter), await rawRows(lenient, filter), 1);
      }
    }
  });
});
