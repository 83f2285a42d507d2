import { describe, expect, it } from 'vitest';
import { testProvider } from '../helpers/providers.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

async function pragma(name: string): Promise<string> {
  const rows = await api.current.database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return String(Object.values(rows[0] ?? {})[0]).toLowerCase();
}

describe.skipIf(testProvider() !== 'sqlite')('SQLite durability settings', () => {
  const expected = { journal_mode: 'wal', synchronous: '2', foreign_keys: '1', busy_timeout: '5000' };

  it('hold on the first connection', async () => {
    for (const [name, value] of Object.entries(expected)) expect(await pragma(name), name).toBe(value);
  });

  it('hold inside a transaction and on the new connection libsql opens after it', async () => {
    const inside = await api.current.database.prisma.$transaction(async (tx) =>
      tx.$queryRawUnsafe<Record<string, unknown>[]>('PRAGMA busy_timeout'),
    );
    expect(String(Object.values(inside[0] ?? {})[0])).toBe('5000');
    for (const [name, value] of Object.entries(expected)) expect(await pragma(name), name).toBe(value);
  });
});
