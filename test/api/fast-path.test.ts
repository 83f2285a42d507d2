/**
 * The fast path (apps/api/src/cache/fast-path.ts): repeated anonymous GETs answered from the
 * response cache before yoga, on a real listening server. It must answer exactly what yoga's path
 * answers (body, ETag, caching, security and CORS headers), with fresh per-request headers, and
 * never bypass CSRF, authentication, rate limits or invalidation by a publish.
 */
import { createLogger } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { publishVersion, STATE_PROVIDERS, stateEnv, through, useInstance } from '../helpers/shared-state.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

const RATE_LIMIT_POINTS = 6;

describe.each(STATE_PROVIDERS)('fast path for cached GETs (%s)', (provider) => {
  const api = useTestApi();
  const logLines: Record<string, unknown>[] = [];
  const logger = createLogger('info', (line) => logLines.push(JSON.parse(line) as Record<string, unknown>));
  const yoga = useInstance(
    api,
    {
      ...stateEnv(provider),
      CANDOR_RESPONSE_CACHE: true,
      CANDOR_RATE_LIMIT_POINTS: RATE_LIMIT_POINTS,
      // Each test names its own client, so each has its own budget.
      CANDOR_TRUST_PROXY: true,
    },
    { logger },
  );
  const server = useListeningServer(() => yoga.current, { logger });
  let tokens: EditorTokens;
  beforeAll(async () => {
    tokens = await setUpEditors(through(api.current, yoga.current));
  });

  let client = 0;
  const nextClient = () => `198.51.100.${++client}`;
  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${server.current.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { 'graphql-require-preflight': '1', ...headers },
    });
  const fastPathAnswers = () => logLines.filter((line) => line.cache === 'fast-path').length;
  const perRequest = ['x-request-id', 'traceparent', 'ratelimit-remaining', 'ratelimit-reset', 'date', 'x-cache'];
  const stableHeaders = (response: Response) =>
    Object.fromEntries([...response.headers].filter(([name]) => !perRequest.includes(name)));

  it('answers the second GET before yoga with the same body and headers, and fresh per-request ones', async () => {
    const ip = { 'x-forwarded-for': nextClient() };
    const query = '{ organization { name } segments { key } }';
    const miss = await get(query, ip);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const missBody = await miss.text();
    const before = fastPathAnswers();

    const hit = await get(query, { ...ip, 'x-request-id': 'fast-path-request-1' });
    expect(hit.status).toBe(200);
    expect(await hit.text()).toBe(missBody);
    expect(fastPathAnswers()).toBe(before + 1);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(stableHeaders(hit)).toEqual(stableHeaders(miss));
    expect(hit.headers.get('x-request-id')).toBe('fast-path-request-1');
    expect(hit.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);
    expect(hit.headers.get('traceparent')).not.toBe(miss.headers.get('traceparent'));
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff');
    expect(hit.headers.get('access-control-allow-origin')).toBe('*');
    expect(hit.headers.get('cache-control')).toBe('public, max-age=60');
    // Two queries of one point each from this client's budget.
    expect(Number(hit.headers.get('ratelimit-remaining'))).toBe(RATE_LIMIT_POINTS - 2);
  });

  it('answers 304 without a body when If-None-Match matches', async () => {
    const ip = { 'x-forwarded-for': nextClient() };
    const query = '{ segments { name } }';
    const etag = (await get(query, ip)).headers.get('etag') ?? '';
    const before = fastPathAnswers();
    const notModified = await get(query, { ...ip, 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('content-type')).toBeNull();
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(fastPathAnswers()).toBe(before + 1);
  });

  it('never answers a GET without a CSRF header, or with a token', async () => {
    const query = '{ segments { description } }';
    const ip = { 'x-forwarded-for': nextClient() };
    await get(query, ip);
    const before = fastPathAnswers();
    const forged = await fetch(`${server.current.url}/graphql?query=${encodeURIComponent(query)}`, { headers: ip });
    expect(forged.status).toBe(403);
    const authenticated = await get(query, { ...ip, authorization: `Bearer ${tokens.editor}` });
    expect(authenticated.status).toBe(200);
    expect(authenticated.headers.get('cache-control')).toBe('private, no-store');
    expect(fastPathAnswers()).toBe(before);
  });

  it('spends rate-limit points, and over budget yoga answers 429 RATE_LIMITED', async () => {
    const ip = { 'x-forwarded-for': nextClient() };
    const query = '{ organization { website } }';
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT_POINTS; i++) statuses.push((await get(query, ip)).status);
    expect(statuses).toEqual([...Array(RATE_LIMIT_POINTS).fill(200), 429]);
    const refused = await get(query, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
    const body = (await refused.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('answers fresh right after a publish: the publish invalidates what the fast path serves', async () => {
    const ip = { 'x-forwarded-for': nextClient() };
    const query = '{ integrity { latestCheckpoint { sequence } } }';
    const sequence = async () => {
      const response = await get(query, ip);
      const body = (await response.json()) as { data: { integrity: { latestCheckpoint: { sequence: number } } } };
      return { cache: response.headers.get('x-cache'), sequence: body.data.integrity.latestCheckpoint.sequence };
    };
    const first = await sequence();
    expect((await sequence()).cache).toBe('HIT');
    await publishVersion(yoga.current, tokens, `fast-path-${provider}`);
    expect(await sequence()).toEqual({ cache: 'MISS', sequence: first.sequence + 1 });
  });
});
