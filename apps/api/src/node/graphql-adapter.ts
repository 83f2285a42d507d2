/**
 * The node adapter of the pipeline: the same ordered stages as yoga's plugins (pipeline/index.ts,
 * STAGES), run directly over node's IncomingMessage and ServerResponse. yoga's Request/Response
 * objects and hook machinery alone cost more per request than Candor's whole budget for an
 * uncached POST (issue 6: ≤ 300 µs) and several times what a cached GET should; here a cached
 * answer is written with one `writeHead`, synchronously with the in-memory stores.
 *
 * It takes every anonymous GET and JSON POST of the GraphQL endpoint — refusals included — and
 * leaves to yoga, before reading anything, what only yoga's adapter serves: requests with an
 * Authorization header, GraphiQL, streaming answers (SSE, multipart), other content types and
 * methods, other paths. test/api/pipeline-parity.test.ts sends the same requests through both
 * adapters and requires the same answers, headers and counters.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { etagOf, jsonMediaType } from '../cache/http-caching.js';
import type { CachedResponse } from '../cache/store.js';
import { describeError, withLogFields } from '../logger.js';
import { isThenable, type MaybePromise, whenReady } from '../maybe-promise.js';
import { logFieldsOf } from '../observability/request-identity.js';
import {
  type FetchAPI,
  finishResult,
  hitAnswer,
  isStorable,
  resultResponse,
  type SuccessAnswer,
  successAnswer,
} from '../pipeline/answer.js';
import { asGraphQLError } from '../pipeline/errors.js';
import type { Exchange } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';
import { contentTypeOf } from '../pipeline/request-checks.js';
import { drainRefused, readBody } from './body.js';

export interface NodeAdapter {
  /**
   * Answers the request and returns true (at once, or through a promise), or returns false at
   * once, having read nothing, for yoga to answer it.
   */
  handle(request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean>;
  /**
   * Answers 413 PAYLOAD_TOO_LARGE to a request whose chunked body passed the limit as it streamed
   * (node/chunked-body.ts, for requests otherwise yoga's), and drains the rest.
   */
  refuseBodyTooLarge(request: IncomingMessage, response: ServerResponse): void;
}

const JSON_TYPES = new Set(['application/json', 'application/graphql+json']);

/** A request header as one string (node gives repeated headers as arrays), or null when absent. */
const headerReader =
  (request: IncomingMessage) =>
  (name: string): string | null => {
    const value = request.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };

/** What is written: status, the headers besides the common ones, and the body. */
interface Written {
  status: number;
  /** Name/value pairs from the answer itself (Content-Type, an error's Allow or Retry-After). */
  headers: string[];
  body: Buffer | null;
  /** The ETag of a public answer. */
  etag: string | null;
}

export function createNodeAdapter(pipeline: Pipeline, yoga: { fetchAPI: FetchAPI }): NodeAdapter {
  const { headers, recorder, cache } = pipeline;
  const { graphqlEndpoint: endpoint, maxBodyBytes, logger } = pipeline.options;
  const prefix = `${endpoint}?`;
  // A stored answer's bytes, encoded once per entry (in-memory entries are the same object on every hit).
  const encoded = new WeakMap<CachedResponse, Buffer>();
  const bytesOf = (entry: CachedResponse): Buffer => {
    let bytes = encoded.get(entry);
    if (bytes === undefined) {
      bytes = Buffer.from(entry.body);
      encoded.set(entry, bytes);
    }
    return bytes;
  };
  const contentTypes = {
    'application/json': ['content-type', 'application/json; charset=utf-8'],
    'application/graphql-response+json': ['content-type', 'application/graphql-response+json; charset=utf-8'],
  } as const;

  /** headers stage + write + log stage. */
  const write = (request: IncomingMessage, response: ServerResponse, exchange: Exchange, written: Written): true => {
    const pairs = [
      ...written.headers,
      ...headers.common(exchange.header('origin')),
      ...headers.ids(exchange),
      ...headers.graphql(exchange, written.etag),
    ];
    if (written.body !== null) pairs.push('content-length', String(written.body.length));
    response.writeHead(written.status, pairs);
    response.end(written.body ?? undefined);
    recorder.record(exchange, written.status);
    // A refused body still on its way: read and discard it, so the client reads this answer.
    if (written.status === 413) drainRefused(request);
    return true;
  };

  const success = (exchange: Exchange, answer: SuccessAnswer, bytes: Buffer | null): Written => ({
    status: answer.status,
    headers: answer.status === 304 ? [] : [...contentTypes[exchange.mediaType]],
    body: answer.status === 304 ? null : bytes,
    etag: answer.etag,
  });

  /** An answer with errors, written by yoga's result processor (the status and headers it chose). */
  const withErrors = async (exchange: Exchange, result: ExecutionResult): Promise<Written> => {
    const processed = resultResponse(finishResult(pipeline, exchange, result), exchange, yoga.fetchAPI);
    const extra: string[] = [];
    processed.headers.forEach((value, name) => {
      const lower = name.toLowerCase();
      if (lower !== 'content-length') extra.push(lower, value);
    });
    return { status: processed.status, headers: extra, body: Buffer.from(await processed.text()), etag: null };
  };

  /** settle, then write. */
  const settleAndWrite = (
    request: IncomingMessage,
    response: ServerResponse,
    exchange: Exchange,
    written: MaybePromise<Written>,
  ): MaybePromise<true> =>
    whenReady(written, (ready) =>
      whenReady(pipeline.settle(exchange), () => write(request, response, exchange, ready)),
    );

  const refuse = (request: IncomingMessage, response: ServerResponse, exchange: Exchange, error: GraphQLError) =>
    settleAndWrite(request, response, exchange, withErrors(exchange, { errors: [error] }));

  /** execute, mask, settle, store, headers, log. */
  const executed = async (request: IncomingMessage, response: ServerResponse, exchange: Exchange) => {
    const result = await pipeline.execute(exchange);
    if (result.errors !== undefined && result.errors.length > 0) {
      return settleAndWrite(request, response, exchange, withErrors(exchange, result));
    }
    const body = JSON.stringify(result);
    const answer = successAnswer(exchange, body);
    if (cache !== null && isStorable(exchange, result)) await cache.store(exchange, body, answer.etag ?? etagOf(body));
    return settleAndWrite(request, response, exchange, success(exchange, answer, Buffer.from(body)));
  };

  /** From the pre-parse limits on: the stages after the parameters were read. */
  const afterParams = (request: IncomingMessage, response: ServerResponse, exchange: Exchange): MaybePromise<true> => {
    const tooLarge = pipeline.checkSource(exchange);
    if (tooLarge !== null) return refuse(request, response, exchange, tooLarge);
    return whenReady(pipeline.admit(exchange), (refusal) => {
      if (refusal !== null) return refuse(request, response, exchange, refusal);
      return whenReady(pipeline.lookup(exchange), () => {
        const { hit } = exchange;
        if (hit !== null) {
          const answer = hitAnswer(exchange, hit);
          return settleAndWrite(request, response, exchange, success(exchange, answer, bytesOf(hit)));
        }
        const unparsable = pipeline.parse(exchange);
        if (unparsable !== null) return refuse(request, response, exchange, unparsable);
        const invalid = pipeline.validate(exchange);
        if (invalid.length > 0) {
          return settleAndWrite(request, response, exchange, withErrors(exchange, { errors: [...invalid] }));
        }
        return executed(request, response, exchange);
      });
    });
  };

  /** A stage threw (a bug, or a failing store in fail-closed code paths): masked, logged, answered. */
  const failed = (request: IncomingMessage, response: ServerResponse, exchange: Exchange, error: unknown) => {
    if (response.headersSent) {
      logger.error('node adapter failed after answering', describeError(error));
      response.destroy();
      return true;
    }
    return refuse(request, response, exchange, asGraphQLError(error));
  };

  const run = (
    request: IncomingMessage,
    response: ServerResponse,
    exchange: Exchange,
    stages: () => MaybePromise<true>,
  ): boolean | Promise<boolean> =>
    withLogFields(logFieldsOf(exchange.identity), () => {
      let answered: MaybePromise<true>;
      try {
        answered = stages();
      } catch (error) {
        answered = failed(request, response, exchange, error);
      }
      return isThenable(answered)
        ? Promise.resolve(answered).catch((error: unknown) => failed(request, response, exchange, error))
        : answered;
    });

  const handle = (request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean> => {
    const url = request.url ?? '';
    const method = request.method ?? '';
    const isGet = method === 'GET';
    if ((!isGet && method !== 'POST') || (url !== endpoint && !url.startsWith(prefix))) return false;
    const header = headerReader(request);
    if (header('authorization') !== null) return false;
    const accept = header('accept');
    // A browser asking for HTML gets GraphiQL; a client asking for a stream, yoga's processors.
    if ((isGet && accept?.includes('text/html')) || jsonMediaType(accept) === null) return false;
    if (!isGet && !JSON_TYPES.has(contentTypeOf(header('content-type')) ?? '')) return false;

    const exchange = pipeline.identify({
      method,
      path: endpoint,
      header,
      peerAddress: request.socket.remoteAddress,
      adapter: 'node',
    });
    return run(request, response, exchange, () => {
      const refusal = pipeline.checkRequest(exchange);
      if (refusal !== null) return refuse(request, response, exchange, refusal);
      if (isGet) {
        const unreadable = pipeline.readSearch(exchange, url.length > endpoint.length ? url.slice(prefix.length) : '');
        return unreadable === null
          ? afterParams(request, response, exchange)
          : refuse(request, response, exchange, unreadable);
      }
      return readBody(request, maxBodyBytes).then((body) => {
        if (body === null) return refuse(request, response, exchange, pipeline.bodyTooLarge());
        const unreadable = pipeline.readJson(exchange, body.toString('utf8'));
        return unreadable === null
          ? afterParams(request, response, exchange)
          : refuse(request, response, exchange, unreadable);
      });
    });
  };

  const refuseBodyTooLarge = (request: IncomingMessage, response: ServerResponse): void => {
    const exchange = pipeline.identify({
      method: request.method ?? '',
      path: (request.url ?? '/').split('?')[0] ?? '/',
      header: headerReader(request),
      peerAddress: request.socket.remoteAddress,
      adapter: 'node',
    });
    void run(request, response, exchange, () => refuse(request, response, exchange, pipeline.bodyTooLarge()));
  };

  return { handle, refuseBodyTooLarge };
}
