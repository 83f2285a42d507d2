import { isThenable, type MaybePromise } from '../maybe-promise.js';
import type { Metrics } from '../observability/metrics.js';
import type { CachedResponse, ResponseCacheStore } from './store.js';

export interface ResponseCacheCoreOptions {
  store: ResponseCacheStore;
  ttlSeconds: number;
  /** The API clock: an entry answers only while this clock is within the TTL of its computation. */
  clock: () => Date;
  metrics: Pick<Metrics, 'responseCache'>;
  /** The store failed: the request goes on as a miss, nothing is stored (fail open). */
  onStoreFailure(operation: string, error: unknown): void;
}

export interface FreshLookup {
  /** A fresh entry, or null: a miss (already counted). */
  entry: CachedResponse | null;
  /** The generation read at lookup, to hand back when storing. */
  generation: string;
}

/**
 * Lookup and store of the response cache as both request paths use them (yoga's plugin,
 * plugins/use-response-cache.ts, and the node-level POST path): freshness by the API clock, miss and
 * store counters, and store failures reported and answered as "no entry" (fail open).
 */
export interface ResponseCacheCore {
  ttlMs: number;
  isFresh(entry: CachedResponse): boolean;
  /** Null when the store failed (reported); at once with the in-memory store. */
  lookup(key: string): MaybePromise<FreshLookup | null>;
  /** True when stored (the generation had not moved). */
  store(key: string, generation: string, entry: CachedResponse): Promise<boolean>;
}

export function createResponseCacheCore(options: ResponseCacheCoreOptions): ResponseCacheCore {
  const { store, clock, metrics, onStoreFailure } = options;
  const ttlMs = options.ttlSeconds * 1000;
  const isFresh = (entry: CachedResponse) => {
    const now = clock().getTime();
    return entry.computedAt <= now && now < entry.computedAt + ttlMs;
  };
  const failed = (error: unknown) => {
    onStoreFailure('cache.lookup', error);
    return null;
  };
  const classify = ({ entry, generation }: { entry: CachedResponse | null; generation: string }): FreshLookup => {
    if (entry !== null && isFresh(entry)) return { entry, generation };
    metrics.responseCache.inc({ result: 'miss' });
    return { entry: null, generation };
  };
  return {
    ttlMs,
    isFresh,
    lookup(key) {
      try {
        const found = store.lookup(key);
        return isThenable(found) ? Promise.resolve(found).then(classify, failed) : classify(found);
      } catch (error) {
        return failed(error);
      }
    },
    async store(key, generation, entry) {
      try {
        if (!(await store.store(key, entry, generation, ttlMs))) return false;
        metrics.responseCache.inc({ result: 'store' });
        return true;
      } catch (error) {
        onStoreFailure('cache.store', error);
        return false;
      }
    },
  };
}
