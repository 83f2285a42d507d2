import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import {
  labelsIn,
  publishVersion,
  send,
  stateEnv,
  through,
  useInstance,
  VERSION_LABELS,
} from '../helpers/shared-state.js';
import { useTestApi } from '../helpers/testkit.js';

const POINTS = 10;

/**
 * Two API instances in one process on one database and one Redis (same REDIS_URL and prefix),
 * as behind a load balancer: they must behave as one.
 */
describe('two instances sharing Redis', () => {
  const api = useTestApi();
  const shared = {
    ...stateEnv('redis'),
    CANDOR_RESPONSE_CACHE: true,
    CANDOR_RATE_LIMIT_POINTS: POINTS,
    CANDOR_RATE_LIMIT_TOKEN_POINTS: 1000,
    CANDOR_TRUST_PROXY: true,
  };
  const first = useInstance(api, shared);
  const second = useInstance(api, shared);
  let tokens: EditorTokens;
  beforeAll(async () => {
    tokens = await setUpEditors(through(api.current, first.current));
  });

  it("answers from the other instance's cache", async () => {
    const query = '{ segments { key name } }';
    const miss = await send(first.current, { method: 'GET', query });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const hit = await send(second.current, { method: 'GET', query });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
  });

  it("a publish through one instance empties the other's cache before publishVersion returns", async () => {
    await send(second.current, { method: 'GET', query: VERSION_LABELS });
    const cached = await send(second.current, { method: 'GET', query: VERSION_LABELS });
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(labelsIn(await cached.json())).not.toContain('shared-1');
    await publishVersion(first.current, tokens, 'shared-1');
    const after = await send(second.current, { method: 'GET', query: VERSION_LABELS });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(labelsIn(await after.json())).toContain('shared-1');
  });

  it('shares one rate-limit budget per IP across both instances', async () => {
    const ip = { 'x-forwarded-for': '192.0.2.77' };
    const statuses: number[] = [];
    // Each request misses the cache (its own variables) and costs 2 points (docs/partner-api.md, "Rate limits").
    const requests = POINTS / 2;
    for (let i = 0; i < requests + 1; i++) {
      const instance = i % 2 === 0 ? first : second;
      const sent = { query: '{ segments { key } }', variables: { n: i }, headers: ip };
      statuses.push((await send(instance.current, sent)).status);
    }
    expect(statuses.slice(0, requests).every((status) => status === 200)).toBe(true);
    expect(statuses[requests]).toBe(429);
    const fromOther = await send(first.current, { query: '{ segments { key } }', headers: ip });
    expect(fromOther.status).toBe(429);
    expect(fromOther.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('shares one rate-limit budget per token across both instances', async () => {
    const before = await send(first.current, { query: '{ segments { key } }', token: tokens.publisher });
    const remaining = Number(before.headers.get('ratelimit-remaining'));
    const after = await send(second.current, { query: '{ segments { key } }', token: tokens.publisher });
    expect(Number(after.headers.get('ratelimit-remaining'))).toBe(remaining - 2);
  });
});
