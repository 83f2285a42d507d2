/**
 * The site project's one build: a fresh SQLite database with the sample organisation seeded at
 * TEST_NOW and signed with a key made for this run, then `astro build` of apps/site (which writes the Pagefind index too)
 * against it, frozen at the same instant and given the same key (so /verify/ reports no key
 * mismatch). Tests read the output directory and the database through `inject`.
 * CANDOR_KEEP_SITE_BUILD=1 keeps both after the run, for a look at what the tests saw.
 *
 * The build goes to a private directory inside apps/site (Astro misplaces its content-layer files
 * when outDir lies outside the working directory), with its own cache, never to apps/site/dist:
 * a developer's own build (or `astro check`, or another test run) neither disturbs nor is
 * disturbed by it. The build log is kept in test/artifacts/site-build.log.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, sampleData, seedSampleData, signerFromPem } from '@candor/schema';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import type { TestProject } from 'vitest/node';
import { scratchDirectory, TEST_NOW } from '../helpers/providers.js';
import { ARTIFACTS } from './paths.js';
import { siteBuildEnvironment, siteRunDirectory, TEST_SITE_URL } from './site-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site (astro build, search index included), for the site project. */
    siteDirectory: string;
    /** The seeded SQLite database the site was built from. */
    siteDatabaseUrl: string;
    /** CANDOR_SITE_URL of the build: the origin of canonical URLs, feeds and the sitemap. */
    siteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(scratchDirectory(), { recursive: true });
  const databaseFile = join(scratchDirectory(), `site-${suffix}.db`);
  const databaseUrl = `file:${databaseFile}`;
  // Everything of this run's build (config, cache, output) in one private directory.
  const { runDirectory, remove } = siteRunDirectory('run');

  const cleanup = () => {
    if (process.env.CANDOR_KEEP_SITE_BUILD === '1') {
      console.info(`site: kept ${runDirectory} and ${databaseUrl} (CANDOR_KEEP_SITE_BUILD=1)`);
      return;
    }
    remove();
    for (const extension of ['', '-wal', '-shm']) rmSync(`${databaseFile}${extension}`, { force: true });
  };

  const privateKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const seedStarted = performance.now();
  const database = await openDatabase({ url: databaseUrl });
  try {
    await migrateDatabase(database.target);
    // The consent release is sealed at the build's CANDOR_MIN_CELL_SIZE (below).
    await seedSampleData(database.prisma, sampleData(TEST_NOW), {
      signer: signerFromPem(privateKeyPem),
      minimumCellSize: 10,
    });
    await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = join(ARTIFACTS, 'site-build.log');
  const log = createWriteStream(logFile);
  const env = siteBuildEnvironment(databaseUrl, privateKeyPem);
  const started = performance.now();
  let outDir: string;
  try {
    ({ outDir } = await buildSiteIsolated({ runDirectory, env, log }));
  } catch (error) {
    cleanup();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The site build failed (full log: ${logFile}): ${reason}`, { cause: error });
  } finally {
    await new Promise((done) => log.end(done));
  }
  const buildSeconds = (performance.now() - started) / 1000;
  console.info(
    `site: seeded in ${seedSeconds.toFixed(1)} s, built in ${buildSeconds.toFixed(1)} s (astro build with the search index) into ${outDir}; log: ${logFile}`,
  );

  project.provide('siteDirectory', outDir);
  project.provide('siteDatabaseUrl', databaseUrl);
  project.provide('siteUrl', TEST_SITE_URL);
  project.provide('signingKeyPem', privateKeyPem);

  return cleanup;
}
