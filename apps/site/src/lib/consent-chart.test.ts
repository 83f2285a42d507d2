import { describe, expect, it } from 'vitest';
import {
  CHART_LAYOUTS,
  CHART_THEMES,
  type ChartInput,
  chartGeometry,
  legendEntries,
  niceTicks,
  renderChartSvg,
  suppressedRuns,
  textWidth,
  undrawnSeries,
} from './consent-chart';
import { formatCount, formatShortMonth } from './format';

const PERIODS = Array.from({ length: 24 }, (_, index) => {
  const month = 8 + index; // 2023-09 …
  return `${2023 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
});

const hidden = (count: number, at: number[]) => Array.from({ length: count }, (_, index) => at.includes(index));

/** Eligible accounts published every month but 5 and 6; owners who turned it off suppressed throughout. */
const INPUT: ChartInput = {
  id: 'chart-test',
  title: 'Test chart',
  description: 'A test.',
  periods: PERIODS,
  series: [
    {
      key: 'accountsEligible',
      name: 'Eligible accounts',
      values: PERIODS.map((_, index) => ([5, 6].includes(index) ? null : 1_200_000 + index * 1000)),
      suppressed: hidden(24, [5, 6]),
    },
    {
      key: 'ownersDisabled',
      name: 'Owners who turned it off',
      values: PERIODS.map(() => null),
      suppressed: PERIODS.map(() => true),
    },
    {
      key: 'participantsJoined',
      name: 'Participants who joined',
      values: PERIODS.map(() => null),
      suppressed: PERIODS.map(() => false),
    },
  ],
};

const LIGHT = CHART_THEMES[0] as (typeof CHART_THEMES)[number];

describe('legendEntries and undrawnSeries', () => {
  it('lists exactly the series with a drawable point, and says why the others are absent', () => {
    expect(legendEntries(INPUT).map((entry) => entry.key)).toEqual(['accountsEligible']);
    expect(undrawnSeries(INPUT)).toEqual([
      { key: 'ownersDisabled', name: 'Owners who turned it off', reason: 'suppressed' },
      { key: 'participantsJoined', name: 'Participants who joined', reason: 'not tracked' },
    ]);
  });

  it('keeps a series with a single published month (drawn as a marker)', () => {
    const one: ChartInput = {
      ...INPUT,
      series: [
        { key: 'x', name: 'X', values: PERIODS.map((_, i) => (i === 3 ? 12 : null)), suppressed: hidden(24, []) },
      ],
    };
    expect(legendEntries(one).map((entry) => entry.key)).toEqual(['x']);
  });

  it('every legend entry is a drawn series in the SVG and no undrawn series is drawn', () => {
    for (const layout of CHART_LAYOUTS) {
      const svg = renderChartSvg(INPUT, LIGHT, layout);
      const drawn = [...svg.matchAll(/data-series="([^"]+)"/g)].map((match) => match[1]);
      expect(drawn).toEqual(legendEntries(INPUT).map((entry) => entry.key));
    }
  });
});

describe('suppressedRuns', () => {
  it('merges consecutive months with any suppressed cell into one band', () => {
    const input: ChartInput = {
      ...INPUT,
      series: [
        { key: 'a', name: 'A', values: PERIODS.map(() => 10), suppressed: hidden(24, [2, 3, 9]) },
        { key: 'b', name: 'B', values: PERIODS.map(() => 10), suppressed: hidden(24, [4, 20]) },
      ],
    };
    expect(suppressedRuns(input)).toEqual([
      { from: 2, to: 4 },
      { from: 9, to: 9 },
      { from: 20, to: 20 },
    ]);
  });

  it('makes no band of a series that is not drawn (suppressed in every month)', () => {
    expect(suppressedRuns(INPUT)).toEqual([{ from: 5, to: 6 }]);
  });

  it('draws each band hatched and labelled "suppressed"', () => {
    const svg = renderChartSvg(INPUT, LIGHT, CHART_LAYOUTS[0] as (typeof CHART_LAYOUTS)[number]);
    const bands = [...svg.matchAll(/<g data-suppressed-band data-from="([^"]+)" data-to="([^"]+)">(.*?)<\/g>/g)];
    expect(bands.map((band) => [band[1], band[2]])).toEqual([[PERIODS[5], PERIODS[6]]]);
    expect(bands[0]?.[3]).toContain('url(#chart-test-light-narrow-hatch)');
    expect(bands[0]?.[3]).toMatch(/>suppressed<\/text>/);
  });
});

describe('niceTicks', () => {
  it('covers the maximum with round steps from zero', () => {
    expect(niceTicks(1_223_000)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
  });
});

describe('chartGeometry', () => {
  it('leaves room for the widest tick label on the left and half the month labels at both ends', () => {
    for (const layout of CHART_LAYOUTS) {
      const geometry = chartGeometry(INPUT, layout);
      const widest = Math.max(...geometry.ticks.map((tick) => textWidth(formatCount(tick), layout.fontSize)));
      expect(geometry.left).toBeGreaterThanOrEqual(widest + 5);
      const first = textWidth(formatShortMonth(PERIODS[0] as string), layout.fontSize);
      const last = textWidth(formatShortMonth(PERIODS[23] as string), layout.fontSize);
      expect(geometry.left).toBeGreaterThanOrEqual(first / 2);
      expect(layout.width - geometry.right).toBeGreaterThanOrEqual(last / 2);
      // The latest month is always labelled, and labels never overlap.
      expect(geometry.labelled.at(-1)).toBe(23);
      const step = (geometry.xs[1] as number) - (geometry.xs[0] as number);
      const gaps = geometry.labelled.slice(1).map((index, i) => (index - (geometry.labelled[i] as number)) * step);
      for (const gap of gaps) expect(gap).toBeGreaterThan(last);
    }
  });

  it('draws each layout at a width where its text renders at about 12 px or more', () => {
    const narrow = CHART_LAYOUTS.find((layout) => layout.name === 'narrow');
    // On a 320 px phone the content is 288 px wide.
    expect(((narrow?.fontSize ?? 0) * 288) / (narrow?.width ?? 1)).toBeGreaterThanOrEqual(12);
  });
});

describe('renderChartSvg', () => {
  it('is a scalable image named by its title and described by its description', () => {
    const svg = renderChartSvg(INPUT, LIGHT, CHART_LAYOUTS[1] as (typeof CHART_LAYOUTS)[number]);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('aria-labelledby="chart-test-light-wide-title"');
    expect(svg).toContain('viewBox="0 0 640 300"');
    expect(svg).not.toMatch(/^<svg [^>]*\swidth=/);
    expect(svg).toContain('<title id="chart-test-light-wide-title">Test chart</title>');
  });
});
