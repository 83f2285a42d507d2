/**
 * Honest statistics on the built site, every /consent/ page read from disk: no total row adds up a
 * stock column (a level at month end), and a total row says which months it covers; every column
 * is defined in place; every legend entry is a series the chart draws, and no other series is
 * drawn; months with a suppressed cell are hatched bands labelled "suppressed" in the charts and
 * "suppressed (0–9)" in the tables, explained under the table; the sample's latest month
 * (2025-08) is 10 months before the build's now (2026-06-01), past the default threshold of 3, so
 * every page says the figures are not recent.
 *
 * The pages mark what this test reads: data-measure="stock|flow" and data-field on every count
 * cell, data-total on a total row and data-sum on each of its sums, data-series on legend entries
 * and drawn series, data-suppressed-band on chart bands, data-stale-notice.
 */
import { CONSENT_COUNT_FIELDS, type ConsentCountField, consentMeasure } from '@candor/schema/domain';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readSiteFile, siteFiles } from './site-files.js';

const root = inject('siteDirectory');
let pages: { file: string; html: string }[];

beforeAll(() => {
  pages = siteFiles(root)
    .filter((file) => /^\/consent\/(?:[^/]+\/[^/]+\/)?index\.html$/.test(file))
    .map((file) => ({ file, html: readSiteFile(root, file) }));
});

/** Every element `<tag …>…</tag>` whose opening tag matches `opening`, nested tags of the same name balanced. */
function elements(html: string, tag: string, opening: RegExp = /.*/): string[] {
  const found: string[] = [];
  const openTag = new RegExp(`<${tag}(?=[\\s>/])[^>]*>`, 'g');
  for (let match = openTag.exec(html); match !== null; match = openTag.exec(html)) {
    if (!opening.test(match[0])) continue;
    const tokens = new RegExp(`<${tag}(?=[\\s>/])[^>]*>|</${tag}>`, 'g');
    tokens.lastIndex = match.index + match[0].length;
    let depth = 1;
    for (let token = tokens.exec(html); token !== null; token = tokens.exec(html)) {
      depth += token[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        found.push(html.slice(match.index, token.index + token[0].length));
        break;
      }
    }
  }
  return found;
}

const attribute = (element: string, name: string): string | undefined =>
  new RegExp(`^<[^>]*\\s${name}(?:="([^"]*)")?[\\s>/]`).exec(element)?.[1] ??
  (new RegExp(`^<[^>]*\\s${name}[\\s>/=]`).test(element) ? '' : undefined);

/** The text a reader sees of an element: tags, visually hidden spans and entities reduced. */
const text = (element: string): string =>
  element
    .replace(/<span class="visually-hidden">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const number = (value: string): number => Number(value.replace(/[^\d]/g, ''));

describe('every /consent/ page', () => {
  it('there are pages to check: the index and a page per series', () => {
    expect(pages.map((page) => page.file)).toContain('/consent/index.html');
    expect(pages.length).toBeGreaterThan(5);
  });

  it('no total row adds up a stock column, and each total says which months it covers', () => {
    let totals = 0;
    for (const { file, html } of pages) {
      for (const row of elements(html, 'tr')) {
        const header = elements(row, 'th')[0];
        const total = attribute(row, 'data-total') !== undefined;
        // A row that reads like a total must be marked as one, so it is checked below.
        if (header !== undefined && /^(total|sum|all months)/i.test(text(header))) {
          expect(total, `${file}: an unmarked total row "${text(header)}"`).toBe(true);
        }
        if (!total) continue;
        totals++;
        expect(text(header ?? ''), `${file}: the total row names its months`).toMatch(
          /^Total, [A-Z][a-z]+ \d{4} to [A-Z][a-z]+ \d{4}$/,
        );
        for (const cell of elements(row, 'td')) {
          const measure = attribute(cell, 'data-measure');
          expect(measure, `${file}: a total cell without data-measure`).toMatch(/^(stock|flow)$/);
          const field = attribute(cell, 'data-field') ?? '';
          if ((CONSENT_COUNT_FIELDS as readonly string[]).includes(field)) {
            expect(measure, `${file}: ${field}'s measure`).toBe(consentMeasure(field as ConsentCountField));
          }
          if (measure === 'stock') {
            expect(attribute(cell, 'data-sum'), `${file}: a sum of the stock column ${field}`).toBeUndefined();
            expect(text(cell), `${file}: a figure in the total of the stock column ${field}`).not.toMatch(/\d/);
          }
        }
      }
    }
    // The sample's participant counts are flows: their tables have a total row.
    expect(totals).toBeGreaterThan(0);
  });

  it("a total is the sum of its column's published months", () => {
    for (const { file, html } of pages) {
      for (const table of elements(html, 'table', /data-consent-table/)) {
        const total = elements(table, 'tr', /data-total/)[0];
        if (total === undefined) continue;
        for (const cell of elements(total, 'td', /data-sum=/)) {
          const field = attribute(cell, 'data-field');
          const body = elements(table, 'tbody')[0] ?? '';
          const cells = elements(body, 'td', new RegExp(`data-field="${field}"`));
          const published = cells.filter((one) => attribute(one, 'data-suppressed') === undefined);
          const sum = published.reduce((all, one) => all + number(text(one).split(' (')[0] ?? ''), 0);
          expect(Number(attribute(cell, 'data-sum')), `${file}: total of ${field}`).toBe(sum);
        }
      }
    }
  });

  it('every count column is marked stock or flow as the domain says, and defined in place', () => {
    for (const { file, html } of pages) {
      for (const head of elements(html, 'thead')) {
        for (const th of elements(head, 'th', /data-field=/)) {
          const field = attribute(th, 'data-field') ?? '';
          if ((CONSENT_COUNT_FIELDS as readonly string[]).includes(field)) {
            expect(attribute(th, 'data-measure'), `${file}: ${field}`).toBe(consentMeasure(field as ConsentCountField));
          }
          expect(text(th), `${file}: ${field} says its measure`).toMatch(/(at month end|during the month)/);
          const target = /href="#([^"]+)"/.exec(th)?.[1];
          expect(target, `${file}: ${field} links to its definition`).toBeDefined();
          const term = elements(html, 'dt', new RegExp(`id="${target}"`))[0];
          expect(term, `${file}: the definition of ${field}`).toBeDefined();
          expect(html.slice(html.indexOf(term ?? '')), `${file}: ${field} has a description`).toMatch(
            /^<dt[\s\S]*?<\/dt>\s*<dd[^>]*>[^<]{20,}/,
          );
        }
      }
    }
  });

  it('each chart’s legend lists exactly the series it draws, and the caption says why any other is not drawn', () => {
    let charts = 0;
    for (const { file, html } of pages) {
      for (const panel of elements(html, 'section', /data-panel=/)) {
        const figure = elements(panel, 'figure', /data-chart=/)[0] ?? '';
        charts++;
        const legend = elements(figure, 'li', /data-series=/).map((li) => attribute(li, 'data-series'));
        const undrawn = elements(figure, 'span', /data-undrawn-series=/).flatMap((span) =>
          (attribute(span, 'data-undrawn-series') ?? '').split(' '),
        );
        const svgs = elements(figure, 'svg', /role="img"/);
        // A drawing per scheme and layout, none when nothing can be drawn (the caption says why).
        expect(svgs.length, `${file}: drawings`).toBe(legend.length === 0 ? 0 : 4);
        for (const svg of svgs) {
          const drawn = elements(svg, 'g', /data-series=/);
          expect(
            drawn.map((g) => attribute(g, 'data-series')),
            `${file}: the legend lists exactly the drawn series`,
          ).toEqual(legend);
          for (const g of drawn) expect(g, `${file}: an empty series`).toMatch(/<(path|circle|rect)\b/);
        }
        // Every count column of the table is in the legend or said not to be drawn, never both.
        const columns = elements(elements(panel, 'thead')[0] ?? '', 'th', /data-field=/)
          .map((th) => attribute(th, 'data-field') ?? '')
          .filter((field) => (CONSENT_COUNT_FIELDS as readonly string[]).includes(field));
        expect([...legend, ...undrawn].sort(), `${file}: every series accounted for once`).toEqual(columns.sort());
      }
    }
    expect(charts).toBeGreaterThan(0);
  });

  it('suppressed cells read "suppressed (0–9)", are explained, and are hatched bands in the chart', () => {
    let suppressed = 0;
    for (const { file, html } of pages) {
      const minimum = Number(/<strong data-minimum-cell-size>(\d+)<\/strong>/.exec(html)?.[1]);
      expect(minimum, `${file}: the minimum cell size`).toBe(10);
      const cells = elements(html, 'td', /data-suppressed="true"/);
      suppressed += cells.length;
      for (const cell of cells) expect(text(cell), file).toMatch(new RegExp(`^suppressed \\(0–${minimum - 1}\\*?\\)`));
      if (cells.length > 0) {
        expect(html, `${file}: the note on suppressed cells`).toMatch(/data-suppression-explained/);
      }
      for (const panel of elements(html, 'section', /data-panel=/)) {
        // Months where a drawn line (one in the legend) has a suppressed cell: its gaps.
        const drawn = elements(panel, 'li', /data-series=/).map((li) => attribute(li, 'data-series'));
        const months = elements(panel, 'tr')
          .filter((row) =>
            elements(row, 'td', /data-suppressed="true"/).some((cell) => drawn.includes(attribute(cell, 'data-field'))),
          )
          .map((row) => /<time datetime="(\d{4}-\d{2})"/.exec(row)?.[1] ?? '');
        expect(months.length === 0 || /data-suppressed-band/.test(panel), `${file}: bands`).toBe(true);
        for (const svg of elements(panel, 'svg', /role="img"/)) {
          const bands = elements(svg, 'g', /data-suppressed-band/).map((band) => ({
            from: attribute(band, 'data-from') ?? '',
            to: attribute(band, 'data-to') ?? '',
            label: text(band),
          }));
          for (const band of bands) expect(band.label).toBe('suppressed');
          for (const month of months) {
            expect(
              bands.some((band) => band.from <= month && month <= band.to),
              `${file}: a band over ${month}`,
            ).toBe(true);
          }
        }
      }
    }
    // The sample has small counts: the check above ran.
    expect(suppressed).toBeGreaterThan(0);
  });

  it('says the figures are not recent: the latest month, August 2025, is 10 months before the build', () => {
    for (const { file, html } of pages) {
      const notice = elements(html, 'div', /data-stale-notice/)[0];
      expect(notice, `${file}: a stale-data notice`).toBeDefined();
      expect(attribute(notice ?? '', 'data-latest-period')).toBe('2025-08');
      expect(attribute(notice ?? '', 'data-months-old')).toBe('10');
      expect(text(notice ?? '')).toContain(
        'The latest figures are for August 2025, 10 months before this page was built.',
      );
    }
  });
});
