/**
 * Shared helpers for the migration scripts. Each migration folder holds the SQL Prisma applies
 * (`migration.sql`) and a snapshot of the provider schema it was generated from
 * (`schema.snapshot.prisma`). New migrations and the drift check diff datamodel against
 * snapshot with `prisma migrate diff --from-schema-datamodel`, because the commands that replay
 * migrations into a shadow database misbehave through driver adapters (docs/architecture.md, "Migrations").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsPath, type Provider, packageRoot, prismaConfigPath, providerSchemaPath } from './paths.js';

export const SNAPSHOT_FILE = 'schema.snapshot.prisma';

/**
 * `migrate diff` only compares two datamodels, but Prisma's JS schema engine still opens the
 * adapter: SQLite gets a throwaway file, PostgreSQL needs a reachable server (the local one by
 * default, CANDOR_MIGRATE_PG_URL to override). Nothing is written to either.
 */
const diffUrl: Record<Provider, string> = {
  sqlite: `file:${join(tmpdir(), 'candor-migrate-diff.db')}`,
  postgresql: process.env.CANDOR_MIGRATE_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
};

/** Migration folder names, oldest first (they start with a UTC timestamp). */
export function migrationFolders(provider: Provider): string[] {
  const dir = migrationsPath(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function latestSnapshot(provider: Provider): string | null {
  const latest = migrationFolders(provider).at(-1);
  return latest === undefined ? null : join(migrationsPath(provider), latest, SNAPSHOT_FILE);
}

function diffArgs(provider: Provider, from: string | null): string[] {
  return [
    'migrate',
    'diff',
    '--config',
    prismaConfigPath(provider),
    ...(from === null ? ['--from-empty'] : ['--from-schema-datamodel', from]),
    '--to-schema-datamodel',
    providerSchemaPath(provider),
  ];
}

const prismaEnv = (provider: Provider) => ({
  ...process.env,
  DATABASE_URL: diffUrl[provider],
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
});

/** SQL that turns the latest snapshot (or an empty database) into the current datamodel. */
export function pendingSql(provider: Provider): string {
  return execFileSync('prisma', [...diffArgs(provider, latestSnapshot(provider)), '--script'], {
    cwd: packageRoot,
    env: prismaEnv(provider),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** True when the current datamodel differs from the latest snapshot (prisma's --exit-code 2). */
export function hasDrift(provider: Provider): boolean {
  const result = spawnSync('prisma', [...diffArgs(provider, latestSnapshot(provider)), '--exit-code'], {
    cwd: packageRoot,
    env: prismaEnv(provider),
    encoding: 'utf8',
  });
  if (result.status === 0) return false;
  if (result.status === 2) return true;
  throw new Error(`prisma migrate diff failed for ${provider}:\n${result.stderr}`);
}
