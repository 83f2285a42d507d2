/**
 * Opens the database an in-process build reads, and only reads: unlike the server's start, it
 * never creates, migrates or seeds a database and never makes a signing key. A build pointed at
 * the wrong DATABASE_URL (a mistyped file, a new PostgreSQL database, one the server has not
 * migrated yet) stops with a SiteDatabaseError naming the URL and what to run instead, before
 * anything is rendered, rather than publish a sample organisation under a new key over the
 * live site.
 */
import { existsSync, statSync } from 'node:fs';
import {
  type Database,
  type DatabaseTarget,
  DatabaseUrlError,
  isEmptyDatabase,
  type LoadedSigner,
  loadSigner,
  openDatabase,
  parseDatabaseUrl,
  pendingMigrations,
  type Signer,
  signingKeyFile,
} from '@candor/schema';
import {
  type DatabaseProblem,
  type DatabaseWhere,
  describeDatabaseProblem,
  describeWhere,
  SiteDatabaseError,
} from './database-problems';
import type { SiteEnv } from './env';

export interface SiteDatabase {
  database: Database;
  /** The key the server signs with: the site publishes its public key and id. */
  signer: Signer;
}

type Config = Pick<SiteEnv, 'DATABASE_URL' | 'CANDOR_DATA_DIR' | 'CANDOR_SIGNING_KEY'>;

const fail = (problem: DatabaseProblem, where: DatabaseWhere): never => {
  throw new SiteDatabaseError(problem, describeDatabaseProblem(problem, where));
};

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).trim();

/**
 * The database at DATABASE_URL, checked to be one the server set up (tables, every migration of
 * this checkout, an organisation), and the signing key; `log` gets one line saying which.
 *
 * @throws SiteDatabaseError when either is missing or the database cannot be read.
 */
export async function openSiteDatabase(config: Config, log: (line: string) => void): Promise<SiteDatabase> {
  let target: DatabaseTarget;
  try {
    target = parseDatabaseUrl(config.DATABASE_URL);
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    return fail({ kind: 'bad-url', reason: error.message }, { configured: config.DATABASE_URL, url: '' });
  }
  const where: DatabaseWhere = { configured: config.DATABASE_URL, url: target.url };
  // Checked before opening: libsql creates a missing file (and openDatabase its directory).
  if (target.filePath !== null) {
    if (!existsSync(target.filePath)) fail({ kind: 'missing-file', filePath: target.filePath }, where);
    const stat = statSync(target.filePath);
    // A zero-byte file is an empty database; opening it would write SQLite's header into it.
    if (stat.isFile() && stat.size === 0) fail({ kind: 'no-tables' }, where);
  }
  let database: Database;
  try {
    database = await openDatabase({ url: target.url });
  } catch (error) {
    return fail({ kind: 'unreachable', reason: reasonOf(error) }, where);
  }
  let key: LoadedSigner;
  try {
    const problem = await readinessProblem(database);
    if (problem !== null) fail(problem, where);
    const keyFile = signingKeyFile(config.CANDOR_DATA_DIR);
    key = loadSigner({ keyPem: config.CANDOR_SIGNING_KEY, keyFile }) ?? fail({ kind: 'no-key', keyFile }, where);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  log(`database: reading ${describeWhere(where)}; signing key ${key.signer.keyId} from ${key.source}`);
  return { database, signer: key.signer };
}

/** What keeps the server's data from being read here, or null when nothing does. Reads only. */
async function readinessProblem(database: Database): Promise<DatabaseProblem | null> {
  const { prisma, target } = database;
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
  } catch (error) {
    return { kind: 'unreachable', reason: reasonOf(error) };
  }
  try {
    // Prisma's own record of the migrations: absent from a database nothing was ever applied to.
    await prisma.$queryRawUnsafe('SELECT 1 FROM _prisma_migrations LIMIT 1');
  } catch {
    return { kind: 'no-tables' };
  }
  const pending = await pendingMigrations(prisma, target);
  if (pending.length > 0) return { kind: 'behind', pending };
  if (await isEmptyDatabase(prisma)) return { kind: 'no-organisation' };
  return null;
}
