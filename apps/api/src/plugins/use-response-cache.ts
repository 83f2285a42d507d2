import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { cacheKeyOf } from '../cache/cache-key.js';
import {
  etagOf,
  jsonMediaType,
  matchesIfNoneMatch,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_VARY,
  publicCacheControl,
} from '../cache/http-caching.js';
import { createResponseCacheCore } from '../cache/response-cache.js';
import type { CachedResponse, ResponseCacheStore } from '../cache/store.js';
import { operationFactsOf } from '../limits/operation-facts.js';
import type { Metrics } from '../observability/metrics.js';
import type { PersistedOperations } from '../persisted/manifest.js';
import { pointsFor } from '../rate-limit/policy.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

export interface ResponseCacheOptions {
  /** Null: no response cache; anonymous GET answers still get an ETag and Cache-Control. */
  store: ResponseCacheStore | null;
  ttlSeconds: number;
  /** The API clock: an entry answers only while this clock is within the TTL of its computation. */
  clock: () => Date;
  limiter: RateLimiter;
  persisted: PersistedOperations;
  metrics: Metrics;
  /** The store failed: the request goes on as a miss, nothing is stored (fail open). */
  onStoreFailure(operation: string, error: unknown): void;
}

/** What the cache knows about one anonymous request. */
interface Pending {
  key: string | null;
  mediaType: 'application/json' | 'application/graphql-response+json';
  /** The generation read at lookup; null when the store failed or is off (then nothing is stored). */
  generation: string | null;
  status: 'HIT' | 'MISS' | null;
  hit: CachedResponse | null;
  /** Set once the operation turned out to be a query: only those are cached. */
  cost: number | null;
}

/** Requests whose answer was stored, with its cache key (read by the fast path's index). */
const storedKeys = new WeakMap<Request, string>();

/** The cache key this request's answer was stored under, if it was stored. */
export const storedCacheKeyOf = (request: Request): string | undefined => storedKeys.get(request);

interface CallerContext {
  request: Request;
  viewer?: unknown;
}

/**
 * The response cache and HTTP caching of anonymous queries (README, "HTTP caching and persisted
 * operations"). Requests without an Authorization header are looked up before parsing; a hit is
 * charged its stored cost and answered with the stored body, no parse, validation or execution.
 * A miss that turns out to be a query without errors is serialized here, tagged with a strong ETag
 * and stored if no publish happened since the lookup. Every mutation by an editor invalidates the
 * whole cache before its response leaves. GET answers carry ETag + public Cache-Control and are
 * answered 304 when If-None-Match matches.
 */
export function useResponseCache(options: ResponseCacheOptions): Plugin<CallerContext> {
  const { store, clock, limiter, persisted, metrics, onStoreFailure } = options;
  const core = store === null ? null : createResponseCacheCore({ ...options, store });
  const cacheControl = publicCacheControl(options.ttlSeconds);
  const pending = new WeakMap<Request, Pending>();

  // yoga's own Response class (whatwg-node's), not the global one: node writes it straight from the
  // string with a Content-Length, where undici's would be pumped through a web stream.
  const respond = (
    ResponseClass: typeof Response,
    request: Request,
    body: string,
    etag: string,
    mediaType: string,
  ): Response => {
    if (request.method !== 'GET') {
      return new ResponseClass(body, {
        headers: { 'content-type': `${mediaType}; charset=utf-8`, 'cache-control': PRIVATE_CACHE_CONTROL },
      });
    }
    const headers = { etag, 'cache-control': cacheControl, vary: PUBLIC_VARY.join(', ') };
    if (matchesIfNoneMatch(request.headers.get('if-none-match'), etag)) {
      return new ResponseClass(null, { status: 304, headers });
    }
    return new ResponseClass(body, { headers: { ...headers, 'content-type': `${mediaType}; charset=utf-8` } });
  };

  const storeAnswer = async (request: Request, key: string, generation: string, entry: CachedResponse) => {
    if (core !== null && (await core.store(key, generation, entry))) storedKeys.set(request, key);
  };

  return {
    async onParams({ request, params, context, setResult }) {
      if (request.headers.has('authorization')) return;
      const mediaType = jsonMediaType(request.headers.get('accept'));
      if (mediaType === null) return;
      const state: Pending = { key: null, mediaType, generation: null, status: null, hit: null, cost: null };
      pending.set(request, state);
      if (core === null) return;
      state.key = cacheKeyOf(params, persisted.hashOf);
      if (state.key === null) return;
      const found = await core.lookup(state.key);
      if (found === null) return;
      state.generation = found.generation;
      const entry = found.entry;
      if (entry === null) {
        state.status = 'MISS';
        return;
      }
      const refusal = await limiter.charge(request, context, pointsFor('query', entry.cost));
      if (refusal !== null) {
        setResult({ errors: [refusal] });
        return;
      }
      metrics.responseCache.inc({ result: 'hit' });
      state.status = 'HIT';
      state.hit = entry;
      // Never serialized: onResultProcess answers with the stored body instead.
      setResult({ data: null });
    },
    onExecute({ args }) {
      const request = args.contextValue.request;
      const facts = operationFactsOf(request);
      const operationType = facts?.operationType ?? getOperationAST(args.document, args.operationName)?.operation;
      const state = pending.get(request);
      if (operationType === 'query' && state !== undefined) state.cost = facts?.cost ?? 1;
      // Anonymous mutations change nothing (they are refused), so they may not empty the cache.
      if (operationType !== 'mutation' || args.contextValue.viewer == null || store === null) return;
      return {
        async onExecuteDone() {
          try {
            await store.invalidate();
            metrics.responseCache.inc({ result: 'invalidate' });
          } catch (error) {
            onStoreFailure('cache.invalidate', error);
          }
        },
      };
    },
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      const state = pending.get(request);
      if (state === undefined || resultProcessor === undefined) return;
      const { hit, mediaType } = state;
      if (hit !== null) {
        setResultProcessor(
          (_, fetchAPI) => respond(fetchAPI.Response, request, hit.body, hit.etag, mediaType),
          mediaType,
        );
        return;
      }
      const cost = state.cost;
      const answer = result as ExecutionResult;
      if (cost === null || Array.isArray(result) || answer.errors !== undefined || answer.data == null) return;
      setResultProcessor(async (_, fetchAPI) => {
        const body = JSON.stringify(answer);
        const etag = etagOf(body);
        if (state.key !== null && state.generation !== null) {
          await storeAnswer(request, state.key, state.generation, { body, etag, cost, computedAt: clock().getTime() });
        }
        return respond(fetchAPI.Response, request, body, etag, mediaType);
      }, mediaType);
    },
    onResponse({ request, response }) {
      const status = pending.get(request)?.status;
      if (status !== null && status !== undefined) response.headers.set('x-cache', status);
    },
  };
}
