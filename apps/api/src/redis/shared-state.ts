import { createMemoryResponseCacheStore } from '../cache/memory-store.js';
import { createRedisResponseCacheStore } from '../cache/redis-store.js';
import type { ResponseCacheStore } from '../cache/store.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createMemoryRateLimitStore } from '../rate-limit/memory-store.js';
import { createRedisRateLimitStore } from '../rate-limit/redis-store.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import { connectRedis, type SharedRedis } from './connection.js';

/**
 * The state API instances must share to behave as one (rate-limit windows, the response cache):
 * in this process's memory without REDIS_URL, in Redis with it (docs/operating.md, "Scale-out").
 */
export interface SharedState {
  rateLimitStore: RateLimitStore;
  /** Null when CANDOR_RESPONSE_CACHE=false. */
  responseCacheStore: ResponseCacheStore | null;
  /** Logs and counts a failed store command (the caller fails open). */
  reportFailure(operation: string, error: unknown): void;
  /** Resolves when Redis answers a PING, rejects otherwise; null without REDIS_URL (/readyz). */
  checkRedis: (() => Promise<void>) | null;
  /** Closes the Redis connection, if any (yoga's onDispose). */
  close(): Promise<void>;
}

export function createSharedState(env: Env, logger: Logger, metrics: Metrics): SharedState {
  const redis: SharedRedis | null =
    env.REDIS_URL === undefined
      ? null
      : connectRedis({ url: env.REDIS_URL, prefix: env.CANDOR_REDIS_PREFIX, logger, metrics });
  const cacheOn = env.CANDOR_RESPONSE_CACHE;
  return {
    rateLimitStore: redis === null ? createMemoryRateLimitStore() : createRedisRateLimitStore(redis),
    responseCacheStore: !cacheOn
      ? null
      : redis === null
        ? createMemoryResponseCacheStore({
            maxEntries: env.CANDOR_CACHE_MAX_ENTRIES,
            maxBytes: Math.round(env.CANDOR_CACHE_MAX_MB * 1024 * 1024),
          })
        : createRedisResponseCacheStore(redis),
    reportFailure: (operation, error) =>
      redis === null
        ? logger.warn('shared state failed; failing open', { operation, error: String(error) })
        : redis.reportFailure(operation, error),
    checkRedis:
      redis === null
        ? null
        : async () => {
            await redis.client.ping();
          },
    close: async () => {
      await redis?.close();
    },
  };
}
