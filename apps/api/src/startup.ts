import {
  type Database,
  dataDirectoryOf,
  ensureDatabase,
  loadOrCreateSigner,
  loadSigner,
  type Signer,
  signingKeyFile,
} from '@candor/schema';
import { ConfigError, type Env } from './env.js';
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

/**
 * The checkpoint signer (docs/partner-api.md, "Integrity"); logs which key, never the key. Only the server
 * (`create: true`, main.ts) and `candor keys generate` make a key: every other command reads the
 * one the server signs with, and a missing key is a configuration error telling how to make one,
 * never a new key made in passing (which would sign checkpoints nobody can verify later).
 */
export function prepareSigner(
  env: Pick<Env, 'CANDOR_DATA_DIR' | 'CANDOR_SIGNING_KEY'>,
  logger?: Logger,
  { create = false }: { create?: boolean } = {},
): Signer {
  const source = { keyPem: env.CANDOR_SIGNING_KEY, keyFile: signingKeyFile(env.CANDOR_DATA_DIR) };
  if (create) {
    const loaded = loadOrCreateSigner(source);
    if (loaded.created) logger?.warn('signing key generated: back it up', { keyFile: loaded.source });
    logger?.info('signing key', { keyId: loaded.signer.keyId, source: loaded.source });
    return loaded.signer;
  }
  const loaded = loadSigner(source);
  if (loaded === null) throw new ConfigError(missingSigningKeyMessage(source.keyFile));
  logger?.info('signing key', { keyId: loaded.signer.keyId, source: loaded.source });
  return loaded.signer;
}

/** What to do when neither CANDOR_SIGNING_KEY nor the key file exists. */
export const missingSigningKeyMessage = (keyFile: string): string =>
  `No checkpoint signing key: CANDOR_SIGNING_KEY is unset and ${keyFile} does not exist.
  If this organisation already has a key, point CANDOR_DATA_DIR at the directory holding its
  signing-key.pem, or set CANDOR_SIGNING_KEY; otherwise create one with "pnpm candor keys generate"
  (or start the server once: "pnpm start" makes it on first start). Back the key up.`;

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
