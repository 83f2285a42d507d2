/**
 * The response cache's hit path (ADR 0008): what an anonymous query answered from the cache costs
 * per request — its key computed from the request's parameters, the lookup, and a body ready to
 * send — in memory and on Redis (127.0.0.1:6379, or BENCH_REDIS_URL).
 *
 * - ours: cacheKeyOf (SHA-256 of document, operation name and variables) + the store's lookup
 *   through the freshness check; the stored body is the serialised answer, sent as is.
 * - @envelop/response-cache (what @graphql-yoga/plugin-response-cache runs): its default key
 *   (WebCrypto SHA-256 of the same parts, stable-stringified variables), its LRU or Redis cache's
 *   get, and the JSON.stringify yoga applies to the cached result object before sending it.
 */
import {
  type CachedResponse,
  cacheKeyOf,
  createMemoryResponseCacheStore,
  createRedisResponseCacheStore,
  createResponseCacheCore,
  etagOf,
} from '@candor/api/benchmarked';
import { createInMemoryCache, defaultBuildResponseCacheKey } from '@envelop/response-cache';
import { createRedisCache } from '@envelop/response-cache-redis';
import { compare } from './compare.js';
import { benchRedis } from './redis.js';
import { siteQuery, sizedAnswer } from './workloads.js';

const answer = sizedAnswer(20_000);
const body = JSON.stringify(answer);
const params = () => ({ query: siteQuery, operationName: 'SiteDocuments', variables: { first: 20, after: null } });

const metrics = { responseCache: { inc() {}, labels: () => ({ inc() {} }) } } as never;
const entry: CachedResponse = { body, etag: etagOf(body), cost: 14, computedAt: Date.now() };
const coreOver = (store: Parameters<typeof createResponseCacheCore>[0]['store']) =>
  createResponseCacheCore({ store, ttlSeconds: 3600, clock: () => new Date(), metrics, onStoreFailure() {} });
const noPersisted = () => undefined;

const oursKey = cacheKeyOf(params(), noPersisted) as string;
const theirsKey = await defaultBuildResponseCacheKey({
  documentString: siteQuery,
  operationName: 'SiteDocuments',
  variableValues: params().variables,
  sessionId: null,
  context: {},
} as never);

// In memory.
const memoryStore = createMemoryResponseCacheStore({ maxEntries: 1000, maxBytes: 64 * 2 ** 20 });
await memoryStore.store(oursKey, entry, '0', 3_600_000);
const memoryCore = coreOver(memoryStore);
const envelopMemory = createInMemoryCache({ max: 1000 });
envelopMemory.set(theirsKey, answer, [], 3_600_000);

// On Redis.
const redis = await benchRedis();
const redisStore = createRedisResponseCacheStore(redis.shared);
const redisCore = coreOver(redisStore);
await redisStore.store(oursKey, entry, '0', 3_600_000);
const envelopRedis = createRedisCache({ redis: redis.shared.client });
const prefixedTheirs = `${redis.shared.prefix}${theirsKey}`;
await envelopRedis.set(prefixedTheirs, answer, [], 3_600_000);

const oursHit = (core: typeof memoryCore) => async () => {
  const p = params();
  const found = await core.lookup(cacheKeyOf(p, noPersisted) as string);
  if (found?.entry?.body.length !== body.length) throw new Error('ours missed');
};
const theirsHit = (get: (key: string) => unknown, prefix: string) => async () => {
  const p = params();
  const key = await defaultBuildResponseCacheKey({
    documentString: p.query,
    operationName: p.operationName,
    variableValues: p.variables,
    sessionId: null,
    context: {},
  } as never);
  const cached = await get(`${prefix}${key}`);
  if (cached == null || JSON.stringify(cached).length !== body.length) throw new Error('envelop missed');
};

try {
  await compare(
    `Response cache hit, ${(body.length / 1000).toFixed(0)} kB answer (\`bench/src/libraries/response-cache.bench.ts\`)`,
    [
      {
        name: 'cache key only',
        perCall: 100,
        ours: { name: 'ours (cacheKeyOf)', run: () => cacheKeyOf(params(), noPersisted) },
        theirs: [
          {
            name: '@envelop/response-cache (defaultBuildResponseCacheKey)',
            run: () => {
              const p = params();
              return defaultBuildResponseCacheKey({
                documentString: p.query,
                operationName: p.operationName,
                variableValues: p.variables,
                sessionId: null,
                context: {},
              } as never);
            },
          },
        ],
      },
      {
        name: 'hit in memory: key + lookup + body',
        perCall: 100,
        ours: { name: 'ours (memory store)', run: oursHit(memoryCore) },
        theirs: [{ name: '@envelop/response-cache (in-memory LRU)', run: theirsHit((k) => envelopMemory.get(k), '') }],
      },
      {
        name: 'hit on Redis: key + lookup + body',
        perCall: 20,
        ours: { name: 'ours (Redis store, MGET)', run: oursHit(redisCore) },
        theirs: [
          {
            name: '@envelop/response-cache-redis (GET + JSON.parse)',
            run: theirsHit((k) => envelopRedis.get(k), redis.shared.prefix),
          },
        ],
      },
    ],
  );
} finally {
  await redis.dispose();
}
