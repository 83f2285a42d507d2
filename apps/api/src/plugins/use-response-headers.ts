import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The headers stage on yoga's side: every response gets the security and CORS headers, its request
 * id and `traceparent`; every answer of the GraphQL endpoint its caching headers (public with an
 * ETag for an anonymous GET answered without errors, `private, no-store` otherwise), X-Cache and
 * the RateLimit headers — the same pairs the node adapter writes (pipeline/headers.ts).
 */
export function useResponseHeaders(pipeline: Pipeline): Plugin {
  const { headers } = pipeline;
  const endpoint = pipeline.options.graphqlEndpoint;
  return {
    onResponse({ request, response }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      const pairs: string[] = [];
      if (request.method !== 'OPTIONS') pairs.push(...headers.common(request.headers.get('origin')));
      pairs.push(...headers.ids(exchange));
      if (exchange.path === endpoint) pairs.push(...headers.graphql(exchange, response.headers.get('etag')));
      for (let index = 0; index < pairs.length; index += 2) {
        const name = pairs[index] as string;
        // The static site sets its own nosniff; a preflight its own CORS headers.
        if (name === 'x-content-type-options' && response.headers.has(name)) continue;
        response.headers.set(name, pairs[index + 1] as string);
      }
    },
  };
}
