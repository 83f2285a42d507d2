import type { Plugin } from 'graphql-yoga';
import { withLogFields } from '../logger.js';
import { logFieldsOf } from '../observability/request-identity.js';
import { attachExchange, exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';
import { pathnameOf } from '../pipeline/record.js';

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/** `host` of an absolute URL, for in-process requests that carry no Host header. */
const hostOf = (url: string): string | null => {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};

/**
 * The identify stage on yoga's side: every request (API, health, site) gets its exchange — request
 * id, W3C trace context, client address — before any other hook, and every log line written while
 * it is handled carries `requestId`, `trace_id` and `span_id` (the hooks, the resolvers, the
 * access line). The ids reach the response through the headers stage.
 */
export function useRequestId(pipeline: Pipeline): Plugin {
  return {
    // Wraps the whole request (every hook, resolver and the response), so the log fields follow
    // it through every await; it runs before the socket is known (set in onRequest).
    instrumentation: {
      request({ request }, wrapped) {
        const exchange = pipeline.identify({
          method: request.method,
          path: pathnameOf(request.url),
          header: (name) => request.headers.get(name) ?? (name === 'host' ? hostOf(request.url) : null),
          peerAddress: undefined,
          adapter: 'yoga',
        });
        attachExchange(request, exchange);
        return withLogFields(logFieldsOf(exchange.identity), wrapped);
      },
    },
    onRequest({ request, serverContext }) {
      const exchange = exchangeOf(request);
      if (exchange !== undefined) {
        pipeline.locate(exchange, (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress);
      }
    },
  };
}
