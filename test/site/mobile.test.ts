/// <reference lib="dom" />
/**
 * The site on a phone (375 × 812, the common small iPhone): no page of any type scrolls sideways,
 * not even inside a table region (wide tables become cards or fit), the header leaves the page's
 * own heading in the first screen, and axe finds nothing at that width.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { closePage, SLOW_BROWSER_TEST_MS, useSiteBrowser } from './browser-kit.js';
import { PAGE_TYPES } from './site-files.js';

const site = useSiteBrowser();
const PHONE = { width: 375, height: 812 };
/** The header may take at most this share of the phone's screen. */
const MAX_HEADER_SHARE = 0.25;

describe('at 375 px', () => {
  it(
    'no page of any type scrolls sideways, in the page or in any table',
    async () => {
      const { page, problems } = await site.openPage({ viewport: PHONE });
      const overflows: string[] = [];
      for (const { path } of PAGE_TYPES) {
        await page.goto(`${site.base}${path}`);
        const found = await page.evaluate(() => {
          const wide: string[] = [];
          const root = document.scrollingElement;
          if (root !== null && root.scrollWidth > root.clientWidth + 1) {
            wide.push(`page ${root.scrollWidth}px wide`);
          }
          for (const region of document.querySelectorAll<HTMLElement>('.table-region, pre')) {
            if (region.scrollWidth > region.clientWidth + 1) {
              const caption = region.querySelector('caption')?.textContent?.trim() ?? region.tagName.toLowerCase();
              wide.push(`"${caption.slice(0, 60)}" ${region.scrollWidth}px in ${region.clientWidth}px`);
            }
          }
          return wide;
        });
        for (const overflow of found) overflows.push(`${path}: ${overflow}`);
      }
      expect(overflows).toEqual([]);
      expect(problems).toEqual([]);
      await closePage(page);
    },
    SLOW_BROWSER_TEST_MS,
  );

  it('the header leaves the page heading in the first screen', async () => {
    const { page } = await site.openPage({ viewport: PHONE });
    for (const path of ['/', '/segments/education/', '/documents/terms-of-service/2023-08/']) {
      await page.goto(`${site.base}${path}`);
      const header = await page.locator('header.site-header').boundingBox();
      const heading = await page.locator('h1').boundingBox();
      expect(header?.height ?? Number.POSITIVE_INFINITY, path).toBeLessThanOrEqual(PHONE.height * MAX_HEADER_SHARE);
      expect((heading?.y ?? Number.POSITIVE_INFINITY) + (heading?.height ?? 0), path).toBeLessThan(PHONE.height * 0.6);
    }
    await closePage(page);
  });

  // Light and dark at desktop width are browser.test.ts's; the phone width adds the layout.
  it(
    'axe finds no violations on one page of every type',
    async () => {
      const { page } = await site.openPage({ viewport: PHONE });
      const violations: string[] = [];
      for (const { type, path } of PAGE_TYPES) {
        await page.goto(`${site.base}${path}`);
        if (type === 'search') await page.locator('#search input').first().waitFor();
        const result = await new AxeBuilder({ page }).analyze();
        for (const violation of result.violations) {
          violations.push(
            `${path}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
          );
        }
      }
      expect(violations).toEqual([]);
      await closePage(page);
    },
    SLOW_BROWSER_TEST_MS,
  );
});
