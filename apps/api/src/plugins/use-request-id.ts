import type { Plugin } from 'graphql-yoga';
import { type Logger, withLogFields } from '../logger.js';
import { logAccess } from '../observability/access-log.js';
import { identifyRequest, logFieldsOf, type RequestIdentity } from '../observability/request-identity.js';
import { formatTraceparent } from '../observability/trace-context.js';
import { pathnameOf } from './use-http-caching.js';

interface Identified extends RequestIdentity {
  started: number;
  /** The log fields of every line written while handling the request (built once). */
  logFields: Record<string, unknown>;
}

const identities = new WeakMap<Request, Identified>();

const identify = (request: Request): Identified => {
  let identity = identities.get(request);
  if (identity === undefined) {
    const found = identifyRequest(request.headers.get('x-request-id'), request.headers.get('traceparent'));
    identity = { ...found, started: performance.now(), logFields: logFieldsOf(found) };
    identities.set(request, identity);
  }
  return identity;
};

/** The id of a request: the caller's X-Request-Id when it is sane, otherwise a new UUID. */
export const requestIdOf = (request: Request): string => identities.get(request)?.requestId ?? 'unknown';

/**
 * Gives every request an id and a W3C trace context (the caller's `traceparent` joined, or a new
 * trace), returns them in `X-Request-Id` and `traceparent`, puts `requestId`, `trace_id` and
 * `span_id` on every log line written while the request is handled, and writes one access log
 * line per request (method, path without the query string, status, duration; never the body or
 * headers, which can hold tokens and mutation inputs).
 */
export function useRequestId(logger: Logger): Plugin<{ requestId: string }> {
  return {
    // Wraps the whole request (every hook, resolver and the response), so the log fields follow
    // it through every await.
    instrumentation: {
      request({ request }, wrapped) {
        return withLogFields(identify(request).logFields, wrapped);
      },
    },
    onRequest({ request }) {
      identify(request);
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ requestId: requestIdOf(context.request) });
    },
    onResponse({ request, response }) {
      const { requestId, fromClient, span, started } = identify(request);
      response.headers.set('x-request-id', requestId);
      response.headers.set('traceparent', formatTraceparent(span));
      logAccess(logger, {
        requestId,
        requestIdFromClient: fromClient,
        traceId: span.traceId,
        spanId: span.spanId,
        method: request.method,
        path: pathnameOf(request.url),
        status: response.status,
        startedAt: started,
      });
    },
  };
}
