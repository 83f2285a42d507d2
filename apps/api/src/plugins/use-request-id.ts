import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';

const VALID_INCOMING = /^[A-Za-z0-9._:-]{8,128}$/;
const ids = new WeakMap<Request, string>();

/** The id of a request: the caller's X-Request-Id when it is sane, otherwise a new UUID. */
export const requestIdOf = (request: Request): string => ids.get(request) ?? 'unknown';

/**
 * Gives every request an id, returns it in X-Request-Id, and writes one access log line per
 * request (method, path, status, duration; never the body or headers).
 */
export function useRequestId(logger: Logger): Plugin<{ requestId: string }> {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      const incoming = request.headers.get('x-request-id');
      ids.set(request, incoming !== null && VALID_INCOMING.test(incoming) ? incoming : randomUUID());
      started.set(request, performance.now());
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ requestId: requestIdOf(context.request) });
    },
    onResponse({ request, response }) {
      const requestId = requestIdOf(request);
      response.headers.set('x-request-id', requestId);
      const url = new URL(request.url);
      logger.info('request', {
        requestId,
        method: request.method,
        path: url.pathname,
        status: response.status,
        durationMs: Math.round((performance.now() - (started.get(request) ?? performance.now())) * 10) / 10,
      });
    },
  };
}
