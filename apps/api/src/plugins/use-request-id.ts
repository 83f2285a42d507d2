import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { type Logger, withLogFields } from '../logger.js';
import { logAccess } from '../observability/access-log.js';
import { formatTraceparent, startServerSpan, type TraceContext } from '../observability/trace-context.js';
import { pathnameOf } from './use-http-caching.js';

const VALID_INCOMING = /^[A-Za-z0-9._:-]{8,128}$/;

interface RequestIdentity {
  requestId: string;
  /** The caller's X-Request-Id, not one made here. */
  fromClient: boolean;
  span: TraceContext;
  started: number;
  /** The log fields of every line written while handling the request (built once). */
  logFields: Record<string, unknown>;
}

const identities = new WeakMap<Request, RequestIdentity>();

const identify = (request: Request): RequestIdentity => {
  let identity = identities.get(request);
  if (identity === undefined) {
    const incoming = request.headers.get('x-request-id');
    const fromClient = incoming !== null && VALID_INCOMING.test(incoming);
    const requestId = fromClient ? incoming : randomUUID();
    const span = startServerSpan(request.headers.get('traceparent'));
    identity = {
      requestId,
      fromClient,
      span,
      started: performance.now(),
      logFields: { requestId, trace_id: span.traceId, span_id: span.spanId },
    };
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
