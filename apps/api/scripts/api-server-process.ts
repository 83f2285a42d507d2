/**
 * Starts the real API (`src/main.ts`, as `pnpm start` runs it) as a child process on a free port,
 * for scripts that load it from outside: `pnpm load` and `pnpm bench`. The child is node itself
 * (`node --import tsx`), not tsx's CLI wrapper, so its pid is the process that serves requests:
 * benchmarks read its CPU time and peak memory from /proc/<pid>.
 *
 * Without `databaseUrl` it gets a fresh SQLite file in its own temporary directory, migrated and
 * seeded with the sample organisation on start. Rate limiting is always switched off: these runs
 * measure the server, not its abuse limits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ApiServerOptions {
  /** DATABASE_URL; unset means a fresh SQLite file in the server's temporary directory. */
  databaseUrl?: string;
  /** LOG_LEVEL of the server (default info). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** More variables; they win over the defaults. */
  env?: Record<string, string>;
  /** How long to wait for the 'listening' line (default 60 s: tsx compiles on the first start). */
  startTimeoutMs?: number;
}

export interface ApiServer {
  /** http://127.0.0.1:<port>, without /graphql. */
  url: string;
  /** The node process that serves requests. */
  pid: number;
  /** The temporary directory holding the server's log (and its SQLite file when it made one). */
  directory: string;
  /** Log lines at level error so far. */
  errorLines(): number;
  /** SIGTERM (SIGKILL after `graceMs`), then removes the temporary directory; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const apiRoot = fileURLToPath(new URL('../', import.meta.url));

/** A port free right now: the OS picks it for a throwaway listener. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Polls /healthz until it answers: how to know the server is up when its log hides the 'listening' line. */
async function waitForHealth(url: string, stillRunning: () => boolean): Promise<void> {
  while (stillRunning()) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const logLevel = options.logLevel ?? 'info';
  // Above info the 'listening' line (and its port) is not logged: choose the port here instead.
  const quiet = logLevel !== 'info' && logLevel !== 'debug';
  const port = quiet ? await freePort() : 0;
  const directory = mkdtempSync(join(tmpdir(), 'candor-api-'));
  const log = createWriteStream(join(directory, 'server.log'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(apiRoot, 'src/main.ts')], {
    cwd: apiRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl ?? `file:${join(directory, 'candor.db')}`,
      CANDOR_DATA_DIR: directory,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: logLevel,
      CANDOR_BUILD_SITE_ON_START: 'false',
      CANDOR_SITE_DIR: 'off',
      CANDOR_RATE_LIMIT_POINTS: 'off',
      CANDOR_RATE_LIMIT_TOKEN_POINTS: 'off',
      ...options.env,
    },
  });
  let errors = 0;
  let exited = false;
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exited = true;
      log.end();
      resolve(code);
    });
  });
  const removeDirectory = () => rmSync(directory, { recursive: true, force: true });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not listen within ${options.startTimeoutMs ?? 60_000} ms (log: ${log.path})`));
    }, options.startTimeoutMs ?? 60_000);
    if (quiet) {
      const url = `http://127.0.0.1:${port}`;
      void waitForHealth(url, () => !exited).then(() => {
        clearTimeout(timer);
        resolve(url);
      });
    }
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code} before listening (log: ${log.path})`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      log.write(`${line}\n`);
      try {
        const entry = JSON.parse(line) as { msg?: string; level?: string; graphql?: string };
        if (entry.level === 'error') errors += 1;
        if (entry.msg === 'listening' && entry.graphql !== undefined) {
          clearTimeout(timer);
          resolve(entry.graphql.replace(/\/graphql$/, ''));
        }
      } catch {}
    });
  }).catch((error: unknown) => {
    removeDirectory();
    throw error;
  });
  return {
    url,
    pid: child.pid ?? -1,
    directory,
    errorLines: () => errors,
    stop: async (graceMs = 15_000) => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exit;
        clearTimeout(timer);
      }
      removeDirectory();
      return exit;
    },
  };
}
