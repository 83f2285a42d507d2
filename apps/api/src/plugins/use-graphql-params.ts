import type { Plugin, GraphQLParams as YogaParams } from 'graphql-yoga';
import type { GraphQLParams } from '../pipeline/exchange.js';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';
import { contentTypeOf } from '../pipeline/request-checks.js';

const JSON_TYPES = new Set(['application/json', 'application/graphql+json']);

const toYoga = (params: GraphQLParams): YogaParams => ({
  query: params.query,
  operationName: params.operationName ?? undefined,
  variables: params.variables ?? undefined,
  extensions: params.extensions ?? undefined,
});

/**
 * The params stage on yoga's side: GETs and JSON POSTs are read by the pipeline's own reader
 * (pipeline/params.ts) instead of yoga's, and what yoga's other parsers decode (forms, a
 * `application/graphql` body) is checked by it too, so every request reaches the later stages
 * with parameters of the right shape and a persisted hash resolved.
 */
export function useGraphQLParams(pipeline: Pipeline): Plugin {
  const endpoint = pipeline.options.graphqlEndpoint;
  return {
    onRequestParse({ request, url, setRequestParser }) {
      if (url.pathname !== endpoint) return;
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      if (request.method === 'GET') {
        setRequestParser(() => {
          const queryStart = request.url.indexOf('?');
          const refusal = pipeline.readSearch(exchange, queryStart < 0 ? '' : request.url.slice(queryStart + 1));
          if (refusal !== null) throw refusal;
          return toYoga(exchange.params as GraphQLParams);
        });
      } else if (
        request.method === 'POST' &&
        JSON_TYPES.has(contentTypeOf(request.headers.get('content-type')) ?? '')
      ) {
        setRequestParser(async () => {
          const refusal = pipeline.readJson(exchange, await request.text());
          if (refusal !== null) throw refusal;
          return toYoga(exchange.params as GraphQLParams);
        });
      }
    },
    onParams({ request, params, setParams }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      if (exchange.params === null) {
        const refusal = pipeline.readDecoded(exchange, params);
        if (refusal !== null) throw refusal;
      }
      setParams(toYoga(exchange.params as GraphQLParams));
    },
  };
}
