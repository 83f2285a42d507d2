/**
 * The budget model (ADR 0006, docs/partner-api.md, "Rate limits"): a request pays for what it made the server do —
 * the parse minimum (1 + 1 per started hundred tokens) for anything parsed, one point per started
 * hundred fields it answered, 5 for a mutation, nothing for a cached answer or a 304 — is admitted
 * only while its budget is not spent (checked before anything is parsed), and is never charged an
 * estimated cost it was refused for.
 */
import { connectRedis, createLogger, createMetrics } from '@candor/api';
import { webhookServices } from '@candor/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { counterValue, STATE_PROVIDERS, send, stateEnv, TEST_REDIS_URL, useInstance } from '../helpers/shared-state.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

const IP_POINTS = 40;
const TOKEN_POINTS = 60;
const WINDOW = 600;
/** 6 tokens (1 point to parse); 5 segments × 1 field + the list = 6 fields (1 point): 2 points. */
const SEGMENTS = '{ segments { key } }';
const SEGMENTS_POINTS = 2;

/** A request from a client at `ip` (the instances trust X-Forwarded-For). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

const headersOf = (response: Response) => ({
  limit: response.headers.get('ratelimit-limit'),
  remaining: Number(response.headers.get('ratelimit-remaining')),
  reset: Number(response.headers.get('ratelimit-reset')),
  policy: response.headers.get('ratelimit-policy'),
});

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe.each(STATE_PROVIDERS)('rate limits (%s)', (provider) => {
  const api = useTestApi();
  const metrics = createMetrics();
  const state = stateEnv(provider);
  const yoga = useInstance(
    api,
    {
      ...state,
      CANDOR_RATE_LIMIT_POINTS: IP_POINTS,
      CANDOR_RATE_LIMIT_TOKEN_POINTS: TOKEN_POINTS,
      CANDOR_RATE_LIMIT_WINDOW_SECONDS: WINDOW,
      CANDOR_TRUST_PROXY: true,
      CANDOR_RESPONSE_CACHE: true,
    },
    { metrics },
  );
  let tokens: EditorTokens;
  beforeAll(async () => {
    // Through the test API (no limits): setting up spends nobody's budget here.
    tokens = await setUpEditors(api.current);
  });

  it('sends the RateLimit headers on every GraphQL answer: the parse minimum and the fields answered', async () => {
    const response = await send(yoga.current, { query: SEGMENTS, headers: from('198.51.100.1') });
    expect(response.status).toBe(200);
    const headers = headersOf(response);
    expect(headers).toMatchObject({
      limit: String(IP_POINTS),
      remaining: IP_POINTS - SEGMENTS_POINTS,
      policy: `${IP_POINTS};w=${WINDOW}`,
    });
    expect(headers.reset).toBeGreaterThan(WINDOW - 5);
    expect(headers.reset).toBeLessThanOrEqual(WINDOW);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('answers while the budget lasts, then refuses with 429 RATE_LIMITED and Retry-After, before parsing', async () => {
    const ip = from('198.51.100.2');
    let answered = 0;
    let remaining = IP_POINTS;
    while (remaining > 0) {
      const response = await send(yoga.current, { query: SEGMENTS, variables: { n: answered }, headers: ip });
      expect(response.status).toBe(200);
      remaining = headersOf(response).remaining;
      answered += 1;
    }
    expect(answered).toBe(IP_POINTS / SEGMENTS_POINTS);
    const rejectionsBefore = await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'ip' });
    const refused = await send(yoga.current, { query: SEGMENTS, headers: ip });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as Body;
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(body.errors?.[0]?.extensions?.requestId).toBe(refused.headers.get('x-request-id'));
    expect(body.errors?.[0]?.message).toMatch(new RegExp(`${IP_POINTS} points per ${WINDOW} s`));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('retry-after')).toBe(refused.headers.get('ratelimit-reset'));
    expect(headersOf(refused).remaining).toBe(0);
    expect(await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'ip' })).toBe(
      rejectionsBefore + 1,
    );
    // Refused before parsing: a document that does not parse gets the 429, not a syntax error,
    // and hammering costs nothing more (still 0 remaining, not below).
    const garbage = await send(yoga.current, { query: '{ not graphql at all', headers: ip });
    expect(garbage.status).toBe(429);
    expect(((await garbage.json()) as Body).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Another client is not affected.
    expect((await send(yoga.current, { query: SEGMENTS, headers: from('198.51.100.3') })).status).toBe(200);
  });

  it('charges nothing for a cached answer or a 304', async () => {
    const ip = from('198.51.100.4');
    const query = '{ documents(first: 100) { edges { node { slug current { label } } } } }';
    const miss = await send(yoga.current, { method: 'GET', query, headers: ip });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const afterMiss = headersOf(miss).remaining;
    expect(afterMiss).toBeLessThan(IP_POINTS);
    for (let i = 0; i < 5; i++) {
      const hit = await send(yoga.current, { method: 'GET', query, headers: ip });
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(headersOf(hit).remaining).toBe(afterMiss);
    }
    const notModified = await send(yoga.current, {
      method: 'GET',
      query,
      headers: { ...ip, 'if-none-match': miss.headers.get('etag') ?? '' },
    });
    expect(notModified.status).toBe(304);
    expect(headersOf(notModified).remaining).toBe(afterMiss);
  });

  it('charges a refused query its parse minimum only, never the estimated cost it was refused for', async () => {
    const ip = from('198.51.100.7');
    // Estimated far over CANDOR_MAX_COST: 100 documents × 100 versions × 50 clauses.
    const costly =
      '{ documents(first: 100) { edges { node { versions(first: 100) { edges { node { clauses { key body } } } } } } } }';
    const refused = await send(yoga.current, { query: costly, headers: ip });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Body).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    // 30 tokens: 1 point to parse, and nothing for the cost it did not run.
    expect(headersOf(refused).remaining).toBe(IP_POINTS - 1);
  });

  it('charges a token, not the IP, five points per mutation, and refuses the mutation once spent without running it', async () => {
    const ip = from('198.51.100.5');
    const mutation = 'mutation { createToken(email: "nobody@example.com", name: "x") { error { code } } }';
    // 19 tokens: 1 point to parse, 5 to run.
    const first = await send(yoga.current, { query: mutation, token: tokens.editor, headers: ip });
    expect(first.status).toBe(200);
    expect(headersOf(first)).toMatchObject({ limit: String(TOKEN_POINTS), remaining: TOKEN_POINTS - 6 });
    // The IP budget is untouched.
    expect(headersOf(await send(yoga.current, { query: SEGMENTS, headers: ip })).remaining).toBe(
      IP_POINTS - SEGMENTS_POINTS,
    );
    const audit = () => api.current.database.prisma.auditEvent.count({ where: { action: 'createToken' } });
    let remaining = headersOf(first).remaining;
    while (remaining > 0) {
      const response = await send(yoga.current, { query: mutation, token: tokens.editor });
      expect(response.status).toBe(200);
      remaining = headersOf(response).remaining;
    }
    const before = await audit();
    const refused = await send(yoga.current, { query: mutation, token: tokens.editor });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as Body).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await audit()).toBe(before); // not even the refusal's audit event: nothing ran
    expect(await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'token' })).toBe(1);
    // Another token has its own budget.
    expect((await send(yoga.current, { query: SEGMENTS, token: tokens.publisher })).status).toBe(200);
  });

  it("charges a partner's token its own token budget, not the partner's IP", async () => {
    const ip = from('198.51.100.17');
    const { token } = await webhookServices.createPartner(api.current.database.prisma, {
      name: 'Rate-limited watchdog',
      contact: 'ops@example.org',
      now: new Date(),
    });
    const query = '{ partnerWebhooks { id } }';
    const first = await send(yoga.current, { query, token, headers: ip });
    expect(first.status).toBe(200);
    expect(headersOf(first).limit).toBe(String(TOKEN_POINTS));
    const spentOnce = TOKEN_POINTS - headersOf(first).remaining;
    expect(headersOf(await send(yoga.current, { query, token, headers: ip })).remaining).toBe(
      TOKEN_POINTS - 2 * spentOnce,
    );
    // The address's own budget is untouched: the same anonymous request leaves it as much as it
    // leaves an address no partner used.
    const anonymous = 'mutation { revokeToken(prefix: "x") { error { code } } }';
    const untouched = await send(yoga.current, { query: anonymous, headers: from('198.51.100.18') });
    const afterPartner = await send(yoga.current, { query: anonymous, headers: ip });
    expect(headersOf(afterPartner).limit).toBe(String(IP_POINTS));
    expect(headersOf(afterPartner).remaining).toBe(headersOf(untouched).remaining);
  });

  it.runIf(provider === 'redis')('keys Redis by the token id and the IP, never by the token itself', async () => {
    const redis = connectRedis({
      url: TEST_REDIS_URL,
      prefix: state.CANDOR_REDIS_PREFIX ?? '',
      logger: createLogger('silent'),
      metrics: createMetrics(),
    });
    try {
      const keys = await redis.client.keys(`${redis.prefix}rl:*`);
      expect(keys).toContain(`${redis.prefix}rl:ip:198.51.100.2`);
      expect(keys.some((key) => /rl:token:[a-z0-9]+$/i.test(key))).toBe(true);
      for (const token of Object.values(tokens)) expect(keys.join(' ')).not.toContain(token.slice(0, 16));
    } finally {
      await redis.close();
    }
  });

  it('charges an unauthenticated mutation its parse minimum and five points to the IP', async () => {
    const ip = from('198.51.100.6');
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "x") { error { code } } }',
      headers: ip,
    });
    expect(headersOf(response).remaining).toBe(IP_POINTS - 6);
  });
});

describe('client identity', () => {
  const api = useTestApi();
  const untrusting = useInstance(api, { CANDOR_RATE_LIMIT_POINTS: 5, CANDOR_TRUST_PROXY: false });

  it('ignores X-Forwarded-For unless CANDOR_TRUST_PROXY=true (in-process requests share one budget)', async () => {
    const statuses: number[] = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
      statuses.push((await send(untrusting.current, { query: SEGMENTS, headers: from(ip) })).status);
    }
    // 2 points each: 5 points admit three requests (the third overdraws), the fourth is refused.
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('switched off', () => {
  const api = useTestApi();
  const off = useInstance(api, { CANDOR_RATE_LIMIT_POINTS: 0 });

  it('sends no RateLimit headers and never refuses', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await send(off.current, { query: SEGMENTS });
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe('Redis unavailable, CANDOR_REDIS_FAILURE_MODE=open (the default)', () => {
  const api = useTestApi();
  const metrics = createMetrics();
  const broken = useInstance(
    api,
    { REDIS_URL: 'redis://127.0.0.1:1', CANDOR_RATE_LIMIT_POINTS: 1, CANDOR_RESPONSE_CACHE: true },
    { metrics },
  );

  it('fails open: answers, unlimited and uncached, and counts the failures', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await send(broken.current, { method: 'GET', query: SEGMENTS });
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
      expect(response.headers.get('etag')).not.toBeNull();
    }
    expect(await counterValue(metrics, 'candor_redis_failures_total', { operation: 'rate-limit.peek' })).toBe(3);
    expect(await counterValue(metrics, 'candor_redis_failures_total', { operation: 'cache.lookup' })).toBe(3);
  });

  it('reports it in /readyz: degraded, still 200', async () => {
    const response = await broken.current.fetch('http://yoga/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'degraded',
      database: 'ok',
      redis: 'unreachable',
      redisFailureMode: 'open',
    });
  });
});

describe('Redis unavailable, CANDOR_REDIS_FAILURE_MODE=closed', () => {
  const api = useTestApi();
  const broken = useInstance(api, {
    REDIS_URL: 'redis://127.0.0.1:1',
    CANDOR_RATE_LIMIT_POINTS: 100,
    CANDOR_REDIS_FAILURE_MODE: 'closed',
  });

  it('refuses with 503 SERVICE_UNAVAILABLE and Retry-After, and /readyz says unavailable', async () => {
    const response = await send(broken.current, { query: SEGMENTS });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as Body;
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.extensions?.requestId).toBe(response.headers.get('x-request-id'));
    const ready = await broken.current.fetch('http://yoga/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      redis: 'unreachable',
      redisFailureMode: 'closed',
    });
  });
});

describe('Redis reachable', () => {
  const api = useTestApi();
  const healthy = useInstance(api, { ...stateEnv('redis') });

  it('says so in /readyz', async () => {
    const response = await healthy.current.fetch('http://yoga/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });
  });
});

describe('over real HTTP', () => {
  const api = useTestApi();
  const yoga = useInstance(api, { CANDOR_RATE_LIMIT_POINTS: 4 });
  const server = useListeningServer(() => yoga.current);

  it("charges the socket's peer address", async () => {
    const post = () =>
      fetch(`${server.current.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.50' },
        body: JSON.stringify({ query: SEGMENTS }),
      });
    expect((await post()).status).toBe(200);
    expect((await post()).headers.get('ratelimit-remaining')).toBe('0');
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    // In-process requests (no socket) have their own, untouched budget: the key was the peer address.
    expect((await send(yoga.current, { query: SEGMENTS })).status).toBe(200);
  });
});
