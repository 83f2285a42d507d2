/**
 * The built site on disk, against the database it was built from: every route the sample data
 * calls for exists (counted per page type, the expectations read from the database so a change
 * to the sample cannot pass silently), every page has its landmarks, one h1 and the sample
 * notice, no page but /search/ ships a script, every internal link and fragment resolves, the
 * JSON downloads and Atom feeds are what they claim to be, and the sitemap lists every page.
 */
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CandorYoga } from '@candor/api';
import type { Database } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { type ExpectedSite, expectedSite, openSiteApi, pageUrlOf, readSiteFile, siteFiles } from './site-files.js';

const root = inject('siteDirectory');
const siteUrl = inject('siteUrl');
let api: { database: Database; yoga: CandorYoga };
let expected: ExpectedSite;
let files: string[];
let htmlFiles: string[];
/** Per document, its public versions' labels (oldest first), the label each is compared with, and its clause keys. */
let histories: HistoryOfDocument[];

interface HistoryOfDocument {
  slug: string;
  versions: { label: string; comparedWith: string | null }[];
  clauseKeys: string[];
}

beforeAll(async () => {
  api = await openSiteApi();
  expected = await expectedSite(api);
  files = siteFiles(root);
  htmlFiles = files.filter((file) => file.endsWith('.html'));
  histories = await documentHistories();
});

/**
 * What the history pages are built from, read from the API the site was built from: one query per
 * document, so each stays within the anonymous query-cost limit.
 */
async function documentHistories(): Promise<HistoryOfDocument[]> {
  const histories: HistoryOfDocument[] = [];
  for (const slug of expected.documents) {
    const { document } = await query<{
      document: {
        versions: {
          edges: {
            node: { label: string; changes: { from: { label: string } | null } | null; clauses: { key: string }[] };
          }[];
        };
      };
    }>(
      `{ document(slug: ${JSON.stringify(slug)}) { versions(first: 30) { edges { node { label changes { from { label } } clauses { key } } } } } }`,
    );
    const versions = document.versions.edges.map((edge) => edge.node).reverse();
    histories.push({
      slug,
      versions: versions.map((version) => ({
        label: version.label,
        comparedWith: version.changes?.from?.label ?? null,
      })),
      clauseKeys: [...new Set(versions.flatMap((version) => version.clauses.map((clause) => clause.key)))],
    });
  }
  return histories;
}

afterAll(async () => {
  await api?.database.close();
});

/** Route patterns of the site (apps/site/README.md), each with the paths the data calls for. */
function routeTypes(
  site: ExpectedSite,
  documentHistories: HistoryOfDocument[],
): { type: string; pattern: RegExp; expected: string[] }[] {
  const versionPath = (v: { document: string; label: string }) => `/documents/${v.document}/${v.label}`;
  const featureSegments = site.features.flatMap((feature) => site.segments.map((segment) => `${feature}/${segment}`));
  return [
    { type: 'home', pattern: /^\/index\.html$/, expected: ['/index.html'] },
    { type: 'segments index', pattern: /^\/segments\/index\.html$/, expected: ['/segments/index.html'] },
    {
      type: 'segment hub',
      pattern: /^\/segments\/[^/]+\/index\.html$/,
      expected: site.segments.map((segment) => `/segments/${segment}/index.html`),
    },
    {
      type: 'segment changelog',
      pattern: /^\/segments\/[^/]+\/changes\/index\.html$/,
      expected: site.segments.map((segment) => `/segments/${segment}/changes/index.html`),
    },
    { type: 'documents index', pattern: /^\/documents\/index\.html$/, expected: ['/documents/index.html'] },
    {
      type: 'document',
      pattern: /^\/documents\/[^/]+\/index\.html$/,
      expected: site.documents.map((slug) => `/documents/${slug}/index.html`),
    },
    {
      type: 'version',
      pattern: /^\/documents\/[^/]+\/(?!compare\/|as-of\/|clauses\/)[^/]+\/index\.html$/,
      expected: site.versions.map((v) => `${versionPath(v)}/index.html`),
    },
    {
      // A first version has nothing to be compared with: no changes page.
      type: 'comparison',
      pattern: /^\/documents\/[^/]+\/[^/]+\/changes\/index\.html$/,
      expected: documentHistories.flatMap((history) =>
        history.versions
          .filter((version) => version.comparedWith !== null)
          .map((version) => `/documents/${history.slug}/${version.label}/changes/index.html`),
      ),
    },
    {
      type: 'compare form',
      pattern: /^\/documents\/[^/]+\/compare\/index\.html$/,
      expected: documentHistories.map((history) => `/documents/${history.slug}/compare/index.html`),
    },
    {
      // Every pair, older first, while a document has at most 30 versions (the sample's do).
      type: 'pair comparison',
      pattern: /^\/documents\/[^/]+\/compare\/[^/]+\/[^/]+\/index\.html$/,
      expected: documentHistories.flatMap((history) =>
        history.versions.flatMap((older, index) =>
          history.versions
            .slice(index + 1)
            .map((newer) => `/documents/${history.slug}/compare/${older.label}/${newer.label}/index.html`),
        ),
      ),
    },
    {
      type: 'as of a date',
      pattern: /^\/documents\/[^/]+\/as-of\/index\.html$/,
      expected: documentHistories.map((history) => `/documents/${history.slug}/as-of/index.html`),
    },
    {
      type: 'clause history',
      pattern: /^\/documents\/[^/]+\/clauses\/[^/]+\/index\.html$/,
      expected: documentHistories.flatMap((history) =>
        history.clauseKeys.map((key) => `/documents/${history.slug}/clauses/${key}/index.html`),
      ),
    },
    {
      type: 'JSON download',
      pattern: /^\/documents\/[^/]+\/[^/]+\.json$/,
      expected: site.versions.map((v) => `${versionPath(v)}.json`),
    },
    { type: 'features index', pattern: /^\/ai-features\/index\.html$/, expected: ['/ai-features/index.html'] },
    {
      type: 'feature',
      pattern: /^\/ai-features\/[^/]+\/index\.html$/,
      expected: site.features.map((slug) => `/ai-features/${slug}/index.html`),
    },
    {
      type: 'feature × segment',
      pattern: /^\/ai-features\/[^/]+\/[^/]+\/index\.html$/,
      expected: featureSegments.map((id) => `/ai-features/${id}/index.html`),
    },
    { type: 'consent index', pattern: /^\/consent\/index\.html$/, expected: ['/consent/index.html'] },
    {
      type: 'consent series',
      pattern: /^\/consent\/[^/]+\/[^/]+\/index\.html$/,
      expected: site.consentSeries.map((id) => `/consent/${id}/index.html`),
    },
    { type: 'verify', pattern: /^\/verify\/index\.html$/, expected: ['/verify/index.html'] },
    { type: 'search', pattern: /^\/search\/index\.html$/, expected: ['/search/index.html'] },
    { type: '404', pattern: /^\/404\.html$/, expected: ['/404.html'] },
    {
      type: 'document feed',
      pattern: /^\/feeds\/documents\/[^/]+\.xml$/,
      expected: site.documents.map((slug) => `/feeds/documents/${slug}.xml`),
    },
    {
      type: 'segment feed',
      pattern: /^\/feeds\/segments\/[^/]+\.xml$/,
      expected: site.segments.map((segment) => `/feeds/segments/${segment}.xml`),
    },
    { type: 'AI features feed', pattern: /^\/feeds\/ai-features\.xml$/, expected: ['/feeds/ai-features.xml'] },
    { type: 'checkpoints feed', pattern: /^\/feeds\/checkpoints\.xml$/, expected: ['/feeds/checkpoints.xml'] },
    {
      type: 'sitemap',
      pattern: /^\/sitemap-(index|\d+)\.xml$/,
      expected: ['/sitemap-0.xml', '/sitemap-index.xml'],
    },
    { type: 'robots.txt', pattern: /^\/robots\.txt$/, expected: ['/robots.txt'] },
    {
      type: 'information page',
      pattern: /^\/(downloads|about|accessibility|contact)\/index\.html$/,
      expected: ['about', 'accessibility', 'contact', 'downloads'].map((page) => `/${page}/index.html`),
    },
    {
      type: 'subscription page',
      pattern: /^\/(subscribe|unsubscribe)\/([^/]+\/)?index\.html$/,
      expected: [
        '/subscribe/index.html',
        '/subscribe/check-your-inbox/index.html',
        '/subscribe/confirm/index.html',
        '/subscribe/confirmed/index.html',
        '/unsubscribe/index.html',
        '/unsubscribe/done/index.html',
      ],
    },
    {
      // The archive, its manifest and two CSVs (apps/site/src/lib/downloads.ts), each with its .sha256.
      type: 'download',
      pattern: /^\/downloads\/[^/]+\.(gz|json|csv|sha256)$/,
      expected: ['archive.tar.gz', 'manifest.json', 'consent-statistics.csv', 'ai-feature-facts.csv'].flatMap(
        (name) => [`/downloads/${site.organizationSlug}-${name}`, `/downloads/${site.organizationSlug}-${name}.sha256`],
      ),
    },
    { type: 'API schema', pattern: /^\/api\/schema\.graphql$/, expected: ['/api/schema.graphql'] },
  ];
}

/** Files that are not routes: the stylesheet and script bundles, the favicon and /search/'s initialiser. */
const ASSET = /^\/(_astro\/[\w.-]+\.(css|js)|favicon\.svg|search\.js)$/;

describe('routes', () => {
  it('exist for the sample data, counted per page type', () => {
    const types = routeTypes(expected, histories);
    const actual = (pattern: RegExp) => files.filter((file) => pattern.test(file));
    // The counts first, for a readable failure; then the exact paths.
    expect(Object.fromEntries(types.map((t) => [t.type, actual(t.pattern).length]))).toEqual(
      Object.fromEntries(types.map((t) => [t.type, t.expected.length])),
    );
    for (const type of types) expect(actual(type.pattern), type.type).toEqual([...type.expected].sort());
    // Nothing the route table does not know about.
    expect(files.filter((file) => !ASSET.test(file) && !types.some((t) => t.pattern.test(file)))).toEqual([]);
  });

  it('cover what the sample organisation is known to hold', () => {
    // The sample (packages/schema/src/sample) at TEST_NOW: a guard against the database query
    // above silently returning nothing.
    expect(expected.segments).toEqual(['consumer', 'business', 'enterprise', 'education', 'healthcare']);
    expect([...expected.documents].sort()).toEqual(['privacy-statement', 'terms-of-service']);
    expect(expected.versions.length).toBeGreaterThanOrEqual(8);
    expect([...expected.features].sort()).toEqual(['meeting-summary', 'team-chat-compose']);
    expect(expected.consentSeries).toHaveLength(10);
  });
});

describe('every HTML page', () => {
  const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  it('has exactly one h1, its landmarks, the skip link and the sample notice', () => {
    const problems: string[] = [];
    for (const file of htmlFiles) {
      const html = readSiteFile(root, file);
      const count = (pattern: RegExp) => (html.match(pattern) ?? []).length;
      const check = (ok: boolean, what: string) => {
        if (!ok) problems.push(`${file}: ${what}`);
      };
      check(count(/<h1[\s>]/g) === 1, `${count(/<h1[\s>]/g)} <h1> elements`);
      check(/^<!DOCTYPE html><html lang="en"/i.test(html), 'doctype and lang="en"');
      check(/<title>[^<]+<\/title>/.test(html), 'a title');
      check(/<body[^>]*>\s*<a class="skip-link" href="#main">/.test(html), 'the skip link first in <body>');
      check(count(/<main id="main" tabindex="-1"/g) === 1, 'one main#main');
      check(count(/<nav [^>]*aria-label="Main"/g) === 1, 'the main navigation');
      check(
        count(/<nav [^>]*aria-label="Breadcrumb"/g) === (file === '/index.html' ? 0 : 1),
        'a breadcrumb (all but the home page)',
      );
      check(count(/<footer[\s>]/g) === 1, 'one footer');
      const notice = html.match(/<div [^>]*role="note"[^>]*data-sample-notice[^>]*>([\s\S]*?)<\/div>\s*<\/div>/);
      check(notice?.[1]?.includes(escapeHtml(expected.sampleNotice)) === true, 'the sample-data notice');
      check(/<header[\s\S]*data-sample-notice[\s\S]*<\/header>/.test(html), 'the sample notice inside <header>');
    }
    expect(problems).toEqual([]);
  });

  it('ships no script, except /search/ (Pagefind) and /verify/ (the in-browser verifier)', () => {
    const withScripts = htmlFiles.filter((file) => /<script[\s>]/i.test(readSiteFile(root, file)));
    expect(withScripts).toEqual(['/search/index.html', '/verify/index.html']);
    // One module bundled by Astro; the verifier's forms are hidden until it runs.
    const verify = readSiteFile(root, '/verify/index.html');
    const scripts = [...verify.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script type="module" src="\/_astro\/[\w.-]+\.js">$/);
    expect(verify).toMatch(/<div data-verifier[^>]*hidden/);
    const search = readSiteFile(root, '/search/index.html');
    expect([...search.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])).toEqual(['/search.js']);
    expect(/<noscript>[\s\S]*Search needs JavaScript[\s\S]*<\/noscript>/.test(search)).toBe(true);
    // No inline event handlers either.
    expect(htmlFiles.filter((file) => /\son[a-z]+="/i.test(readSiteFile(root, file)))).toEqual([]);
  });

  it('has a unique title and a canonical URL on the site origin (the 404 page: none, and noindex)', () => {
    const titles = new Map<string, string>();
    const problems: string[] = [];
    for (const file of htmlFiles.filter((f) => f !== '/404.html')) {
      const html = readSiteFile(root, file);
      const title = html.match(/<title>([^<]+)<\/title>/)?.[1] ?? '';
      const other = titles.get(title);
      if (other !== undefined) problems.push(`${file} has the title of ${other}: ${title}`);
      titles.set(title, file);
      const canonical = html.match(/<link rel="canonical" href="([^"]+)"/)?.[1];
      if (canonical !== new URL(pageUrlOf(file), siteUrl).href) problems.push(`${file}: canonical ${canonical}`);
    }
    expect(problems).toEqual([]);
    const notFound = readSiteFile(root, '/404.html');
    expect(/rel="canonical"|property="og:url"/.test(notFound), '404: canonical or og:url').toBe(false);
    expect(notFound.includes('<meta name="robots" content="noindex">'), '404: noindex').toBe(true);
  });

  it('links only to pages, files and fragments that exist', () => {
    const idsOf = new Map<string, Set<string>>();
    const ids = (file: string) => {
      let found = idsOf.get(file);
      if (found === undefined) {
        found = new Set([...readSiteFile(root, file).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
        idsOf.set(file, found);
      }
      return found;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlFiles) {
      const html = readSiteFile(root, file);
      for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const raw = (match[1] as string).replace(/&amp;/g, '&');
        const target = raw.startsWith(`${siteUrl}/`) ? raw.slice(siteUrl.length) : raw;
        if (/^[a-z]+:/i.test(target) || target.startsWith('//')) continue; // other origins, mailto:
        if (target === '/graphql') continue; // the API (GraphiQL), served beside the site by apps/api
        checked++;
        const url = new URL(target, new URL(pageUrlOf(file), 'http://site.test'));
        const path = decodeURIComponent(url.pathname);
        const targetFile = path.endsWith('/') ? `${path}index.html` : path;
        if (!existsSync(join(root, targetFile))) {
          broken.push(`${file} → ${raw}`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment !== '' && targetFile.endsWith('.html') && !ids(targetFile).has(fragment)) {
          broken.push(`${file} → ${raw} (no id "${fragment}")`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(htmlFiles.length * 10);
  });
});

describe('version pages and downloads', () => {
  it('show the explanations before the full text, every clause with its anchor and the content hash', async () => {
    const problems: string[] = [];
    for (const version of expected.versions) {
      const file = `/documents/${version.document}/${version.label}/index.html`;
      const html = readSiteFile(root, file);
      const explanations = html.indexOf('class="explanations"');
      const text = html.indexOf('id="text"');
      if (explanations < 0 || text < 0 || explanations > text) problems.push(`${file}: explanations before full text`);
      const clauses = await api.database.prisma.clause.findMany({
        where: { version: { label: version.label, document: { slug: version.document } } },
        orderBy: { position: 'asc' },
        select: { key: true },
      });
      const shown = [...html.matchAll(/<section class="clause" id="([^"]+)"[^>]*data-clause-key="([^"]+)"/g)];
      const keys = shown.map((m) => m[2]);
      if (JSON.stringify(keys) !== JSON.stringify(clauses.map((c) => c.key))) {
        problems.push(`${file}: clauses ${keys.join(',')} instead of ${clauses.map((c) => c.key).join(',')}`);
      }
      for (const m of shown) if (m[1] !== `clause-${m[2]}`) problems.push(`${file}: clause ${m[2]} has id ${m[1]}`);
      const hash = html.match(/data-content-hash[^>]*>\s*([0-9a-f]{64})/)?.[1];
      if (hash !== version.contentHash) problems.push(`${file}: content hash ${hash} ≠ ${version.contentHash}`);
    }
    expect(problems).toEqual([]);
  });

  it('comparisons mark insertions and deletions with text markers', () => {
    // Marks without brackets, never starting or ending with whitespace (the legend explains them).
    const INS = /<ins>\S(?:[^<]*\S)?<\/ins>/;
    const DEL = /<del>\S(?:[^<]*\S)?<\/del>/;
    // A document's first version has no changes page (nothing before it to compare with).
    const compared = expected.versions.filter((version) =>
      existsSync(join(root, `documents/${version.document}/${version.label}/changes/index.html`)),
    );
    const pages = compared.map((version) => ({
      file: `/documents/${version.document}/${version.label}/changes/index.html`,
      // The changed clauses only: the legend above them shows a mark of each kind on every page.
      html: readSiteFile(root, `/documents/${version.document}/${version.label}/changes/index.html`).replace(
        /^[\s\S]*id="changes-heading"/,
        '',
      ),
    }));
    const modified = pages.filter(({ html }) => /<article class="clause-change"[^>]*data-kind="MODIFIED"/.test(html));
    expect(modified.length).toBeGreaterThan(0);
    for (const { file, html } of modified) expect(INS.test(html) || DEL.test(html), `${file}: ins or del`).toBe(true);
    expect(modified.some(({ html }) => INS.test(html))).toBe(true);
    expect(modified.some(({ html }) => DEL.test(html))).toBe(true);
    // The August 2023 correction: the consent sentence is an insertion into clause 10.4.
    const august = readSiteFile(root, '/documents/terms-of-service/2023-08/changes/index.html');
    const clause = august.slice(
      august.indexOf('data-key="10.4"'),
      august.indexOf('</article>', august.indexOf('data-key="10.4"')),
    );
    expect(/<ins>[^<]*consent/.test(clause), '10.4 inserts the consent sentence').toBe(true);
  });

  it('JSON downloads parse, carry the content hash and say they are sample data', () => {
    for (const version of expected.versions) {
      const json = JSON.parse(readSiteFile(root, `/documents/${version.document}/${version.label}.json`)) as {
        organization: { isSample: boolean; sampleNotice: string };
        document: { slug: string };
        label: string;
        contentHash: string;
        clauses: { key: string }[];
      };
      expect(json.contentHash).toBe(version.contentHash);
      expect(json.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(json.document.slug).toBe(version.document);
      expect(json.label).toBe(version.label);
      expect(json.organization).toMatchObject({ isSample: true, sampleNotice: expected.sampleNotice });
      expect(json.clauses.length).toBeGreaterThan(0);
    }
  });
});

describe('hubs, feature and consent pages', () => {
  it('each hub answers, per AI feature, whether it trains on your data and who must consent', () => {
    for (const segment of expected.segments) {
      const html = readSiteFile(root, `/segments/${segment}/index.html`);
      for (const feature of expected.features) {
        const start = html.indexOf(`data-facts-summary="${feature}/${segment}"`);
        expect(start, `${segment} hub: ${feature}`).toBeGreaterThan(0);
        const summary = html.slice(start, html.indexOf('</article>', start));
        expect(summary).toContain(`href="/ai-features/${feature}/${segment}/" data-facts-link`);
      }
    }
  });

  it('consent series have a chart per colour scheme and a table', () => {
    for (const id of expected.consentSeries) {
      const html = readSiteFile(root, `/consent/${id}/index.html`);
      // A chart, or the sentence saying why nothing could be drawn (every month suppressed or untracked).
      expect(/<svg[^>]*role="img"/.test(html) || html.includes('data-undrawn-series'), `${id}: chart`).toBe(true);
      expect(/<table[^>]*class="consent-table/.test(html), `${id}: table`).toBe(true);
      expect(/<strong data-minimum-cell-size>10<\/strong>/.test(html), `${id}: minimum cell size`).toBe(true);
    }
  });

  it('/verify/ shows the key the checkpoint was signed with, and no mismatch', () => {
    const html = readSiteFile(root, '/verify/index.html');
    const publicKey = createPublicKey(inject('signingKeyPem')).export({ type: 'spki', format: 'pem' }).toString();
    expect(html.includes(publicKey.trim()), 'the public key').toBe(true);
    expect(html.includes('data-verification="ok"'), 'verification ok').toBe(true);
    expect(html.includes('data-key-mismatch'), 'a key mismatch').toBe(false);
  });

  it('/verify/ lists every chain of the five kinds as the server verifies it, and its latest checkpoint', async () => {
    const { integrity } = await query<{
      integrity: {
        latestCheckpoint: { sequence: number; payload: string };
        verify: {
          ok: boolean;
          checkpointSequence: number;
          chains: { chain: string; kind: string; count: number; headHash: string | null }[];
        };
      };
    }>(
      '{ integrity { latestCheckpoint { sequence payload } verify { ok checkpointSequence chains { chain kind count headHash } } } }',
    );
    const html = readSiteFile(root, '/verify/index.html');
    expect(integrity.verify.ok).toBe(true);
    expect(html).toContain('data-server-verification="ok"');
    expect(html).toContain('data-build-verification="ok"');
    expect(html).toMatch(
      new RegExp(
        `data-checkpoint-comparison="match"[^>]*data-checkpoint-sequence="${integrity.latestCheckpoint.sequence}"`,
      ),
    );
    expect(integrity.verify.checkpointSequence).toBe(integrity.latestCheckpoint.sequence);
    expect(JSON.parse(integrity.latestCheckpoint.payload)).toMatchObject({ format: 'candor-checkpoint/2' });
    // Every kind has its section, its plain-words explanation (with its canonical form) and its chains.
    const kinds = ['document', 'feature', 'withdrawals', 'consent-releases', 'definitions'];
    expect([...new Set(integrity.verify.chains.map((chain) => chain.kind))].sort()).toEqual([...kinds].sort());
    for (const [kind, format] of [
      ['document', 'candor-version/1'],
      ['feature', 'candor-revision/1'],
      ['withdrawals', 'candor-withdrawal/1'],
      ['consent-releases', 'candor-consent-release/1'],
      ['definitions', 'candor-definition/1'],
    ] as const) {
      const start = html.indexOf(`data-chain-kind-section="${kind}"`);
      expect(start, kind).toBeGreaterThan(0);
      const section = html.slice(start, html.indexOf('</section>', start));
      expect(section, kind).toMatch(new RegExp(`<code[^>]*>${format}</code>`));
      expect(section, kind).toMatch(/<tr data-chain="/);
    }
    for (const chain of integrity.verify.chains) {
      const start = html.indexOf(
        `<tr data-chain="${chain.chain}" data-chain-kind="${chain.kind}" data-chain-status="ok"`,
      );
      expect(start, chain.chain).toBeGreaterThan(0);
      const row = html.slice(start, html.indexOf('</tr>', start));
      expect(row, chain.chain).toMatch(new RegExp(`<td[^>]*>${chain.count}</td>`));
      if (chain.headHash !== null) expect(row, chain.chain).toContain(chain.headHash);
    }
    expect(html).toContain('candor-checkpoint/2');
  });

  it('pages say when the data is from (the frozen build clock)', () => {
    const html = readSiteFile(root, '/index.html');
    expect(html.includes(`<time datetime="${TEST_NOW.toISOString()}">`)).toBe(true);
  });
});

/** The API over the database the site was built from (openSiteApi), failing loudly on GraphQL errors. */
async function query<T>(source: string): Promise<T> {
  const response = await api.yoga.fetch('http://site.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source }),
  });
  const result = (await response.json()) as { data?: T; errors?: unknown[] };
  if (result.errors !== undefined || result.data === undefined) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** Text as Astro writes it into HTML (its escaping of &, <, >, " and '). */
const inHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The HTML of the element that starts at the first match of `opening`, up to its closing `</tag>`. */
function elementAt(html: string, opening: string, tag: string): string {
  const start = html.indexOf(opening);
  return start < 0 ? '' : html.slice(start, html.indexOf(`</${tag}>`, start));
}

interface FeatureHistory {
  aiFeatures: {
    slug: string;
    upcoming: {
      number: number;
      explanations: { segment: { key: string }; affected: boolean; whatChanges: string }[];
    }[];
    revisions: {
      edges: {
        node: {
          number: number;
          material: boolean;
          contentHash: string;
          previousHash: string | null;
          withdrawal: { reason: string; contentHash: string | null } | null;
        };
      }[];
    };
  }[];
}

describe('AI-feature revisions', () => {
  it('every revision is in its feature’s history with its hashes, marked material, upcoming or withdrawn as the API says', async () => {
    const { aiFeatures } = await query<FeatureHistory>(`{ aiFeatures { slug
      upcoming { number explanations { segment { key } affected whatChanges } }
      revisions(first: 100) { edges { node { number material contentHash previousHash withdrawal { reason contentHash } } } } } }`);
    let revisions = 0;
    for (const feature of aiFeatures) {
      const html = readSiteFile(root, `/ai-features/${feature.slug}/index.html`);
      const upcoming = new Set(feature.upcoming.map((revision) => revision.number));
      for (const { node: revision } of feature.revisions.edges) {
        revisions++;
        const id = `${feature.slug}/${revision.number}`;
        const entry = elementAt(html, `id="revision-${revision.number}" data-revision="${id}"`, 'article');
        expect(entry, id).not.toBe('');
        const timing = entry.match(/data-timing="([A-Z_]+)"/)?.[1];
        if (revision.withdrawal !== null) expect(timing, id).toBe('WITHDRAWN');
        else if (upcoming.has(revision.number)) expect(timing, id).toBe('UPCOMING');
        else expect(['IN_FORCE', 'SUPERSEDED'], id).toContain(timing);
        expect(entry, id).toContain(`data-material="${revision.material}"`);
        expect(entry, id).toContain(revision.material ? 'Material change' : 'Not material');
        expect(entry, id).toMatch(new RegExp(`data-revision-hash[^>]*>${revision.contentHash}<`));
        if (revision.previousHash !== null) expect(entry, id).toContain(revision.previousHash);
        if (revision.withdrawal !== null) {
          expect(entry, id).toContain(inHtml(revision.withdrawal.reason));
          if (revision.withdrawal.contentHash !== null) expect(entry, id).toContain(revision.withdrawal.contentHash);
        }
      }
      // A scheduled revision: announced above the labels, on the segment pages and on the hubs it explains itself to.
      for (const revision of feature.upcoming) {
        const id = `${feature.slug}/${revision.number}`;
        const notice = elementAt(html, `data-upcoming-revision="${id}"`, 'li');
        expect(notice, id).not.toBe('');
        for (const explanation of revision.explanations.filter((e) => e.affected)) {
          const segment = explanation.segment.key;
          expect(notice, `${id} ${segment}`).toContain(inHtml(explanation.whatChanges));
          const segmentPage = readSiteFile(root, `/ai-features/${feature.slug}/${segment}/index.html`);
          expect(elementAt(segmentPage, `data-upcoming-revision="${id}"`, 'li'), `${id} ${segment} page`).toContain(
            inHtml(explanation.whatChanges),
          );
          const hub = readSiteFile(root, `/segments/${segment}/index.html`);
          const upcomingSection = elementAt(hub, 'data-section="upcoming"', 'section');
          expect(upcomingSection, `${segment} hub`).toMatch(new RegExp(`data-revision="${id}" data-timing="UPCOMING"`));
        }
      }
    }
    expect(revisions).toBeGreaterThanOrEqual(6);
  });
});

interface DocumentHistory {
  documents: {
    edges: {
      node: {
        slug: string;
        versions: {
          edges: {
            node: {
              label: string;
              withdrawal: { reason: string; contentHash: string | null } | null;
              changes: { rebased: boolean; reason: string | null; from: { label: string } | null } | null;
            };
          }[];
        };
      };
    }[];
  };
}

describe('consent releases', () => {
  it('/consent/ and /verify/ list every release with its hash, linked to the one before', async () => {
    const { consentReleases } = await query<{
      consentReleases: {
        rowCount: number;
        minimumCellSize: number;
        contentHash: string;
        previousHash: string | null;
      }[];
    }>('{ consentReleases { rowCount minimumCellSize contentHash previousHash } }');
    expect(consentReleases.length).toBeGreaterThan(0);
    const consent = elementAt(readSiteFile(root, '/consent/index.html'), 'data-consent-releases', 'section');
    const verify = readSiteFile(root, '/verify/index.html');
    for (const release of consentReleases) {
      const item = elementAt(consent, `data-consent-release="${release.contentHash}"`, 'li');
      expect(item).toContain(`${release.rowCount} rows`);
      expect(item).toContain(`counts below ${release.minimumCellSize} suppressed`);
      const row = elementAt(verify, `<tr data-release-link="${release.contentHash}"`, 'tr');
      expect(row).toContain('Yes');
      if (release.previousHash !== null) expect(row).toContain(release.previousHash);
    }
  });
});

describe('withdrawn versions and rebased comparisons', () => {
  it('a withdrawn version shows its withdrawal and its record hash on its page and in its document’s list', async () => {
    const { documents } = await query<DocumentHistory>(`{ documents(first: 10) { edges { node { slug
      versions(first: 50) { edges { node { label withdrawal { reason contentHash } changes { rebased reason from { label } } } } } } } } }`);
    const versions = documents.edges.flatMap(({ node }) =>
      node.versions.edges.map(({ node: version }) => ({ document: node.slug, ...version })),
    );
    const withdrawn = versions.filter((version) => version.withdrawal !== null);
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const version of withdrawn) {
      const withdrawal = version.withdrawal as { reason: string; contentHash: string | null };
      const id = `${version.document}/${version.label}`;
      const page = readSiteFile(root, `/documents/${id}/index.html`);
      expect(page, id).toContain('data-timing="WITHDRAWN"');
      expect(elementAt(page, '<span data-withdrawal', 'span'), id).toContain(inHtml(withdrawal.reason));
      expect(withdrawal.contentHash, id).toMatch(/^[0-9a-f]{64}$/);
      expect(page, id).toMatch(new RegExp(`data-withdrawal-hash[^>]*>${withdrawal.contentHash}<`));
      const list = elementAt(
        readSiteFile(root, `/documents/${version.document}/index.html`),
        `<tr data-version="${version.label}"`,
        'tr',
      );
      expect(list, `${id} in its list`).toContain(inHtml(withdrawal.reason));
      expect(list, `${id} in its list`).toContain(withdrawal.contentHash as string);
    }
    // A comparison made again (a withdrawal or an earlier publication changed what came right before) says so, and why.
    for (const version of versions.filter((v) => v.changes?.rebased === true)) {
      const id = `${version.document}/${version.label}`;
      const page = readSiteFile(root, `/documents/${id}/changes/index.html`);
      expect(page, id).toContain(`data-compared-with="${version.changes?.from?.label ?? 'none'}"`);
      expect(elementAt(page, 'data-rebased', 'p'), id).toContain(inHtml(version.changes?.reason ?? ''));
    }
  });
});

/**
 * A small XML well-formedness check (no dependency): declaration, balanced and properly nested
 * elements, one root. CDATA sections and comments are skipped; enough for generated feeds.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (!xml.startsWith('<?xml ')) problems.push('no XML declaration');
  const body = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  let roots = 0;
  for (const match of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (closing === '/') {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else {
      if (stack.length === 0) roots++;
      if (selfClosing !== '/') stack.push(name as string);
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(body)) problems.push('an unescaped &');
  return problems;
}

describe('feeds, sitemap and robots.txt', () => {
  const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
  const textOf = (xml: string, tag: string) => xml.match(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`))?.[1];

  it('every feed is well-formed Atom 1.0 with ids, titles, dates and links into the site', () => {
    const feeds = files.filter((file) => file.startsWith('/feeds/'));
    expect(feeds.length).toBe(expected.documents.length + expected.segments.length + 2);
    const htmlSet = new Set(htmlFiles);
    for (const file of feeds) {
      const xml = readSiteFile(root, file);
      expect(xmlProblems(xml), file).toEqual([]);
      expect(
        /^<\?xml [^>]*\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/.test(xml),
        `${file}: Atom root`,
      ).toBe(true);
      const head = xml.slice(0, xml.search(/<entry>|<\/feed>/));
      expect(textOf(head, 'id'), file).toBe(`${siteUrl}${file}`);
      expect(textOf(head, 'title'), file).toBeTruthy();
      expect(textOf(head, 'updated'), file).toMatch(ISO);
      expect(head.includes(`<link rel="self" href="${siteUrl}${file}"/>`), `${file}: self link`).toBe(true);
      expect(textOf(head, 'subtitle'), file).toContain(expected.sampleNotice);
      const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1] as string);
      const ids = new Set<string>();
      for (const entry of entries) {
        const id = textOf(entry, 'id') ?? '';
        expect(id, `${file}: entry id`).toMatch(/^(https?|urn|tag):/);
        expect(ids.has(id), `${file}: duplicate entry id ${id}`).toBe(false);
        ids.add(id);
        expect(textOf(entry, 'title'), `${file} ${id}: title`).toBeTruthy();
        expect(textOf(entry, 'updated'), `${file} ${id}: updated`).toMatch(ISO);
        const link = entry.match(/<link [^>]*href="([^"]+)"/)?.[1] ?? '';
        expect(link.startsWith(`${siteUrl}/`), `${file} ${id}: link ${link}`).toBe(true);
        const path = new URL(link).pathname;
        expect(htmlSet.has(path.endsWith('/') ? `${path}index.html` : path), `${file}: ${link} exists`).toBe(true);
      }
    }
    // The feeds with entries on the sample data.
    for (const file of ['/feeds/ai-features.xml', '/feeds/documents/terms-of-service.xml']) {
      expect((readSiteFile(root, file).match(/<entry>/g) ?? []).length, file).toBeGreaterThan(1);
    }
    const tos = readSiteFile(root, '/feeds/documents/terms-of-service.xml');
    expect((tos.match(/<entry>/g) ?? []).length).toBe(
      expected.versions.filter((version) => version.document === 'terms-of-service').length,
    );
  });

  it('the sitemap lists every page but the 404 page, on the site origin; robots.txt points at it', () => {
    const index = readSiteFile(root, '/sitemap-index.xml');
    expect(xmlProblems(index)).toEqual([]);
    expect([...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual([`${siteUrl}/sitemap-0.xml`]);
    const sitemap = readSiteFile(root, '/sitemap-0.xml');
    expect(xmlProblems(sitemap)).toEqual([]);
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string).sort();
    const pages = htmlFiles
      .filter((file) => file !== '/404.html')
      .map((file) => new URL(pageUrlOf(file), siteUrl).href)
      .sort();
    expect(listed).toEqual(pages);
    expect(readSiteFile(root, '/robots.txt')).toContain(`Sitemap: ${siteUrl}/sitemap-index.xml`);
  });

  it('Pagefind indexed every content page but the comparisons and histories (not /search/, the 404 page nor the subscription steps)', () => {
    const entry = JSON.parse(readSiteFile(root, '/pagefind/pagefind-entry.json')) as {
      languages: Record<string, { page_count: number }>;
    };
    const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    const searchable = htmlFiles.filter((file) => readSiteFile(root, file).includes('data-pagefind-body'));
    // A comparison, a pair comparison, a clause history or the as-of list repeats the text of
    // versions whose own pages are indexed.
    const comparisons = htmlFiles.filter((file) =>
      /^\/documents\/[^/]+\/([^/]+\/changes|compare(\/[^/]+\/[^/]+)?|as-of|clauses\/[^/]+)\/index\.html$/.test(file),
    );
    const changesPages = histories.flatMap((history) => history.versions.filter((v) => v.comparedWith !== null));
    expect(comparisons.length).toBeGreaterThan(changesPages.length);
    expect(searchable.filter((file) => comparisons.includes(file))).toEqual([]);
    expect(searchable).not.toContain('/search/index.html');
    expect(searchable).not.toContain('/404.html');
    expect(indexed).toBe(searchable.length);
    // The pages a subscription's steps land on (check your inbox, the confirm and unsubscribe buttons) say nothing to search for.
    const subscriptionSteps = htmlFiles.filter((file) =>
      /^\/(subscribe\/[^/]+|unsubscribe(\/[^/]+)?)\/index\.html$/.test(file),
    );
    expect(subscriptionSteps).toHaveLength(5);
    expect(searchable.filter((file) => subscriptionSteps.includes(file))).toEqual([]);
    expect(searchable).toContain('/subscribe/index.html');
    expect(indexed).toBe(htmlFiles.length - 2 - comparisons.length - subscriptionSteps.length);
  });
});
