import type { MaybePromise } from '../maybe-promise.js';

/**
 * The response cache's storage (docs/partner-api.md, "HTTP caching and persisted operations"): serialized
 * answers under a generation counter. Every publish bumps the generation; an entry answers only
 * while its generation is current, and a store succeeds only if the generation is still the one
 * read when the request began, so an answer computed before a publish can never be stored after it.
 */
export interface CachedResponse {
  /** The serialized GraphQL result, sent as is. */
  body: string;
  /** Strong ETag of `body`, quoted. */
  etag: string;
  /** The operation's cost, so a cache hit spends the same rate-limit points as a miss. */
  cost: number;
  /** The API clock (ms) when it was computed: a hit also needs the API clock within the TTL. */
  computedAt: number;
}

export interface CacheLookup {
  entry: CachedResponse | null;
  /** The generation current at lookup: hand it back to `store`. */
  generation: string;
}

export interface ResponseCacheStore {
  /** In-process stores answer at once (the fast path then stays synchronous); Redis with a promise. */
  lookup(key: string): MaybePromise<CacheLookup>;
  /** Stores unless the generation moved since `generation` was read; true when stored. */
  store(key: string, entry: CachedResponse, generation: string, ttlMs: number): Promise<boolean>;
  /** Makes every stored answer stale, before the mutation's response is sent. */
  invalidate(): Promise<void>;
}
