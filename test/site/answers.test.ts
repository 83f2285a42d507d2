/**
 * Answer first (issue 17, item 4) and search that says what is in force (item 6), on the built
 * sample site: the home page and every segment hub start with the four answers in order, then
 * the timeline of material changes; upcoming versions are named by their date, never "version
 * next"; AI-feature changes read as sentences, not `field: a → b` lines; the hub says the
 * participant makes the participant's choice. In Chromium: /search/?q= runs the query and keeps it
 * in the URL, results say whether they are in force, the version in force ranks above superseded
 * ones; axe finds nothing on the home page and a hub in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { closePage, seen, useSiteBrowser } from './browser-kit.js';
import { readSiteFile, siteFiles } from './site-files.js';

const root = inject('siteDirectory');
const site = useSiteBrowser();

const ANSWERS = ['today', 'changing', 'ai-training', 'consent'];

/** The `data-answer` / `data-section` markers of the <section>s in <main>, in document order. */
function sectionsOf(html: string): string[] {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return [...main.matchAll(/<section\b[^>]*?data-(answer|section)="([^"]+)"/g)].map((match) => match[2] ?? '');
}

/** The HTML of the element that starts at the first match of `opening`, up to its closing `</tag>`. */
function elementAt(html: string, opening: string, tag: string): string {
  const start = html.indexOf(opening);
  return start < 0 ? '' : html.slice(start, html.indexOf(`</${tag}>`, start));
}

/** The text of HTML, tags dropped, whitespace folded. */
const textOf = (html: string): string =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('answer first (built pages)', () => {
  it('the home page and every hub start with the four answers in order, then the timeline', () => {
    const pages = ['/index.html', ...site.expected.segments.map((key) => `/segments/${key}/index.html`)];
    for (const page of pages) {
      const sections = sectionsOf(readSiteFile(root, page));
      expect(sections.slice(0, 4), page).toEqual(ANSWERS);
      expect(sections.indexOf('timeline'), page).toBeGreaterThan(3);
      // Every answer section has a heading of its own.
      const html = readSiteFile(root, page);
      for (const answer of ANSWERS)
        expect(elementAt(html, `data-answer="${answer}"`, 'h2'), `${page} ${answer}`).toMatch(/<h2/);
    }
  });

  it('the timeline lists material changes newest first, each with a date, a link and a sentence', () => {
    const html = readSiteFile(root, '/segments/education/index.html');
    const timeline = elementAt(html, 'data-section="timeline"', 'section');
    const dates = [...timeline.matchAll(/<time datetime="([^"]+)"/g)].map((match) => Date.parse(match[1] ?? ''));
    expect(dates.length).toBeGreaterThan(2);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(timeline).toContain('data-timeline-entry="terms-of-service/2023-08"');
    for (const entry of timeline.split('<li').slice(1)) {
      expect(entry).toMatch(/<a href="\/[^"]+"/);
      expect(textOf(entry).trim().length).toBeGreaterThan(30);
    }
  });

  it('no page says "version next"; upcoming versions are named by their effective date', () => {
    const offenders = siteFiles(root)
      .filter((file) => file.endsWith('.html'))
      .filter((file) => /version next\b/i.test(textOf(readSiteFile(root, file))));
    // The version page of the upcoming version and its document's list belong to the version pages' owner;
    // every page this work renders names it by date.
    const owned = offenders.filter((file) => !file.startsWith('/documents/'));
    expect(owned).toEqual([]);
    const home = textOf(elementAt(readSiteFile(root, '/index.html'), 'data-answer="changing"', 'section'));
    expect(home).toMatch(/Terms of Service changes on \d{1,2} [A-Z][a-z]+ \d{4}/);
    const hub = textOf(readSiteFile(root, '/segments/education/index.html'));
    expect(hub).not.toMatch(/version next\b/i);
  });

  it('AI-feature pages list changes as sentences, without raw "field: a → b" lines', () => {
    const pages = siteFiles(root).filter((file) => file.startsWith('/ai-features/') && file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      const text = textOf(readSiteFile(root, page));
      expect(text, page).not.toContain('→');
      expect(text, page).not.toMatch(/\b(retentionDays|trainsFirstPartyModels|retention in days):/);
    }
    const feature = textOf(readSiteFile(root, '/ai-features/meeting-summary/index.html'));
    expect(feature).toMatch(/Availability changes from experimental to generally available/);
    // Quoted wording is cut at a word boundary, never mid-word.
    for (const quote of feature.matchAll(/“([^”]*)…”/g)) expect(quote[1], quote[0]).toMatch(/\w$/);
  });

  it('the hub says the participant makes the participant’s choice', () => {
    const html = readSiteFile(root, '/segments/education/index.html');
    const consent = textOf(elementAt(html, 'data-answer="consent"', 'section'));
    expect(consent).toMatch(/must consent/);
    expect(consent).toMatch(
      /Each participant in a meeting with meeting summary on chooses for themselves: accept and join, or leave the meeting/,
    );
    const summary = textOf(elementAt(html, 'data-facts-summary="meeting-summary/education"', 'article'));
    expect(summary).toContain('If a participant does not consent');
    expect(summary).toContain('Each participant chooses for themselves');
    expect(summary).not.toMatch(/If you do not consent/);
  });
});

/** A sentence of the version in force that every version of the document has (the API's text), and the label in force. */
async function phrasesOf(document: string): Promise<{ current: string; unchanged: string }> {
  type Clauses = { label: string; clauses: { body: string }[] };
  const { document: found } = await site.query<{
    document: { current: Clauses | null; versions: { edges: { node: Clauses }[] } };
  }>(`{ document(slug: ${JSON.stringify(document)}) {
      current { label clauses { body } }
      versions(first: 50) { edges { node { label clauses { body } } } } } }`);
  if (found.current === null) throw new Error(`${document} has no version in force`);
  const textOf = (version: Clauses) => version.clauses.map((clause) => clause.body).join('\n');
  const versions = found.versions.edges.map((edge) => edge.node);
  const unchanged = textOf(found.current)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.split(/\s+/).length >= 8)
    .find((sentence) => versions.every((version) => textOf(version).includes(sentence)));
  if (unchanged === undefined) throw new Error(`${document}: no sentence is in every version`);
  return { current: found.current.label, unchanged };
}

describe('search that says what is in force (Chromium)', () => {
  it('/search/?q= runs the query: results say their status, the version in force ranks above superseded ones', async () => {
    const document = 'terms-of-service';
    const phrases = await phrasesOf(document);
    const { page, problems } = await site.openPage();
    await page.goto(`${site.base}/search/?q=${encodeURIComponent(phrases.unchanged)}`);
    const input = page.getByLabel('Search terms, policies and AI features');
    expect(await input.inputValue()).toBe(phrases.unchanged);
    const results = page.locator('#search-results .search-result');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(1);

    const found = await results.evaluateAll((items) =>
      items.map((item) => ({
        url: item.getAttribute('data-search-result') ?? '',
        status: item.querySelector('.search-result-status')?.textContent?.trim() ?? null,
      })),
    );
    const versionOf = (url: string) => new RegExp(`^/documents/${document}/([^/]+)/$`).exec(url)?.[1];
    const versions = found.filter((result) => versionOf(result.url) !== undefined);
    expect(versions.length, JSON.stringify(found)).toBeGreaterThan(1);
    for (const result of versions) {
      expect(result.status, result.url).toMatch(
        /^(In force|Upcoming – takes effect on .+|Superseded on .+|Withdrawn.*)$/,
      );
    }
    const current = found.findIndex((result) => versionOf(result.url) === phrases.current);
    expect(current, JSON.stringify(found)).toBeGreaterThanOrEqual(0);
    expect(found[current]?.status).toBe('In force');
    const superseded = found.findIndex((result) => result.status?.startsWith('Superseded') === true);
    expect(superseded, JSON.stringify(found)).toBeGreaterThan(current);
    // Upcoming versions are titled by their date, never by a placeholder label.
    expect(await seen(results.first().locator('..'))).not.toMatch(/version next\b/i);
    expect(await seen(page.locator('#search-status'))).toMatch(/results? for/);

    // Typing keeps the query in the address, so the results can be shared.
    await input.fill('consent');
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: 10_000 }).toBe('consent');
    await expect
      .poll(async () => (await seen(results.first())).toLowerCase(), { timeout: 15_000 })
      .toContain('consent');
    expect(problems).toEqual([]);
    await closePage(page);
  });
});

describe('accessibility of the answers', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no violations on the home page and a hub (${colorScheme})`, async () => {
      const { page, problems } = await site.openPage({ colorScheme });
      const violations: string[] = [];
      for (const path of ['/', '/segments/education/', '/segments/healthcare/']) {
        await page.goto(`${site.base}${path}`);
        const result = await new AxeBuilder({ page }).analyze();
        for (const violation of result.violations)
          violations.push(
            `${path}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
          );
      }
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
      await closePage(page);
    });
  }
});
