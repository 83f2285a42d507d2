import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import type { Metrics } from '../observability/metrics.js';
import { METRICS_PATH } from '../pipeline/record.js';

/** prom-client's process metrics (CPU, memory, event loop, GC), added to a registry only once. */
const withProcessMetrics = new WeakSet<Registry>();
const collectProcessMetrics = (registry: Registry) => {
  if (withProcessMetrics.has(registry)) return;
  withProcessMetrics.add(registry);
  collectDefaultMetrics({ register: registry });
};

/**
 * Starts the series a dashboard alerts on at 0, so "no cache hits" and "no rejections yet" are
 * visible values rather than missing series.
 */
const startKnownSeries = (metrics: Metrics) => {
  for (const result of ['hit', 'miss', 'store', 'invalidate']) metrics.responseCache.inc({ result }, 0);
  for (const scope of ['token', 'ip', 'auth']) metrics.rateLimitRejections.inc({ scope }, 0);
};

/**
 * Serves the registry in the Prometheus text format at `GET /metrics`. Requests are counted by the
 * log stage (pipeline/record.ts, plugins/use-access-log.ts), cache and limit counters by the
 * stages that make those decisions.
 */
export function useMetrics({ metrics }: { metrics: Metrics }): Plugin {
  collectProcessMetrics(metrics.registry);
  startKnownSeries(metrics);
  return {
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
  };
}
