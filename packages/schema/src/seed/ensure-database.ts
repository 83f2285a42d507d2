import { type Database, type DatabaseOptions, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { sampleData } from '../sample/index.js';
import type { Signer } from '../services/signer.js';
import { isEmptyDatabase, seedSampleData } from './seed-sample.js';

export interface EnsureDatabaseOptions {
  /** DATABASE_URL; defaults to the embedded SQLite file. */
  url?: string | undefined;
  /** Connection settings passed on to openDatabase (statement timeout, …). */
  connection?: Pick<DatabaseOptions, 'statementTimeoutMs' | 'sqliteMaxPageCount'>;
  signer: Signer;
  /** Minimum cell size of the seeded consent release (CANDOR_MIN_CELL_SIZE); default 10. */
  minimumCellSize?: number | undefined;
  migrate?: boolean;
  seedIfEmpty?: boolean;
  progress?: (message: string) => void;
}

/**
 * Opens the database ready for use: pending migrations applied and, on an empty database, the
 * sample organisation loaded. The API's start and a standalone site build both go through
 * here, so either can be the first thing run on a fresh clone.
 */
export async function ensureDatabase(options: EnsureDatabaseOptions): Promise<Database> {
  const progress = options.progress ?? (() => {});
  const database = await openDatabase({ ...options.connection, url: options.url });
  if (options.migrate ?? true) {
    progress('applying migrations');
    await migrateDatabase(database.target);
  }
  if ((options.seedIfEmpty ?? true) && (await isEmptyDatabase(database.prisma))) {
    progress('empty database: loading the sample organisation');
    await seedSampleData(database.prisma, sampleData(), {
      signer: options.signer,
      ...(options.minimumCellSize === undefined ? {} : { minimumCellSize: options.minimumCellSize }),
      progress: (m) => progress(`seed: ${m}`),
    });
  }
  return database;
}
