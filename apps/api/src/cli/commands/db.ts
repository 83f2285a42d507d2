/** `db migrate`, `db seed`: database-direct operator commands. */
import {
  type Database,
  isEmptyDatabase,
  migrateDatabase,
  openDatabase,
  pendingMigrations,
  sampleData,
  seedSampleData,
} from '@candor/schema';
import { loadEnv } from '../../env.js';
import { describeTarget, prepareSigner } from '../../startup.js';
import { parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { RefusedError } from '../errors.js';
import { emit, progress } from '../output.js';

/**
 * Opens DATABASE_URL, applies pending migrations, runs `work`, and closes the database. Prisma's
 * full report is shown when `verbose`, else only its last line ("No pending migrations to
 * apply.", "All migrations have been successfully applied.").
 */
export async function withMigratedDatabase<T>(
  work: (database: Database) => Promise<T>,
  { verbose = false }: { verbose?: boolean } = {},
): Promise<T> {
  const env = loadEnv();
  const database = await openDatabase({ url: env.DATABASE_URL });
  try {
    progress(`database: ${describeTarget(database)}`);
    if ((await pendingMigrations(database.prisma, database.target)).length === 0) {
      progress('No pending migrations to apply.');
    } else {
      progress('applying migrations…');
      const log = (await migrateDatabase(database.target)).trim();
      const shown = verbose ? log : (log.split('\n').at(-1) ?? '');
      if (shown !== '') progress(shown);
    }
    return await work(database);
  } finally {
    await database.close();
  }
}

async function migrate(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, {}, 'db');
  await withMigratedDatabase(async () => undefined, { verbose: true });
  emit(flags.json, { migrated: true }, () => ['migrations applied']);
  return 0;
}

async function seed(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, {}, 'db');
  const env = loadEnv();
  // The key first: without one, nothing is created or migrated (only the server and `candor keys` make keys).
  const signer = prepareSigner(env);
  await withMigratedDatabase(async (database) => {
    if (!(await isEmptyDatabase(database.prisma))) {
      throw new RefusedError({
        code: 'CONFLICT',
        message: 'the database already holds an organisation; seed only loads into an empty database',
        problems: [],
      });
    }
    await seedSampleData(database.prisma, sampleData(), {
      signer,
      minimumCellSize: env.CANDOR_MIN_CELL_SIZE,
      progress: (message) => progress(`seeded ${message}`),
    });
  });
  emit(flags.json, { seeded: true }, () => ['sample organisation loaded']);
  return 0;
}

export const dbCommands: CommandGroup = {
  name: 'db',
  synopsis: [
    ['db migrate', 'apply pending migrations to DATABASE_URL'],
    ['db seed', 'load the sample organisation into an empty database'],
  ],
  usage: `usage:
  pnpm candor db migrate    apply pending migrations to DATABASE_URL (default: data/candor.db)
  pnpm candor db seed       migrate, then load the fictional sample organisation into an empty
                            database (refused, exit 1, when it already holds one)`,
  run: (argv) => dispatch('db', argv, { migrate, seed }),
};
