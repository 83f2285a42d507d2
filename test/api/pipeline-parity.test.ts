/**
 * The two adapters of the one request pipeline (apps/api/src/pipeline/): yoga's plugins and the node
 * adapter (apps/api/src/node/graphql-adapter.ts). The same requests are sent, over real sockets, to
 * an instance with the node adapter and to one without it (CANDOR_NODE_ADAPTER=false), over the same
 * database, and the answers must be the same — status, body, and every header but the per-request
 * ones — and so must the counters both instances record. When a stage changes, both adapters change
 * with it; if one drifts, this names the request.
 */
import { type CandorYoga, createCandorYoga, createLogger, createMetrics, type Env, type Metrics } from '@candor/api';
import type { PrismaClient } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
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
  method?: 'GET' | 'POST' | 'PUT' | 'OPTIONS';
  /** POST: the raw body (a string is sent as is; anything else as JSON). */
  body?: unknown;
  /** GET: the query string parameters (objects are sent as JSON). */
  search?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Whether the node adapter answers it (otherwise yoga's adapter does). */
  node: boolean;
  /** Sent this many times in a row (rate limits, cache hits); each answer is compared. */
  times?: number;
  /** Headers only the first answer told (an ETag sent back as If-None-Match on the next ones). */
  revalidate?: boolean;
}

const RESOLVER_ERROR = '{ document(slug: "terms-of-service") { compare(from: "2024-06", to: "2023-03") { from } } }';
const deepVariables = `{"query":"query ($x: String) { segments { key } }","variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`;

const CASES: Case[] = [
  // Queries answered.
  { name: 'a trivial query', body: { query: '{ __typename }' }, node: true },
  {
    name: 'a query with variables',
    body: {
      query: 'query Doc($slug: String!) { document(slug: $slug) { title } }',
      variables: { slug: 'terms-of-service' },
    },
    node: true,
  },
  {
    name: 'an unused variable (a cache-busting one)',
    body: { query: '{ organization { name } }', variables: { bust: 'x1' } },
    node: true,
  },
  {
    name: 'an operation selected by name',
    body: { query: 'query A { __typename } query B { segments { key } }', operationName: 'B' },
    node: true,
  },
  { name: 'a repeated query (miss, then hits)', body: { query: '{ segments { key name } }' }, node: true, times: 3 },
  {
    name: 'a repeated GET without a CSRF header (miss, hits, then 304s)',
    method: 'GET',
    search: { query: '{ segments { name description } }' },
    node: true,
    times: 4,
    revalidate: true,
  },
  {
    name: 'a GET by persisted hash-less document with variables',
    method: 'GET',
    search: {
      query: 'query Doc($slug: String!) { document(slug: $slug) { title } }',
      variables: { slug: 'privacy-statement' },
    },
    node: true,
    times: 2,
  },
  { name: 'an error raised by a resolver', body: { query: RESOLVER_ERROR }, node: true },
  {
    name: 'a malformed cursor (a masked Pothos error)',
    body: {
      query: '{ document(slug: "terms-of-service") { versions(first: 1, after: "nonsense") { edges { cursor } } } }',
    },
    node: true,
  },
  {
    name: 'errors asked for as application/graphql-response+json',
    body: { query: RESOLVER_ERROR },
    headers: { accept: 'application/graphql-response+json' },
    node: true,
  },
  {
    name: 'a query with a foreign Origin',
    body: { query: '{ __typename }' },
    headers: { origin: 'https://elsewhere.example' },
    node: true,
  },
  {
    name: 'a query from the editor origin',
    body: { query: '{ __typename }' },
    headers: { origin: EDITOR },
    node: true,
  },
  { name: 'an introspection query', body: { query: '{ __schema { queryType { name } } }' }, node: true },
  {
    name: 'a slug quoted back at most ~100 characters',
    body: { query: 'query ($s: String!) { document(slug: $s) { title } }', variables: { s: 'x'.repeat(5000) } },
    node: true,
  },
  // Refusals, each with its code and the request id.
  {
    name: 'a query over the alias limit',
    body: { query: '{ a: __typename b: __typename c: __typename }' },
    node: true,
  },
  {
    name: 'a flood of unknown directives (one limit error, before validation)',
    body: { query: `{ __typename ${'@nope '.repeat(200)}}` },
    node: true,
  },
  { name: 'a validation error', body: { query: '{ organization { nope } }' }, node: true },
  { name: 'a syntax error', body: { query: '{ organization {' }, node: true },
  { name: 'a document over the token limit', body: { query: `{ ${'__typename '.repeat(1001)}}` }, node: true },
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', node: true },
  { name: 'a JSON array', body: '[{"query": "{ __typename }"}]', node: true },
  { name: 'an unknown parameter', body: { query: '{ __typename }', extra: 1 }, node: true },
  { name: 'a non-string operationName', body: { query: '{ __typename }', operationName: { a: 1 } }, node: true },
  { name: 'variables that are not an object', body: { query: '{ __typename }', variables: [1] }, node: true },
  { name: 'variables nested 5,000 deep', body: deepVariables, node: true },
  {
    name: 'variables that do not coerce',
    body: { query: 'query ($slug: String!) { document(slug: $slug) { title } }', variables: { slug: 7 } },
    node: true,
  },
  { name: 'an unknown operation name', body: { query: '{ __typename }', operationName: 'Nope' }, node: true },
  { name: 'no query', body: { variables: {} }, node: true },
  {
    name: 'an unknown persisted hash',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
    node: true,
  },
  {
    name: 'a GET with variables that are not JSON',
    method: 'GET',
    search: { query: '{ __typename }', variables: '{nope' },
    node: true,
  },
  {
    name: 'a mutation over GET',
    method: 'GET',
    search: { query: 'mutation { revokeToken(prefix: "x") { revoked } }' },
    node: true,
  },
  {
    name: 'an anonymous mutation (refused as data, audited)',
    body: { query: 'mutation { createDraft(markdown: "x") { error { code } } }' },
    node: true,
  },
  {
    name: 'a mutation from a foreign origin',
    body: { query: 'mutation { createDraft(markdown: "x") { error { code } } }' },
    headers: { origin: 'https://elsewhere.example' },
    node: true,
  },
  {
    name: 'a body over CANDOR_MAX_BODY_BYTES',
    body: { query: `{ __typename } # ${'x'.repeat(MAX_BODY_BYTES)}` },
    node: true,
  },
  // What only yoga's adapter serves: the node adapter hands it over before reading anything.
  { name: 'a bad token', body: { query: '{ __typename }' }, headers: { authorization: 'Bearer nope' }, node: false },
  {
    name: 'a text/plain POST without a CSRF header',
    body: '{"query":"{ __typename }"}',
    headers: { 'content-type': 'text/plain' },
    node: false,
  },
  {
    name: 'an XML POST with a CSRF header',
    body: '<query/>',
    headers: { 'content-type': 'application/xml', 'x-graphql-yoga-csrf': '1' },
    node: false,
  },
  { name: 'a PUT', method: 'PUT', body: '{}', node: false },
  {
    name: 'a CORS preflight',
    method: 'OPTIONS',
    headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    node: false,
  },
];

/**
 * Two instances over the test API's database, with and without the node adapter, each listening,
 * and `compare`, which sends a case to both (same client address, same request id) and requires the
 * same answers, and that the node adapter answered it exactly when the case says it should.
 */
function useAdapterPair(api: { current: TestApi }, env: (node: boolean) => Partial<Env>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const metrics: Record<'node' | 'yoga', Metrics> = { node: createMetrics(), yoga: createMetrics() };
  const withNode = useInstance(api, env(true), { logger, metrics: metrics.node });
  const yogaOnly = useInstance(api, env(false), { logger: createLogger('silent'), metrics: metrics.yoga });
  const servers = {
    node: useListeningServer(() => withNode.current),
    yoga: useListeningServer(() => yogaOnly.current),
  };
  const answeredByNode = () => lines.filter((line) => line.msg === 'request' && line.adapter === 'node').length;

  let client = 0;
  const nextClient = () => `198.51.100.${++client}`;
  const exchange = async (
    server: 'node' | 'yoga',
    sent: Case,
    ip: string,
    requestId: string,
    extra: Record<string, string> = {},
  ): Promise<Exchange> => {
    const method = sent.method ?? (sent.search === undefined ? 'POST' : 'GET');
    const search = new URLSearchParams(
      Object.entries(sent.search ?? {}).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    ).toString();
    const hasBody = method === 'POST' || method === 'PUT';
    const response = await fetch(`${servers[server].current.url}/graphql${search === '' ? '' : `?${search}`}`, {
      method,
      headers: {
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        'x-forwarded-for': ip,
        'x-request-id': requestId,
        ...sent.headers,
        ...extra,
      },
      body: hasBody ? (typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body)) : undefined,
    });
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST.has(name)));
    return { status: response.status, body: await response.text(), headers };
  };

  const compare = async (sent: Case, times = sent.times ?? 1) => {
    const ip = nextClient();
    let etag: string | undefined;
    for (let round = 1; round <= times; round += 1) {
      const requestId = `parity-${ip}-${round}`;
      const extra: Record<string, string> = sent.revalidate && etag !== undefined ? { 'if-none-match': etag } : {};
      const before = answeredByNode();
      const viaNode = await exchange('node', sent, ip, requestId, extra);
      const answered = answeredByNode() - before;
      const viaYoga = await exchange('yoga', sent, ip, requestId, extra);
      expect(viaNode, `${sent.name}, request ${round}`).toEqual(viaYoga);
      expect(answered, `${sent.name}: answered by the node adapter`).toBe(sent.node ? 1 : 0);
      if (round === 2 && sent.revalidate) etag = viaNode.headers.etag;
      if (viaNode.status >= 400) {
        const body = JSON.parse(viaNode.body) as { errors?: { extensions?: Record<string, unknown> }[] };
        for (const error of body.errors ?? []) {
          expect(error.extensions?.requestId, `${sent.name}: request id`).toBe(requestId);
          expect(typeof error.extensions?.code, `${sent.name}: code`).toBe('string');
        }
      }
    }
  };

  beforeAll(async () => {
    // Both instances start with a warm schema and documents: nothing else differs between them.
    await compare({ name: 'warm-up', body: { query: '{ __typename }' }, node: true });
  });
  return { compare, exchange, nextClient, metrics };
}

describe.each(STATE_PROVIDERS)('the node adapter against yoga’s (%s)', (provider) => {
  const api = useTestApi();
  const { compare, exchange, nextClient, metrics } = useAdapterPair(api, (node) => ({
    ...stateEnv(provider),
    CANDOR_RESPONSE_CACHE: true,
    CANDOR_RATE_LIMIT_POINTS: RATE_LIMIT_POINTS,
    CANDOR_RATE_LIMIT_TOKEN_POINTS: 1000,
    CANDOR_TRUST_PROXY: true,
    CANDOR_MAX_BODY_BYTES: MAX_BODY_BYTES,
    CANDOR_EDITOR_ORIGINS: [EDITOR],
    CANDOR_MAX_ALIASES: 2,
    CANDOR_NODE_ADAPTER: node,
  }));

  for (const sent of CASES) {
    it(`answers ${sent.name} alike`, async () => {
      await compare(sent);
    });
  }

  it('charges alike, and refuses alike once the budget is spent (429 before parsing)', async () => {
    const ip = nextClient();
    const sent: Case = { name: 'budget', body: { query: '{ __typename }' }, node: true };
    let refusedAt = 0;
    for (let round = 1; round <= RATE_LIMIT_POINTS + 2 && refusedAt === 0; round += 1) {
      const body = { query: '{ __typename }', variables: { n: round } };
      const viaNode = await exchange('node', { ...sent, body }, ip, `parity-budget-${round}`);
      const viaYoga = await exchange('yoga', { ...sent, body }, ip, `parity-budget-${round}`);
      expect(viaNode, `request ${round}`).toEqual(viaYoga);
      if (viaNode.status === 429) refusedAt = round;
    }
    expect(refusedAt).toBeGreaterThan(1);
    // Spent: even a document that does not parse is refused with 429, not 400.
    const garbage = { ...sent, body: { query: '{ this is not graphql' } };
    const viaNode = await exchange('node', garbage, ip, 'parity-budget-garbage');
    expect(viaNode).toEqual(await exchange('yoga', garbage, ip, 'parity-budget-garbage'));
    expect(viaNode.status).toBe(429);
  });

  it('answers an authenticated request through yoga on both instances alike', async () => {
    // Set up through a third instance (the test API's), so the pair's counters stay alike.
    const tokens: EditorTokens = await setUpEditors(api.current);
    await compare({
      name: 'with a token',
      body: { query: '{ viewer { email } }' },
      headers: { authorization: `Bearer ${tokens.editor}` },
      node: false,
      times: 2,
    });
  });

  it('leaves both instances with the same request, error, cache, limit and rate-limit counters', async () => {
    const counted = async (registry: Metrics) =>
      (await registry.registry.metrics())
        .split('\n')
        .filter((line) =>
          /^candor_(http_requests_total|graphql_errors_total|response_cache_total|rate_limit|query_limit)/.test(line),
        )
        .sort();
    expect(await counted(metrics.node)).toEqual(await counted(metrics.yoga));
  });
});

describe('the node adapter against yoga’s, with introspection and the response cache off', () => {
  const api = useTestApi();
  const { compare } = useAdapterPair(api, (node) => ({ CANDOR_INTROSPECTION: false, CANDOR_NODE_ADAPTER: node }));
  const cases: Case[] = [
    { name: 'a trivial query', body: { query: '{ __typename }' }, node: true },
    {
      name: 'a repeated query (no cache: executed each time)',
      body: { query: '{ segments { key } }' },
      node: true,
      times: 2,
    },
    { name: 'a schema introspection query', body: { query: '{ __schema { queryType { name } } }' }, node: true },
    { name: 'a type introspection query', body: { query: '{ __type(name: "Query") { name } }' }, node: true },
    {
      name: 'a repeated GET (no cache: tagged, 304 on revalidation)',
      search: { query: '{ segments { key } }' },
      node: true,
      times: 3,
      revalidate: true,
    },
    { name: 'an error raised by a resolver', body: { query: RESOLVER_ERROR }, node: true },
  ];
  for (const sent of cases) {
    it(`answers ${sent.name} alike`, async () => {
      await compare(sent);
    });
  }
});

describe('the node adapter against yoga’s, on a failing database', () => {
  const api = useTestApi();
  const lines: Record<string, unknown>[] = [];
  const instances = {} as Record<'node' | 'yoga', CandorYoga>;
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
    for (const [name, node] of [
      ['node', true],
      ['yoga', false],
    ] as const) {
      instances[name] = createCandorYoga({
        database: { ...api.current.database, prisma: failing },
        env: { ...TEST_ENV, CANDOR_NODE_ADAPTER: node },
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
    node: useListeningServer(() => instances.node),
    yoga: useListeningServer(() => instances.yoga),
  };

  it('masks the error alike, with the request id, and logs the detail on both adapters', async () => {
    const answers: Exchange[] = [];
    for (const server of ['node', 'yoga'] as const) {
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
    expect(lines.filter((line) => line.msg === 'request' && line.adapter === 'node')).toHaveLength(1);
    for (const server of ['node', 'yoga']) {
      const logged = lines.filter((line) => line.msg === 'unexpected error' && line.requestId === `masked-${server}`);
      expect(logged.length, server).toBeGreaterThan(0);
      expect(JSON.stringify(logged), server).toContain('secret-detail');
    }
  });
});
