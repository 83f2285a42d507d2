import { defineConfig } from 'vitest/config';

/**
 * One run, three projects: pure unit tests, and the whole API suite twice — on embedded SQLite
 * and on the local PostgreSQL (CANDOR_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
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

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'] } },
      apiProject('sqlite'),
      apiProject('postgresql'),
    ],
  },
});
