import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
