import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { etagOf } from '../cache/http-caching.js';
import { hitAnswer, isStorable, type SuccessAnswer, successAnswer } from '../pipeline/answer.js';
import { type Exchange, exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The cache-lookup and store stages on yoga's side (pipeline/cache.ts, docs/partner-api.md, "HTTP caching and
 * persisted operations"): an anonymous request is looked up before it is parsed and a hit is
 * answered with the stored body (no parse, validation or execution); a query answered without
 * errors is serialised here, tagged when public, and stored if no editor mutation happened since
 * the lookup. Every editor mutation empties the cache before its answer leaves.
 */
export function useResponseCache(pipeline: Pipeline): Plugin<{ request: Request }> {
  const { cache } = pipeline;

  const respond = (ResponseClass: typeof Response, exchange: Exchange, answer: SuccessAnswer): Response => {
    const headers: Record<string, string> = {};
    if (answer.etag !== null) headers.etag = answer.etag;
    if (answer.body !== null) headers['content-type'] = `${exchange.mediaType}; charset=utf-8`;
    return new ResponseClass(answer.body, { status: answer.status, headers });
  };

  return {
    async onParams({ request, setResult }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined || cache === null || !exchange.acceptsJson) return;
      await pipeline.lookup(exchange);
      // Never serialised: onResultProcess answers with the stored body instead.
      if (exchange.hit !== null) setResult({ data: null });
    },
    onExecute({ args }) {
      const exchange = exchangeOf(args.contextValue.request);
      // Anonymous mutations change nothing (they are refused), so they may not empty the cache.
      if (cache === null || exchange?.operation?.operation !== 'mutation' || exchange.viewer === null) return;
      return {
        async onExecuteDone() {
          await cache.invalidate();
        },
      };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined || !exchange.acceptsJson) return;
      const { hit } = exchange;
      // yoga's own Response class (whatwg-node's), not the global one: node writes it straight from
      // the string with a Content-Length, where undici's would be pumped through a web stream.
      if (hit !== null) {
        setResultProcessor(
          (_, fetchAPI) => respond(fetchAPI.Response, exchange, hitAnswer(exchange, hit)),
          exchange.mediaType,
        );
        return;
      }
      const answer = result as ExecutionResult;
      if (Array.isArray(result) || answer.errors !== undefined || answer.data == null) return;
      setResultProcessor(async (_, fetchAPI) => {
        const body = JSON.stringify(answer);
        const written = successAnswer(exchange, body);
        if (cache !== null && isStorable(exchange, answer))
          await cache.store(exchange, body, written.etag ?? etagOf(body));
        return respond(fetchAPI.Response, exchange, written);
      }, exchange.mediaType);
    },
  };
}
