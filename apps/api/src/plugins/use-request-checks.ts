import type { Plugin } from 'graphql-yoga';
import { errorResponse } from '../pipeline/answer.js';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The check-request stage on yoga's side: method, declared body length, the CSRF rule and the
 * content type of every request to the GraphQL endpoint (pipeline/request-checks.ts). A chunked
 * body over the limit never reaches yoga: server.ts has the node adapter refuse it as it streams.
 * GraphiQL (a browser's GET asking for HTML) is answered by yoga before this.
 */
export function useRequestChecks(pipeline: Pipeline): Plugin {
  const endpoint = pipeline.options.graphqlEndpoint;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      const refusal = pipeline.checkRequest(exchange);
      if (refusal !== null) endResponse(errorResponse(pipeline, exchange, [refusal], fetchAPI));
    },
  };
}
