import {
  type Database,
  dataDirectoryOf,
  ensureDatabase,
  loadOrCreateSigner,
  type Signer,
  signingKeyFile,
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

/** The data directory: CANDOR_DATA_DIR, else `data/` at the repository root. */
export const dataDirectory = (env: Pick<Env, 'CANDOR_DATA_DIR'>): string => dataDirectoryOf(env.CANDOR_DATA_DIR);

/** The checkpoint signer (README, "Integrity"); logs which key, never the key. */
export function prepareSigner(env: Pick<Env, 'CANDOR_DATA_DIR' | 'CANDOR_SIGNING_KEY'>, logger?: Logger): Signer {
  const keyFile = signingKeyFile(env.CANDOR_DATA_DIR);
  const signer = loadOrCreateSigner({ keyPem: env.CANDOR_SIGNING_KEY, keyFile });
  logger?.info('signing key', { keyId: signer.keyId, source: env.CANDOR_SIGNING_KEY ? 'CANDOR_SIGNING_KEY' : keyFile });
  return signer;
}

/**
 * Opens the database, applies pending migrations and, on an empty database, loads the sample
 * organisation: the one-step start the README promises.
 */
export async function prepareDatabase(env: Env, logger: Logger, signer: Signer): Promise<Database> {
  const database = await ensureDatabase({
    url: env.DATABASE_URL,
    connection: {
      statementTimeoutMs: env.CANDOR_PG_STATEMENT_TIMEOUT_MS,
      sqliteMaxPageCount: env.CANDOR_FAULT_SQLITE_MAX_PAGE_COUNT,
    },
    signer,
    minimumCellSize: env.CANDOR_MIN_CELL_SIZE,
    migrate: env.CANDOR_MIGRATE_ON_START,
    seedIfEmpty: env.CANDOR_SEED_ON_EMPTY,
    progress: (message) => logger.info(message),
  });
  logger.info('database', { target: describeTarget(database) });
  return database;
}
