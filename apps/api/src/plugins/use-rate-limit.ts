import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The admit half of the charge stage on yoga's side (pipeline/budget.ts): before the cache or the
 * parser, a bearer token is authenticated (failures are throttled per client) and a caller whose
 * budget is spent is refused with 429. The GraphQL context takes the editor found here.
 */
export function useRateLimit(pipeline: Pipeline): Plugin {
  return {
    async onParams({ request }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      const refusal = await pipeline.admit(exchange);
      if (refusal !== null) throw refusal;
    },
  };
}

/**
 * The settle half of the charge stage: the request pays what it made the server do, before the
 * headers stage writes the RateLimit headers.
 */
export function useRateLimitSettlement(pipeline: Pipeline): Plugin {
  const endpoint = pipeline.options.graphqlEndpoint;
  return {
    async onResponse({ request }) {
      const exchange = exchangeOf(request);
      if (exchange !== undefined && exchange.path === endpoint) await pipeline.settle(exchange);
    },
  };
}
