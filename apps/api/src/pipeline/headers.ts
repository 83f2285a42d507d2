/**
 * The headers stage: every response's headers as name/value pairs — the node adapter writes them
 * with one `writeHead`, yoga's adapters set them on the Response — so both adapters send the same
 * headers for the same answer (docs/partner-api.md, "HTTP endpoints", "HTTP caching").
 */
import { PRIVATE_CACHE_CONTROL, PUBLIC_VARY, publicCacheControl } from '../cache/http-caching.js';
import { formatTraceparent } from '../observability/trace-context.js';
import { appendRateLimitHeaders } from '../rate-limit/policy.js';
import type { Exchange } from './exchange.js';

/**
 * Security headers on every response (API, health, site). The site ships no third-party
 * resources, so its pages can forbid framing and cross-origin referrers outright.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** What a browser script on another origin may read from a response. */
export const EXPOSED_HEADERS = [
  'ETag',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'Retry-After',
  'X-Request-Id',
  'X-Cache',
];

export const CORS_METHODS = 'GET, POST, OPTIONS';
export const PREFLIGHT_MAX_AGE_SECONDS = '600';

export interface HeaderOptions {
  /** Origins whose pages may send a token and mutations (CANDOR_EDITOR_ORIGINS). */
  editorOrigins: readonly string[];
  /** CANDOR_CACHE_TTL_SECONDS: how long a CDN or browser may keep a public GET answer. */
  ttlSeconds: number;
}

export interface ResponseHeaders {
  /** With editor origins, answers depend on Origin (and say so with `Vary: Origin`). */
  readonly varyOrigin: boolean;
  /** Security and CORS headers of every response but a preflight, for this Origin. */
  common(origin: string | null): readonly string[];
  /** The allowed origin of a response to this Origin: `*`, or the editor origin echoed. */
  allowOrigin(origin: string | null): string;
  /**
   * The headers of a GraphQL answer besides the common ones, the ids and Content-Type: caching
   * (public with `etag` for an anonymous GET answered without errors, else private), X-Cache and
   * the RateLimit ones.
   */
  graphql(exchange: Exchange, etag: string | null): string[];
  /** X-Request-Id and traceparent. */
  ids(exchange: Exchange): [string, string, string, string];
}

export function createResponseHeaders(options: HeaderOptions): ResponseHeaders {
  const editors = new Set(options.editorOrigins);
  const varyOrigin = editors.size > 0;
  const exposeHeaders = EXPOSED_HEADERS.join(', ');
  const security = Object.entries(SECURITY_HEADERS).flat();
  const allowOrigin = (origin: string | null) => (origin !== null && editors.has(origin) ? origin : '*');
  const anyOrigin = [...security, 'access-control-allow-origin', '*', 'access-control-expose-headers', exposeHeaders];
  const publicCaching = publicCacheControl(options.ttlSeconds);
  const publicVary = [...PUBLIC_VARY, ...(varyOrigin ? ['Origin'] : [])].join(', ');
  return {
    varyOrigin,
    allowOrigin,
    common(origin) {
      if (!varyOrigin) return anyOrigin;
      return [
        ...security,
        'access-control-allow-origin',
        allowOrigin(origin),
        'access-control-expose-headers',
        exposeHeaders,
      ];
    },
    graphql(exchange, etag) {
      const headers =
        etag === null
          ? ['cache-control', PRIVATE_CACHE_CONTROL, ...(varyOrigin ? ['vary', 'Origin'] : [])]
          : ['cache-control', publicCaching, 'etag', etag, 'vary', publicVary];
      if (exchange.cacheStatus !== null) headers.push('x-cache', exchange.cacheStatus);
      if (exchange.decision !== null) appendRateLimitHeaders(headers, exchange.decision, exchange.refusedByBudget);
      return headers;
    },
    ids(exchange) {
      return ['x-request-id', exchange.identity.requestId, 'traceparent', formatTraceparent(exchange.identity.span)];
    },
  };
}

/**
 * Whether an answer may be public (cached by browsers and CDNs, with an ETag): an anonymous GET
 * of a query answered without errors.
 */
export const isPublicAnswer = (exchange: Exchange): boolean =>
  exchange.method === 'GET' &&
  exchange.header('authorization') === null &&
  (exchange.hit !== null || exchange.operation?.operation === 'query');
