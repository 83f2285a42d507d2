import type { Plugin } from 'graphql-yoga';
import { wasCutOff } from '../node/chunked-body.js';
import { errorResponse } from '../pipeline/answer.js';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The check-request stage on yoga's side: method, declared body length, the CSRF rule and the
 * content type of every request to the GraphQL endpoint (pipeline/request-checks.ts), and a
 * chunked body the node server cut off past CANDOR_MAX_BODY_BYTES (node/chunked-body.ts).
 * GraphiQL (a browser's GET asking for HTML) is answered by yoga before this.
 */
export function useRequestChecks(pipeline: Pipeline): Plugin {
  const endpoint = pipeline.options.graphqlEndpoint;
  return {
    onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      let refusal = pipeline.checkRequest(exchange);
      if (refusal === null && wasCutOff((serverContext as { req?: unknown } | undefined)?.req)) {
        refusal = pipeline.bodyTooLarge();
      }
      if (refusal !== null) endResponse(errorResponse(pipeline, exchange, [refusal], fetchAPI));
    },
  };
}
