import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PrismaClient } from './client.js';
import type { DatabaseTarget } from './database-url.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Applies every pending migration of the target's provider with `prisma migrate deploy`
 * (the JS schema engine, through the driver adapter: nothing is downloaded).
 */
export async function migrateDatabase(target: DatabaseTarget): Promise<string> {
  if (target.filePath !== null) mkdirSync(dirname(target.filePath), { recursive: true });
  const prismaCli = require.resolve('prisma/build/index.js');
  const { stdout } = await run(
    process.execPath,
    [prismaCli, 'migrate', 'deploy', '--config', `prisma.${target.provider}.config.ts`],
    {
      cwd: packageRoot,
      env: { ...process.env, DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return stdout;
}

/** The migration directories of `provider`, oldest first (their names start with a timestamp). */
function migrationNames(provider: DatabaseTarget['provider']): string[] {
  const directory = join(packageRoot, 'prisma', provider, 'migrations');
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(directory, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The migrations of the target's provider that the database has not applied, read from Prisma's
 * own `_prisma_migrations` table: every one when the table is missing (a new database). A
 * command that finds none skips `prisma migrate deploy`, which costs seconds per run (most of a
 * short database-direct command on PostgreSQL) to conclude the same.
 */
export async function pendingMigrations(prisma: PrismaClient, target: DatabaseTarget): Promise<string[]> {
  const local = migrationNames(target.provider);
  let applied: Set<string>;
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = new Set(rows.map((row) => row.migration_name));
  } catch {
    return local;
  }
  return local.filter((name) => !applied.has(name));
}
