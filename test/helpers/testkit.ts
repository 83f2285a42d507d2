import {
  type CandorYoga,
  createCandorYoga,
  createLogger,
  type Env,
  type Logger,
  listen,
  type RunningServer,
} from '@candor/api';
import { signerFromPem } from '@candor/schema';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.js';
import { TEST_NOW } from './providers.js';

export interface TestApi {
  database: TestDatabase;
  yoga: CandorYoga;
  /** Runs a query in-process (yoga.fetch, no port) and returns the raw result. */
  request(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult<Record<string, unknown>>>;
  /** Like request, but fails the test loudly on any GraphQL error. */
  execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Moves the API's clock. */
  setNow(now: Date): void;
}

export interface TestApiOptions {
  minimumCellSize?: number;
  /** Settings over the test defaults (TEST_ENV), e.g. to switch rate limits or the cache back on. */
  env?: Partial<Env>;
}

/**
 * Rate limits and the response cache are off by default in tests: every in-process request shares
 * one `unknown` IP budget, and many tests write to the database behind the API's back or count SQL
 * statements, which a cached answer would hide. Their own tests switch them on (test/api/rate-limit,
 * http-caching, …).
 */
export const TEST_ENV: Partial<Env> = {
  CANDOR_RATE_LIMIT_POINTS: 0,
  CANDOR_RATE_LIMIT_TOKEN_POINTS: 0,
  CANDOR_RESPONSE_CACHE: false,
};

/** The run's signer: the key the template's checkpoint was signed with. */
export const testSigner = () => signerFromPem(inject('signingKeyPem'));

/** Builds an API over a fresh copy of the seeded database for one test file. */
export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  let now = TEST_NOW;
  const yoga = createCandorYoga({
    database,
    env: { ...TEST_ENV, CANDOR_MIN_CELL_SIZE: options.minimumCellSize ?? 10, CANDOR_GRAPHIQL: true, ...options.env },
    clock: () => now,
    logger: createLogger('silent'),
    signer: testSigner(),
  });
  const request: TestApi['request'] = async (query, variables) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as ExecutionResult<Record<string, unknown>>;
  };
  return {
    database,
    yoga,
    request,
    execute: async <T>(query: string, variables?: Record<string, unknown>) => {
      const result = await request(query, variables);
      if (result.errors !== undefined && result.errors.length > 0) {
        throw new Error(`GraphQL errors:\n${JSON.stringify(result.errors, null, 2)}`);
      }
      return result.data as T;
    },
    setNow: (value) => {
      now = value;
    },
  };
}

/** Registers a TestApi for the enclosing test file; read `.current` inside tests. */
export function useTestApi(options: TestApiOptions = {}): { current: TestApi } {
  const holder = {} as { current: TestApi };
  beforeAll(async () => {
    holder.current = await createTestApi(options);
  });
  afterAll(async () => {
    await holder.current?.database.destroy();
  });
  return holder;
}

/** The first error's code, for asserting expected failures. */
export const errorCode = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;

/**
 * Serves an instance on a free port of 127.0.0.1 for the enclosing file or describe block (tests of
 * what only a real socket shows: chunked bodies, peer addresses, the fast path, the CLI). Read
 * `.current.url` inside tests.
 */
export function useListeningServer(
  yoga: () => CandorYoga,
  options: { logger?: Logger; graceSeconds?: number } = {},
): { current: RunningServer } {
  const holder = {} as { current: RunningServer };
  beforeAll(async () => {
    holder.current = await listen(yoga(), {
      host: '127.0.0.1',
      port: 0,
      graceSeconds: options.graceSeconds ?? 1,
      logger: options.logger ?? createLogger('silent'),
    });
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}
