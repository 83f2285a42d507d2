/**
 * The site build's data fetch (apps/site/src/lib/site-data.ts) is bulk: a constant number of
 * GraphQL operations and of SQL statements, however many versions and clauses there are — so a
 * change that adds an N+1 to the build fails here, not in a benchmark (issue 6).
 */
import { forgetPublishedContent } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishBulkVersions } from '../helpers/bulk-versions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga);

// The site's modules are written for Vite (extensionless imports), not for this package's node16
// type check, so they are imported by a path TypeScript does not follow, typed by what is used.
const SITE_LIB = '../../apps/site/src/lib';
interface SiteDataModule {
  loadSiteData(): Promise<{ documents: { versions: unknown[] }[] }>;
  releaseSiteData(): void;
}
interface ClientModule {
  executedOperationCount(): number;
  setOperationLogger(logger: (line: string) => void): void;
}
let site: SiteDataModule;
let client: ClientModule;

const SITE_ENV = ['CANDOR_API_URL', 'CANDOR_NOW'] as const;
afterAll(() => {
  for (const name of SITE_ENV) delete process.env[name];
});

beforeAll(async () => {
  // The site reads its configuration once, on its first operation: point it at this test's API.
  process.env.CANDOR_API_URL = server.current.url;
  process.env.CANDOR_NOW = TEST_NOW.toISOString();
  client = (await import(`${SITE_LIB}/graphql-client.ts`)) as ClientModule;
  client.setOperationLogger(() => {});
  site = (await import(`${SITE_LIB}/site-data.ts`)) as SiteDataModule;
});

/** Operations and SQL statements of one whole-site fetch; `cold` forgets what is in memory first. */
async function fetchSite(cold: boolean): Promise<{ operations: number; statements: number; versions: number }> {
  const { recorder, prisma } = api.current.database;
  if (cold) forgetPublishedContent(prisma);
  recorder.reset();
  const before = client.executedOperationCount();
  site.releaseSiteData();
  const data = await site.loadSiteData();
  return {
    operations: client.executedOperationCount() - before,
    statements: recorder.dataStatements().length,
    versions: data.documents.reduce((sum, document) => sum + document.versions.length, 0),
  };
}

/**
 * How far the statement count of the same fetch may vary: Prisma and Pothos batch relation loads by
 * event-loop tick, and on PostgreSQL (network round trips) one batch sometimes splits in two. An N+1
 * over the 40 versions added below would add at least 40.
 */
const BATCH_SPLIT_SLACK = 15;
const ADDED_VERSIONS = 40;

describe('the site build fetches in bulk', () => {
  it('runs the same operations, and as many statements, for many more versions and clauses', async () => {
    // Organisation, documents, features, consent statistics, definition changes (README, "The
    // public site"), however many versions, clauses and segments.
    const OPERATIONS = 5;
    const cold = await fetchSite(true);
    const warm = await fetchSite(false);
    expect(warm.operations).toBe(OPERATIONS);
    expect(cold.operations).toBe(OPERATIONS);
    expect(cold.statements).toBeLessThanOrEqual(80);

    await publishBulkVersions(api.current.database.prisma, ADDED_VERSIONS, 120);
    const coldAfter = await fetchSite(true);
    const warmAfter = await fetchSite(false);
    expect(warmAfter.versions).toBe(warm.versions + ADDED_VERSIONS);
    expect(coldAfter.operations).toBe(OPERATIONS);
    expect(warmAfter.operations).toBe(OPERATIONS);
    expect(coldAfter.statements).toBeLessThanOrEqual(cold.statements + BATCH_SPLIT_SLACK);
    expect(warmAfter.statements).toBeLessThanOrEqual(warm.statements + BATCH_SPLIT_SLACK);
  });
});
