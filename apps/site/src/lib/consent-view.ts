/**
 * What a consent-statistics page draws and how its columns read: the chart inputs for a series
 * (owner decisions, and participant outcomes where they are tracked) with a description of each in
 * words; the total row, which adds up flow counts only (a stock is a level at month end, and
 * adding months of it counts the same accounts again); the words of a suppressed cell; and
 * whether the latest figures are out of date when the site is built.
 */
import { type ConsentCountField, type ConsentMeasure, consentMeasure } from '@candor/schema/domain';
import type { ChartInput } from './consent-chart';
import type { ConsentRow, ConsentSeries } from './entry-types';
import { formatCount, formatMonth } from './format';
import { totalOf } from './transform';

export const FIELD_LABELS: Record<ConsentCountField, string> = {
  accountsEligible: 'Eligible accounts',
  ownersEnabled: 'Owners who turned it on',
  ownersDisabled: 'Owners who turned it off',
  ownersUndecided: 'Owners who never decided',
  participantsJoined: 'Participants who joined',
  participantsLeft: 'Participants who left',
};

/** The few words under a column header that say which kind of count it is. */
export const MEASURE_WORDS: Record<ConsentMeasure, string> = {
  stock: 'at month end',
  flow: 'during the month',
};

/** The sentence a column definition ends with: whether months may be added up. */
export const MEASURE_SENTENCES: Record<ConsentMeasure, string> = {
  stock: 'A level at the end of each month, not a number of new events: months are never added up.',
  flow: 'Counted over each month: months add up, so the table gives their total.',
};

const OWNER_FIELDS: ConsentCountField[] = ['accountsEligible', 'ownersEnabled', 'ownersDisabled', 'ownersUndecided'];
const PARTICIPANT_FIELDS: ConsentCountField[] = ['participantsJoined', 'participantsLeft'];

/**
 * Counts that can be suppressed to protect another one (accountsEligible = the three owner
 * decisions, so one hidden cell could be worked out by subtraction): a suppressed cell there may be
 * larger than the minimum. The participant counts are hidden only when small.
 */
const COMPLEMENTARY_FIELDS: ReadonlySet<ConsentCountField> = new Set(OWNER_FIELDS);

/** "0–9" for a minimum cell size of 10: the counts that are never published. */
export const suppressedRange = (minimumCellSize: number): string =>
  minimumCellSize <= 1 ? '0' : `0–${minimumCellSize - 1}`;

/**
 * How a suppressed cell reads in a table: "suppressed (0–9)", with an asterisk where the cell may
 * also be a larger count hidden to protect a small one (explained under the table).
 */
export function suppressedText(field: ConsentCountField, minimumCellSize: number): string {
  return `suppressed (${suppressedRange(minimumCellSize)}${COMPLEMENTARY_FIELDS.has(field) ? '*' : ''})`;
}

/** Whether a cell of this column may be hidden to protect another cell (the asterisk). */
export const mayProtect = (field: ConsentCountField): boolean => COMPLEMENTARY_FIELDS.has(field);

/** A table cell in words: a count, "suppressed (0–9)" or "not tracked". */
export function cellText(
  cell: { value: number | null; suppressed: boolean },
  field: ConsentCountField,
  minimumCellSize: number,
): string {
  if (cell.suppressed) return suppressedText(field, minimumCellSize);
  return cell.value === null ? 'not tracked' : formatCount(cell.value);
}

/** One column of a consent table: its label, its kind and its definition. */
export interface ColumnDefinition {
  field: ConsentCountField;
  label: string;
  measure: ConsentMeasure;
  /** "at month end" / "during the month", shown under the header. */
  measureWords: string;
  /** The API's description of the count, then what its kind means for adding up. */
  definition: string;
}

/**
 * The columns' definitions: `descriptions` are the GraphQL schema's descriptions of the counts
 * (consent-words.ts reads them), the one wording the API's partners read too.
 */
export function columnDefinitions(
  fields: readonly ConsentCountField[],
  descriptions: Record<ConsentCountField, string>,
): ColumnDefinition[] {
  return fields.map((field) => {
    const measure = consentMeasure(field);
    return {
      field,
      label: FIELD_LABELS[field],
      measure,
      measureWords: MEASURE_WORDS[measure],
      definition: `${descriptions[field]} ${MEASURE_SENTENCES[measure]}`,
    };
  });
}

/** The total of a flow count over the months of a table (totalOf: the published cells only). */
export type FlowTotal = ReturnType<typeof totalOf> & { field: ConsentCountField };

/**
 * The total row of a table: the period it covers and, for each column, a total when the column is
 * a flow, or null when it is a stock (never summed). Null when no column is a flow: such a table
 * has no total row.
 */
export function totalRow(
  rows: readonly ConsentRow[],
  fields: readonly ConsentCountField[],
): { from: string; to: string; cells: (FlowTotal | null)[] } | null {
  const first = rows[0];
  const last = rows.at(-1);
  if (first === undefined || last === undefined) return null;
  if (!fields.some((field) => consentMeasure(field) === 'flow')) return null;
  return {
    from: first.period,
    to: last.period,
    cells: fields.map((field) =>
      consentMeasure(field) === 'flow' ? { field, ...totalOf(rows.map((row) => row[field])) } : null,
    ),
  };
}

/** Months from `period` ("YYYY-MM") to the month of `now` (UTC): 10 from 2025-08 to June 2026. */
export function monthsBefore(period: string, now: Date): number {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return now.getUTCFullYear() * 12 + now.getUTCMonth() - (year * 12 + (month - 1));
}

/** The latest figures and how old they are when the page is built; `stale` past the threshold. */
export interface Staleness {
  latestPeriod: string;
  monthsOld: number;
  staleAfterMonths: number;
  builtAt: Date;
  stale: boolean;
}

export function staleness(latestPeriod: string, builtAt: Date, staleAfterMonths: number): Staleness {
  const monthsOld = monthsBefore(latestPeriod, builtAt);
  return { latestPeriod, monthsOld, staleAfterMonths, builtAt, stale: monthsOld > staleAfterMonths };
}

/** "The latest figures are for August 2025, 10 months before this page was built." */
export function staleSentence(state: Staleness): string {
  const months = `${state.monthsOld} ${state.monthsOld === 1 ? 'month' : 'months'}`;
  return `The latest figures are for ${formatMonth(state.latestPeriod)}, ${months} before this page was built.`;
}

function describe(series: ConsentSeries, chart: ChartInput): string {
  const range = `${formatMonth(series.firstPeriod)} to ${formatMonth(series.lastPeriod)}`;
  const parts = chart.series.map((line) => {
    const values = line.values.filter((value): value is number => value !== null);
    const hidden = line.suppressed.filter(Boolean).length;
    const span =
      values.length === 0
        ? 'not drawn: no published month'
        : `from ${formatCount(Math.min(...values))} to ${formatCount(Math.max(...values))}`;
    return `${line.name.toLowerCase()} ${span}${hidden > 0 ? ` (${hidden} suppressed ${hidden === 1 ? 'month' : 'months'})` : ''}`;
  });
  const corrected = series.rows.filter((row) => row.corrected).length;
  const corrections =
    corrected === 0
      ? ''
      : ` ${corrected === 1 ? 'One month was' : `${corrected} months were`} corrected after publication: the lines draw the corrected figures, and the table shows what each replaced.`;
  const bands = chart.series.some((line) => line.suppressed.some(Boolean))
    ? ' Months with a suppressed count are hatched bands labelled “suppressed”.'
    : '';
  return `Monthly line chart, ${range}: ${parts.join('; ')}.${bands}${corrections} Every number is in the table that follows the chart.`;
}

/** Whether any month published or suppressed a value for these fields (else they are not tracked). */
export const isTracked = (series: ConsentSeries, fields: readonly ConsentCountField[]): boolean =>
  series.rows.some((row) => fields.some((field) => row[field].value !== null || row[field].suppressed));

/** One chart with the table of the same numbers beside it. */
export interface ConsentPanel {
  id: string;
  heading: string;
  chart: ChartInput;
  /** The columns of the table (the chart's series, drawn or not). */
  fields: ConsentCountField[];
  /** Whether the table adds the share of eligible accounts that turned the feature on. */
  showRate: boolean;
}

export function consentPanels(series: ConsentSeries, featureName: string, segmentName: string): ConsentPanel[] {
  const periods = series.rows.map((row) => row.period);
  const panel = (key: string, heading: string, fields: ConsentCountField[], showRate: boolean): ConsentPanel => {
    const id = `${series.feature}-${series.segment}-${key}`;
    const chart: ChartInput = {
      id: `chart-${id}`,
      title: `${featureName}, ${segmentName}: ${heading.toLowerCase()} per month`,
      description: '',
      periods,
      series: fields.map((field) => ({
        key: field,
        name: FIELD_LABELS[field],
        values: series.rows.map((row) => row[field].value),
        suppressed: series.rows.map((row) => row[field].suppressed),
      })),
    };
    return { id, heading, fields, showRate, chart: { ...chart, description: describe(series, chart) } };
  };
  const panels = [panel('owners', 'Account owners’ decisions', OWNER_FIELDS, true)];
  if (isTracked(series, PARTICIPANT_FIELDS)) {
    panels.push(panel('participants', 'Participants asked in meetings', PARTICIPANT_FIELDS, false));
  }
  return panels;
}
