/**
 * What the organisation tests (organisation-setup, organisation-end-to-end) share: empty
 * databases of the project's provider, the CLI run database-direct on one of them, and a
 * throwaway git repository with a fixed identity and chosen dates.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Database, openDatabase } from '@candor/schema';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { adminPostgresUrl, postgresUrlFor, scratchDirectory, testProvider } from '../helpers/providers.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

/**
 * A database-direct command migrates first, which takes seconds on PostgreSQL; a test runs
 * several commands on a machine other tests share.
 */
export const SLOW = { timeout: 120_000 };

export function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

/** Opens `url` for the duration of `read`. */
export async function reading<T>(url: string, read: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url });
  try {
    return await read(database);
  } finally {
    await database.close();
  }
}

/** What a failed command must leave as it was. */
export const footprint = (url: string) =>
  reading(url, async ({ prisma }) => ({
    versions: await prisma.version.count(),
    checkpoints: await prisma.checkpoint.count(),
    definitionChanges: await prisma.definitionChange.count(),
  }));

export interface OrganisationKit {
  /** This file's scratch directory (removed after it). */
  readonly work: string;
  /** A new, empty database of the project's provider (not even migrated), dropped after the file. */
  emptyDatabaseUrl(name: string): Promise<string>;
  /** Runs the CLI on `url` with the run's signing key (so an API over it verifies its checkpoints). */
  direct(url: string, args: readonly string[]): Promise<CliRun>;
  createRepository(): Repository;
}

/** Registers the file's setup and cleanup; call at the top level of a test file. */
export function useOrganisationKit(): OrganisationKit {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dropped: (() => Promise<void>)[] = [];
  let work = '';

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'candor-org-'));
  });

  afterAll(async () => {
    for (const drop of dropped) await drop();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  return {
    get work() {
      return work;
    },
    async emptyDatabaseUrl(name) {
      if (testProvider() === 'sqlite') {
        mkdirSync(scratchDirectory(), { recursive: true });
        const file = join(scratchDirectory(), `org-${name}-${suffix}.db`);
        dropped.push(async () => {
          for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
        });
        return `file:${file}`;
      }
      const database = `candor_org_${name}_${suffix}`;
      await adminQuery(`CREATE DATABASE ${database}`);
      dropped.push(() => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      return postgresUrlFor(database);
    },
    direct: (url, args) =>
      runCli(args, { DATABASE_URL: url, CANDOR_SIGNING_KEY: inject('signingKeyPem'), CANDOR_DATA_DIR: work }),
    createRepository: () => createRepository(work),
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

// --------------------------------------------------------------------------------------------
// A throwaway git repository, with fixed identity and dates

export interface Repository {
  dir: string;
  write(path: string, text: string): void;
  /** Commits everything at `date` (ISO) and returns the commit's hash. */
  commit(message: string, date: string): string;
  git(args: string[]): string;
}

function createRepository(work: string): Repository {
  const dir = mkdtempSync(join(work, 'repo-'));
  const git = (args: string[], date?: string) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ada Lovelace',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada Lovelace',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        ...(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .toString('utf8')
      .trim();
  git(['init', '-q']);
  return {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    commit(message, date) {
      git(['add', '-A']);
      git(['commit', '-q', '-m', message], date);
      return git(['rev-parse', 'HEAD']);
    },
  };
}

/** A policy file as real repositories keep them: front matter, a title, numbered clause headings. */
export const policyMarkdown = (title: string, intro: string, clauses: Record<string, string>): string =>
  `---\ntitle: ${title}\n---\n# ${title}\n\n${intro}\n\n${Object.entries(clauses)
    .map(([heading, body], i) => `## ${i + 1}. ${heading}\n\n${body}\n`)
    .join('\n')}`;
