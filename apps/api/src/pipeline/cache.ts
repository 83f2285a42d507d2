/**
 * The cache-lookup and store stages: anonymous queries answered from the response cache (README,
 * "HTTP caching and persisted operations"), keyed by the checked parameters, so a GET and a POST of
 * the same operation share one entry. A hit is answered without parsing or executing anything and
 * costs no points; a miss remembers the generation it started under, and its answer is stored only
 * if no editor mutation happened since.
 */
import { cacheKeyOf } from '../cache/cache-key.js';
import { createResponseCacheCore } from '../cache/response-cache.js';
import type { CachedResponse, ResponseCacheStore } from '../cache/store.js';
import { type MaybePromise, whenReady } from '../maybe-promise.js';
import type { Metrics } from '../observability/metrics.js';
import type { PersistedOperations } from '../persisted/manifest.js';
import type { Exchange } from './exchange.js';

export interface CacheStageOptions {
  store: ResponseCacheStore;
  ttlSeconds: number;
  clock: () => Date;
  persisted: PersistedOperations;
  metrics: Pick<Metrics, 'responseCache'>;
  onStoreFailure(operation: string, error: unknown): void;
}

export interface CacheStage {
  /** Looks the exchange up (anonymous requests only); sets its key, generation, status and hit. */
  lookup(exchange: Exchange): MaybePromise<void>;
  /** Stores a query's answer without errors, unless the generation moved since the lookup. */
  store(exchange: Exchange, body: string, etag: string): Promise<void>;
  /** Empties the cache (every editor mutation, before its answer leaves). */
  invalidate(): Promise<void>;
}

export function createCacheStage(options: CacheStageOptions): CacheStage {
  const { store, persisted, metrics, onStoreFailure } = options;
  const core = createResponseCacheCore(options);
  const hits = metrics.responseCache.labels({ result: 'hit' });
  // The key of a parameters object (memoised GETs hand the same object back): hashed once.
  const keys = new WeakMap<object, string | null>();
  return {
    lookup(exchange) {
      if (exchange.header('authorization') !== null || exchange.params === null) return;
      let key = keys.get(exchange.params);
      if (key === undefined) {
        key = cacheKeyOf(exchange.params, persisted.hashOf);
        keys.set(exchange.params, key);
      }
      if (key === null) return;
      exchange.cacheKey = key;
      return whenReady(core.lookup(key), (found) => {
        // The store failed (reported): no X-Cache, and nothing will be stored.
        if (found === null) return;
        exchange.cacheGeneration = found.generation;
        if (found.entry === null) {
          exchange.cacheStatus = 'MISS';
          return;
        }
        hits.inc();
        exchange.cacheStatus = 'HIT';
        exchange.hit = found.entry;
      });
    },
    async store(exchange, body, etag) {
      const { cacheKey, cacheGeneration } = exchange;
      if (cacheKey === null || cacheGeneration === null) return;
      const entry: CachedResponse = { body, etag, cost: exchange.cost, computedAt: options.clock().getTime() };
      await core.store(cacheKey, cacheGeneration, entry);
    },
    async invalidate() {
      try {
        await store.invalidate();
        metrics.responseCache.inc({ result: 'invalidate' });
      } catch (error) {
        onStoreFailure('cache.invalidate', error);
      }
    },
  };
}
