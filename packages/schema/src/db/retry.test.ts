import { describe, expect, it } from 'vitest';
import { classifyDatabaseError } from './error-kinds.js';
import { backoffDelay, withRetries } from './retry.js';

/** The shape Prisma's JS engine gives driver errors (copied from real PostgreSQL and libsql failures). */
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error('Invalid invocation'), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });

const postgres = (sqlstate: string, message: string) =>
  prismaError('P2010', { originalCode: sqlstate, originalMessage: message, kind: 'postgres', code: sqlstate, message });

const serializationFailure = prismaError('P2034', { kind: 'TransactionWriteConflict', originalCode: '40001' });
const deadlock = postgres('40P01', 'deadlock detected');
const sqliteBusy = prismaError('P1008', { kind: 'SocketTimeout', originalCode: '517', originalMessage: 'SQLITE_BUSY' });
const sqliteLocked = Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
const uniqueViolation = prismaError('P2002', {
  kind: 'UniqueConstraintViolation',
  constraint: { fields: ['sequence'] },
});

describe('classifyDatabaseError', () => {
  it.each([
    ['a PostgreSQL serialization failure', serializationFailure, 'retryable'],
    ['a PostgreSQL deadlock', deadlock, 'retryable'],
    ['SQLITE_BUSY_SNAPSHOT', sqliteBusy, 'retryable'],
    ['"database is locked"', sqliteLocked, 'retryable'],
    ['a unique-constraint violation', uniqueViolation, 'unique-violation'],
    ['SQLITE_FULL', prismaError('P2010', { kind: 'sqlite', extendedCode: 13, originalCode: '13' }), 'storage-full'],
    ['"database or disk is full"', new Error('SQLITE_FULL: database or disk is full'), 'storage-full'],
    ['a statement timeout', postgres('57014', 'canceling statement due to statement timeout'), 'statement-timeout'],
    ['an unreachable server', prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1' }), 'unavailable'],
    ['a closed connection', prismaError('P1017', { kind: 'ConnectionClosed' }), 'unavailable'],
    ['a terminated backend', postgres('57P01', 'terminating connection due to administrator command'), 'unavailable'],
    ['pg losing its socket', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['a division by zero', postgres('22012', 'division by zero'), 'other'],
    ['a plain bug', new TypeError('x is undefined'), 'other'],
    ['not an error at all', 'oops', 'other'],
  ])('%s → %s', (_label, error, kind) => {
    expect(classifyDatabaseError(error)).toBe(kind);
  });

  it('does not read an all-digit SQLSTATE as a SQLite code', () => {
    // 42501 & 0xff would be 0xf5; 16389 & 0xff would be 5 (BUSY) if five digits were read as SQLite's.
    expect(classifyDatabaseError(postgres('16389', 'made up'))).toBe('other');
  });
});

describe('withRetries', () => {
  const noSleep = async () => {};

  it('retries a retryable error and returns the first success', async () => {
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw sqliteBusy;
        return 'done';
      },
      { sleep: noSleep },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the bound and rethrows the last error', async () => {
    let calls = 0;
    const delays: number[] = [];
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw deadlock;
        },
        { attempts: 4, sleep: noSleep, onRetry: (_e, _a, delay) => delays.push(delay) },
      ),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(4);
    expect(delays).toHaveLength(3);
  });

  it('never retries a unique-constraint conflict or an ordinary error', async () => {
    for (const error of [uniqueViolation, new Error('bug')]) {
      let calls = 0;
      await expect(
        withRetries(
          async () => {
            calls += 1;
            throw error;
          },
          { sleep: noSleep },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('waits a jittered, growing, capped backoff between tries', async () => {
    const slept: number[] = [];
    await expect(
      withRetries(
        async () => {
          throw serializationFailure;
        },
        {
          attempts: 5,
          baseDelayMs: 100,
          maxDelayMs: 300,
          random: () => 0.999,
          sleep: async (ms) => {
            slept.push(ms);
          },
        },
      ),
    ).rejects.toBe(serializationFailure);
    expect(slept).toEqual([99, 199, 299, 299]);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
  });
});
