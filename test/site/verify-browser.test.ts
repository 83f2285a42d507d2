/// <reference lib="dom" />
/**
 * The in-browser verifier on /verify/ (apps/site/src/scripts/verify.ts) in Debian Chromium, on the
 * built site served by the API: it reports OK for a version and for the whole archive, with the
 * CLI's report lines, and a failure (HASH_MISMATCH) for a downloaded version changed by one byte;
 * without JavaScript the page documents the checks instead. Also: the footer's links resolve, and
 * axe finds no violation on /verify/, /downloads/, /about/ (and /accessibility/, /contact/) in light
 * and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { closePage, SLOW_BROWSER_TEST_MS, seen, useSiteBrowser } from './browser-kit.js';

const site = useSiteBrowser();

/** Waits for a verifier's result in `form` and returns its outcome and report. */
async function resultOf(page: import('playwright-core').Page, form: string) {
  const outcome = page.locator(`${form} [data-verifier-outcome]:not([data-verifier-outcome="error"])`);
  await outcome.waitFor({ timeout: 60_000 });
  return {
    outcome: await outcome.getAttribute('data-verifier-outcome'),
    summary: await seen(outcome),
    report: await seen(page.locator(`${form} [data-verifier-report]`)),
  };
}

describe('the in-browser verifier', () => {
  it('says OK for a version picked from the list, and for a downloaded version file', async () => {
    const { page, problems } = await site.openPage();
    await page.goto(`${site.base}/verify/`);
    await expect(page.locator('[data-verifier]')).toBeDefined();
    expect(await page.locator('[data-verifier]').isVisible()).toBe(true);
    const option = await page.locator('#verify-version-pick option').first().getAttribute('value');
    await page.selectOption('#verify-version-pick', option ?? '');
    await page.click('form[data-verify-version] button[type="submit"]');
    const picked = await resultOf(page, 'form[data-verify-version]');
    expect(picked.outcome, picked.report).toBe('ok');
    expect(picked.report).toContain('signature: valid');
    expect(picked.report.split('\n').at(-1)).toBe('result: OK');

    const json = await (await fetch(`${site.base}${option}`)).text();
    await page.setInputFiles('#verify-version-file', {
      name: 'version.json',
      mimeType: 'application/json',
      buffer: Buffer.from(json),
    });
    await page.click('form[data-verify-version] button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('form[data-verify-version] [data-busy]') === null);
    const uploaded = await resultOf(page, 'form[data-verify-version]');
    expect(uploaded.outcome, uploaded.report).toBe('ok');
    expect(problems).toEqual([]);
    await closePage(page);
  });

  it('reports HASH_MISMATCH, as the CLI words it, for a downloaded version changed by one byte', async () => {
    const { page } = await site.openPage();
    await page.goto(`${site.base}/verify/`);
    const option = (await page.locator('#verify-version-pick option').first().getAttribute('value')) ?? '';
    const json = await (await fetch(`${site.base}${option}`)).text();
    // One byte of the first clause's body: "T" → "t" (or any letter to another).
    const at = json.indexOf('"body": "') + '"body": "'.length;
    const original = json[at] ?? '';
    const edited = `${json.slice(0, at)}${original === 'X' ? 'Y' : 'X'}${json.slice(at + 1)}`;
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(json));
    await page.setInputFiles('#verify-version-file', {
      name: 'version.json',
      mimeType: 'application/json',
      buffer: Buffer.from(edited),
    });
    await page.click('form[data-verify-version] button[type="submit"]');
    const result = await resultOf(page, 'form[data-verify-version]');
    expect(result.outcome).toBe('failed');
    expect(result.summary).toContain('FAILED');
    expect(result.report).toMatch(
      /^problem HASH_MISMATCH document\/\S+ .+: The content of .+ hashes to [0-9a-f]{64}, not to its stored hash [0-9a-f]{64}\.$/m,
    );
    expect(result.report.split('\n').at(-1)).toBe('result: FAILED, 1 problem');
    await closePage(page);
  });

  it(
    'checks the whole archive, downloaded and picked, like candor verify --export: every record, OK',
    async () => {
      const { page, problems } = await site.openPage();
      await page.goto(`${site.base}/verify/`);
      const archiveUrl = (await page.locator('[data-verifier]').getAttribute('data-archive')) ?? '';
      const archive = Buffer.from(await (await fetch(`${site.base}${archiveUrl}`)).arrayBuffer());
      await page.setInputFiles('#verify-archive-file', {
        name: 'archive.tar.gz',
        mimeType: 'application/gzip',
        buffer: archive,
      });
      await page.click('form[data-verify-archive] button[type="submit"]');
      const result = await resultOf(page, 'form[data-verify-archive]');
      expect(result.outcome, result.report).toBe('ok');
      expect(result.report).toMatch(/^records checked: \d+ versions, \d+ AI-feature revisions, /m);
      expect(result.report).toContain('signature: valid');
      expect(result.report.split('\n').at(-1)).toBe('result: OK');
      expect(problems).toEqual([]);
      await closePage(page);
    },
    SLOW_BROWSER_TEST_MS,
  );

  it('without JavaScript: no verifier forms, the hash format and the CLI commands are there', async () => {
    const { page } = await site.openPage({ javaScriptEnabled: false });
    await page.goto(`${site.base}/verify/`);
    expect(await page.locator('[data-verifier]').isVisible()).toBe(false);
    const text = await seen(page.locator('main'));
    expect(text).toContain('The hash format, to check with standard tools');
    expect(text).toContain('candor verify --export');
    expect(text).toContain('sha256sum');
    await closePage(page);
  });
});

describe('footer and information pages', () => {
  it('every footer link resolves (GraphiQL: the API answers, not 404)', async () => {
    const { page } = await site.openPage({ javaScriptEnabled: false });
    await page.goto(`${site.base}/`);
    const links = await page
      .locator('footer a[href^="/"]')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    for (const href of ['/downloads/', '/about/', '/accessibility/', '/contact/', '/graphql', '/api/schema.graphql']) {
      expect(links).toContain(href);
    }
    for (const href of links) {
      const response = await fetch(`${site.base}${href}`, { headers: { accept: 'text/html' } });
      expect(response.status, href).not.toBe(404);
      if (href !== '/graphql') expect(response.status, href).toBe(200);
    }
    const sdl = await (await fetch(`${site.base}/api/schema.graphql`)).text();
    expect(sdl).toContain('type Query');
    await closePage(page);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(
      `axe finds no violations on /verify/, /downloads/, /about/, /accessibility/, /contact/ (${colorScheme})`,
      async () => {
        const { page } = await site.openPage({ colorScheme });
        const found: string[] = [];
        for (const path of ['/verify/', '/downloads/', '/about/', '/accessibility/', '/contact/']) {
          await page.goto(`${site.base}${path}`);
          const { violations } = await new AxeBuilder({ page }).analyze();
          for (const v of violations)
            found.push(`${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
        expect(found).toEqual([]);
        await closePage(page);
      },
      SLOW_BROWSER_TEST_MS,
    );
  }
});
