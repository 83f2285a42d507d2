/**
 * Consent charts as static SVG, drawn at build time by ECharts' server-side renderer: no client
 * JavaScript, no hand-drawn paths. Each SVG is an image with a title and a description; the
 * numbers themselves are in the data table next to it. Series differ by line style and marker
 * shape as well as colour, so they can be told apart without colour.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { formatCount, formatShortMonth } from './format';

echarts.use([LineChart, GridComponent, LegendComponent, SVGRenderer]);

export interface ChartTheme {
  name: 'light' | 'dark';
  text: string;
  axis: string;
  grid: string;
  /** One colour per series; each meets 3:1 against the page background of its theme. */
  series: string[];
}

export const CHART_THEMES: ChartTheme[] = [
  {
    name: 'light',
    text: '#17191c',
    axis: '#4a525d',
    grid: '#d5d9df',
    series: ['#0a55c4', '#0b6b2e', '#b3261e', '#7a5200'],
  },
  {
    name: 'dark',
    text: '#eceef1',
    axis: '#b8c0ca',
    grid: '#3a4048',
    series: ['#8fb8ff', '#7fdc9a', '#ff9e98', '#f2c94c'],
  },
];

const LINE_TYPES = ['solid', 'dashed', 'dotted', 'solid'] as const;
/** Height of one legend entry (item height plus gap), for placing the plot below the legend. */
const LEGEND_LINE = 22;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'] as const;

export interface ChartInput {
  /** Unique on the page; the SVG's title and description get ids derived from it. */
  id: string;
  title: string;
  description: string;
  /** "YYYY-MM" months, oldest first. */
  periods: string[];
  /** Gaps (null) are drawn as breaks in the line, never joined across. */
  series: { name: string; values: (number | null)[] }[];
  width?: number;
  height?: number;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Renders one chart for one theme and returns the SVG markup with its accessible name. */
export function renderChartSvg(input: ChartInput, theme: ChartTheme): string {
  const width = input.width ?? 720;
  const height = input.height ?? 300 + LEGEND_LINE * input.series.length;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: 'system-ui, sans-serif', fontSize: 14 },
      legend: {
        // A static image: no toggling, so no hover styles either.
        selectedMode: false,
        // One entry per line: without a browser, ECharts can only estimate text widths, and
        // entries side by side may overlap.
        orient: 'vertical',
        top: 0,
        left: 0,
        itemGap: 8,
        itemWidth: 34,
        itemHeight: 12,
        textStyle: { color: theme.text, fontSize: 14 },
      },
      grid: { left: 16, right: 24, top: LEGEND_LINE * input.series.length + 24, bottom: 16 },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: input.periods.map(formatShortMonth),
        axisLine: { lineStyle: { color: theme.axis } },
        axisTick: { lineStyle: { color: theme.axis } },
        axisLabel: { color: theme.text, fontSize: 13, hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        axisLine: { show: true, lineStyle: { color: theme.axis } },
        axisLabel: { color: theme.text, fontSize: 13, formatter: (value: number) => formatCount(value) },
        splitLine: { lineStyle: { color: theme.grid } },
      },
      series: input.series.map((series, index) => {
        const color = theme.series[index % theme.series.length];
        return {
          type: 'line',
          name: series.name,
          data: series.values,
          connectNulls: false,
          symbol: SYMBOLS[index % SYMBOLS.length],
          symbolSize: 7,
          showAllSymbol: true,
          lineStyle: { color, width: 2.5, type: LINE_TYPES[index % LINE_TYPES.length] },
          itemStyle: { color, borderColor: color },
          emphasis: { disabled: true },
          silent: true,
        };
      }),
    });
    return withAccessibleName(chart.renderToSVGString(), input, theme);
  } finally {
    chart.dispose();
  }
}

/**
 * Makes the root <svg> an image named by a <title> and described by a <desc>, and scalable
 * (a viewBox, no fixed size), so it fits any width down to 320 px.
 */
function withAccessibleName(svg: string, input: ChartInput, theme: ChartTheme): string {
  const titleId = `${input.id}-${theme.name}-title`;
  const descId = `${input.id}-${theme.name}-desc`;
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (open === null) throw new Error(`ECharts returned no <svg> for chart ${input.id}`);
  const width = /\bwidth="(\d+(?:\.\d+)?)"/.exec(open[0])?.[1];
  const height = /\bheight="(\d+(?:\.\d+)?)"/.exec(open[0])?.[1];
  let tag = open[0]
    .replace(/\s(width|height|role|aria-label|aria-labelledby|aria-describedby)="[^"]*"/g, '')
    .replace(/\sstyle="[^"]*"/, '');
  const viewBox = /\bviewBox=/.test(tag) ? '' : ` viewBox="0 0 ${width ?? 720} ${height ?? 400}"`;
  tag = tag.replace(
    /^<svg\b/,
    `<svg role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" class="chart-svg chart-${theme.name}"${viewBox} preserveAspectRatio="xMidYMid meet"`,
  );
  const label = `<title id="${titleId}">${escapeXml(input.title)}</title><desc id="${descId}">${escapeXml(input.description)}</desc>`;
  // ECharts adds hover rules for interactive use; a static image needs none.
  const body = svg.slice(open[0].length).replace(/<style\b[\s\S]*?<\/style>/g, '');
  return `${tag}${label}${body}`;
}
