/**
 * Prometheus metrics (docs/operating.md, "Observability"), one registry per API instance so tests can run
 * several instances in one process. Plugins record into it; `/metrics` prints it.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Every HTTP request, by method, route (`/graphql`, `/healthz`, `site`, …) and status. */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** GraphQL errors by their `extensions.code`. */
  graphqlErrors: Counter<'code'>;
  /** Response cache lookups and changes: result = hit | miss | store | invalidate. */
  responseCache: Counter<'result'>;
  /** Requests refused with 429, by scope = token | ip | auth (too many failed authentications). */
  rateLimitRejections: Counter<'scope'>;
  /** Requests refused by a query limit, by its error code. */
  queryLimitRejections: Counter<'code'>;
  /** Connections the server closed or refused on purpose, by reason (node/connections.ts). */
  connectionsClosed: Counter<'reason'>;
  /** Connections open now. */
  openConnections: Gauge;
  /** GraphQL subscriptions (SSE streams) listening on this instance now (notifications/live-updates.ts). */
  liveSubscriptions: Gauge;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    httpRequests: new Counter({
      name: 'candor_http_requests_total',
      help: 'HTTP requests answered, by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'candor_http_request_duration_seconds',
      help: 'Time from receiving a request to its response, by method and route.',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    graphqlErrors: new Counter({
      name: 'candor_graphql_errors_total',
      help: 'GraphQL errors returned, by extensions.code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    responseCache: new Counter({
      name: 'candor_response_cache_total',
      help: 'Response cache events: hit, miss, store, invalidate.',
      labelNames: ['result'],
      registers: [registry],
    }),
    rateLimitRejections: new Counter({
      name: 'candor_rate_limit_rejections_total',
      help: 'Requests refused with 429, by scope (token or ip).',
      labelNames: ['scope'],
      registers: [registry],
    }),
    queryLimitRejections: new Counter({
      name: 'candor_query_limit_rejections_total',
      help: 'Operations refused by a query limit, by error code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    connectionsClosed: new Counter({
      name: 'candor_connections_closed_total',
      help: 'Connections closed or refused by a connection limit, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    openConnections: new Gauge({
      name: 'candor_connections_open',
      help: 'Client connections open now.',
      registers: [registry],
    }),
    liveSubscriptions: new Gauge({
      name: 'candor_live_subscriptions',
      help: 'GraphQL subscriptions (Server-Sent Events streams) listening on this instance now.',
      registers: [registry],
    }),
  };
}
