/**
 * Builds one migrated and seeded template database per run, so each test file copies it instead
 * of replaying migrations: a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
 * Deploying every migration into an empty database here is itself a test of the migrations.
 * It also compiles the CLI once for the run's `runCli` (test/helpers/cli-bundle.ts).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, sampleData, seedSampleData, signerFromPem } from '@candor/schema';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { bundleCli } from './cli-bundle.js';
import { adminPostgresUrl, postgresUrlFor, scratchDirectory, TEST_NOW, testProvider } from './providers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    /** The run's checkpoint signing key (PKCS8 PEM), shared by the seed and every test API. */
    signingKeyPem: string;
    /** The CLI compiled once for the run (test/helpers/cli-bundle.ts), what `runCli` starts. */
    cliBundle: string;
  }
}

export default async function setup(project: TestProject) {
  // vitest applies a project's `env` to its test workers, not to its global setup: read it here.
  const provider = testProvider(project.config.env?.CANDOR_TEST_PROVIDER ?? process.env.CANDOR_TEST_PROVIDER);
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  let url: string;
  let teardown: () => Promise<void>;
  if (provider === 'sqlite') {
    mkdirSync(scratchDirectory(), { recursive: true });
    const file = join(scratchDirectory(), `template-${suffix}.db`);
    url = `file:${file}`;
    teardown = async () => {
      for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
    };
  } else {
    const name = `candor_template_${suffix}`;
    const admin = new pg.Client({ connectionString: adminPostgresUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = postgresUrlFor(name);
    teardown = async () => {
      const client = new pg.Client({ connectionString: adminPostgresUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const privateKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database.target);
    await seedSampleData(database.prisma, sampleData(TEST_NOW), { signer: signerFromPem(privateKeyPem) });
    // Fold the WAL into the main file so copying the file alone copies everything.
    if (provider === 'sqlite') await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  const cliBundle = await bundleCli(join(scratchDirectory(), `cli-${suffix}.mjs`));
  project.provide('templateDatabase', url);
  project.provide('signingKeyPem', privateKeyPem);
  project.provide('cliBundle', cliBundle);
  return async () => {
    rmSync(cliBundle, { force: true });
    await teardown();
  };
}
