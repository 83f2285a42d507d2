/**
 * What a consent-statistics page draws: the chart inputs for a series (owner decisions, and
 * participant outcomes where they are tracked) with a description of each in words.
 */
import type { ConsentCountField } from '@candor/schema/domain';
import type { ChartInput } from './consent-chart';
import type { ConsentSeries } from './entry-types';
import { formatCount, formatMonth } from './format';

export const FIELD_LABELS: Record<ConsentCountField, string> = {
  accountsEligible: 'Eligible accounts',
  ownersEnabled: 'Owners who turned it on',
  ownersDisabled: 'Owners who turned it off',
  ownersUndecided: 'Owners who never decided',
  participantsJoined: 'Participants who joined',
  participantsLeft: 'Participants who left',
};

const OWNER_FIELDS: ConsentCountField[] = ['accountsEligible', 'ownersEnabled', 'ownersDisabled', 'ownersUndecided'];
const PARTICIPANT_FIELDS: ConsentCountField[] = ['participantsJoined', 'participantsLeft'];

function describe(series: ConsentSeries, fields: ConsentCountField[]): string {
  const range = `${formatMonth(series.firstPeriod)} to ${formatMonth(series.lastPeriod)}`;
  const parts = fields.map((field) => {
    const values = series.rows.flatMap((row) => (row[field].value === null ? [] : [row[field].value as number]));
    const hidden = series.rows.filter((row) => row[field].suppressed).length;
    const span =
      values.length === 0
        ? 'no published month'
        : `from ${formatCount(Math.min(...values))} to ${formatCount(Math.max(...values))}`;
    return `${FIELD_LABELS[field].toLowerCase()} ${span}${hidden > 0 ? ` (${hidden} suppressed ${hidden === 1 ? 'month' : 'months'})` : ''}`;
  });
  const corrected = series.rows.filter((row) => row.corrected).length;
  const corrections =
    corrected === 0
      ? ''
      : ` ${corrected === 1 ? 'One month was' : `${corrected} months were`} corrected after publication: the lines draw the corrected figures, and the table shows what each replaced.`;
  return `Monthly line chart, ${range}: ${parts.join('; ')}. Suppressed months are gaps in the lines.${corrections} Every number is in the table that follows the chart.`;
}

/** Whether any month published or suppressed a value for these fields (else they are not tracked). */
export const isTracked = (series: ConsentSeries, fields: readonly ConsentCountField[]): boolean =>
  series.rows.some((row) => fields.some((field) => row[field].value !== null || row[field].suppressed));

/** One chart with the table of the same numbers beside it. */
export interface ConsentPanel {
  id: string;
  heading: string;
  chart: ChartInput;
  /** The columns of the table (the chart's series). */
  fields: ConsentCountField[];
  /** Whether the table adds the share of eligible accounts that turned the feature on. */
  showRate: boolean;
}

export function consentPanels(series: ConsentSeries, featureName: string, segmentName: string): ConsentPanel[] {
  const periods = series.rows.map((row) => row.period);
  const panel = (key: string, heading: string, fields: ConsentCountField[], showRate: boolean): ConsentPanel => {
    const id = `${series.feature}-${series.segment}-${key}`;
    return {
      id,
      heading,
      fields,
      showRate,
      chart: {
        id: `chart-${id}`,
        title: `${featureName}, ${segmentName}: ${heading.toLowerCase()} per month`,
        description: describe(series, fields),
        periods,
        series: fields.map((field) => ({
          name: FIELD_LABELS[field],
          values: series.rows.map((row) => row[field].value),
        })),
      },
    };
  };
  const panels = [panel('owners', 'Account owners’ decisions', OWNER_FIELDS, true)];
  if (isTracked(series, PARTICIPANT_FIELDS)) {
    panels.push(panel('participants', 'Participants asked in meetings', PARTICIPANT_FIELDS, false));
  }
  return panels;
}
