import {
  type Database,
  isEmptyDatabase,
  migrateDatabase,
  openDatabase,
  sampleData,
  seedSampleData,
} from '@candor/schema';
import type { Env } from './env.js';
import type { Logger } from './logger.js';

/** Where the database lives, for logs: the file path, or the PostgreSQL host without credentials. */
export function describeTarget(database: Pick<Database, 'target'>): string {
  const { target } = database;
  if (target.filePath !== null) return `SQLite ${target.filePath}`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * Opens the database, applies pending migrations and, on an empty database, loads the sample
 * organisation: the one-step start the README promises.
 */
export async function prepareDatabase(env: Env, logger: Logger): Promise<Database> {
  const database = await openDatabase({ url: env.DATABASE_URL });
  logger.info('database', { target: describeTarget(database) });
  if (env.CANDOR_MIGRATE_ON_START) {
    logger.info('applying migrations');
    await migrateDatabase(database.target);
  }
  if (env.CANDOR_SEED_ON_EMPTY && (await isEmptyDatabase(database.prisma))) {
    logger.info('empty database: loading the sample organisation');
    await seedSampleData(database.prisma, sampleData(), (message) => logger.info(`seed: ${message}`));
  }
  return database;
}
