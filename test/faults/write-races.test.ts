/**
 * The errors the retry and masking logic classify, produced for real by the database rather than
 * hand-built: a write that lost a race (SQLite BUSY_SNAPSHOT, PostgreSQL serialization failure) is
 * retryable, and a retry succeeds.
 */
import { classifyDatabaseError, openDatabase } from '@candor/schema';
import { withRetries } from '@candor/schema/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { testProvider } from '../helpers/providers.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

/**
 * A transaction reads a segment, another client changes it and commits, then the first writes
 * it: SQLite refuses the stale writer (BUSY_SNAPSHOT), PostgreSQL (SERIALIZABLE) reports 40001.
 * The other client's value must differ each time: SQLite does not count a write that changes nothing.
 */
async function loseAWriteRace(attempt: number, changedTo: string) {
  const other = await openDatabase({ url: database.url });
  try {
    return await database.prisma.$transaction(
      async (tx) => {
        const segment = await tx.segment.findFirstOrThrow({ where: { key: 'consumer' } });
        if (attempt === 1) await other.prisma.segment.update({ where: { id: segment.id }, data: { name: changedTo } });
        return tx.segment.update({ where: { id: segment.id }, data: { name: `${segment.name} (attempt ${attempt})` } });
      },
      testProvider() === 'postgresql' ? { isolationLevel: 'Serializable' } : {},
    );
  } finally {
    await other.close();
  }
}

describe('write races, for real', () => {
  it('are classified retryable, and withRetries runs the transaction again to success', async () => {
    await expect(loseAWriteRace(1, 'Changed once')).rejects.toSatisfy(
      (error) => classifyDatabaseError(error) === 'retryable',
    );
    const attempts: number[] = [];
    const updated = await withRetries(
      (attempt) => {
        attempts.push(attempt);
        return loseAWriteRace(attempt, 'Changed twice');
      },
      { baseDelayMs: 1 },
    );
    expect(attempts).toEqual([1, 2]);
    expect(updated.name).toBe('Changed twice (attempt 2)');
  });
});
