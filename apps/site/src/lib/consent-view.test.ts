import { CONSENT_COUNT_FIELDS, CONSENT_COUNTS, consentMeasure } from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  columnDefinitions,
  consentPanels,
  monthsBefore,
  staleness,
  staleSentence,
  suppressedRange,
  totalRow,
} from './consent-view';
import { countDescriptions } from './consent-words';
import type { ConsentFigures, ConsentRow, ConsentSeries } from './entry-types';
import { loadSiteEnv } from './env';

const cell = (value: number | null) => ({ value, suppressed: false });
const SUPPRESSED = { value: null, suppressed: true };

function figures(eligible: number, enabled: number, joined: number | null = 900): ConsentFigures {
  return {
    accountsEligible: cell(eligible),
    ownersEnabled: cell(enabled),
    ownersDisabled: cell(100),
    ownersUndecided: cell(eligible - enabled - 100),
    participantsJoined: joined === null ? SUPPRESSED : cell(joined),
    participantsLeft: cell(30),
  };
}

const row = (period: string, current: ConsentFigures): ConsentRow => ({
  period,
  ...current,
  enabledRate: null,
  corrected: false,
  corrections: [],
});

const ROWS = [
  row('2025-06', figures(50_000, 20_000)),
  row('2025-07', figures(51_000, 21_000, null)),
  row('2025-08', figures(52_000, 22_000)),
];

describe('the count table (domain)', () => {
  it('says of every count whether it is a stock or a flow', () => {
    expect(CONSENT_COUNTS.map(({ field }) => field)).toEqual(CONSENT_COUNT_FIELDS);
    expect(CONSENT_COUNT_FIELDS.filter((field) => consentMeasure(field) === 'flow')).toEqual([
      'participantsJoined',
      'participantsLeft',
    ]);
  });
});

describe('totalRow', () => {
  it('never sums a stock column: a table of stocks has no total row', () => {
    expect(totalRow(ROWS, ['accountsEligible', 'ownersEnabled', 'ownersDisabled', 'ownersUndecided'])).toBeNull();
  });

  it('sums flow columns over the published months and leaves stock columns empty', () => {
    const total = totalRow(ROWS, ['accountsEligible', 'participantsJoined', 'participantsLeft']);
    expect(total?.from).toBe('2025-06');
    expect(total?.to).toBe('2025-08');
    expect(total?.cells[0]).toBeNull();
    expect(total?.cells[1]).toMatchObject({ field: 'participantsJoined', value: 1800, suppressedCells: 1 });
    expect(total?.cells[2]).toMatchObject({ field: 'participantsLeft', value: 90, suppressedCells: 0, complete: true });
    for (const [index, field] of ['accountsEligible', 'participantsJoined', 'participantsLeft'].entries()) {
      if (consentMeasure(field as 'accountsEligible') === 'stock') expect(total?.cells[index]).toBeNull();
    }
  });
});

describe('suppressed cells', () => {
  it('read "suppressed" with the range below the minimum cell size, and an asterisk where they may protect another', () => {
    expect(suppressedRange(10)).toBe('0–9');
    expect(suppressedRange(5)).toBe('0–4');
    expect(suppressedRange(1)).toBe('0');
    expect(cellText(SUPPRESSED, 'participantsJoined', 10)).toBe('suppressed (0–9)');
    expect(cellText(SUPPRESSED, 'ownersEnabled', 5)).toBe('suppressed (0–4*)');
    expect(cellText(cell(null), 'participantsJoined', 10)).toBe('not tracked');
    expect(cellText(cell(12_345), 'accountsEligible', 10)).toBe('12,345');
  });
});

describe('staleness', () => {
  it('counts whole months from the latest month to the build', () => {
    expect(monthsBefore('2025-08', new Date('2026-06-01T00:00:00Z'))).toBe(10);
    expect(monthsBefore('2025-08', new Date('2025-09-30T23:59:59Z'))).toBe(1);
  });

  it('is stale past the threshold only', () => {
    const built = new Date('2026-06-01T00:00:00Z');
    expect(staleness('2025-08', built, 3).stale).toBe(true);
    expect(staleness('2026-03', built, 3).stale).toBe(false);
    expect(staleness('2026-02', built, 3).stale).toBe(true);
    expect(staleness('2025-08', built, 12).stale).toBe(false);
    expect(staleSentence(staleness('2025-08', built, 3))).toBe(
      'The latest figures are for August 2025, 10 months before this page was built.',
    );
  });
});

describe('columnDefinitions', () => {
  it('define each column in the GraphQL schema’s words, with whether months add up', () => {
    const descriptions = countDescriptions();
    const columns = columnDefinitions(CONSENT_COUNT_FIELDS, descriptions);
    expect(columns.map((column) => column.measure)).toEqual(CONSENT_COUNT_FIELDS.map(consentMeasure));
    for (const column of columns) {
      expect(column.definition.startsWith(descriptions[column.field])).toBe(true);
      expect(column.definition).toMatch(column.measure === 'stock' ? /never added up/ : /add up/);
      expect(column.definition).not.toMatch(/\bnull\b/);
    }
    expect(descriptions.accountsEligible).toBe('Accounts for which the feature was available.');
  });
});

describe('consentPanels', () => {
  it('gives the chart every column with its suppressed months, keyed by field', () => {
    const series = {
      feature: 'ai-summary',
      featureName: 'AI summary',
      segment: 'business',
      minimumCellSize: 10,
      firstPeriod: '2025-06',
      lastPeriod: '2025-08',
      rows: ROWS,
    } as unknown as ConsentSeries;
    const [owners, participants] = consentPanels(series, 'AI summary', 'Business');
    expect(owners?.chart.series.map((line) => line.key)).toEqual(owners?.fields);
    expect(participants?.chart.series[0]?.suppressed).toEqual([false, true, false]);
    expect(participants?.chart.description).toContain('hatched bands');
  });
});

describe('CANDOR_CONSENT_STALE_AFTER_MONTHS', () => {
  it('defaults to 3 months and takes a whole number of months from 1', () => {
    expect(loadSiteEnv({}).CANDOR_CONSENT_STALE_AFTER_MONTHS).toBe(3);
    expect(loadSiteEnv({ CANDOR_CONSENT_STALE_AFTER_MONTHS: '6' }).CANDOR_CONSENT_STALE_AFTER_MONTHS).toBe(6);
    expect(() => loadSiteEnv({ CANDOR_CONSENT_STALE_AFTER_MONTHS: '0' })).toThrow(/CANDOR_CONSENT_STALE_AFTER_MONTHS/);
    expect(() => loadSiteEnv({ CANDOR_CONSENT_STALE_AFTER_MONTHS: 'soon' })).toThrow(
      /CANDOR_CONSENT_STALE_AFTER_MONTHS/,
    );
  });
});
