import { defineConfig } from 'vitest/config';

/**
 * One run, four projects: pure unit tests, the whole API suite twice — on embedded SQLite and on
 * the local PostgreSQL (CANDOR_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres)
 * — and the public site: built once from a seeded database, then read from disk and driven in
 * Debian Chromium (playwright-core, /usr/bin/chromium).
 */
const apiProject = (provider: 'sqlite' | 'postgresql') => ({
  test: {
    name: `api-${provider}`,
    include: ['test/api/**/*.test.ts', 'test/cli/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { CANDOR_TEST_PROVIDER: provider },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

/**
 * Real API processes on real databases (test/helpers/api-process.ts): the fault tests on each
 * provider (a `*.sqlite.test.ts` or `*.postgresql.test.ts` file runs on that provider only), the
 * documented flows with production defaults on both, and the two-instance scale-out tests on
 * PostgreSQL + Redis.
 */
const processProject = (
  name: string,
  provider: 'sqlite' | 'postgresql',
  include: string[],
  exclude: string[] = [],
) => ({
  test: {
    name,
    include,
    exclude,
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { CANDOR_TEST_PROVIDER: provider },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'] } },
      apiProject('sqlite'),
      apiProject('postgresql'),
      processProject('faults-sqlite', 'sqlite', ['test/faults/**/*.test.ts'], ['**/*.postgresql.test.ts']),
      processProject('faults-postgresql', 'postgresql', ['test/faults/**/*.test.ts'], ['**/*.sqlite.test.ts']),
      processProject('flows-sqlite', 'sqlite', ['test/flows/**/*.test.ts']),
      processProject('flows-postgresql', 'postgresql', ['test/flows/**/*.test.ts']),
      processProject('scale-out', 'postgresql', ['test/scale-out/**/*.test.ts']),
      {
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          globalSetup: ['test/site/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
