import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestProvider = 'sqlite' | 'postgresql';

/** Which database this test project runs against (set per vitest project). */
export function testProvider(configured = process.env.CANDOR_TEST_PROVIDER): TestProvider {
  const value = configured ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgresql')
    throw new Error(`CANDOR_TEST_PROVIDER must be sqlite or postgresql, got ${value}`);
  return value;
}

/** The PostgreSQL server tests create their databases on. */
export const adminPostgresUrl = () => process.env.CANDOR_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const postgresUrlFor = (database: string) => {
  const url = new URL(adminPostgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
};

/** The fixed clock the sample data is seeded with and the tests read at. */
export const TEST_NOW = new Date('2026-06-01T12:00:00.000Z');

export const scratchDirectory = () => join(tmpdir(), 'candor-tests');
