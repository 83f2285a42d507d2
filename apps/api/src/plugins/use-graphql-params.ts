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
 * The params stage on yoga's side: every body the endpoint reads — a GET's query string, JSON, a
 * form, an `application/graphql` document — is read by the pipeline's own reader
 * (pipeline/params.ts) instead of yoga's parsers (whose form parser answered invalid JSON in
 * `variables` with a 500), so every request reaches the later stages with parameters of the right
 * shape, a persisted hash resolved, or a refusal with a documented code.
 */
export function useGraphQLParams(pipeline: Pipeline): Plugin {
  const endpoint = pipeline.options.graphqlEndpoint;
  return {
    onRequestParse({ request, url, setRequestParser }) {
      if (url.pathname !== endpoint) return;
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      const read = (refusal: ReturnType<Pipeline['readJson']>) => {
        if (refusal !== null) throw refusal;
        return toYoga(exchange.params as GraphQLParams);
      };
      if (request.method === 'GET') {
        const queryStart = request.url.indexOf('?');
        const search = queryStart < 0 ? '' : request.url.slice(queryStart + 1);
        setRequestParser(() => read(pipeline.readSearch(exchange, search)));
        return;
      }
      if (request.method !== 'POST') return;
      const type = contentTypeOf(request.headers.get('content-type')) ?? '';
      if (JSON_TYPES.has(type)) {
        setRequestParser(async () => read(pipeline.readJson(exchange, await request.text())));
      } else if (type === 'application/x-www-form-urlencoded') {
        setRequestParser(async () => read(pipeline.readForm(exchange, await request.text())));
      } else if (type === 'application/graphql') {
        setRequestParser(async () => read(pipeline.readDecoded(exchange, { query: await request.text() })));
      }
    },
    onParams({ request, params, setParams }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      // Anything another parser decoded (none for Candor's endpoint today) is checked all the same.
      if (exchange.params === null) {
        const refusal = pipeline.readDecoded(exchange, params);
        if (refusal !== null) throw refusal;
      }
      setParams(toYoga(exchange.params as GraphQLParams));
    },
  };
}
