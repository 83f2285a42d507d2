/**
 * The shared frame of database-direct commands that write records (`init`, `import`): the
 * migrated database, the clock and the checkpoint signer from the environment, one transaction
 * per unit of work, and domain refusals turned into the CLI's RefusedError (exit 1) so they print
 * like the API's.
 */
import { type Database, DomainError, type PrismaClient, type Signer } from '@candor/schema';
import { clockFrom, loadEnv } from '../env.js';
import { prepareSigner } from '../startup.js';
import { withMigratedDatabase } from './commands/db.js';
import { fromDomainError } from './domain-error.js';
import { RefusedError } from './errors.js';

export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface DatabaseWork {
  database: Database;
  now: Date;
  signer: Signer;
  /**
   * Runs `work` in one transaction (all or nothing). Long enough for an import of hundreds of
   * versions of a large document; a DomainError inside becomes a RefusedError.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export function withDatabaseWork<T>(work: (context: DatabaseWork) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const now = clockFrom(env)();
  const signer = prepareSigner(env);
  return withMigratedDatabase((database) =>
    work({
      database,
      now,
      signer,
      transaction: (inner) => refusingDomainErrors(() => database.prisma.$transaction(inner, TRANSACTION_OPTIONS)),
    }),
  );
}

const TRANSACTION_OPTIONS = { timeout: 600_000, maxWait: 10_000 } as const;

/** Runs `work`; a DomainError it throws becomes a RefusedError printed like the API's refusals. */
export async function refusingDomainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new RefusedError(fromDomainError(error));
    throw error;
  }
}
