/**
 * Consent charts and tables in Debian Chromium: at 320 px the chart's smallest text renders at
 * 11 px or more and no chart text is clipped (every tick label inside the image's box), neither
 * /consent/ nor a series page scrolls sideways at 320 or 375 px, the legend lists exactly the
 * series the visible drawing draws, and axe finds nothing on a series page in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closePage, useSiteBrowser } from './browser-kit.js';

const site = useSiteBrowser();

const SERIES = '/consent/meeting-summary/education/';
const PAGES = ['/consent/', SERIES];

/** For each chart drawing the reader sees: its smallest text in CSS px, and the texts outside its box. */
function visibleCharts(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGSVGElement>('figure.chart svg[role="img"]')]
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => {
        const box = svg.getBoundingClientRect();
        const scale = svg.getScreenCTM()?.a ?? 0;
        const texts = [...svg.querySelectorAll('text')];
        const sizes = texts.map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale);
        const clipped = texts
          .filter((text) => {
            const r = text.getBoundingClientRect();
            return (
              r.left < box.left - 0.5 ||
              r.right > box.right + 0.5 ||
              r.top < box.top - 0.5 ||
              r.bottom > box.bottom + 0.5
            );
          })
          .map((text) => text.textContent);
        const figure = svg.closest('figure');
        const legend = [...(figure?.querySelectorAll('.chart-legend li[data-series]') ?? [])]
          .filter((li) => li.getBoundingClientRect().width > 0)
          .map((li) => li.getAttribute('data-series'));
        const drawn = [...svg.querySelectorAll('g[data-series]')].map((g) => g.getAttribute('data-series'));
        return {
          chart: figure?.getAttribute('data-chart'),
          layout: svg.getAttribute('data-layout'),
          right: box.right,
          smallest: Math.min(...sizes),
          texts: texts.length,
          clipped,
          legend,
          drawn,
        };
      }),
  );
}

describe('consent charts in the browser', () => {
  for (const width of [320, 1280]) {
    it(`at ${width} px: text at 11 px or more, nothing clipped, the legend lists exactly the drawn series`, async () => {
      const { page, problems } = await site.openPage({ javaScriptEnabled: false, viewport: { width, height: 800 } });
      await page.goto(`${site.base}${SERIES}`);
      const charts = await visibleCharts(page);
      // Two panels (owners, participants), one drawing each for this width and scheme.
      expect(charts.map((chart) => chart.layout)).toEqual(width < 640 ? ['narrow', 'narrow'] : ['wide', 'wide']);
      for (const chart of charts) {
        expect(chart.texts, `${chart.chart}: texts`).toBeGreaterThan(5);
        expect(chart.smallest, `${chart.chart}: smallest text (px)`).toBeGreaterThanOrEqual(11);
        expect(chart.clipped, `${chart.chart}: texts outside the image`).toEqual([]);
        expect(chart.right, `${chart.chart}: inside the viewport`).toBeLessThanOrEqual(width);
        expect(chart.legend, `${chart.chart}: legend`).toEqual(chart.drawn);
        expect(chart.legend.length, `${chart.chart}: something drawn`).toBeGreaterThan(0);
      }
      expect(problems).toEqual([]);
      await closePage(page);
    });
  }

  for (const width of [320, 375]) {
    it(`no page of consent statistics scrolls sideways at ${width} px`, async () => {
      const { page, problems } = await site.openPage({ javaScriptEnabled: false, viewport: { width, height: 800 } });
      for (const path of PAGES) {
        await page.goto(`${site.base}${path}`);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(scroll, `${path} at ${width} px`).toBeLessThanOrEqual(client);
      }
      expect(problems).toEqual([]);
      await closePage(page);
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no violations on a series page and /consent/ (${colorScheme}, 320 and 1280 px)`, async () => {
      const violations: string[] = [];
      for (const width of [320, 1280]) {
        const { page } = await site.openPage({ colorScheme, viewport: { width, height: 800 } });
        for (const path of PAGES) {
          await page.goto(`${site.base}${path}`);
          const result = await new AxeBuilder({ page }).analyze();
          for (const violation of result.violations) {
            violations.push(
              `${path} ${width}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
            );
          }
        }
        await closePage(page);
      }
      expect(violations).toEqual([]);
    }, 120_000);
  }
});
