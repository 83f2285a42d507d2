import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresPrismaClient } from '../generated/postgresql/client.js';
import { PrismaClient } from '../generated/sqlite/client.js';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.js';
import { type QueryRecorder, recordingAdapterFactory } from './query-recorder.js';
import { withSqlitePragmas } from './sqlite-pragmas.js';

export type { Prisma } from '../generated/sqlite/client.js';
export { PrismaClient };

export interface DatabaseOptions {
  /** DATABASE_URL; defaults to the embedded SQLite file under data/. */
  url?: string;
  /** Records every SQL statement (tests and benchmarks). */
  recorder?: QueryRecorder;
  /**
   * PostgreSQL: statement_timeout (ms) on every pooled connection, so a slow public read is
   * cancelled by the server instead of holding a connection; 0 disables it. Default 5000.
   */
  statementTimeoutMs?: number;
  /**
   * SQLite, testing only: PRAGMA max_page_count on every connection, to make the disk "full"
   * at a chosen size (fault tests). Unset means SQLite's default (no practical limit).
   */
  sqliteMaxPageCount?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
/** How long to wait for a new PostgreSQL connection before the request fails as unavailable. */
const PG_CONNECT_TIMEOUT_MS = 5000;

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * The one Prisma client factory. The provider is picked from the URL; both generated clients
 * come from the same datamodel, so the PostgreSQL client is used through the SQLite client's
 * type (they differ only in the provider string Prisma checks against the adapter).
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(options.url ?? process.env.DATABASE_URL);
  if (target.filePath !== null) mkdirSync(dirname(target.filePath), { recursive: true });
  const prisma =
    target.provider === 'sqlite'
      ? sqliteClient(target, options.recorder, options.sqliteMaxPageCount)
      : postgresClient(target, options.recorder, options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  if (target.provider === 'sqlite') await applySqlitePragmas(prisma);
  return { prisma, target, close: () => prisma.$disconnect() };
}

function withRecorder<F extends { connect(): Promise<object> }>(factory: F, recorder: QueryRecorder | undefined): F {
  return recorder === undefined ? factory : recordingAdapterFactory(factory, recorder);
}

function sqliteClient(
  target: DatabaseTarget,
  recorder: QueryRecorder | undefined,
  maxPageCount: number | undefined,
): PrismaClient {
  const extraPragmas = maxPageCount === undefined ? [] : [`PRAGMA max_page_count = ${Math.floor(maxPageCount)}`];
  return new PrismaClient({
    adapter: withRecorder(withSqlitePragmas(new PrismaLibSQL({ url: target.url }), extraPragmas), recorder),
  });
}

function postgresClient(
  target: DatabaseTarget,
  recorder: QueryRecorder | undefined,
  statementTimeoutMs: number,
): PrismaClient {
  const pool = {
    connectionString: target.url,
    // Sent as a startup parameter, so it holds on every connection the pool opens, including
    // the ones a reconnect opens after the database came back.
    ...(statementTimeoutMs > 0 ? { statement_timeout: Math.floor(statementTimeoutMs) } : {}),
    // pg waits forever for a connection by default: a database that stopped answering would
    // hang every request instead of failing it as unavailable.
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
  };
  const client = new PostgresPrismaClient({
    adapter: withRecorder(new PrismaPg(pool), recorder),
  });
  return client as unknown as PrismaClient;
}

/**
 * WAL is a property of the database file, so it is set once; the per-connection settings
 * (busy timeout, foreign keys, synchronous=FULL) are applied by withSqlitePragmas.
 */
async function applySqlitePragmas(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
}
