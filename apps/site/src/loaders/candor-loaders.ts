/**
 * Content-layer loaders, one per collection. Each takes the shared site data (read once per
 * build through the committed GraphQL operations), turns it into entries with a pure function
 * from lib/transform.ts (which checks what the SDL cannot say), and replaces the collection's
 * previous contents (so a version removed upstream cannot linger in the cache).
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { SiteDatabaseError } from '../lib/database-problems';
import type { VersionBody } from '../lib/entry-types';
import { loadSiteEnv } from '../lib/env';
import { buildNow } from '../lib/graphql-client';
import { loadSiteData, releaseSiteData, type SiteData } from '../lib/site-data';
import {
  type Entry,
  toConsentSeries,
  toDocuments,
  toFeatures,
  toIntegrity,
  toOrganization,
  toSegments,
  toVersions,
} from '../lib/transform';
import { setVersionBodies } from '../lib/version-bodies';

/*
 * The data is read while this module is evaluated, not inside load(): Astro evaluates the content
 * config in a temporary Vite server and closes its module runner before the loaders run, and the
 * Prisma client imports its query compiler lazily on the first query, which then fails with
 * "Vite module runner has been closed". Reading here keeps every import inside the runner's life.
 * `astro check` (the typecheck script) sets CANDOR_SITE_NO_DATA: types need no entries, and
 * type-checking must work without a database.
 */
const noData = loadSiteEnv().CANDOR_SITE_NO_DATA;
try {
  if (!noData) await loadSiteData();
} catch (error) {
  // A database the build cannot read is the operator's to fix, not a bug: its message alone, and
  // exit 1 before anything is rendered, instead of Astro's stack and its hint about a syntax
  // error in the content config.
  if (!(error instanceof SiteDatabaseError)) throw error;
  process.stderr.write(`\n${error.message}\n\n`);
  process.exit(1);
}

type ToEntries = (data: SiteData, now: Date) => Entry<Record<string, unknown>>[];

/**
 * The loaders that have not yet read this build's data: when the last one has, the data is
 * released (lib/site-data.ts) instead of being held through the whole page rendering.
 */
const loadersToRun = new Set<string>();

function candorLoader(name: string, toEntries: ToEntries): Loader {
  loadersToRun.add(name);
  return {
    name: `candor-${name}`,
    load: async ({ store, parseData, logger }: LoaderContext) => {
      if (noData) {
        store.clear();
        logger.info(`no ${name} read (CANDOR_SITE_NO_DATA)`);
        return;
      }
      const entries = toEntries(await loadSiteData(), buildNow());
      loadersToRun.delete(name);
      if (loadersToRun.size === 0) releaseSiteData();
      const parsed = await Promise.all(
        entries.map(async (entry) => ({ id: entry.id, data: await parseData({ id: entry.id, data: entry.data }) })),
      );
      store.clear();
      for (const entry of parsed) store.set(entry);
      logger.info(`${parsed.length} ${name}`);
    },
  };
}

export const organizationLoader = (): Loader =>
  candorLoader('organization', (data, now) => [toOrganization(data, now)]);
export const segmentsLoader = (): Loader => candorLoader('segments', toSegments);
export const integrityLoader = (): Loader => candorLoader('integrity', (data) => [toIntegrity(data)]);
export const documentsLoader = (): Loader => candorLoader('documents', toDocuments);

/**
 * The versions collection stores each version's summary; the explanations, clauses and changes
 * are kept in memory (lib/version-bodies.ts), out of the content-layer store that Astro
 * serialises and bundles into the server build.
 */
export const versionsLoader = (): Loader =>
  candorLoader('versions', (data) => {
    const bodies = new Map<string, VersionBody>();
    const summaries = toVersions(data).map(({ id, data: { explanations, clauses, changes, ...summary } }) => {
      bodies.set(id, { explanations, clauses, changes });
      return { id, data: summary };
    });
    setVersionBodies(bodies);
    return summaries;
  });
export const featuresLoader = (): Loader => candorLoader('features', (data, now) => toFeatures(data, now));
export const consentLoader = (): Loader => candorLoader('consent series', toConsentSeries);
