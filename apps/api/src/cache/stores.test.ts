import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestRedis } from '../redis/test-redis.js';
import { createMemoryResponseCacheStore } from './memory-store.js';
import { createRedisResponseCacheStore } from './redis-store.js';
import type { CachedResponse, ResponseCacheStore } from './store.js';

const entry = (body: string): CachedResponse => ({ body, etag: `"tag-${body.length}"`, cost: 42, computedAt: 1_000 });
const TTL = 60_000;

let redis: Awaited<ReturnType<typeof connectTestRedis>>;
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await redis.dispose();
});

const providers: [string, () => ResponseCacheStore][] = [
  ['memory', () => createMemoryResponseCacheStore({ maxEntries: 100, maxBytes: 1_000_000 })],
  ['redis', () => createRedisResponseCacheStore({ ...redis, prefix: `${redis.prefix}${Math.random()}:` })],
];

describe.each(providers)('the %s response cache store', (_name, create) => {
  it('misses, stores, then answers with the same entry', async () => {
    const store = create();
    const miss = await store.lookup('k');
    expect(miss.entry).toBeNull();
    expect(await store.store('k', entry('{"data":1}'), miss.generation, TTL)).toBe(true);
    expect((await store.lookup('k')).entry).toEqual(entry('{"data":1}'));
    expect((await store.lookup('other')).entry).toBeNull();
  });

  it('keeps a body with newlines and spaces intact', async () => {
    const store = create();
    const body = '{"data":{"text":"a b\\nc"}}\n\n x';
    await store.store('k', entry(body), (await store.lookup('k')).generation, TTL);
    expect((await store.lookup('k')).entry?.body).toBe(body);
  });

  it('forgets every entry on invalidate', async () => {
    const store = create();
    for (const key of ['a', 'b']) await store.store(key, entry(key), (await store.lookup(key)).generation, TTL);
    await store.invalidate();
    expect((await store.lookup('a')).entry).toBeNull();
    expect((await store.lookup('b')).entry).toBeNull();
  });

  it('never stores an answer computed before an invalidation that happened while it was computed', async () => {
    const store = create();
    const started = await store.lookup('k'); // a request misses and starts executing…
    await store.invalidate(); // …a publish lands meanwhile…
    expect(await store.store('k', entry('stale'), started.generation, TTL)).toBe(false); // …its answer is dropped
    expect((await store.lookup('k')).entry).toBeNull();
    const fresh = await store.lookup('k');
    expect(await store.store('k', entry('fresh'), fresh.generation, TTL)).toBe(true);
    expect((await store.lookup('k')).entry?.body).toBe('fresh');
  });

  it('lets the entry expire after its TTL', async () => {
    const store = create();
    await store.store('k', entry('short'), (await store.lookup('k')).generation, 30);
    expect((await store.lookup('k')).entry?.body).toBe('short');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await store.lookup('k')).entry).toBeNull();
  });
});

describe('two Redis stores on one prefix (two instances)', () => {
  it('share entries and invalidations', async () => {
    const a = createRedisResponseCacheStore(redis);
    const b = createRedisResponseCacheStore(redis);
    await a.store('shared', entry('one'), (await a.lookup('shared')).generation, TTL);
    expect((await b.lookup('shared')).entry?.body).toBe('one');
    const started = await a.lookup('other');
    await b.invalidate();
    expect((await a.lookup('shared')).entry).toBeNull();
    expect(await a.store('other', entry('stale'), started.generation, TTL)).toBe(false);
  });
});

describe('the memory store bounds', () => {
  it('evicts the least recently used entry beyond the entry limit', async () => {
    const store = createMemoryResponseCacheStore({ maxEntries: 2, maxBytes: 1_000_000 });
    const generation = (await store.lookup('x')).generation;
    await store.store('a', entry('a'), generation, TTL);
    await store.store('b', entry('b'), generation, TTL);
    await store.lookup('a'); // a is now more recent than b
    await store.store('c', entry('c'), generation, TTL);
    expect(store.size).toBe(2);
    expect((await store.lookup('b')).entry).toBeNull();
    expect((await store.lookup('a')).entry?.body).toBe('a');
    expect((await store.lookup('c')).entry?.body).toBe('c');
  });

  it('evicts beyond the byte limit and refuses an entry larger than the whole cache', async () => {
    const store = createMemoryResponseCacheStore({ maxEntries: 100, maxBytes: 250 });
    const generation = (await store.lookup('x')).generation;
    await store.store('a', entry('x'.repeat(100)), generation, TTL);
    await store.store('b', entry('y'.repeat(100)), generation, TTL);
    await store.store('c', entry('z'.repeat(100)), generation, TTL);
    expect(store.bytes).toBeLessThanOrEqual(250);
    expect((await store.lookup('a')).entry).toBeNull();
    expect((await store.lookup('c')).entry).not.toBeNull();
    expect(await store.store('huge', entry('h'.repeat(300)), generation, TTL)).toBe(false);
  });
});
