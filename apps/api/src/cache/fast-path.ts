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
 * trace context, RateLimit-*), with 304 on If-None-Match. Anything else, and every miss, goes to
 * yoga: the fast path can only answer what yoga already answered for the same URL.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { formatTraceparent, startServerSpan } from '../observability/trace-context.js';
import { storedCacheKeyOf } from '../plugins/use-response-cache.js';
import { addressOf } from '../rate-limit/client-address.js';
import { pointsFor, rateLimitHeaders } from '../rate-limit/policy.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { jsonMediaType, matchesIfNoneMatch } from './http-caching.js';
import type { ResponseCacheStore } from './store.js';

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
  /** Answers the request and resolves true, or resolves false having written nothing. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  /** Indexes the answers yoga stored; must be the last plugin, so it sees every header. */
  plugin: Plugin;
}

interface Indexed {
  cacheKey: string;
  /** Yoga's headers for this answer, without the per-request ones. */
  headers: Record<string, string>;
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

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** `/graphql?…` of an absolute URL (yoga's request.url), the form node's request.url has. */
const pathAndQuery = (url: string): string => url.slice(url.indexOf('/', url.indexOf('//') + 2));

export function createFastPath(options: FastPathOptions): FastPath {
  const { store, clock, limiter, metrics, logger } = options;
  const ttlMs = options.ttlSeconds * 1000;
  const maxIndexed = options.maxIndexedUrls ?? 10_000;
  const dependsOnOrigin = options.editorOrigins.length > 0;
  const prefix = `${options.graphqlEndpoint}?`;
  const index = new Map<string, Indexed>();
  const indexKey = (mediaType: string, url: string) => `${mediaType} ${url}`;
  // Label sets bound once: resolving labels on every hit costs more than the increment.
  const hits = metrics.responseCache.labels({ result: 'hit' });
  const route = options.graphqlEndpoint;
  const answered200 = metrics.httpRequests.labels({ method: 'GET', route, status: '200' });
  const answered304 = metrics.httpRequests.labels({ method: 'GET', route, status: '304' });
  const duration = metrics.httpDuration.labels({ method: 'GET', route });

  /** The media type to answer with, or null when this request is not one the fast path takes. */
  const eligible = (method: string, url: string, header: (name: string) => string | null): string | null => {
    if (method !== 'GET' || !url.startsWith(prefix)) return null;
    if (header('authorization') !== null) return null;
    if (dependsOnOrigin && header('origin') !== null) return null;
    if (!options.csrfHeaders.some((name) => header(name) !== null)) return null;
    const accept = header('accept');
    // A browser asking for HTML gets GraphiQL from yoga.
    if (accept?.includes('text/html')) return null;
    return jsonMediaType(accept);
  };

  const plugin: Plugin = {
    onResponse({ request, response }) {
      if (response.status !== 200) return;
      const cacheKey = storedCacheKeyOf(request);
      if (cacheKey === undefined) return;
      const url = pathAndQuery(request.url);
      const mediaType = eligible(request.method, url, (name) => request.headers.get(name));
      if (mediaType === null) return;
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!PER_REQUEST.has(name)) headers[name] = value;
      });
      headers['x-cache'] = 'HIT';
      if (index.size >= maxIndexed) index.clear();
      index.set(indexKey(mediaType, url), { cacheKey, headers });
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const started = performance.now();
    const url = request.url ?? '';
    const header = (name: string): string | null => {
      const value = request.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    const mediaType = eligible(request.method ?? '', url, header);
    if (mediaType === null) return false;
    const indexed = index.get(indexKey(mediaType, url));
    if (indexed === undefined) return false;
    let entry: Awaited<ReturnType<ResponseCacheStore['lookup']>>['entry'];
    try {
      entry = (await store.lookup(indexed.cacheKey)).entry;
    } catch {
      return false; // yoga's path reports the store failure
    }
    const now = clock().getTime();
    if (entry === null || now < entry.computedAt || now >= entry.computedAt + ttlMs) return false;
    const address = addressOf(header('x-forwarded-for'), request.socket.remoteAddress, options.trustProxy);
    const decision = await limiter.chargeAddress(address, pointsFor('query', entry.cost));
    // Over budget: yoga's path refuses it with the RATE_LIMITED error body.
    if (decision !== null && !decision.allowed) return false;

    const incomingId = header('x-request-id');
    const requestId = incomingId !== null && VALID_REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const span = startServerSpan(header('traceparent'));
    const notModified = matchesIfNoneMatch(header('if-none-match'), entry.etag);
    const headers: Record<string, string> = {
      ...indexed.headers,
      'x-request-id': requestId,
      traceparent: formatTraceparent(span),
      ...(decision === null ? {} : rateLimitHeaders(decision)),
    };
    if (notModified) delete headers['content-type'];
    const status = notModified ? 304 : 200;
    response.writeHead(status, headers);
    response.end(notModified ? undefined : entry.body);

    hits.inc();
    (notModified ? answered304 : answered200).inc();
    const seconds = (performance.now() - started) / 1000;
    duration.observe(seconds);
    logger.info('request', {
      requestId,
      trace_id: span.traceId,
      span_id: span.spanId,
      method: 'GET',
      path: options.graphqlEndpoint,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      cache: 'fast-path',
    });
    return true;
  };

  return { handle, plugin };
}
