/**
 * @candor/api/benchmarked: the hand-written pieces that bench/src/libraries/ measures against the
 * maintained libraries covering the same ground (docs/adr/0008 on). Not for application code.
 */

export { cacheKeyOf } from './cache/cache-key.js';
export { etagOf, matchesIfNoneMatch } from './cache/http-caching.js';
export { createMemoryResponseCacheStore } from './cache/memory-store.js';
export { createRedisResponseCacheStore } from './cache/redis-store.js';
export { createResponseCacheCore } from './cache/response-cache.js';
export type { CachedResponse, CacheLookup } from './cache/store.js';
export { createLogger, type Logger, redact, redactText, withLogFields } from './logger.js';
export { logAccess, serialisedPath } from './observability/access-log.js';
export { createMemoryRateLimitStore } from './rate-limit/memory-store.js';
export { decide, type WindowUsage } from './rate-limit/policy.js';
export { createRedisRateLimitStore } from './rate-limit/redis-store.js';
export type { RateLimitStore } from './rate-limit/store.js';
