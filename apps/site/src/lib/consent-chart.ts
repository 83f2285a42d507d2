/**
 * Consent charts as static SVG, drawn at build time: no client JavaScript. Each SVG is an image
 * with a title and a description; the numbers themselves are in the data table next to it.
 * Series differ by line style and marker shape as well as colour, so they can be told apart
 * without colour.
 *
 * Honest by construction:
 * - only series with at least one published value are drawn, and the legend (legendEntries, an
 *   HTML list next to the image) lists exactly those; a series with none is named by
 *   undrawnSeries with the reason (every month suppressed, or not tracked);
 * - months where a drawn line has a suppressed cell are a labelled, hatched band ("suppressed"),
 *   never blank space;
 * - every chart comes in layouts (CHART_LAYOUTS) drawn at the width they are shown at, so text
 *   stays about 12 px on a 320 px phone instead of shrinking with a scaled-down image;
 * - margins are computed from the widest tick label and from half the first and last month
 *   labels, so nothing is clipped.
 */
import { formatCount, formatShortMonth } from './format';

export interface ChartTheme {
  name: 'light' | 'dark';
  text: string;
  axis: string;
  grid: string;
  /** The page background, behind labels drawn over the hatching. */
  background: string;
  /** The hatching of suppressed bands. */
  hatch: string;
  /** One colour per series; each meets 3:1 against the page background of its theme. */
  series: string[];
}

export const CHART_THEMES: ChartTheme[] = [
  {
    name: 'light',
    text: '#17191c',
    axis: '#4a525d',
    grid: '#d5d9df',
    background: '#ffffff',
    hatch: '#8a929c',
    series: ['#0a55c4', '#0b6b2e', '#b3261e', '#7a5200'],
  },
  {
    name: 'dark',
    text: '#eceef1',
    axis: '#b8c0ca',
    grid: '#3a4048',
    background: '#121417',
    hatch: '#6b737d',
    series: ['#8fb8ff', '#7fdc9a', '#ff9e98', '#f2c94c'],
  },
];

/**
 * One drawing of a chart: its width in user units is about the CSS width it is shown at
 * (ConsentChart.astro shows `narrow` below 40rem, `wide` above), so `fontSize` is about the
 * rendered size in CSS pixels.
 */
export interface ChartLayout {
  name: 'narrow' | 'wide';
  width: number;
  height: number;
  fontSize: number;
}

export const CHART_LAYOUTS: ChartLayout[] = [
  // Shown 288 px wide on a 320 px phone (16 px padding each side): 12 user units ≈ 12.3 px.
  { name: 'narrow', width: 280, height: 230, fontSize: 12 },
  // Shown from 40rem (≈ 600 px of content) up to 48rem wide: 14 user units ≈ 13–16.8 px.
  { name: 'wide', width: 640, height: 300, fontSize: 14 },
];

export const LINE_DASHES = [null, '7 4', '2 3', null] as const;
export const SYMBOLS = ['circle', 'square', 'triangle', 'diamond'] as const;
export type ChartSymbol = (typeof SYMBOLS)[number];

export interface ChartSeries {
  /** Stable key (the count's field name): data-series on the legend entry and on the drawn line. */
  key: string;
  name: string;
  /** One per period; null where nothing is published (suppressed or not tracked). */
  values: (number | null)[];
  /** One per period: whether the value was withheld (suppressed). */
  suppressed: boolean[];
}

export interface ChartInput {
  /** Unique on the page; the SVG's title and description get ids derived from it. */
  id: string;
  title: string;
  description: string;
  /** "YYYY-MM" months, oldest first. */
  periods: string[];
  /** Gaps (null) are drawn as breaks in the line, never joined across. */
  series: ChartSeries[];
}

/** How a series is told apart: colour index, dash and marker, fixed by its place in the input. */
export interface SeriesStyle {
  index: number;
  dash: string | null;
  symbol: ChartSymbol;
}

export const seriesStyle = (index: number): SeriesStyle => ({
  index,
  dash: LINE_DASHES[index % LINE_DASHES.length] ?? null,
  symbol: SYMBOLS[index % SYMBOLS.length] ?? 'circle',
});

/** A series the chart draws: it has at least one published value. */
export const isDrawn = (series: ChartSeries): boolean => series.values.some((value) => value !== null);

/** The legend: exactly the drawn series, in input order, each with the style its line has. */
export function legendEntries(input: ChartInput): { key: string; name: string; style: SeriesStyle }[] {
  return input.series.flatMap((series, index) =>
    isDrawn(series) ? [{ key: series.key, name: series.name, style: seriesStyle(index) }] : [],
  );
}

/** The series not drawn, and why: every published month suppressed, or never tracked. */
export function undrawnSeries(
  input: ChartInput,
): { key: string; name: string; reason: 'suppressed' | 'not tracked' }[] {
  return input.series.flatMap((series) =>
    isDrawn(series)
      ? []
      : [
          {
            key: series.key,
            name: series.name,
            reason: series.suppressed.some(Boolean) ? ('suppressed' as const) : ('not tracked' as const),
          },
        ],
  );
}

/**
 * Runs of consecutive months (indexes, inclusive) in which a drawn series has a suppressed cell: the
 * gaps in its line. A series suppressed in every month is not drawn at all (undrawnSeries says so
 * under the chart) and makes no band, which would otherwise hatch the whole chart.
 */
export function suppressedRuns(input: ChartInput): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  const drawn = input.series.filter(isDrawn);
  input.periods.forEach((_, index) => {
    if (!drawn.some((series) => series.suppressed[index] === true)) return;
    const last = runs.at(-1);
    if (last !== undefined && last.to === index - 1) last.to = index;
    else runs.push({ from: index, to: index });
  });
  return runs;
}

/** Round tick steps: 1, 2, 2.5 or 5 times a power of ten, about four intervals up to `max`. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power) || 1;
  const integerStep = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / integerStep) * integerStep;
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += integerStep) ticks.push(tick);
  return ticks;
}

/**
 * A generous estimate of how wide `text` renders in a sans-serif system font at `fontSize`
 * (no font metrics at build time): wide enough for digits, capitals and lower case alike, so a
 * margin sized with it is never too small.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    if (char === ',' || char === '.' || char === ' ' || char === '\u2009') em += 0.34;
    else if (/[A-Z]/.test(char)) em += 0.72;
    else if (/[mw]/.test(char)) em += 0.9;
    else em += 0.62;
  }
  return em * fontSize;
}

export interface ChartGeometry {
  layout: ChartLayout;
  /** Plot area, in user units. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  ticks: number[];
  /** The x of each month. */
  xs: number[];
  /** The indexes of the months that get a label. */
  labelled: number[];
  y: (value: number) => number;
}

const TICK = 5;
const GAP = 6;

/** Where everything goes: margins from the widest labels, a label every few months so none overlap. */
export function chartGeometry(input: ChartInput, layout: ChartLayout): ChartGeometry {
  const { width, height, fontSize } = layout;
  const values = input.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const ticks = niceTicks(Math.max(0, ...values));
  const widestTick = Math.max(...ticks.map((tick) => textWidth(formatCount(tick), fontSize)));
  const monthLabels = input.periods.map(formatShortMonth);
  const widestMonth = Math.max(0, ...monthLabels.map((label) => textWidth(label, fontSize)));
  const firstHalf = textWidth(monthLabels[0] ?? '', fontSize) / 2;
  const left = Math.ceil(Math.max(widestTick + TICK + GAP, firstHalf + 2) + 2);
  const n = input.periods.length;
  // The last month is labelled only when the spacing lands on it; room for half a label either way.
  const right = width - Math.ceil(widestMonth / 2 + 4);
  const top = Math.ceil(fontSize * 0.75 + 2);
  const bottom = height - Math.ceil(TICK + GAP + fontSize * 1.4);
  const step = n > 1 ? (right - left) / (n - 1) : 0;
  const xs = input.periods.map((_, index) => (n > 1 ? left + index * step : (left + right) / 2));
  const every = step === 0 ? 1 : Math.max(1, Math.ceil((widestMonth + 10) / step));
  // The latest month always, then every few months counting back from it (the first month and
  // the range are in the title and the table).
  const labelled = input.periods.flatMap((_, index) => ((n - 1 - index) % every === 0 ? [index] : []));
  const max = ticks.at(-1) ?? 1;
  const y = (value: number): number => bottom - (value / max) * (bottom - top);
  return { layout, left, right, top, bottom, ticks, xs, labelled, y };
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (value: number): string => String(Math.round(value * 10) / 10);

/** A marker's outline at (x, y), as an SVG element. */
export function markerSvg(symbol: ChartSymbol, x: number, y: number, color: string, size = 7): string {
  const r = size / 2;
  switch (symbol) {
    case 'circle':
      return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="${color}"/>`;
    case 'square':
      return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(size)}" height="${num(size)}" fill="${color}"/>`;
    case 'triangle':
      return `<path d="M${num(x)} ${num(y - r - 1)}L${num(x + r + 0.5)} ${num(y + r)}L${num(x - r - 0.5)} ${num(y + r)}Z" fill="${color}"/>`;
    case 'diamond':
      return `<path d="M${num(x)} ${num(y - r - 1)}L${num(x + r + 1)} ${num(y)}L${num(x)} ${num(y + r + 1)}L${num(x - r - 1)} ${num(y)}Z" fill="${color}"/>`;
  }
}

/** Renders one chart for one theme and one layout, as an accessible, scalable SVG. */
export function renderChartSvg(input: ChartInput, theme: ChartTheme, layout: ChartLayout): string {
  const g = chartGeometry(input, layout);
  const { fontSize } = layout;
  const key = `${input.id}-${theme.name}-${layout.name}`;
  const text = (x: number, y: number, anchor: string, content: string, extra = ''): string =>
    `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" font-size="${fontSize}" fill="${theme.text}"${extra}>${escapeXml(content)}</text>`;
  const parts: string[] = [];
  parts.push(
    `<defs><pattern id="${key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${theme.background}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${theme.hatch}" stroke-width="2"/></pattern></defs>`,
  );
  // Grid lines and y-axis labels.
  const grid = g.ticks.map((tick) => {
    const y = g.y(tick);
    return `<line x1="${num(g.left)}" x2="${num(g.right)}" y1="${num(y)}" y2="${num(y)}" stroke="${theme.grid}" stroke-width="1"/>${text(g.left - TICK - GAP / 2, y + fontSize * 0.35, 'end', formatCount(tick))}`;
  });
  parts.push(`<g data-axis="y">${grid.join('')}</g>`);
  // Suppressed bands, under the lines.
  const half = g.xs.length > 1 ? ((g.xs[1] as number) - (g.xs[0] as number)) / 2 : (g.right - g.left) / 2;
  for (const run of suppressedRuns(input)) {
    const x0 = Math.max(g.left, (g.xs[run.from] as number) - half);
    const x1 = Math.min(g.right, (g.xs[run.to] as number) + half);
    const bandWidth = x1 - x0;
    const label = 'suppressed';
    const fits = textWidth(label, fontSize) + 6 <= bandWidth;
    const cx = (x0 + x1) / 2;
    const cy = (g.top + g.bottom) / 2;
    const halo = ` stroke="${theme.background}" stroke-width="3" paint-order="stroke" stroke-linejoin="round"`;
    const labelSvg = fits
      ? text(cx, g.top + fontSize + 2, 'middle', label, halo)
      : text(
          cx,
          cy,
          'middle',
          label,
          `${halo} transform="rotate(-90 ${num(cx)} ${num(cy)})" dy="${num(fontSize * 0.35)}"`,
        );
    parts.push(
      `<g data-suppressed-band data-from="${input.periods[run.from]}" data-to="${input.periods[run.to]}"><rect x="${num(x0)}" y="${num(g.top)}" width="${num(bandWidth)}" height="${num(g.bottom - g.top)}" fill="url(#${key}-hatch)" stroke="${theme.hatch}" stroke-width="1"/>${labelSvg}</g>`,
    );
  }
  // Axes.
  parts.push(
    `<g data-axis="x"><line x1="${num(g.left)}" x2="${num(g.right)}" y1="${num(g.bottom)}" y2="${num(g.bottom)}" stroke="${theme.axis}" stroke-width="1"/><line x1="${num(g.left)}" x2="${num(g.left)}" y1="${num(g.top)}" y2="${num(g.bottom)}" stroke="${theme.axis}" stroke-width="1"/>${g.labelled
      .map((index) => {
        const x = g.xs[index] as number;
        return `<line x1="${num(x)}" x2="${num(x)}" y1="${num(g.bottom)}" y2="${num(g.bottom + TICK)}" stroke="${theme.axis}" stroke-width="1"/>${text(x, g.bottom + TICK + GAP / 2 + fontSize, 'middle', formatShortMonth(input.periods[index] as string))}`;
      })
      .join('')}</g>`,
  );
  // The lines: a path per run of published months, a marker on every published month.
  input.series.forEach((series, index) => {
    if (!isDrawn(series)) return;
    const style = seriesStyle(index);
    const color = theme.series[index % theme.series.length] as string;
    const runs: string[][] = [];
    let current: string[] = [];
    series.values.forEach((value, month) => {
      if (value === null) {
        if (current.length > 0) runs.push(current);
        current = [];
        return;
      }
      current.push(`${num(g.xs[month] as number)} ${num(g.y(value))}`);
    });
    if (current.length > 0) runs.push(current);
    const dash = style.dash === null ? '' : ` stroke-dasharray="${style.dash}"`;
    const lines = runs
      .filter((run) => run.length > 1)
      .map(
        (run) =>
          `<path d="M${run.join('L')}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"${dash}/>`,
      );
    const markers = series.values.flatMap((value, month) =>
      value === null ? [] : [markerSvg(style.symbol, g.xs[month] as number, g.y(value), color)],
    );
    parts.push(`<g data-series="${escapeXml(series.key)}">${lines.join('')}${markers.join('')}</g>`);
  });
  const titleId = `${key}-title`;
  const descId = `${key}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" class="chart-svg chart-${theme.name} chart-${layout.name}" data-layout="${layout.name}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="system-ui, sans-serif">` +
    `<title id="${titleId}">${escapeXml(input.title)}</title><desc id="${descId}">${escapeXml(input.description)}</desc>` +
    `${parts.join('')}</svg>`
  );
}
