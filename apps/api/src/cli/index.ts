/**
 * `pnpm candor <command>`: operator commands. Exit codes: 0 success, 1 failure, 2 usage error.
 */
import { isEmptyDatabase, migrateDatabase, openDatabase, sampleData, seedSampleData } from '@candor/schema';
import { ConfigError, loadEnv } from '../env.js';
import { describeTarget, prepareSigner } from '../startup.js';

const USAGE = `usage: pnpm candor <command>

commands:
  db migrate     apply pending migrations to DATABASE_URL (default: data/candor.db)
  db seed        load the sample organisation into an empty database
  help           show this help
`;

async function run(argv: string[]): Promise<number> {
  const [group, command] = argv;
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    process.stdout.write(USAGE);
    return group === undefined ? 2 : 0;
  }
  const env = loadEnv();
  if (group === 'db' && (command === 'migrate' || command === 'seed')) {
    const database = await openDatabase({ url: env.DATABASE_URL });
    try {
      process.stdout.write(`database: ${describeTarget(database)}\n`);
      process.stdout.write('applying migrations…\n');
      process.stdout.write(await migrateDatabase(database.target));
      if (command === 'seed') {
        if (!(await isEmptyDatabase(database.prisma))) {
          process.stderr.write('the database already holds an organisation; seed only loads into an empty database\n');
          return 1;
        }
        await seedSampleData(database.prisma, sampleData(), {
          signer: prepareSigner(env),
          progress: (message) => process.stdout.write(`seeded ${message}\n`),
        });
        process.stdout.write('sample organisation loaded\n');
      }
      return 0;
    } finally {
      await database.close();
    }
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
