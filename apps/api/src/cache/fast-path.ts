/**
 * Answers repeated anonymous GET queries before yoga sees them (issue 6: a cached read of a
 * published version should cost about what serving a static file costs).
 *
 * The response cache itself is unchanged: yoga's path computes, stores and invalidates answers
 * (use-response-cache.ts). This module keeps, per instance, an index from a GET's URL (and the
 * media type it asks for) to the cache key its answer was stored under and the headers yoga's
 * plugins gave that answer. A later GET of the same URL is looked up in the same store — so the
 * generation check, the TTL and every invalidation apply exactly as on yoga's path — charged its
 * rate-limit points, and written with the recorded headers plus the per-request ones (request id,
 * trace context, RateLimit-*) and the stored entry's ETag and length, with 304 on If-None-Match.
 * Everything that does not change between hits (the header list, the body's bytes) is built once
 * per stored answer, so a hit costs little more than a static file. Anything else, and every miss, goes to
 * yoga: the fast path can only answer what yoga already answered for the same URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { isThenable, type MaybePromise, whenReady } from '../maybe-promise.js';
import { logAccess, serialisedPath } from '../observability/access-log.js';
import type { Metrics } from '../observability/metrics.js';
import { identifyRequest } from '../observability/request-identity.js';
import { formatTraceparent } from '../observability/trace-context.js';
import { storedCacheKeyOf } from '../plugins/use-response-cache.js';
import { addressOf } from '../rate-limit/client-address.js';
import { appendRateLimitHeaders, pointsFor, type RateLimitDecision } from '../rate-limit/policy.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { jsonMediaType, matchesIfNoneMatch } from './http-caching.js';
import type { CachedResponse, ResponseCacheStore } from './store.js';

export interface FastPathOptions {
  store: ResponseCacheStore;
  ttlSeconds: number;
  /** The API clock, as on yoga's path: an entry answers only within the TTL of its computation. */
  clock: () => Date;
  limiter: RateLimiter;
  trustProxy: boolean;
  /** With editor origins, answers depend on Origin: requests carrying one go through yoga. */
  editorOrigins: readonly string[];
  /** Any one of these marks a GET as not forgeable cross-site (yoga's CSRF rule, yoga.ts). */
  csrfHeaders: readonly string[];
  graphqlEndpoint: string;
  metrics: Metrics;
  logger: Logger;
  /** Bound on indexed URLs; the index starts over when full (it only ever costs a miss). */
  maxIndexedUrls?: number;
}

export interface FastPath {
  /**
   * Answers the request and returns true, or returns false having written nothing; at once with
   * the in-memory stores, through a promise with Redis.
   */
  handle(request: IncomingMessage, response: ServerResponse): MaybePromise<boolean>;
  /** Indexes the answers yoga stored; must be the last plugin, so it sees every header. */
  plugin: Plugin;
}

interface Indexed {
  cacheKey: string;
  /**
   * Yoga's headers for this answer as name/value pairs for `writeHead`, without the per-request
   * ones and without those that follow from the stored entry (ETag, Content-Length), which another
   * instance sharing the store (Redis) may have replaced since this URL was indexed.
   */
  headers: readonly string[];
  /** The same for a 304: no Content-Type. */
  notModifiedHeaders: readonly string[];
}

/** What one stored answer needs on every hit, computed on its first: encoded once, not per request. */
interface Prepared {
  indexed: Indexed;
  body: Buffer;
  headers: readonly string[];
  notModifiedHeaders: readonly string[];
}

/** Headers that belong to one request (or one connection), never replayed. */
const PER_REQUEST = new Set([
  'x-request-id',
  'traceparent',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'retry-after',
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

/** Headers the fast path writes itself: the stored entry's ETag, and X-Cache: HIT. */
const REPLACED = new Set(['etag', 'x-cache']);

type MediaType = NonNullable<ReturnType<typeof jsonMediaType>>;

/** `/graphql?…` of an absolute URL (yoga's request.url), the form node's request.url has. */
const pathAndQuery = (url: string): string => url.slice(url.indexOf('/', url.indexOf('//') + 2));

/** A request header as one string (node gives repeated headers as arrays), or null when absent. */
const nodeHeader = (request: IncomingMessage, name: string): string | null => {
  const value = request.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

export function createFastPath(options: FastPathOptions): FastPath {
  const { store, clock, limiter, metrics, logger } = options;
  const ttlMs = options.ttlSeconds * 1000;
  const maxIndexed = options.maxIndexedUrls ?? 10_000;
  const dependsOnOrigin = options.editorOrigins.length > 0;
  const prefix = `${options.graphqlEndpoint}?`;
  // One index per media type: an answer differs by the media type asked for (Vary: Accept).
  const indexes = new Map<MediaType, Map<string, Indexed>>([
    ['application/json', new Map()],
    ['application/graphql-response+json', new Map()],
  ]);
  let indexedCount = 0;
  const prepared = new WeakMap<CachedResponse, Prepared>();
  // Label sets bound once: resolving labels on every hit costs more than the increment.
  const hits = metrics.responseCache.labels({ result: 'hit' });
  const route = options.graphqlEndpoint;
  const answered200 = metrics.httpRequests.labels({ method: 'GET', route, status: '200' });
  const answered304 = metrics.httpRequests.labels({ method: 'GET', route, status: '304' });
  const duration = metrics.httpDuration.labels({ method: 'GET', route });
  const pathMember = serialisedPath(route);

  /** The media type to answer with, or null when this request is not one the fast path takes. */
  const eligible = (method: string, url: string, header: (name: string) => string | null): MediaType | null => {
    if (method !== 'GET' || !url.startsWith(prefix)) return null;
    if (header('authorization') !== null) return null;
    if (dependsOnOrigin && header('origin') !== null) return null;
    if (!options.csrfHeaders.some((name) => header(name) !== null)) return null;
    const accept = header('accept');
    // A browser asking for HTML gets GraphiQL from yoga.
    if (accept?.includes('text/html')) return null;
    return jsonMediaType(accept);
  };

  const prepare = (indexed: Indexed, entry: CachedResponse): Prepared => {
    let ready = prepared.get(entry);
    if (ready?.indexed !== indexed) {
      const body = Buffer.from(entry.body);
      ready = {
        indexed,
        body,
        headers: [...indexed.headers, 'etag', entry.etag, 'content-length', String(body.length)],
        notModifiedHeaders: [...indexed.notModifiedHeaders, 'etag', entry.etag],
      };
      prepared.set(entry, ready);
    }
    return ready;
  };

  const plugin: Plugin = {
    onResponse({ request, response }) {
      if (response.status !== 200) return;
      const cacheKey = storedCacheKeyOf(request);
      if (cacheKey === undefined) return;
      const url = pathAndQuery(request.url);
      const mediaType = eligible(request.method, url, (name) => request.headers.get(name));
      if (mediaType === null) return;
      const headers: string[] = [];
      const notModifiedHeaders: string[] = [];
      response.headers.forEach((value, name) => {
        if (PER_REQUEST.has(name) || REPLACED.has(name)) return;
        headers.push(name, value);
        if (name !== 'content-type') notModifiedHeaders.push(name, value);
      });
      headers.push('x-cache', 'HIT');
      notModifiedHeaders.push('x-cache', 'HIT');
      if (indexedCount >= maxIndexed) {
        for (const index of indexes.values()) index.clear();
        indexedCount = 0;
      }
      const index = indexes.get(mediaType);
      if (index === undefined) return;
      if (!index.has(url)) indexedCount += 1;
      index.set(url, { cacheKey, headers, notModifiedHeaders });
    },
  };

  /** Writes the stored answer with this request's own headers; false (nothing written) when over budget. */
  const answer = (
    request: IncomingMessage,
    response: ServerResponse,
    indexed: Indexed,
    entry: CachedResponse,
    decision: RateLimitDecision | null,
    startedAt: number,
  ): boolean => {
    // Over budget: yoga's path refuses it with the RATE_LIMITED error body.
    if (decision !== null && !decision.allowed) return false;
    const {
      requestId,
      fromClient: requestIdFromClient,
      span,
    } = identifyRequest(nodeHeader(request, 'x-request-id'), nodeHeader(request, 'traceparent'));
    const notModified = matchesIfNoneMatch(nodeHeader(request, 'if-none-match'), entry.etag);
    const ready = prepare(indexed, entry);
    const headers = (notModified ? ready.notModifiedHeaders : ready.headers).concat(
      'x-request-id',
      requestId,
      'traceparent',
      formatTraceparent(span),
    );
    if (decision !== null) appendRateLimitHeaders(headers, decision);
    const status = notModified ? 304 : 200;
    // One raw header list: no per-header setHeader calls, no header object to build.
    response.writeHead(status, headers);
    response.end(notModified ? undefined : ready.body);

    hits.inc();
    (notModified ? answered304 : answered200).inc();
    duration.observe((performance.now() - startedAt) / 1000);
    logAccess(
      logger,
      {
        requestId,
        requestIdFromClient,
        traceId: span.traceId,
        spanId: span.spanId,
        method: 'GET',
        path: route,
        status,
        startedAt,
        cache: 'fast-path',
      },
      pathMember,
    );
    return true;
  };

  /** Charges a fresh entry's points, then answers; false when the entry cannot answer. */
  const chargeAndAnswer = (
    request: IncomingMessage,
    response: ServerResponse,
    indexed: Indexed,
    entry: CachedResponse | null,
    startedAt: number,
  ): MaybePromise<boolean> => {
    const now = clock().getTime();
    if (entry === null || now < entry.computedAt || now >= entry.computedAt + ttlMs) return false;
    const address = addressOf(nodeHeader(request, 'x-forwarded-for'), request.socket.remoteAddress, options.trustProxy);
    return whenReady(limiter.chargeAddress(address, pointsFor('query', entry.cost)), (decision) =>
      answer(request, response, indexed, entry, decision, startedAt),
    );
  };

  // Synchronous from start to finish with the in-memory stores: no promise per hit.
  const handle = (request: IncomingMessage, response: ServerResponse): MaybePromise<boolean> => {
    const startedAt = performance.now();
    const url = request.url ?? '';
    const mediaType = eligible(request.method ?? '', url, (name) => nodeHeader(request, name));
    if (mediaType === null) return false;
    const indexed = indexes.get(mediaType)?.get(url);
    if (indexed === undefined) return false;
    let found: MaybePromise<{ entry: CachedResponse | null }>;
    try {
      found = store.lookup(indexed.cacheKey);
    } catch {
      return false; // yoga's path reports the store failure
    }
    if (!isThenable(found)) return chargeAndAnswer(request, response, indexed, found.entry, startedAt);
    return Promise.resolve(found).then(
      ({ entry }) => chargeAndAnswer(request, response, indexed, entry, startedAt),
      () => false, // yoga's path reports the store failure
    );
  };

  return { handle, plugin };
}
