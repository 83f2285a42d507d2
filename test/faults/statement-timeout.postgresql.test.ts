/**
 * PostgreSQL's statement_timeout, which openDatabase sets on every pooled connection
 * (CANDOR_PG_STATEMENT_TIMEOUT_MS, default 5 s): a slow statement is cancelled by the server with
 * an error the API masks as DATABASE_TIMEOUT, and the connection pool goes on working.
 */
import { classifyDatabaseError, openDatabase } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

describe('the PostgreSQL statement timeout', () => {
  it('is 5 s on every connection by default', async () => {
    const rows = await database.prisma.$queryRawUnsafe<{ statement_timeout: string }[]>('SHOW statement_timeout');
    expect(rows[0]?.statement_timeout).toBe('5s');
  });

  it('cancels a slow statement with a clean, classified error, and the client goes on working', async () => {
    const quick = await openDatabase({ url: database.url, statementTimeoutMs: 200 });
    try {
      const started = Date.now();
      const error = await quick.prisma.$queryRawUnsafe('SELECT pg_sleep(3)').catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2500);
      expect(classifyDatabaseError(error)).toBe('statement-timeout');
      expect(await quick.prisma.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await quick.close();
    }
  });
});
