/**
 * Diffs people can read, and any two versions, any date, any clause (issue 17, items 1 and 2): on
 * the built site and in Chromium with JavaScript off. A heavily rewritten clause is shown before and
 * after side by side (stacked on a phone); marks are <ins>/<del> without brackets and never start or
 * end with whitespace; a first version has no changes page; the compare and "as of" forms work
 * without JavaScript (the server's site-forms plugin answers them); clause histories exist and
 * follow a clause through its versions. axe finds nothing on the new page types.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { closePage, SLOW_BROWSER_TEST_MS, seen, useSiteBrowser } from './browser-kit.js';
import { readSiteFile, siteFiles } from './site-files.js';

const root = inject('siteDirectory');
const site = useSiteBrowser();
const TERMS = 'terms-of-service';

/** The HTML of the element that starts at `marker`, up to its closing `tag`. */
function elementAt(html: string, marker: string, tag: string): string {
  const start = html.indexOf(marker);
  if (start === -1) return '';
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

interface DocumentVersions {
  documents: {
    edges: { node: { slug: string; versions: { edges: { node: { label: string; effectiveAt: string } }[] } } }[];
  };
}

async function versionsByDocument(): Promise<Map<string, string[]>> {
  const data = await site.query<DocumentVersions>(
    '{ documents(first: 10) { edges { node { slug versions(first: 100) { edges { node { label effectiveAt } } } } } } }',
  );
  return new Map(
    data.documents.edges.map(({ node }) => [
      node.slug,
      // Oldest effective first.
      node.versions.edges
        .map((edge) => edge.node)
        .sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt))
        .map((version) => version.label),
    ]),
  );
}

describe('diffs on the built site', () => {
  it('show the March 2023 licence rewrite (clause 10.1) side by side, labelled with both versions', () => {
    const html = readSiteFile(root, `/documents/${TERMS}/2023-03/changes/index.html`);
    const clause = elementAt(html, 'data-key="10.1"', 'article');
    expect(clause).toContain('data-layout="side-by-side"');
    expect(clause).toContain('Before (version 2022-11)');
    expect(clause).toContain('After (version 2023-03)');
    // The legend explains the marks in words.
    expect(html).toMatch(/<ins>inserted words<\/ins>/);
    expect(html).toMatch(/<del>deleted words<\/del>/);
  });

  it('mark runs with <ins>/<del>, no brackets, and never a mark that starts or ends with whitespace', () => {
    const pages = siteFiles(root).filter((file) =>
      /^\/documents\/[^/]+\/([^/]+\/changes|compare\/[^/]+\/[^/]+|clauses\/[^/]+)\/index\.html$/.test(file),
    );
    expect(pages.length).toBeGreaterThan(10);
    const problems: string[] = [];
    let marks = 0;
    for (const file of pages) {
      const html = readSiteFile(root, file);
      if (/\[\+ |\[− /.test(html)) problems.push(`${file}: bracket markers`);
      for (const match of html.matchAll(/<(ins|del)>([\s\S]*?)<\/\1>/g)) {
        marks++;
        const text = match[2] ?? '';
        if (text.trim() !== text || text === '') problems.push(`${file}: <${match[1]}>${JSON.stringify(text)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(marks).toBeGreaterThan(0);
    // The August 2023 correction still reads as an insertion into clause 10.4.
    const august = elementAt(
      readSiteFile(root, `/documents/${TERMS}/2023-08/changes/index.html`),
      'data-key="10.4"',
      'article',
    );
    expect(august).toMatch(/<ins>[^<]*consent/);
  });

  it('give a first version no changes page; its page says it is the first, and nothing links to its changes', async () => {
    const byDocument = await versionsByDocument();
    const files = siteFiles(root);
    const htmlFiles = files.filter((file) => file.endsWith('.html'));
    for (const [slug, labels] of byDocument) {
      const [first, ...later] = labels;
      expect(first, slug).toBeDefined();
      expect(existsSync(join(root, `documents/${slug}/${first}/changes/index.html`)), `${slug}/${first}`).toBe(false);
      expect(readSiteFile(root, `/documents/${slug}/${first}/index.html`)).toContain('data-first-version');
      const linked = htmlFiles.filter((file) =>
        readSiteFile(root, file).includes(`href="/documents/${slug}/${first}/changes/"`),
      );
      expect(linked, `links to ${slug}/${first}/changes/`).toEqual([]);
      // The next one still has its changes page.
      expect(existsSync(join(root, `documents/${slug}/${later[0]}/changes/index.html`)), `${slug}/${later[0]}`).toBe(
        true,
      );
    }
  });
});

describe('compare, as of and clause history pages on the built site', () => {
  it('build every older → newer pair of a short history, with a GET form of two selects', async () => {
    const byDocument = await versionsByDocument();
    for (const [slug, labels] of byDocument) {
      const index = readSiteFile(root, `/documents/${slug}/compare/index.html`);
      expect(index).toMatch(new RegExp(`<form[^>]*method="get"[^>]*action="/documents/${slug}/compare/"`));
      expect(index).toContain('<select name="from"');
      expect(index).toContain('<select name="to"');
      labels.forEach((from, i) => {
        for (const to of labels.slice(i + 1)) {
          expect(existsSync(join(root, `documents/${slug}/compare/${from}/${to}/index.html`)), `${from} → ${to}`).toBe(
            true,
          );
          expect(existsSync(join(root, `documents/${slug}/compare/${to}/${from}/index.html`)), `${to} → ${from}`).toBe(
            false,
          );
        }
      });
    }
    const pair = readSiteFile(root, `/documents/${TERMS}/compare/2022-11/2023-08/index.html`);
    expect(pair).toContain('data-compare-from="2022-11"');
    expect(pair).toContain('data-compare-to="2023-08"');
    // 10.4 did not exist in 2022-11: across the two, it is added.
    expect(pair).toMatch(/data-kind="ADDED" data-key="10\.4"/);
  });

  it('list which version applied when, with a date form, on the "as of" page', () => {
    const html = readSiteFile(root, `/documents/${TERMS}/as-of/index.html`);
    expect(html).toMatch(new RegExp(`<form[^>]*method="get"[^>]*action="/documents/${TERMS}/as-of/"`));
    expect(html).toMatch(/<input type="date" name="date"/);
    const range = elementAt(html, 'data-as-of="2023-03"', 'li');
    expect(range).toContain('31 March 2023');
    expect(range).toContain('7 September 2023');
    // The withdrawn version never applied.
    expect(html).not.toContain('data-as-of="2024-10"');
    // The document page offers the same form.
    expect(readSiteFile(root, `/documents/${TERMS}/index.html`)).toMatch(
      new RegExp(`<form[^>]*action="/documents/${TERMS}/as-of/"`),
    );
  });

  it('follow a clause through its versions (keys with dots included), linked from each clause of a version', () => {
    const history = readSiteFile(root, `/documents/${TERMS}/clauses/10.4/index.html`);
    expect(history).toContain('data-history-version="2023-03"');
    expect(history).toContain('data-history-version="2023-08"');
    expect(elementAt(history, 'data-history-version="2023-03"', 'li')).toContain('data-history-kind="ADDED"');
    const version = readSiteFile(root, `/documents/${TERMS}/2023-08/index.html`);
    expect(version).toContain(`href="/documents/${TERMS}/clauses/10.4/"`);
  });
});

describe('in Chromium with JavaScript off', () => {
  it('shows the rewritten clause side by side on a wide screen and stacked on a phone', async () => {
    for (const [width, sideBySide] of [
      [1280, true],
      [375, false],
    ] as const) {
      const { page, problems } = await site.openPage({ javaScriptEnabled: false, viewport: { width, height: 900 } });
      await page.goto(`${site.base}/documents/${TERMS}/2023-03/changes/`);
      const clause = page.locator('.clause-change[data-key="10.1"]');
      const before = await clause.locator('.side.before').boundingBox();
      const after = await clause.locator('.side.after').boundingBox();
      if (before === null || after === null) throw new Error('no before/after columns');
      expect(await seen(clause.locator('.side.before h4'))).toBe('Before (version 2022-11)');
      expect(await seen(clause.locator('.side.after h4'))).toBe('After (version 2023-03)');
      if (sideBySide) {
        expect(Math.abs(before.y - after.y), `${width}px: same row`).toBeLessThan(2);
        expect(after.x).toBeGreaterThan(before.x + before.width - 1);
      } else {
        expect(after.y, `${width}px: stacked`).toBeGreaterThanOrEqual(before.y + before.height - 1);
      }
      // No sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(problems).toEqual([]);
      await closePage(page);
    }
  });

  it('compares two picked versions: the form lands on the pair page, whichever order they were picked in', async () => {
    const { page, problems } = await site.openPage({ javaScriptEnabled: false });
    await page.goto(`${site.base}/documents/${TERMS}/`);
    await page.getByRole('link', { name: 'Compare any two versions' }).click();
    await page.waitForURL(`${site.base}/documents/${TERMS}/compare/`);
    await page.getByLabel('From (older)').selectOption('2023-08');
    await page.getByLabel('To (newer)').selectOption('2022-11');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(`${site.base}/documents/${TERMS}/compare/2022-11/2023-08/`);
    expect(await seen(page.locator('h1'))).toContain('version 2022-11 compared with version 2023-08');
    expect(await page.locator('.clause-change[data-key="10.4"]').getAttribute('data-kind')).toBe('ADDED');
    // Picking the same version twice says so on the compare page.
    await page.goto(`${site.base}/documents/${TERMS}/compare/`);
    await page.getByLabel('From (older)').selectOption('2023-03');
    await page.getByLabel('To (newer)').selectOption('2023-03');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(`${site.base}/documents/${TERMS}/compare/#same-version`);
    expect(await page.locator('#same-version').isVisible()).toBe(true);
    expect(await page.locator('#not-available').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await closePage(page);
  });

  it('shows the terms as of a picked date, and says when no version applied yet', async () => {
    const { page, problems } = await site.openPage({ javaScriptEnabled: false });
    await page.goto(`${site.base}/documents/${TERMS}/`);
    await page.getByLabel('The terms as of a date').fill('2023-05-01');
    await page.getByRole('button', { name: 'Show the version in force' }).click();
    await page.waitForURL(`${site.base}/documents/${TERMS}/2023-03/`);
    // The day a version takes effect, it is the one in force.
    await page.goto(`${site.base}/documents/${TERMS}/as-of/`);
    await page.getByLabel('Date').fill('2023-09-07');
    await page.getByRole('button', { name: 'Show the version in force' }).click();
    await page.waitForURL(`${site.base}/documents/${TERMS}/2023-08/`);
    await page.goto(`${site.base}/documents/${TERMS}/as-of/`);
    await page.getByLabel('Date').fill('2001-01-01');
    await page.getByRole('button', { name: 'Show the version in force' }).click();
    await page.waitForURL(`${site.base}/documents/${TERMS}/as-of/#before-first`);
    expect(await seen(page.locator('#before-first'))).toContain('1 January 2023');
    expect(problems).toEqual([]);
    await closePage(page);
  });

  it('has no changes page for a first version, whose page says it is the first', async () => {
    const { page } = await site.openPage({ javaScriptEnabled: false });
    const response = await page.goto(`${site.base}/documents/${TERMS}/2022-11/changes/`);
    expect(response?.status()).toBe(404);
    await page.goto(`${site.base}/documents/${TERMS}/2022-11/`);
    expect(await seen(page.locator('[data-first-version]'))).toContain('first version');
    expect(await page.getByRole('link', { name: /What changed/ }).count()).toBe(0);
    await closePage(page);
  });

  it(
    'axe finds nothing on a compare page, a clause history page and the "as of" page',
    async () => {
      // axe runs as a script in the page: these pages ship none, so JavaScript on changes nothing else.
      const { page } = await site.openPage();
      const violations: string[] = [];
      for (const path of [
        `/documents/${TERMS}/compare/`,
        `/documents/${TERMS}/compare/2022-11/2023-03/`,
        `/documents/${TERMS}/clauses/10.1/`,
        `/documents/${TERMS}/as-of/`,
      ]) {
        await page.goto(`${site.base}${path}`);
        const result = await new AxeBuilder({ page }).analyze();
        for (const violation of result.violations) {
          violations.push(
            `${path}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
          );
        }
      }
      expect(violations).toEqual([]);
      await closePage(page);
    },
    SLOW_BROWSER_TEST_MS,
  );
});
