/**
 * How the site project builds the site (global-setup.ts for the sample, verify-tampered.test.ts
 * for a tampered copy): the build's environment, and a private run directory inside apps/site
 * (Astro misplaces its content-layer files when outDir lies outside the project root).
 */
import { randomBytes } from 'node:crypto';
import { rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEST_NOW } from '../helpers/providers.js';
import { SITE_PACKAGE } from './paths.js';

/** The origin the test build is told it is served from (reserved TLD: nothing can fetch it). */
export const TEST_SITE_URL = 'https://candor.test';

/** The environment of an in-process build of `databaseUrl`, frozen at TEST_NOW and signed with `privateKeyPem`. */
export function siteBuildEnvironment(databaseUrl: string, privateKeyPem: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CANDOR_NOW: TEST_NOW.toISOString(),
    CANDOR_SIGNING_KEY: privateKeyPem,
    CANDOR_SITE_URL: TEST_SITE_URL,
    CANDOR_MIN_CELL_SIZE: '10',
    CANDOR_MIGRATE_ON_START: 'false',
    CANDOR_SEED_ON_EMPTY: 'false',
    // Not from the inherited environment: this build reads the database above, in-process.
    CANDOR_API_URL: '',
    CANDOR_DATA_DIR: '',
    NO_COLOR: '1',
  };
}

/** A fresh private directory for one build (config, cache, output), and how to remove it. */
export function siteRunDirectory(name: string): { runDirectory: string; remove: () => void } {
  const runDirectory = join(
    SITE_PACKAGE,
    'node_modules/.candor-test',
    `${name}-${process.pid}-${randomBytes(3).toString('hex')}`,
  );
  return {
    runDirectory,
    remove: () => {
      rmSync(runDirectory, { recursive: true, force: true });
      try {
        rmdirSync(dirname(runDirectory)); // only if no other run's build is in it
      } catch {}
    },
  };
}
