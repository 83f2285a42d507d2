/**
 * The sitemap's <lastmod>: every page of the sample site has one, none is in the future of the
 * build, and a version page's is no earlier than the version's publication (a page changes when
 * something it shows happens: lib/page-dates.ts).
 */
import type { CandorYoga } from '@candor/api';
import type { Database } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { openSiteApi, readSiteFile } from './site-files.js';

const root = inject('siteDirectory');
const siteUrl = inject('siteUrl');
let api: { database: Database; yoga: CandorYoga };

beforeAll(async () => {
  api = await openSiteApi();
});

afterAll(async () => {
  await api?.database.close();
});

/** Each <url> of the sitemap: its path and its <lastmod>, if any. */
function sitemapEntries(): { path: string; lastmod: string | undefined }[] {
  const sitemap = readSiteFile(root, '/sitemap-0.xml');
  return [...sitemap.matchAll(/<url>(.*?)<\/url>/gs)].map(([, entry = '']) => ({
    path: (/<loc>([^<]+)<\/loc>/.exec(entry)?.[1] ?? '').slice(siteUrl.length),
    lastmod: /<lastmod>([^<]+)<\/lastmod>/.exec(entry)?.[1],
  }));
}

describe('sitemap lastmod', () => {
  it('every page has a lastmod before the build instant', () => {
    const entries = sitemapEntries();
    expect(entries.length).toBeGreaterThan(20);
    const missing = entries.filter((entry) => entry.lastmod === undefined).map((entry) => entry.path);
    expect(missing).toEqual([]);
    for (const { path, lastmod } of entries) {
      const time = Date.parse(lastmod ?? '');
      expect(Number.isNaN(time), path).toBe(false);
      expect(time, path).toBeLessThan(TEST_NOW.getTime());
    }
  });

  it('a version page changed no earlier than the version was published', async () => {
    const versions = await api.database.prisma.version.findMany({
      where: { status: 'PUBLISHED', publishedAt: { lte: TEST_NOW } },
      select: { label: true, publishedAt: true, document: { select: { slug: true } } },
    });
    const byPath = new Map(sitemapEntries().map((entry) => [entry.path, entry.lastmod]));
    expect(versions.length).toBeGreaterThan(2);
    for (const version of versions) {
      const path = `/documents/${version.document.slug}/${version.label}/`;
      const lastmod = byPath.get(path);
      expect(lastmod, path).toBeDefined();
      expect(Date.parse(lastmod ?? ''), path).toBeGreaterThanOrEqual(version.publishedAt?.getTime() ?? 0);
    }
  });
});
