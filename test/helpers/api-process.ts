/**
 * The real API as a child process — `apps/api/src/main.ts` through tsx, as `pnpm start` runs it —
 * for tests that need what an in-process yoga cannot give: signals, a killed process, a restart,
 * two instances side by side. The server is node itself (`node --import tsx`), not tsx's CLI
 * wrapper, so SIGKILL hits the process that holds the database connections.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { scratchDirectory, TEST_NOW } from './providers.js';

const apiDirectory = fileURLToPath(new URL('../../apps/api/', import.meta.url));

export interface LogLine {
  msg: string;
  level: string;
  [field: string]: unknown;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

export interface ApiProcess {
  /** http://127.0.0.1:<port>, learnt from the 'listening' log line. */
  url: string;
  pid: number;
  /** Every JSON log line so far (stdout), in order. */
  logs: LogLine[];
  /** stderr and any stdout line that was not JSON. */
  otherOutput: string[];
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(match: string | ((line: LogLine) => boolean), timeoutMs?: number): Promise<LogLine>;
  /** POSTs a GraphQL request (JSON), with a bearer token when given. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

export interface ApiProcessOptions {
  databaseUrl: string;
  /** More variables (CANDOR_FAULT_*, REDIS_URL, …); they win over the defaults below. */
  env?: Record<string, string>;
  /** How long to wait for 'listening' (default 30 s: tsx compiles on the first start). */
  startTimeoutMs?: number;
}

/** Every process started, so a test file's afterAll can stop whatever a failed test left running. */
const running = new Set<ApiProcess>();

export async function stopAllApiProcesses(): Promise<void> {
  await Promise.all([...running].map((api) => api.stop()));
}

export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  mkdirSync(scratchDirectory(), { recursive: true });
  // A small, explicit environment: nothing of vitest's (NODE_ENV=test …) leaks into the server.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    CANDOR_NOW: TEST_NOW.toISOString(),
    CANDOR_SIGNING_KEY: inject('signingKeyPem'),
    CANDOR_DATA_DIR: scratchDirectory(),
    CANDOR_BUILD_SITE_ON_START: 'false',
    CANDOR_SITE_DIR: 'off',
    // The copy is of a migrated, seeded template: skip `prisma migrate deploy` (seconds per start).
    CANDOR_MIGRATE_ON_START: 'false',
    CANDOR_SEED_ON_EMPTY: 'false',
    CANDOR_SHUTDOWN_GRACE_SECONDS: '10',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDirectory,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  const onLine = (text: string) => {
    let line: LogLine | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) line = parsed as LogLine;
    } catch {
      // not JSON: kept as other output
    }
    if (line === null) {
      otherOutput.push(text);
      return;
    }
    logs.push(line);
    for (const waiter of waiters) {
      if (waiter.match(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  };
  splitLines(child, 'stdout', onLine);
  splitLines(child, 'stderr', (text) => otherOutput.push(text));

  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
  });

  const describe = () => `\nlogs:\n${logs.map((l) => JSON.stringify(l)).join('\n')}\nother:\n${otherOutput.join('\n')}`;
  const waitForLog: ApiProcess['waitForLog'] = (match, timeoutMs = 15_000) => {
    const predicate = typeof match === 'string' ? (line: LogLine) => line.msg === match : match;
    const past = logs.find(predicate);
    if (past !== undefined) return Promise.resolve(past);
    return new Promise<LogLine>((resolve, reject) => {
      const waiter = { match: predicate, resolve };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`No log line ${String(match)} within ${timeoutMs} ms${describe()}`));
      }, timeoutMs);
      waiter.resolve = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
      waiters.add(waiter);
      void exited.then(() => {
        if (!waiters.has(waiter)) return;
        waiters.delete(waiter);
        clearTimeout(timer);
        reject(new Error(`The API exited before logging ${String(match)}${describe()}`));
      });
    });
  };

  const signal = (name: NodeJS.Signals) => {
    if (!hasExited) child.kill(name);
  };
  const stop = async (graceMs = 15_000) => {
    if (!hasExited) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    running.delete(api);
  };

  const api: ApiProcess = {
    url: '',
    pid: child.pid ?? -1,
    logs,
    otherOutput,
    waitForLog,
    graphql: (query, variables, requestOptions = {}) =>
      postGraphQL(api.url, query, variables, requestOptions.token, requestOptions.headers),
    signal,
    exited,
    stop,
  };
  running.add(api);
  try {
    const listening = await waitForLog('listening', options.startTimeoutMs ?? 30_000);
    api.url = String(listening.graphql).replace(/\/graphql$/, '');
  } catch (error) {
    await stop(1000);
    throw error;
  }
  return api;
}

function splitLines(child: ChildProcess, stream: 'stdout' | 'stderr', onLine: (line: string) => void) {
  let buffered = '';
  child[stream]?.setEncoding('utf8');
  child[stream]?.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() !== '') onLine(line);
      newline = buffered.indexOf('\n');
    }
  });
  child[stream]?.on('end', () => {
    if (buffered.trim() !== '') onLine(buffered);
  });
}

export async function postGraphQL<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLResponse<T>['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    throw new Error(`Not JSON (HTTP ${response.status}): ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, body };
}
