import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createQueryRecorder, type Database, openDatabase, parseDatabaseUrl, type QueryRecorder } from '@candor/schema';
import pg from 'pg';
import { inject } from 'vitest';
import { adminPostgresUrl, postgresUrlFor, scratchDirectory } from './providers.js';

export interface TestDatabase extends Database {
  recorder: QueryRecorder;
  url: string;
  /** Closes the client and deletes the database. */
  destroy(): Promise<void>;
}

/**
 * A private copy of the seeded template for one test file (or test): a real SQLite file or a
 * real PostgreSQL database, never a mock.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = parseDatabaseUrl(inject('templateDatabase'));
  const suffix = randomBytes(4).toString('hex');
  let url: string;
  let drop: () => Promise<void>;
  if (template.provider === 'sqlite' && template.filePath !== null) {
    mkdirSync(scratchDirectory(), { recursive: true });
    const file = join(scratchDirectory(), `test-${process.pid}-${suffix}.db`);
    copyFileSync(template.filePath, file);
    url = `file:${file}`;
    drop = async () => {
      for (const extension of ['', '-wal', '-shm']) rmSync(`${file}${extension}`, { force: true });
    };
  } else {
    const templateName = new URL(template.url).pathname.slice(1);
    const name = `candor_test_${process.pid}_${suffix}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
    url = postgresUrlFor(name);
    drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const recorder = createQueryRecorder();
  const database = await openDatabase({ url, recorder });
  return {
    ...database,
    recorder,
    url,
    destroy: async () => {
      await database.close();
      await drop();
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
