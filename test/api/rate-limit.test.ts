import { connectRedis, createLogger, createMetrics } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import {
  counterValue,
  STATE_PROVIDERS,
  send,
  stateEnv,
  TEST_REDIS_URL,
  through,
  useInstance,
} from '../helpers/shared-state.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

const IP_POINTS = 10;
const TOKEN_POINTS = 30;
const WINDOW = 600;
const SEGMENTS = '{ segments { key } }';

/** A request from a client at `ip` (the instances trust X-Forwarded-For). */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

const headersOf = (response: Response) => ({
  limit: response.headers.get('ratelimit-limit'),
  remaining: Number(response.headers.get('ratelimit-remaining')),
  reset: Number(response.headers.get('ratelimit-reset')),
  policy: response.headers.get('ratelimit-policy'),
});

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
    // Through another IP budget than the tests use: setting up spends the admin token's points.
    tokens = await setUpEditors(through(api.current, yoga.current));
  });

  it('sends the RateLimit headers on every GraphQL answer', async () => {
    const response = await send(yoga.current, { query: SEGMENTS, headers: from('198.51.100.1') });
    expect(response.status).toBe(200);
    const headers = headersOf(response);
    expect(headers).toMatchObject({
      limit: String(IP_POINTS),
      remaining: IP_POINTS - 1,
      policy: `${IP_POINTS};w=${WINDOW}`,
    });
    expect(headers.reset).toBeGreaterThan(WINDOW - 5);
    expect(headers.reset).toBeLessThanOrEqual(WINDOW);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('answers up to the budget and refuses the next request with 429 RATE_LIMITED and Retry-After', async () => {
    const ip = from('198.51.100.2');
    for (let i = 1; i <= IP_POINTS; i++) {
      const response = await send(yoga.current, { query: SEGMENTS, headers: ip });
      expect(response.status).toBe(200);
      expect(headersOf(response).remaining).toBe(IP_POINTS - i);
    }
    const rejectionsBefore = await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'ip' });
    const refused = await send(yoga.current, { query: SEGMENTS, headers: ip });
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as {
      data?: unknown;
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0]?.extensions.requestId).toBe(refused.headers.get('x-request-id'));
    expect(body.errors[0]?.message).toMatch(new RegExp(`${IP_POINTS} points per ${WINDOW} s`));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('retry-after')).toBe(refused.headers.get('ratelimit-reset'));
    expect(headersOf(refused).remaining).toBe(0);
    expect(await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'ip' })).toBe(
      rejectionsBefore + 1,
    );
    // Another client is not affected.
    expect((await send(yoga.current, { query: SEGMENTS, headers: from('198.51.100.3') })).status).toBe(200);
  });

  it('charges cache hits the points of the answer they repeat', async () => {
    const ip = from('198.51.100.4');
    const query = '{ documents(first: 100) { edges { node { slug current { label } } } } }';
    const miss = await send(yoga.current, { method: 'GET', query, headers: ip });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const spent = IP_POINTS - headersOf(miss).remaining;
    expect(spent).toBeGreaterThan(1); // a costly query spends more than one point…
    const hit = await send(yoga.current, { method: 'GET', query, headers: ip });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(IP_POINTS - headersOf(hit).remaining).toBe(2 * spent); // …and so does its cache hit
    // Over budget, a hit is refused like a miss, with nothing from the cache.
    let last = hit;
    while (last.status === 200) last = await send(yoga.current, { method: 'GET', query, headers: ip });
    expect(last.status).toBe(429);
    expect(last.headers.get('x-cache')).toBeNull();
    expect(last.headers.get('etag')).toBeNull();
  });

  it('charges a token, not the IP, five points per mutation, and refuses the mutation over budget without running it', async () => {
    const ip = from('198.51.100.5');
    const mutation = 'mutation { createToken(email: "nobody@example.com", name: "x") { error { code } } }';
    const first = await send(yoga.current, { query: mutation, token: tokens.editor, headers: ip });
    expect(first.status).toBe(200);
    expect(headersOf(first)).toMatchObject({ limit: String(TOKEN_POINTS), remaining: TOKEN_POINTS - 5 });
    // The IP budget is untouched.
    expect(headersOf(await send(yoga.current, { query: SEGMENTS, headers: ip })).remaining).toBe(IP_POINTS - 1);
    const audit = () => api.current.database.prisma.auditEvent.count({ where: { action: 'createToken' } });
    for (let spent = 10; spent <= TOKEN_POINTS; spent += 5) {
      expect((await send(yoga.current, { query: mutation, token: tokens.editor })).status).toBe(200);
    }
    const before = await audit();
    const refused = await send(yoga.current, { query: mutation, token: tokens.editor });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'RATE_LIMITED',
    );
    expect(await audit()).toBe(before); // not even the refusal's audit event: nothing ran
    expect(await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'token' })).toBe(1);
    // Another token has its own budget.
    expect((await send(yoga.current, { query: SEGMENTS, token: tokens.publisher })).status).toBe(200);
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

  it('charges an unauthenticated mutation five points to the IP', async () => {
    const ip = from('198.51.100.6');
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "x") { error { code } } }',
      headers: ip,
    });
    expect(headersOf(response).remaining).toBe(IP_POINTS - 5);
  });
});

describe('client identity', () => {
  const api = useTestApi();
  const untrusting = useInstance(api, { CANDOR_RATE_LIMIT_POINTS: 3, CANDOR_TRUST_PROXY: false });

  it('ignores X-Forwarded-For unless CANDOR_TRUST_PROXY=true (in-process requests share one budget)', async () => {
    const statuses: number[] = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
      statuses.push((await send(untrusting.current, { query: SEGMENTS, headers: from(ip) })).status);
    }
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

describe('Redis unavailable', () => {
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
    expect(await counterValue(metrics, 'candor_redis_failures_total', { operation: 'rate-limit.consume' })).toBe(3);
    expect(await counterValue(metrics, 'candor_redis_failures_total', { operation: 'cache.lookup' })).toBe(3);
  });
});

describe('over real HTTP', () => {
  const api = useTestApi();
  const yoga = useInstance(api, { CANDOR_RATE_LIMIT_POINTS: 2 });
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
