/**
 * `pnpm generate`: composes the per-provider schemas and generates both Prisma clients and the
 * Pothos types. Prisma 6.19 resolves env("DATABASE_URL") while reading a schema even for
 * `generate` (and silently falls back to downloading a native engine when it cannot), so each
 * run gets a placeholder URL of the right provider; generation never connects.
 */
import { execFileSync } from 'node:child_process';
import { composeAll } from './compose-schemas.js';
import { PROVIDERS, packageRoot, prismaConfigPath } from './paths.js';

const placeholderUrl = {
  sqlite: 'file:./generate-placeholder.db',
  postgresql: 'postgresql://generate@localhost/placeholder',
} as const;

composeAll();
for (const provider of PROVIDERS) {
  process.stdout.write(`generating the ${provider} client…\n`);
  execFileSync('prisma', ['generate', '--no-hints', '--config', prismaConfigPath(provider)], {
    cwd: packageRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: placeholderUrl[provider], PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
