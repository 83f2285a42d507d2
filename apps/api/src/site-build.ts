import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { repositoryRoot } from '@candor/schema';
import type { Env } from './env.js';
import type { Logger } from './logger.js';

export const siteDirectory = join(repositoryRoot, 'apps', 'site');
export const defaultSiteOutput = join(siteDirectory, 'dist');

/**
 * Builds the static site from the database the API uses (the same GraphQL schema, in-process),
 * streaming the build's progress into the log. Used by `pnpm start`; `pnpm site:build` runs the
 * same build by hand after a publish.
 */
export async function buildSite(env: Env, logger: Logger): Promise<boolean> {
  logger.info('building the site', { directory: siteDirectory });
  const started = Date.now();
  const child = spawn('pnpm', ['run', 'build'], {
    cwd: siteDirectory,
    env: {
      ...process.env,
      // The build reads the database and key the server prepared a moment ago (migrated, seeded
      // when empty, key made on first start): it creates none of them itself.
      ...(env.DATABASE_URL === undefined ? {} : { DATABASE_URL: env.DATABASE_URL }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (stream: NodeJS.ReadableStream, level: 'info' | 'warn') => {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines)
        if (line.trim() !== '') logger[level]('site build', { line: stripVTControlCharacters(line) });
    });
  };
  forward(child.stdout, 'info');
  forward(child.stderr, 'warn');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (code === 0) {
    logger.info('site built', { seconds });
    return true;
  }
  logger.error('site build failed; the API still serves GraphQL', { exitCode: code, seconds });
  return false;
}

export const siteIsBuilt = (output: string) => existsSync(join(output, 'index.html'));
