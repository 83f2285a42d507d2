/**
 * The node-level POST path (apps/api/src/post-path/) against yoga alone: the same requests are sent,
 * over real sockets, to an instance with the path and to one without it (CANDOR_POST_FAST_PATH=false),
 * over the same database, and the answers must be the same — status, body, and every header but
 * the per-request ones — and so must the counters both instances record. A differential test, so
 * the two paths cannot drift apart without it failing: when one changes, this names the request.
 */
import { type CandorYoga, createCandorYoga, createLogger, createMetrics, type Env, type Metrics } from '@candor/api';
import type { PrismaClient } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { STATE_PROVIDERS, stateEnv, useInstance } from '../helpers/shared-state.js';
import { TEST_ENV, type TestApi, testSigner, useListeningServer, useTestApi } from '../helpers/testkit.js';

const RATE_LIMIT_POINTS = 40;
const MAX_BODY_BYTES = 4096;
const EDITOR = 'https://editor.example';

/** Headers that belong to one request or connection. */
const PER_REQUEST = new Set([
  'date',
  'traceparent',
  'ratelimit-reset',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

interface Exchange {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface Case {
  name: string;
  /** The raw body (a string is sent as is; anything else as JSON). */
  body: unknown;
  headers?: Record<string, string>;
  method?: string;
  /** Whether the POST path answers it (otherwise it hands it to yoga). */
  handled: boolean;
  /** Sent this many times in a row (rate limits, cache hits); each answer is compared. */
  times?: number;
}

const CASES: Case[] = [
  { name: 'a trivial query', body: { query: '{ __typename }' }, handled: true },
  {
    name: 'a query with variables',
    body: {
      query: 'query Doc($slug: String!) { document(slug: $slug) { title } }',
      variables: { slug: 'terms-of-service' },
    },
    handled: true,
  },
  {
    name: 'an unused variable (a cache-busting one)',
    body: { query: '{ organization { name } }', variables: { bust: 'x1' } },
    handled: true,
  },
  {
    name: 'an operation selected by name',
    body: { query: 'query A { __typename } query B { segments { key } }', operationName: 'B' },
    handled: true,
  },
  {
    name: 'a repeated query (miss, then hits)',
    body: { query: '{ segments { key name } }' },
    handled: true,
    times: 3,
  },
  {
    name: 'an error raised by a resolver',
    body: { query: '{ document(slug: "terms-of-service") { compare(from: "2024-06", to: "2023-03") { from } } }' },
    handled: true,
  },
  {
    name: 'a malformed cursor (a masked Pothos error)',
    body: {
      query: '{ document(slug: "terms-of-service") { versions(first: 1, after: "nonsense") { edges { cursor } } } }',
    },
    handled: true,
  },
  {
    name: 'errors asked for as application/graphql-response+json',
    body: { query: '{ document(slug: "terms-of-service") { compare(from: "2024-06", to: "2023-03") { from } } }' },
    headers: { accept: 'application/graphql-response+json' },
    handled: true,
  },
  {
    name: 'a query with a foreign Origin',
    body: { query: '{ __typename }' },
    headers: { origin: 'https://elsewhere.example' },
    handled: false,
  },
  {
    name: 'a query from the editor origin',
    body: { query: '{ __typename }' },
    headers: { origin: EDITOR },
    handled: false,
  },
  { name: 'an introspection query', body: { query: '{ __schema { queryType { name } } }' }, handled: true },
  {
    name: 'a query over the alias limit',
    body: { query: '{ a: __typename b: __typename c: __typename }' },
    handled: false,
  },
  { name: 'a validation error', body: { query: '{ organization { nope } }' }, handled: false },
  { name: 'a syntax error', body: { query: '{ organization {' }, handled: false },
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', handled: false },
  { name: 'a JSON array', body: '[{"query": "{ __typename }"}]', handled: false },
  { name: 'an unknown parameter', body: { query: '{ __typename }', extra: 1 }, handled: false },
  { name: 'variables that are not an object', body: { query: '{ __typename }', variables: [1] }, handled: false },
  {
    name: 'variables that do not coerce',
    body: { query: 'query ($slug: String!) { document(slug: $slug) { title } }', variables: { slug: 7 } },
    handled: false,
  },
  { name: 'an unknown operation name', body: { query: '{ __typename }', operationName: 'Nope' }, handled: false },
  { name: 'no query', body: { variables: {} }, handled: false },
  {
    name: 'an unknown persisted hash',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
    handled: false,
  },
  {
    name: 'an anonymous mutation',
    body: { query: 'mutation { createDraft(markdown: "x") { error { code } } }' },
    handled: false,
  },
  {
    name: 'a body over CANDOR_MAX_BODY_BYTES',
    body: { query: `{ __typename } # ${'x'.repeat(MAX_BODY_BYTES)}` },
    handled: false,
  },
  { name: 'a bad token', body: { query: '{ __typename }' }, headers: { authorization: 'Bearer nope' }, handled: false },
  {
    name: 'a CORS preflight',
    method: 'OPTIONS',
    body: '',
    headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    handled: false,
  },
];

/**
 * Two instances over the test API's database, with and without the POST path, each listening, and
 * `compare`, which sends a case to both (same client address, same request id) and requires the
 * same answers, and that the POST path answered it exactly when the case says it should.
 */
function useDifferentialPair(api: { current: TestApi }, env: (postPath: boolean) => Partial<Env>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const metrics: Record<'path' | 'yoga', Metrics> = { path: createMetrics(), yoga: createMetrics() };
  const withPath = useInstance(api, env(true), { logger, metrics: metrics.path });
  const yogaOnly = useInstance(api, env(false), { logger: createLogger('silent'), metrics: metrics.yoga });
  const servers = {
    path: useListeningServer(() => withPath.current),
    yoga: useListeningServer(() => yogaOnly.current),
  };
  const answeredByPath = () => lines.filter((line) => line.cache === 'post-path').length;

  let client = 0;
  const nextClient = () => `198.51.100.${++client}`;
  const exchange = async (server: 'path' | 'yoga', sent: Case, ip: string, requestId: string): Promise<Exchange> => {
    const method = sent.method ?? 'POST';
    const response = await fetch(`${servers[server].current.url}/graphql`, {
      method,
      headers: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        'x-forwarded-for': ip,
        'x-request-id': requestId,
        ...sent.headers,
      },
      body: method === 'POST' ? (typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body)) : undefined,
    });
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST.has(name)));
    return { status: response.status, body: await response.text(), headers };
  };

  const compare = async (sent: Case, times = sent.times ?? 1) => {
    const ip = nextClient();
    for (let round = 1; round <= times; round += 1) {
      const requestId = `post-path-${ip}-${round}`;
      const before = answeredByPath();
      const viaPath = await exchange('path', sent, ip, requestId);
      const answered = answeredByPath() - before;
      const viaYoga = await exchange('yoga', sent, ip, requestId);
      expect(viaPath, `${sent.name}, request ${round}`).toEqual(viaYoga);
      expect(answered, `${sent.name}: answered by the POST path`).toBe(sent.handled ? 1 : 0);
    }
  };

  beforeAll(async () => {
    // Both instances start with a warm schema and documents: nothing else differs between them.
    await compare({ name: 'warm-up', body: { query: '{ __typename }' }, handled: true });
  });
  return { compare, exchange, nextClient, metrics };
}

describe.each(STATE_PROVIDERS)('POST path against yoga alone (%s)', (provider) => {
  const api = useTestApi();
  const { compare, exchange, nextClient, metrics } = useDifferentialPair(api, (postPath) => ({
    ...stateEnv(provider),
    CANDOR_RESPONSE_CACHE: true,
    CANDOR_RATE_LIMIT_POINTS: RATE_LIMIT_POINTS,
    CANDOR_TRUST_PROXY: true,
    CANDOR_MAX_BODY_BYTES: MAX_BODY_BYTES,
    CANDOR_EDITOR_ORIGINS: [EDITOR],
    CANDOR_MAX_ALIASES: 2,
    CANDOR_POST_FAST_PATH: postPath,
  }));

  for (const sent of CASES) {
    it(`answers ${sent.name} as yoga does`, async () => {
      await compare(sent);
    });
  }

  it('answers rate-limited requests as yoga does: charged alike, refused by yoga with the same 429', async () => {
    const ip = nextClient();
    // Each request costs 1 point: the budget runs out after RATE_LIMIT_POINTS.
    const sent: Case = { name: 'rate-limited', body: { query: '{ __typename }' }, handled: true };
    for (let round = 1; round <= RATE_LIMIT_POINTS + 2; round += 1) {
      const requestId = `post-path-limit-${round}`;
      const body = { query: '{ __typename }', variables: { n: round } };
      const viaPath = await exchange('path', { ...sent, body }, ip, requestId);
      const viaYoga = await exchange('yoga', { ...sent, body }, ip, requestId);
      expect(viaPath, `request ${round}`).toEqual(viaYoga);
      expect(viaPath.status).toBe(round <= RATE_LIMIT_POINTS ? 200 : 429);
    }
  });

  it('leaves both instances with the same request, error and cache counters', async () => {
    const counted = async (registry: Metrics) =>
      (await registry.registry.metrics())
        .split('\n')
        .filter((line) =>
          /^candor_(http_requests_total|graphql_errors_total|response_cache_total|rate_limit|query_limit)/.test(line),
        )
        .sort();
    expect(await counted(metrics.path)).toEqual(await counted(metrics.yoga));
  });
});

describe('POST path against yoga alone, with introspection and the response cache off', () => {
  const api = useTestApi();
  const { compare } = useDifferentialPair(api, (postPath) => ({
    CANDOR_INTROSPECTION: false,
    CANDOR_POST_FAST_PATH: postPath,
  }));
  const cases: Case[] = [
    { name: 'a trivial query', body: { query: '{ __typename }' }, handled: true },
    {
      name: 'a repeated query (no cache: executed each time)',
      body: { query: '{ segments { key } }' },
      handled: true,
      times: 2,
    },
    { name: 'a schema introspection query', body: { query: '{ __schema { queryType { name } } }' }, handled: false },
    { name: 'a type introspection query', body: { query: '{ __type(name: "Query") { name } }' }, handled: false },
    {
      name: 'an error raised by a resolver',
      body: { query: '{ document(slug: "terms-of-service") { compare(from: "2024-06", to: "2023-03") { from } } }' },
      handled: true,
    },
  ];
  for (const sent of cases) {
    it(`answers ${sent.name} as yoga does`, async () => {
      await compare(sent);
    });
  }
});

describe('POST path against yoga alone, on a failing database', () => {
  const api = useTestApi();
  const lines: Record<string, unknown>[] = [];
  const instances = {} as Record<'path' | 'yoga', CandorYoga>;
  beforeAll(() => {
    // Every model read fails with a detail that must never reach a client: each answer is a
    // masked, logged unexpected error, whatever the resolvers read.
    const failing = new Proxy(api.current.database.prisma, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof property !== 'string' || property.startsWith('$') || typeof value !== 'object' || value === null) {
          return value;
        }
        return new Proxy(value, { get: () => () => Promise.reject(new Error('disk on fire: secret-detail')) });
      },
    }) as PrismaClient;
    for (const [name, postPath] of [
      ['path', true],
      ['yoga', false],
    ] as const) {
      instances[name] = createCandorYoga({
        database: { ...api.current.database, prisma: failing },
        env: { ...TEST_ENV, CANDOR_POST_FAST_PATH: postPath },
        clock: () => TEST_NOW,
        logger: createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
        signer: testSigner(),
      });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(instances).map((instance) => instance.dispose()));
  });
  const servers = {
    path: useListeningServer(() => instances.path),
    yoga: useListeningServer(() => instances.yoga),
  };

  it('masks the error alike, with the request id, and logs the detail on both paths', async () => {
    const answers: Exchange[] = [];
    for (const server of ['path', 'yoga'] as const) {
      const response = await fetch(`${servers[server].current.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `masked-${server}` },
        body: JSON.stringify({ query: '{ segments { key } organization { name } }' }),
      });
      const text = (await response.text()).replace(`masked-${server}`, 'masked');
      const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST.has(name)));
      answers.push({ status: response.status, body: text, headers: { ...headers, 'x-request-id': 'masked' } });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.body).toContain('INTERNAL_SERVER_ERROR');
    expect(answers[0]?.body).not.toContain('secret-detail');
    expect(lines.filter((line) => line.cache === 'post-path')).toHaveLength(1);
    for (const server of ['path', 'yoga']) {
      const logged = lines.filter((line) => line.msg === 'unexpected error' && line.requestId === `masked-${server}`);
      expect(logged.length, server).toBeGreaterThan(0);
      expect(JSON.stringify(logged), server).toContain('secret-detail');
    }
  });
});
