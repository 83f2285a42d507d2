/// <reference lib="dom" />
/**
 * The built site served by the API on a real port and driven in Debian Chromium through
 * playwright-core: the reader's journey from the home page to an AI feature's facts label, the
 * acceptance question on the education hub, Pagefind search, the site without JavaScript, axe
 * on one page of every type in light and dark, the keyboard, narrow screens, the feeds, and
 * screenshots of every page type (test/artifacts/screenshots/, not committed).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { closePage, NOT_FOUND_PATH, SLOW_BROWSER_TEST_MS, seen, useSiteBrowser } from './browser-kit.js';
import { ARTIFACTS } from './paths.js';
import { searchPhrases } from './search-phrases.js';
import { PAGE_TYPES, type PageType, siteFiles } from './site-files.js';

const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

const site = useSiteBrowser();
const { openPage, query } = site;
const close = closePage;

beforeAll(() => {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

interface MeetingSummaryEducation {
  aiFeature: {
    current: { trainsFirstPartyModels: boolean; dataCategories: string[]; consentRequiredFrom: string[] } | null;
  };
  consentStatistics: {
    rows: { period: string; accountsEligible: { value: number | null }; ownersEnabled: { value: number | null } }[];
  };
}

const CONSENT_PARTY_WORDS: Record<string, string> = {
  ACCOUNT_OWNER: 'the account owner',
  ACCOUNT_ADMIN: 'an account administrator',
  END_USER: 'each participant',
};

const count = (value: number) => value.toLocaleString('en-GB');

/** WCAG relative luminance of a computed `rgb(r, g, b)` colour. */
function relativeLuminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not an rgb colour: ${color}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('the reader’s journey', () => {
  it('home → education hub (the meeting-summary answer) → version → comparison → AI feature', async () => {
    const { aiFeature, consentStatistics } = await query<MeetingSummaryEducation>(`{
      aiFeature(slug: "meeting-summary") { current(segment: "education") { trainsFirstPartyModels dataCategories consentRequiredFrom } }
      consentStatistics(feature: "meeting-summary", segment: "education", from: "1970-01", to: "2069-12") {
        rows { period accountsEligible { value } ownersEnabled { value } }
      }
    }`);
    const facts = aiFeature.current;
    if (facts === null) throw new Error('meeting summary has no facts for education');
    expect(facts.dataCategories).toContain('AUDIO');
    const latest = consentStatistics.rows[consentStatistics.rows.length - 1];
    if (latest === undefined) throw new Error('no consent statistics for meeting summary in education');

    const { page, problems } = await openPage();
    await page.goto(`${site.base}/`);
    await page.locator('[data-segment-link="education"]').click();
    await page.waitForURL(`${site.base}/segments/education/`);

    // "Does meeting summary train on my audio in the education segment, and who consented?" —
    // answered on the hub itself, without a click.
    const summary = page.locator('[data-facts-summary="meeting-summary/education"]');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const field = (name: string) => seen(summary.locator(`[data-field="${name}"]`));
    expect(await field('dataCategories')).toContain('audio');
    expect((await field('trainsFirstPartyModels')).trim()).toBe(facts.trainsFirstPartyModels ? 'Yes' : 'No');
    const consent = (await field('consentRequiredFrom')).toLowerCase();
    for (const party of facts.consentRequiredFrom) expect(consent).toContain(CONSENT_PARTY_WORDS[party]);
    const turnedOn = await field('consentStatistics');
    if (latest.ownersEnabled.value !== null && latest.accountsEligible.value !== null) {
      expect(turnedOn).toContain(`${count(latest.ownersEnabled.value)} of ${count(latest.accountsEligible.value)}`);
    }
    expect(await summary.getByRole('heading', { name: 'Meeting summary' }).isVisible()).toBe(true);

    // A version that changed something for education: the August 2023 correction.
    await page.locator('[data-change="terms-of-service/2023-08"] h3 a').click();
    await page.waitForURL(`${site.base}/documents/terms-of-service/2023-08/`);
    expect(await seen(page.locator('h1'))).toContain('version 2023-08');
    const explanation = page.locator('.explanation[data-segment="education"]');
    const firstClause = page.locator('[data-clause-key]').first();
    const explanationBox = await explanation.boundingBox();
    const clauseBox = await firstClause.boundingBox();
    expect(explanationBox?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(clauseBox?.y ?? 0);
    const hash = site.expected.versions.find(
      (v) => v.document === 'terms-of-service' && v.label === '2023-08',
    )?.contentHash;
    expect((await seen(page.locator('[data-content-hash]'))).trim()).toBe(hash);
    // The clause anchor: a link to §10.4 lands on it.
    await page.locator('a.clause-link[href="#clause-10.4"]').click();
    await page.waitForURL(`${site.base}/documents/terms-of-service/2023-08/#clause-10.4`);
    expect(await page.locator('[id="clause-10.4"]').evaluate((element) => element.matches(':target'))).toBe(true);
    expect(await page.locator('[id="clause-10.4"]').getAttribute('data-clause-key')).toBe('10.4');
    expect(await seen(page.locator('[id="clause-10.4"]'))).toContain('consent');

    // Its comparison with the version before.
    await page.getByRole('link', { name: 'What changed from version 2023-03' }).click();
    await page.waitForURL(`${site.base}/documents/terms-of-service/2023-08/changes/`);
    const change = page.locator('.clause-change[data-key="10.4"]');
    expect(await change.getAttribute('data-kind')).toBe('MODIFIED');
    const inserted = change.locator('ins').filter({ hasText: 'consent' }).first();
    const insertedText = await seen(inserted);
    // No bracket markers: the mark is the inserted words themselves, without surrounding whitespace.
    expect(insertedText).toContain('consent');
    expect(insertedText.trim()).toBe(insertedText);

    // On to the AI feature the clause is about, through the main navigation.
    await page.locator('nav[aria-label="Main"]').getByRole('link', { name: 'AI features' }).click();
    await page.waitForURL(`${site.base}/ai-features/`);
    await page.getByRole('link', { name: 'Meeting summary', exact: true }).first().click();
    await page.waitForURL(`${site.base}/ai-features/meeting-summary/`);
    await page.locator('main a[href="/ai-features/meeting-summary/education/"]').first().click();
    await page.waitForURL(`${site.base}/ai-features/meeting-summary/education/`);
    const label = page.locator('[data-facts="meeting-summary/education"]');
    const rows = await label
      .locator('[data-field]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-field')));
    expect(rows).toEqual(
      expect.arrayContaining([
        'whatItDoes',
        'availability',
        'dataCategories',
        'trainsFirstPartyModels',
        'sharedWithVendor',
        'trainsVendorModels',
        'retention',
        'humanReview',
        'consentRequiredFrom',
        'nonConsentOption',
        'defaultState',
        'governingClauses',
      ]),
    );
    expect(await seen(label.locator('[data-field="trainsFirstPartyModels"]'))).toContain(
      facts.trainsFirstPartyModels ? 'Yes' : 'No',
    );
    expect(await label.locator('[data-field="governingClauses"] a[href*="#clause-"]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await close(page);
  });

  it('the hub’s facts summary is one click from the full facts label, which gives the same answer', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${site.base}/segments/education/`);
    const summary = page.locator('[data-facts-summary="meeting-summary/education"]');
    const trains = await seen(summary.locator('[data-field="trainsFirstPartyModels"]'));
    await summary.locator('[data-facts-link]').click();
    await page.waitForURL(`${site.base}/ai-features/meeting-summary/education/`);
    const label = page.locator('[data-facts="meeting-summary/education"] [data-field="trainsFirstPartyModels"]');
    expect(await seen(label)).toContain(trains.trim());
    expect(problems).toEqual([]);
    await close(page);
  });
});

describe('search', () => {
  it('Pagefind finds a word of the sample data, served with the right content types', async () => {
    const { page, problems } = await openPage();
    const pagefind: { path: string; status: number; type: string }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/pagefind/') || url.pathname === '/search.js') {
        pagefind.push({
          path: url.pathname,
          status: response.status(),
          type: response.headers()['content-type'] ?? '',
        });
      }
    });
    await page.goto(`${site.base}/search/`);
    // Pagefind's input, found by its visible label.
    const input = page.getByLabel('Search terms, policies and AI features');
    await input.fill('transcripts');
    const results = page.locator('#search .search-result');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Results render as placeholders first, then fill in as their fragments load.
    const first = results.first();
    await expect.poll(async () => (await seen(first)).toLowerCase(), { timeout: 15_000 }).toContain('transcript');
    const href = await first.locator('a').first().getAttribute('href');
    expect(href).toMatch(/^\/[^/]/);
    // The result is a page of the site, and opening it works.
    await first.locator('a').first().click();
    await page.waitForURL((url) => url.pathname === new URL(href ?? '/', site.base).pathname);
    expect(await page.locator('h1').count()).toBe(1);

    const typeOf = (suffix: string) => pagefind.filter((entry) => entry.path.endsWith(suffix));
    expect(pagefind.every((entry) => entry.status === 200)).toBe(true);
    expect(typeOf('.js').length).toBeGreaterThan(0);
    for (const entry of typeOf('.js')) expect(entry.type, entry.path).toMatch(/^text\/javascript/);
    for (const entry of typeOf('.css')) expect(entry.type, entry.path).toMatch(/^text\/css/);
    for (const entry of typeOf('.json')) expect(entry.type, entry.path).toMatch(/^application\/json/);
    const binary = pagefind.filter((entry) => /\.(pagefind|pf_meta|pf_index|pf_fragment)$/.test(entry.path));
    expect(binary.length).toBeGreaterThan(0);
    for (const entry of binary) expect(entry.type, entry.path).toBe('application/octet-stream');
    expect(problems).toEqual([]);
    await close(page);
  });

  it('the search page with results has no axe violations', async () => {
    const { page } = await openPage();
    await page.goto(`${site.base}/search/`);
    await page.locator('#search input').first().fill('consent');
    await expect
      .poll(async () => (await seen(page.locator('#search .search-result').first())).toLowerCase(), {
        timeout: 15_000,
      })
      .toContain('consent');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
    await close(page);
  });

  it('finds wording in the version that introduced it and in the version in force, not in every superseded copy', async () => {
    const document = 'terms-of-service';
    const labels = site.expected.versions.filter((v) => v.document === document).map((v) => v.label);
    const phrases = searchPhrases(inject('siteDirectory'), document, labels);
    const { page, problems } = await openPage();
    await page.goto(`${site.base}/search/`);
    // Pagefind's own API (what its UI calls), in the page: every result's URL, not only the first few shown.
    const search = (terms: string): Promise<string[]> =>
      page.evaluate(`(async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const found = await pagefind.search(${JSON.stringify(terms)});
        return Promise.all(found.results.map(async (result) => (await result.data()).url));
      })()`);
    const versionPage = (label: string) => `/documents/${document}/${label}/`;

    // A sentence no version changed: the version in force (and the others whose full text is
    // indexed: upcoming, and the first, which introduced it), never the superseded copies.
    const unchanged = await search(phrases.unchanged);
    expect(unchanged, phrases.unchanged).toContain(versionPage(phrases.current));
    expect(phrases.supersededLabels.length).toBeGreaterThan(0);
    for (const label of phrases.supersededLabels)
      expect(unchanged, phrases.unchanged).not.toContain(versionPage(label));

    // A sentence a superseded version introduced: that version's page is found by it.
    const introduced = await search(phrases.introduced);
    expect(introduced, phrases.introduced).toContain(versionPage(phrases.introducedIn));
    const others = phrases.supersededLabels.filter((label) => label !== phrases.introducedIn);
    for (const label of others) expect(introduced, phrases.introduced).not.toContain(versionPage(label));
    expect(problems).toEqual([]);
    await close(page);
  });
});

describe('without JavaScript', () => {
  it('the hub, a version, its comparison, a facts label and a consent series render fully; search says it needs JS', async () => {
    const { page, problems } = await openPage({ javaScriptEnabled: false });
    await page.goto(`${site.base}/segments/education/`);
    const summary = page.locator('[data-facts-summary="meeting-summary/education"]');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.locator('[data-field="trainsFirstPartyModels"]').isVisible()).toBe(true);
    expect(await summary.locator('[data-field="consentRequiredFrom"]').isVisible()).toBe(true);

    await page.goto(`${site.base}/documents/terms-of-service/2023-08/`);
    const clauses = await site.api.database.prisma.clause.count({
      where: { version: { label: '2023-08', document: { slug: 'terms-of-service' } } },
    });
    expect(await page.locator('[data-clause-key]').count()).toBe(clauses);
    expect(await page.locator('[data-clause-key]').last().isVisible()).toBe(true);
    expect(await page.locator('.explanation[data-segment]').count()).toBe(site.expected.segments.length);
    await page.locator('a.clause-link[href="#clause-10.4"]').click();
    expect(await page.locator('[id="clause-10.4"]').evaluate((element) => element.matches(':target'))).toBe(true);

    await page.goto(`${site.base}/documents/terms-of-service/2023-08/changes/`);
    expect(await page.locator('.clause-change ins').first().isVisible()).toBe(true);

    await page.goto(`${site.base}/ai-features/meeting-summary/education/`);
    expect(await page.locator('[data-facts="meeting-summary/education"] [data-field]').count()).toBeGreaterThan(10);

    await page.goto(`${site.base}/consent/meeting-summary/education/`);
    expect(await page.locator('[data-panel] svg[role="img"]:visible').count()).toBeGreaterThan(0);
    expect(await page.locator('table.consent-table').first().isVisible()).toBe(true);

    // (Playwright's text selectors skip <noscript>, so the paragraph is found by CSS.)
    await page.goto(`${site.base}/search/`);
    const fallback = page.locator('main noscript p');
    expect(await fallback.isVisible()).toBe(true);
    expect(await seen(fallback)).toContain('Search needs JavaScript');
    expect(await page.locator('#search-label').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await close(page);
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(
      `axe finds no violations on one page of every type (${colorScheme})`,
      async () => {
        const { page, problems } = await openPage({ colorScheme });
        const violations: string[] = [];
        for (const { type, path } of PAGE_TYPES) {
          const response = await page.goto(`${site.base}${path}`);
          expect(response?.status(), path).toBe(type === 'not-found' ? 404 : 200);
          if (type === 'search') await page.locator('#search input').first().waitFor();
          const result = await new AxeBuilder({ page }).analyze();
          for (const violation of result.violations) {
            violations.push(
              `${type} ${path}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
            );
          }
          // The colour scheme really is the one emulated, and the cheap quality bar on the rendered page.
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const luminance = relativeLuminance(background);
          if (colorScheme === 'dark') expect(luminance, `${path}: dark background ${background}`).toBeLessThan(0.05);
          else expect(luminance, `${path}: light background ${background}`).toBeGreaterThan(0.9);
          expect(await page.locator('h1').count(), `${path}: h1`).toBe(1);
          expect(await page.locator('script').count(), `${path}: scripts`).toBe(
            type === 'search' || type === 'verify' ? 1 : 0,
          );
        }
        expect(violations).toEqual([]);
        expect(problems).toEqual([]);
        await close(page);
        // axe over every page type takes seconds per page; more on a loaded machine.
      },
      SLOW_BROWSER_TEST_MS,
    );
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`the skip link works with the keyboard and focus is visible (${colorScheme})`, async () => {
      const { page } = await openPage({ colorScheme });
      await page.goto(`${site.base}/segments/education/`);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return {
          text: element.textContent?.trim(),
          href: element.getAttribute('href'),
          inViewport: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.width > 0,
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth),
        };
      });
      expect(skip).toMatchObject({ text: 'Skip to main content', href: '#main', inViewport: true });
      expect(skip.outlineStyle).not.toBe('none');
      expect(skip.outlineWidth).toBeGreaterThan(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // The next Tab continues inside main, on a link whose focus is visible too.
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return {
          inMain: element.closest('main') !== null,
          tag: element.tagName,
          outlineStyle: style.outlineStyle,
          outlineWidth: Number.parseFloat(style.outlineWidth),
          outlineColor: style.outlineColor,
          background: getComputedStyle(document.body).backgroundColor,
        };
      });
      expect(next.inMain).toBe(true);
      expect(next.tag).toBe('A');
      expect(next.outlineStyle).not.toBe('none');
      expect(next.outlineWidth).toBeGreaterThanOrEqual(2);
      expect(next.outlineColor).not.toBe(next.background);
      await close(page);
    });
  }

  it('no page of any type scrolls sideways at 320 px', async () => {
    const { page } = await openPage({ viewport: { width: 320, height: 800 } });
    const overflowing: string[] = [];
    for (const { path } of PAGE_TYPES) {
      await page.goto(`${site.base}${path}`);
      const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
        const root = document.documentElement;
        // The widest elements that stick out, to name in the failure.
        const wide = [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
          .filter((element) => element.closest('[tabindex="0"][role="region"]') === null)
          .slice(0, 3)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits: wide };
      });
      if (scrollWidth > clientWidth)
        overflowing.push(`${path}: ${scrollWidth} > ${clientWidth} (${culprits.join(', ')})`);
    }
    expect(overflowing).toEqual([]);
    await close(page);
  });
});

describe('feeds', () => {
  it('every feed parses as Atom in the browser (DOMParser), with ids, dates and entry links', async () => {
    const feeds = siteFiles(inject('siteDirectory')).filter((file) => file.startsWith('/feeds/'));
    expect(feeds.length).toBe(site.expected.documents.length + site.expected.segments.length + 2);
    const { page, problems } = await openPage();
    await page.goto(`${site.base}/`);
    const advertised = await page
      .locator('link[rel="alternate"][type="application/atom+xml"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(advertised).toContain('/feeds/ai-features.xml');
    for (const path of feeds) {
      const feed = await page.evaluate(async (feedPath) => {
        const ATOM = 'http://www.w3.org/2005/Atom';
        const response = await fetch(feedPath);
        const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
        const child = (parent: Element, name: string) =>
          [...parent.children].find((element) => element.namespaceURI === ATOM && element.localName === name);
        const root = doc.documentElement;
        return {
          status: response.status,
          contentType: response.headers.get('content-type'),
          parseErrors: doc.getElementsByTagName('parsererror').length,
          root: root.localName,
          namespace: root.namespaceURI,
          id: child(root, 'id')?.textContent ?? null,
          title: child(root, 'title')?.textContent ?? null,
          updated: child(root, 'updated')?.textContent ?? null,
          entries: [...doc.getElementsByTagNameNS(ATOM, 'entry')].map((entry) => ({
            id: child(entry, 'id')?.textContent ?? null,
            title: child(entry, 'title')?.textContent ?? null,
            updated: child(entry, 'updated')?.textContent ?? null,
            link: child(entry, 'link')?.getAttribute('href') ?? null,
          })),
        };
      }, path);
      expect(feed, path).toMatchObject({
        status: 200,
        parseErrors: 0,
        root: 'feed',
        namespace: 'http://www.w3.org/2005/Atom',
      });
      expect(feed.contentType, path).toMatch(/^application\/atom\+xml/);
      expect(feed.id, path).toBe(`${inject('siteUrl')}${path}`);
      expect(feed.title, path).toBeTruthy();
      expect(Number.isNaN(Date.parse(feed.updated ?? '')), `${path}: updated`).toBe(false);
      for (const entry of feed.entries) {
        expect(entry.id, path).toBeTruthy();
        expect(entry.title, path).toBeTruthy();
        expect(Number.isNaN(Date.parse(entry.updated ?? '')), `${path} ${entry.id}: updated`).toBe(false);
        expect(entry.link?.startsWith(`${inject('siteUrl')}/`), `${path} ${entry.id}: link`).toBe(true);
      }
    }
    expect(problems).toEqual([]);
    await close(page);
  });
});

describe('the static server', () => {
  it('serves the build with content types, caching and directory redirects', async () => {
    const css = siteFiles(inject('siteDirectory')).find((file) => file.startsWith('/_astro/') && file.endsWith('.css'));
    const cases: [string, number, RegExp][] = [
      ['/', 200, /^text\/html/],
      ['/segments/education/', 200, /^text\/html/],
      ['/documents/terms-of-service/2023-08.json', 200, /^application\/json/],
      ['/feeds/ai-features.xml', 200, /^application\/atom\+xml/],
      ['/sitemap-index.xml', 200, /^application\/xml/],
      ['/robots.txt', 200, /^text\/plain/],
      ['/favicon.svg', 200, /^image\/svg\+xml/],
      [css ?? '/_astro/missing.css', 200, /^text\/css/],
      [NOT_FOUND_PATH, 404, /^text\/html/],
    ];
    for (const [path, status, type] of cases) {
      const response = await fetch(`${site.base}${path}`);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toMatch(type);
      if (status === 404) expect(await response.text()).toContain('Page not found');
    }
    expect((await fetch(`${site.base}${css}`)).headers.get('cache-control')).toContain('immutable');
    const redirect = await fetch(`${site.base}/segments/education`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/segments/education/');
  });
});

describe('screenshots', () => {
  const TYPES: readonly { type: PageType; path: string }[] = PAGE_TYPES;
  const VARIANTS = [
    { width: 1280, colorScheme: 'light', suffix: '1280' },
    { width: 375, colorScheme: 'light', suffix: '375' },
    { width: 1280, colorScheme: 'dark', suffix: '1280-dark' },
  ] as const;
  for (const { width, colorScheme, suffix } of VARIANTS) {
    it(
      `of every page type at ${width} px, ${colorScheme} (test/artifacts/screenshots/*-${suffix}.png)`,
      async () => {
        const { page } = await openPage({ viewport: { width, height: 900 }, colorScheme });
        for (const { type, path } of TYPES) {
          await page.goto(`${site.base}${path}`);
          if (type === 'search') {
            await page.locator('#search input').first().fill('transcripts');
            await expect
              .poll(async () => (await seen(page.locator('#search .search-result').first())).toLowerCase(), {
                timeout: 15_000,
              })
              .toContain('transcript');
          }
          await page.screenshot({ path: join(SCREENSHOTS, `${type}-${suffix}.png`), fullPage: true });
        }
        await close(page);
      },
      SLOW_BROWSER_TEST_MS,
    );
  }
});
