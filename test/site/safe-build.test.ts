/**
 * Safe builds (issue 14): the site build only reads a database. Pointed at a database that is
 * missing, empty, never set up or behind this checkout, it exits non-zero naming the URL it tried,
 * before Astro renders anything, and creates nothing: no database file, no tables, no sample
 * organisation, no signing key. Every build here runs with the server's CANDOR_MIGRATE_ON_START
 * and CANDOR_SEED_ON_EMPTY set to true and no key, so a build that still created, migrated or
 * seeded anything, or made a key, would do it here.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { migrateDatabase, openDatabase, parseDatabaseUrl } from '@candor/schema';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { adminPostgresUrl, postgresUrlFor, scratchDirectory } from '../helpers/providers.js';
import { siteBuildEnvironment, siteRunDirectory } from './site-build.js';

const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
const scratch = join(scratchDirectory(), `safe-build-${suffix}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A data directory that does not exist: a build that made a key would create it. */
const keylessDataDirectory = (name: string) => join(scratch, `data-${name}`);

interface FailedBuild {
  /** buildSiteIsolated's error: the command, its exit code and the end of its output. */
  message: string;
  /** Everything the build printed. */
  output: string;
}

/** Runs the real `astro build` on `databaseUrl` and returns how it failed; throws if it succeeded. */
async function failedBuild(databaseUrl: string, dataDirectory: string): Promise<FailedBuild> {
  const env = {
    // No key: CANDOR_SIGNING_KEY '' counts as unset.
    ...siteBuildEnvironment(databaseUrl, ''),
    CANDOR_DATA_DIR: dataDirectory,
    CANDOR_MIGRATE_ON_START: 'true',
    CANDOR_SEED_ON_EMPTY: 'true',
  };
  const { runDirectory, remove } = siteRunDirectory('safe-build');
  const chunks: Buffer[] = [];
  const log = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  try {
    await buildSiteIsolated({ runDirectory, env, log });
  } catch (error) {
    const output = Buffer.concat(chunks).toString('utf8');
    return { message: error instanceof Error ? error.message : String(error), output };
  } finally {
    remove();
  }
  throw new Error(`the site build of ${databaseUrl} succeeded`);
}

/** Exited non-zero, stopped before rendering a page, and made no key. */
function expectStoppedEarly(build: FailedBuild, dataDirectory: string): void {
  expect(build.message).toMatch(/exited with [1-9]\d*/);
  expect(build.output).toContain('The site build only reads a database');
  expect(build.output).not.toMatch(/generating static routes|Pagefind:/);
  expect(existsSync(dataDirectory), 'a signing key (and its data directory) was made').toBe(false);
}

/** A copy of the site project's seeded database (checkpointed by global-setup.ts). */
function copyOfSiteDatabase(name: string): string {
  const source = parseDatabaseUrl(inject('siteDatabaseUrl')).filePath as string;
  const file = join(scratch, `${name}.db`);
  copyFileSync(source, file);
  return `file:${file}`;
}

async function withDatabase<T>(url: string, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const database = await openDatabase({ url });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

describe('site build on a database it cannot read', () => {
  it('a SQLite URL to a missing file: exit non-zero naming the URL, and no file made', async () => {
    const file = join(scratch, 'no-such-directory', 'candor.db');
    const dataDirectory = keylessDataDirectory('missing');
    const build = await failedBuild(`file:${file}`, dataDirectory);
    expectStoppedEarly(build, dataDirectory);
    expect(build.output).toContain(`No database at DATABASE_URL=file:${file}: ${file} does not exist.`);
    expect(build.output).toContain('pnpm start');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(scratch, 'no-such-directory'))).toBe(false);
  });

  it('a migrated database with no organisation: refused, and the sample is not loaded', async () => {
    const url = `file:${join(scratch, 'unset-up.db')}`;
    await withDatabase(url, (database) => migrateDatabase(database.target));
    const dataDirectory = keylessDataDirectory('no-organisation');
    const build = await failedBuild(url, dataDirectory);
    expectStoppedEarly(build, dataDirectory);
    expect(build.output).toContain(`The database at DATABASE_URL=${url} holds no organisation.`);
    expect(build.output).toContain('pnpm candor init');
    await withDatabase(url, async ({ prisma }) => {
      expect(await prisma.organization.count()).toBe(0);
      expect(await prisma.checkpoint.count()).toBe(0);
    });
  });

  it('a database behind this checkout: refused naming the migration, which it does not apply', async () => {
    const url = copyOfSiteDatabase('behind');
    const newest = await withDatabase(url, async ({ prisma }) => {
      const [row] = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1',
      );
      if (row === undefined) throw new Error('the site database lists no migrations');
      await prisma.$executeRawUnsafe('DELETE FROM _prisma_migrations WHERE migration_name = ?', row.migration_name);
      return row.migration_name;
    });
    const dataDirectory = keylessDataDirectory('behind');
    const build = await failedBuild(url, dataDirectory);
    expectStoppedEarly(build, dataDirectory);
    expect(build.output).toContain(`1 migration not applied (${newest})`);
    expect(build.output).toContain('pnpm db:migrate');
    await withDatabase(url, async ({ prisma }) => {
      const rows = await prisma.$queryRawUnsafe<unknown[]>(
        'SELECT 1 FROM _prisma_migrations WHERE migration_name = ?',
        newest,
      );
      expect(rows).toHaveLength(0);
    });
  });

  it('a good database but no signing key: refused naming the key file, and no key made', async () => {
    const url = copyOfSiteDatabase('keyless');
    const dataDirectory = keylessDataDirectory('keyless');
    const build = await failedBuild(url, dataDirectory);
    expectStoppedEarly(build, dataDirectory);
    expect(build.output).toContain(
      `CANDOR_SIGNING_KEY is unset and ${join(dataDirectory, 'signing-key.pem')} does not exist`,
    );
    expect(build.output).toContain('pnpm candor keys generate');
  });

  describe('an empty PostgreSQL database', () => {
    const name = `candor_safe_build_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: adminPostgresUrl() });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };
    afterAll(() => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));

    it('is refused naming the URL with its password masked, and no table is created', async () => {
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(postgresUrlFor(name));
      // The local server trusts its clients and ignores the password; the message must not show it.
      url.password = 'not-shown-anywhere';
      const dataDirectory = keylessDataDirectory('postgresql');
      const build = await failedBuild(url.toString(), dataDirectory);
      expectStoppedEarly(build, dataDirectory);
      url.password = '***';
      expect(build.output).toContain(`The database at DATABASE_URL=${url.toString()} is empty: it has no tables.`);
      expect(build.output).not.toContain('not-shown-anywhere');
      const databaseUrl = postgresUrlFor(name);
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
        );
        expect(rows).toEqual([]);
      } finally {
        await client.end();
      }
    });
  });
});
