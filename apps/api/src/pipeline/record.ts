/**
 * The log stage: every answered request counted (method, route, status, duration, GraphQL errors by
 * code) and written as one access line (docs/operating.md, "Observability"), by both adapters alike.
 */
import type { ExecutionResult } from 'graphql';
import type { Logger } from '../logger.js';
import { logAccess, serialisedPath } from '../observability/access-log.js';
import type { Metrics } from '../observability/metrics.js';
import type { Exchange } from './exchange.js';

export const METRICS_PATH = '/metrics';

export type RouteLabel = '/graphql' | '/healthz' | '/readyz' | '/metrics' | 'site' | 'other';

/**
 * The route label of a request. Never the raw path: every distinct label value is a new time
 * series, so a client requesting random paths must not be able to grow the registry.
 */
export function routeLabel(method: string, pathname: string, servesSite: boolean): RouteLabel {
  if (pathname === '/graphql' || pathname.startsWith('/graphql/')) return '/graphql';
  if (pathname === '/healthz' || pathname === '/readyz' || pathname === METRICS_PATH) return pathname;
  return servesSite && (method === 'GET' || method === 'HEAD') ? 'site' : 'other';
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The method label: the standard ones as they are, anything a client made up as `OTHER`. */
export const methodLabel = (method: string): string => (METHODS.has(method) ? method : 'OTHER');

/** The code label of a GraphQL error: its `extensions.code` when it is a sane code, else `NONE`. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'NONE';
}

/** Counts a result's GraphQL errors by code. */
export function countGraphQLErrors(metrics: Pick<Metrics, 'graphqlErrors'>, result: ExecutionResult): void {
  for (const error of result.errors ?? []) {
    metrics.graphqlErrors.inc({ code: errorCodeLabel(error.extensions?.code) });
  }
}

/** The path of an absolute URL, without building a URL object on every response. */
export function pathnameOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  let end = start;
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end += 1;
  return url.slice(start, end);
}

export interface Recorder {
  /** Counts the answer (when metrics are on) and writes the access line. */
  record(exchange: Exchange, status: number): void;
}

export function createRecorder(options: {
  metrics: Metrics;
  logger: Logger;
  /** CANDOR_METRICS: whether requests are counted. */
  countRequests: boolean;
  servesSite: boolean;
  graphqlEndpoint: string;
}): Recorder {
  const { metrics, logger, countRequests, servesSite } = options;
  const endpointMember = serialisedPath(options.graphqlEndpoint);
  // Label sets bound once per (method, route, status): resolving labels costs more than the increment.
  const answered = new Map<string, ReturnType<typeof metrics.httpRequests.labels>>();
  const durations = new Map<string, ReturnType<typeof metrics.httpDuration.labels>>();
  return {
    record(exchange, status) {
      if (countRequests) {
        const method = methodLabel(exchange.method);
        const route = routeLabel(exchange.method, exchange.path, servesSite);
        const key = `${method} ${route} ${status}`;
        let counter = answered.get(key);
        if (counter === undefined) {
          counter = metrics.httpRequests.labels({ method, route, status: String(status) });
          answered.set(key, counter);
        }
        counter.inc();
        const durationKey = `${method} ${route}`;
        let histogram = durations.get(durationKey);
        if (histogram === undefined) {
          histogram = metrics.httpDuration.labels({ method, route });
          durations.set(durationKey, histogram);
        }
        histogram.observe((performance.now() - exchange.startedAt) / 1000);
      }
      const { identity } = exchange;
      logAccess(
        logger,
        {
          requestId: identity.requestId,
          requestIdFromClient: identity.fromClient,
          traceId: identity.span.traceId,
          spanId: identity.span.spanId,
          method: exchange.method,
          path: exchange.path,
          status,
          startedAt: exchange.startedAt,
          adapter: exchange.adapter,
        },
        exchange.path === options.graphqlEndpoint ? endpointMember : undefined,
      );
    },
  };
}
