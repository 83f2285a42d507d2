import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestRedis } from '../redis/test-redis.js';
import { createMemoryRateLimitStore } from './memory-store.js';
import { createRedisRateLimitStore } from './redis-store.js';
import type { RateLimitStore } from './store.js';

let redis: Awaited<ReturnType<typeof connectTestRedis>>;
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await redis.dispose();
});

const providers: [string, () => RateLimitStore][] = [
  ['memory', () => createMemoryRateLimitStore()],
  ['redis', () => createRedisRateLimitStore({ ...redis, prefix: `${redis.prefix}${Math.random()}:` })],
];

describe.each(providers)('the %s rate-limit store', (_name, create) => {
  it('adds up the points of one key within its window, apart from other keys', async () => {
    const store = create();
    const first = await store.consume('ip:a', 3, 10_000);
    expect(first.used).toBe(3);
    expect(first.resetInMs).toBeGreaterThan(9_000);
    expect(first.resetInMs).toBeLessThanOrEqual(10_000);
    expect((await store.consume('ip:a', 5, 10_000)).used).toBe(8);
    expect((await store.consume('ip:b', 1, 10_000)).used).toBe(1);
  });

  it('starts a new window once the old one ends', async () => {
    const store = create();
    await store.consume('k', 7, 40);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await store.consume('k', 1, 40)).used).toBe(1);
  });

  it('counts concurrent charges exactly', async () => {
    const store = create();
    await Promise.all(Array.from({ length: 50 }, () => store.consume('busy', 2, 10_000)));
    expect((await store.consume('busy', 0, 10_000)).used).toBe(100);
  });
});

describe('two Redis stores on one prefix (two instances)', () => {
  it('share one window', async () => {
    const a = createRedisRateLimitStore(redis);
    const b = createRedisRateLimitStore(redis);
    await a.consume('token:t1', 4, 10_000);
    expect((await b.consume('token:t1', 1, 10_000)).used).toBe(5);
  });
});
