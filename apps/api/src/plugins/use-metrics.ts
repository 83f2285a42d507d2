import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import type { Metrics } from '../observability/metrics.js';
import { pathnameOf } from './use-http-caching.js';

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

/** prom-client's process metrics (CPU, memory, event loop, GC), added to a registry only once. */
const withProcessMetrics = new WeakSet<Registry>();
const collectProcessMetrics = (registry: Registry) => {
  if (withProcessMetrics.has(registry)) return;
  withProcessMetrics.add(registry);
  collectDefaultMetrics({ register: registry });
};

const resultsOf = (result: unknown): ExecutionResult[] => {
  if (Array.isArray(result)) return result as ExecutionResult[];
  // A stream (subscriptions, @defer) has no errors to count up front.
  if (typeof result !== 'object' || result === null || Symbol.asyncIterator in result) return [];
  return [result as ExecutionResult];
};

/** Counts a result's GraphQL errors by code (yoga's path below, and the node-level POST path). */
export function countGraphQLErrors(metrics: Pick<Metrics, 'graphqlErrors'>, result: unknown): void {
  for (const { errors } of resultsOf(result)) {
    for (const error of errors ?? []) metrics.graphqlErrors.inc({ code: errorCodeLabel(error.extensions?.code) });
  }
}

/**
 * Starts the series a dashboard alerts on at 0, so "no cache hits" and "no rejections yet" are
 * visible values rather than missing series.
 */
const startKnownSeries = (metrics: Metrics) => {
  for (const result of ['hit', 'miss', 'store', 'invalidate']) metrics.responseCache.inc({ result }, 0);
  for (const scope of ['token', 'ip']) metrics.rateLimitRejections.inc({ scope }, 0);
};

export interface MetricsOptions {
  metrics: Metrics;
  /** Whether other GETs are answered by the static site (their route label is then `site`). */
  servesSite: boolean;
}

/**
 * Records every HTTP request (count by method, route and status; duration) and every GraphQL
 * error by code, and serves the registry in the Prometheus text format at `GET /metrics`.
 * Cache and limit counters are recorded by the plugins that make those decisions.
 */
export function useMetrics({ metrics, servesSite }: MetricsOptions): Plugin {
  collectProcessMetrics(metrics.registry);
  startKnownSeries(metrics);
  const started = new WeakMap<Request, number>();
  return {
    // Instrumentation runs before any onRequest hook, so requests another plugin answers early
    // (health checks, the static site) are timed too.
    instrumentation: {
      request({ request }, wrapped) {
        started.set(request, performance.now());
        return wrapped();
      },
    },
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== METRICS_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const body = request.method === 'HEAD' ? null : await metrics.registry.metrics();
      endResponse(
        new Response(body, {
          status: 200,
          headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' },
        }),
      );
    },
    onResultProcess({ result }) {
      countGraphQLErrors(metrics, result);
    },
    onResponse({ request, response }) {
      const method = methodLabel(request.method);
      const route = routeLabel(request.method, pathnameOf(request.url), servesSite);
      metrics.httpRequests.inc({ method, route, status: String(response.status) });
      const start = started.get(request);
      if (start !== undefined) metrics.httpDuration.observe({ method, route }, (performance.now() - start) / 1000);
    },
  };
}
