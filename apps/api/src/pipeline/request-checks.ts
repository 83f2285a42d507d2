/**
 * The body and parameter checks that come before any GraphQL parameter is read: the method, the
 * declared body length, the CSRF rule and the content type (docs/partner-api.md, "HTTP endpoints"). Each
 * refusal has a stable code, and the pipeline's mask stage adds the request id.
 */
import { bodyTooLarge, limitError } from '../limits/limit-error.js';
import type { Metrics } from '../observability/metrics.js';
import { quote, refusal } from './errors.js';
import type { Exchange } from './exchange.js';

/** Any one of these headers marks a request as not forgeable by a cross-site form or link. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] as const;

/**
 * Content types a browser sends cross-site without a CORS preflight (a form, a `text/plain`
 * fetch): such a POST could carry a mutation, so it must prove it is no forgery.
 */
const NON_PREFLIGHTED = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * The POST bodies the GraphQL endpoint reads (pipeline/params.ts): JSON, as most clients send it,
 * a form and a bare `application/graphql` document. Not multipart: Candor takes no file uploads.
 */
const READABLE = new Set([
  'application/json',
  'application/graphql+json',
  'application/graphql',
  'application/x-www-form-urlencoded',
]);

/** Only a single non-negative integer is a Content-Length (comma-joined values smell of smuggling). */
const CONTENT_LENGTH = /^\d+$/;

/** `application/json; charset=utf-8` → `application/json`; null when absent. */
export function contentTypeOf(header: string | null): string | null {
  if (header === null) return null;
  const semicolon = header.indexOf(';');
  // A list of types is not valid HTTP, but some clients send one: the first counts (as yoga reads it).
  const first = (semicolon < 0 ? header : header.slice(0, semicolon)).split(',')[0] ?? '';
  const type = first.trim().toLowerCase();
  return type === '' ? null : type;
}

export interface RequestCheckOptions {
  maxBodyBytes: number;
  metrics: Pick<Metrics, 'queryLimitRejections'>;
}

/**
 * The check-request stage. GET needs no CSRF header unless it carries a token: no credential is
 * ambient here (tokens travel as bearer headers, never cookies), so an anonymous read forged by
 * another site reads only what anyone may read, and mutations are never run over GET (405). A POST
 * a browser can send without a preflight, and any GET with a token, must carry a CSRF header.
 */
export function checkRequest(exchange: Exchange, options: RequestCheckOptions) {
  const { method } = exchange;
  if (method !== 'GET' && method !== 'POST') {
    return refusal('METHOD_NOT_ALLOWED', `The GraphQL endpoint answers GET and POST, not ${quote(method, 20)}.`, 405, {
      headers: { allow: 'GET, POST' },
    });
  }
  const declared = exchange.header('content-length');
  if (declared !== null) {
    if (!CONTENT_LENGTH.test(declared)) return refusal('BAD_REQUEST', 'Content-Length header is invalid.', 400);
    const bytes = Number(declared);
    if (bytes > options.maxBodyBytes) {
      const violation = bodyTooLarge(options.maxBodyBytes, bytes);
      options.metrics.queryLimitRejections.inc({ code: violation.code });
      return limitError(violation);
    }
  }
  const contentType = method === 'POST' ? contentTypeOf(exchange.header('content-type')) : null;
  const preflighted = method === 'POST' && contentType !== null && !NON_PREFLIGHTED.has(contentType);
  const needsCsrfHeader = method === 'POST' ? !preflighted : exchange.header('authorization') !== null;
  if (needsCsrfHeader && !CSRF_HEADERS.some((name) => exchange.header(name) !== null)) {
    return refusal(
      'CSRF_HEADER_REQUIRED',
      method === 'GET'
        ? 'A GET with an Authorization header must also carry one of the headers x-graphql-yoga-csrf, graphql-require-preflight or apollo-require-preflight (any value).'
        : 'A form or text/plain POST must carry one of the headers x-graphql-yoga-csrf, graphql-require-preflight or apollo-require-preflight (any value); or send application/json.',
      403,
    );
  }
  if (method === 'POST' && (contentType === null || !READABLE.has(contentType))) {
    return refusal(
      'UNSUPPORTED_MEDIA_TYPE',
      contentType === null
        ? 'A POST needs a Content-Type: send application/json.'
        : `Content-Type ${quote(contentType, 60)} is not read here: send application/json.`,
      415,
    );
  }
  return null;
}
