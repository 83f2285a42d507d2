import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The log stage on yoga's side: every request counted (method, route, status, duration) and
 * written as one access line (pipeline/record.ts) — last, once the answer is complete.
 */
export function useAccessLog(pipeline: Pipeline): Plugin {
  return {
    onResponse({ request, response }) {
      const exchange = exchangeOf(request);
      if (exchange !== undefined) pipeline.recorder.record(exchange, response.status);
    },
  };
}
