/**
 * The sample organisation puts every public record under the same guarantee as real data
 * (issue 12): seeded into an empty database, every chain verifies — versions, AI-feature
 * revisions, the withdrawal and the consent release — and matches the seed's checkpoint exactly.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCandorYoga, createLogger } from '@candor/api';
import { type Database, migrateDatabase, openDatabase, sampleData, seedSampleData } from '@candor/schema';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPostgresUrl, postgresUrlFor, scratchDirectory, TEST_NOW, testProvider } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { TEST_ENV, testSigner } from '../helpers/testkit.js';

const data = sampleData(TEST_NOW);

/** A migrated database with nothing in it, on this run's provider; `drop` removes it. */
async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  let url: string;
  let remove: () => Promise<void>;
  if (testProvider() === 'sqlite') {
    mkdirSync(scratchDirectory(), { recursive: true });
    const file = join(scratchDirectory(), `sample-${suffix}.db`);
    url = `file:${file}`;
    remove = async () => {
      for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
    };
  } else {
    const name = `candor_sample_${suffix}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    url = postgresUrlFor(name);
    remove = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const database = await openDatabase({ url });
  await migrateDatabase(database.target);
  return {
    database,
    drop: async () => {
      await database.close();
      await remove();
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminPostgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let fresh: Awaited<ReturnType<typeof emptyDatabase>>;
let verify: VerifyData['integrity']['verify'];

beforeAll(async () => {
  fresh = await emptyDatabase();
  await seedSampleData(fresh.database.prisma, data, { signer: testSigner(), minimumCellSize: 10 });
  const yoga = createCandorYoga({
    database: fresh.database,
    env: { ...TEST_ENV, CANDOR_MIN_CELL_SIZE: 10 },
    clock: () => TEST_NOW,
    logger: createLogger('silent'),
    signer: testSigner(),
  });
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: VERIFY }),
  });
  const result = (await response.json()) as { data?: VerifyData; errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  verify = (result.data as VerifyData).integrity.verify;
});

afterAll(async () => {
  await fresh?.drop();
});

describe('a freshly seeded sample database', () => {
  it('verifies with no problem against its own checkpoint', () => {
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
    expect(verify.checkpointSequence).toBe(1);
  });

  it('has a whole chain for every document, every feature, the withdrawals and the consent releases', () => {
    const count = (chain: string) => verify.chains.find((c) => c.chain === chain)?.count;
    for (const document of data.documents) expect(count(`document/${document.slug}`)).toBe(document.versions.length);
    for (const feature of data.features) expect(count(`feature/${feature.slug}`)).toBe(feature.revisions.length);
    expect(count('withdrawals')).toBe(1);
    expect(count('consent-releases')).toBe(1);
    for (const chain of verify.chains) {
      expect(chain.headHash, chain.chain).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('stores revisions as the workflow does: materiality, base, explanations', async () => {
    const revisions = await fresh.database.prisma.aiFeatureRevision.findMany({
      where: { feature: { slug: 'meeting-summary' } },
      orderBy: { number: 'asc' },
      include: { explanations: { include: { segment: true } } },
    });
    expect(revisions.map((r) => [r.number, r.material, r.status])).toEqual([
      [1, true, 'PUBLISHED'],
      [2, true, 'PUBLISHED'],
      [3, true, 'PUBLISHED'],
    ]);
    expect(revisions[0]?.fromRevisionId).toBeNull();
    expect(revisions[1]?.fromRevisionId).toBe(revisions[0]?.id);
    expect(revisions[1]?.explanations.map((e) => e.segment.key).sort()).toEqual(['business', 'consumer', 'education']);
    expect(revisions[1]?.previousHash).toBe(revisions[0]?.contentHash);
  });

  it('withdraws terms 2024-10 before its date and compares 2025-03 with 2024-06', async () => {
    const prisma = fresh.database.prisma;
    const versions = await prisma.version.findMany({
      where: { document: { slug: 'terms-of-service' }, label: { in: ['2024-06', '2024-10', '2025-03'] } },
      include: { withdrawal: true, changelog: true },
    });
    const byLabel = new Map(versions.map((v) => [v.label, v]));
    const withdrawn = byLabel.get('2024-10');
    expect(withdrawn?.withdrawal?.withdrawnAt.getTime()).toBeLessThan(withdrawn?.effectiveAt?.getTime() ?? 0);
    expect(withdrawn?.withdrawal?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(byLabel.get('2025-03')?.changelog?.fromVersionId).toBe(byLabel.get('2024-06')?.id);
    // The chain itself follows publication order: 2025-03 links to the withdrawn version.
    expect(byLabel.get('2025-03')?.previousHash).toBe(withdrawn?.contentHash);
  });

  it('publishes the consent statistics as one release sealed at the minimum cell size', async () => {
    const prisma = fresh.database.prisma;
    const [releases, loose, rows] = await Promise.all([
      prisma.consentImport.findMany(),
      prisma.consentStat.count({ where: { importId: null } }),
      prisma.consentStat.count(),
    ]);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ rowCount: data.consent.length, minimumCellSize: 10 });
    expect(releases[0]?.importedAt.toISOString()).toBe(data.consentRelease.releasedAt);
    expect(loose).toBe(0);
    expect(rows).toBe(data.consent.length);
  });
});
