/**
 * Shared knowledge of the built site for the site project: where the build is, what the sample
 * database says should be in it, and one page of every type (README "Routes").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type CandorYoga, createCandorYoga, createLogger } from '@candor/api';
import { type Database, openDatabase, signerFromPem } from '@candor/schema';
import { inject } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';

/** One page of every type the site has (apps/site/README.md, "Routes"), on the sample data. */
export const PAGE_TYPES = [
  { type: 'home', path: '/' },
  { type: 'segments-index', path: '/segments/' },
  { type: 'segment-hub', path: '/segments/education/' },
  { type: 'segment-changes', path: '/segments/education/changes/' },
  { type: 'documents-index', path: '/documents/' },
  { type: 'document', path: '/documents/terms-of-service/' },
  { type: 'version', path: '/documents/terms-of-service/2023-08/' },
  { type: 'version-changes', path: '/documents/terms-of-service/2023-08/changes/' },
  { type: 'compare', path: '/documents/terms-of-service/compare/' },
  { type: 'compare-pair', path: '/documents/terms-of-service/compare/2022-11/2023-08/' },
  { type: 'as-of', path: '/documents/terms-of-service/as-of/' },
  { type: 'clause-history', path: '/documents/terms-of-service/clauses/10.4/' },
  { type: 'features-index', path: '/ai-features/' },
  { type: 'feature', path: '/ai-features/meeting-summary/' },
  { type: 'feature-segment', path: '/ai-features/meeting-summary/education/' },
  { type: 'consent-index', path: '/consent/' },
  { type: 'consent-series', path: '/consent/meeting-summary/education/' },
  { type: 'verify', path: '/verify/' },
  { type: 'downloads', path: '/downloads/' },
  { type: 'about', path: '/about/' },
  { type: 'accessibility', path: '/accessibility/' },
  { type: 'contact', path: '/contact/' },
  { type: 'subscribe', path: '/subscribe/' },
  { type: 'subscription-step', path: '/subscribe/confirm/' },
  { type: 'search', path: '/search/' },
  { type: 'not-found', path: '/no-such-page/' },
] as const;

export type PageType = (typeof PAGE_TYPES)[number]['type'];

/** Every file of the build, as site paths ("/segments/education/index.html"), Pagefind's own excluded. */
export function siteFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(`/${relative(root, path).split(sep).join('/')}`);
    }
  };
  walk(root);
  return files.filter((file) => !file.startsWith('/pagefind/')).sort();
}

/** The page URL a built HTML file is served at ("/a/b/index.html" → "/a/b/"). */
export const pageUrlOf = (file: string): string => file.replace(/index\.html$/, '');

export const readSiteFile = (root: string, file: string): string => readFileSync(join(root, file), 'utf8');

/** What the sample database holds, read the way the public API reads it (published by TEST_NOW). */
export interface ExpectedSite {
  segments: string[];
  documents: string[];
  /** "<document>/<label>" of every public version, with its content hash. */
  versions: { document: string; label: string; contentHash: string }[];
  features: string[];
  /** "<feature>/<segment>" of every consent series (feature × segment with statistics). */
  consentSeries: string[];
  sampleNotice: string;
  /** The organisation's slug (the downloads' file names start with it). */
  organizationSlug: string;
}

/** The API over the database the site was built from, at TEST_NOW, serving the built site too. */
export async function openSiteApi(): Promise<{ database: Database; yoga: CandorYoga }> {
  const database = await openDatabase({ url: inject('siteDatabaseUrl') });
  const yoga = createCandorYoga({
    database,
    env: { CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: false },
    clock: () => TEST_NOW,
    logger: createLogger('silent'),
    signer: signerFromPem(inject('signingKeyPem')),
    siteDirectory: inject('siteDirectory'),
  });
  return { database, yoga };
}

export async function expectedSite({
  database,
  yoga,
}: {
  database: Database;
  yoga: CandorYoga;
}): Promise<ExpectedSite> {
  const { prisma } = database;
  const organizationResponse = await yoga.fetch('http://site.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organization { slug isSample sampleNotice } }' }),
  });
  const { data } = (await organizationResponse.json()) as {
    data?: { organization: { slug: string; isSample: boolean; sampleNotice: string | null } };
  };
  if (data?.organization.isSample !== true || data.organization.sampleNotice === null) {
    throw new Error('the site tests expect the sample organisation');
  }
  const [segments, documents, versions, features, series] = await Promise.all([
    prisma.segment.findMany({ orderBy: { position: 'asc' }, select: { key: true } }),
    prisma.document.findMany({ select: { slug: true } }),
    prisma.version.findMany({
      where: { status: 'PUBLISHED', publishedAt: { lte: TEST_NOW } },
      select: { label: true, contentHash: true, document: { select: { slug: true } } },
    }),
    prisma.aiFeature.findMany({ select: { slug: true } }),
    prisma.consentStat.findMany({
      distinct: ['featureId', 'segmentId'],
      select: { feature: { select: { slug: true } }, segment: { select: { key: true } } },
    }),
  ]);
  return {
    segments: segments.map((segment) => segment.key),
    documents: documents.map((document) => document.slug),
    versions: versions.map((version) => ({
      document: version.document.slug,
      label: version.label,
      contentHash: version.contentHash ?? '',
    })),
    features: features.map((feature) => feature.slug),
    consentSeries: series.map((row) => `${row.feature.slug}/${row.segment.key}`),
    sampleNotice: data.organization.sampleNotice,
    organizationSlug: data.organization.slug,
  };
}
