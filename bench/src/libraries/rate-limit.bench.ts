/**
 * The rate limiter's per-request work (ADR 0009): admit (read the caller's window without
 * charging) and settle (add the request's points, even past the budget), as pipeline/budget.ts
 * does for every charged request, over 1,000 callers, in memory and on Redis (127.0.0.1:6379, or
 * BENCH_REDIS_URL).
 *
 * - ours: RateLimitStore.peek + consume (memory: a Map of fixed windows, synchronous; Redis: one
 *   Lua script each).
 * - rate-limiter-flexible: get + penalty (penalty adds points without refusing, which is what a
 *   settle after the answer needs; consume would reject once the budget is spent).
 */
import {
  createMemoryRateLimitStore,
  createRedisRateLimitStore,
  type RateLimitStore,
  type WindowUsage,
} from '@candor/api/benchmarked';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { compare } from './compare.js';
import { benchRedis } from './redis.js';

const CALLERS = 1000;
const WINDOW_SECONDS = 3600;
// A budget the benchmark never spends: every request is admitted, as in normal use.
const POINTS = 1_000_000_000;
const keys = Array.from({ length: CALLERS }, (_, i) => `ip:203.0.${i >> 8}.${i & 255}`);
let next = 0;
const nextKey = () => keys[next++ % CALLERS] as string;

/** The memory store answers synchronously, as the pipeline uses it (no promise per request). */
const oursInMemory = (store: RateLimitStore) => () => {
  const key = nextKey();
  const usage = store.peek(key) as WindowUsage | null;
  if (usage !== null && usage.used > POINTS) throw new Error('spent');
  store.consume(key, 2, WINDOW_SECONDS * 1000);
};
const oursOnRedis = (store: RateLimitStore) => async () => {
  const key = nextKey();
  const usage = await store.peek(key);
  if (usage !== null && usage.used > POINTS) throw new Error('spent');
  await store.consume(key, 2, WINDOW_SECONDS * 1000);
};
const theirs = (limiter: RateLimiterAbstract) => async () => {
  const key = nextKey();
  const usage = await limiter.get(key);
  if (usage !== null && usage.consumedPoints > POINTS) throw new Error('spent');
  await limiter.penalty(key, 2);
};

const redis = await benchRedis();
const options = { points: POINTS, duration: WINDOW_SECONDS };
try {
  await compare('Rate limit, admit + settle per request (`bench/src/libraries/rate-limit.bench.ts`)', [
    {
      name: 'in memory',
      perCall: 1000,
      ours: { name: 'ours (memory store)', run: oursInMemory(createMemoryRateLimitStore()) },
      theirs: [{ name: 'rate-limiter-flexible (RateLimiterMemory)', run: theirs(new RateLimiterMemory(options)) }],
    },
    {
      name: 'on Redis',
      perCall: 20,
      ours: { name: 'ours (Redis store, Lua)', run: oursOnRedis(createRedisRateLimitStore(redis.shared)) },
      theirs: [
        {
          name: 'rate-limiter-flexible (RateLimiterRedis)',
          run: theirs(
            new RateLimiterRedis({
              ...options,
              storeClient: redis.shared.client,
              keyPrefix: `${redis.shared.prefix}rlf`,
            }),
          ),
        },
      ],
    },
  ]);
} finally {
  await redis.dispose();
}
