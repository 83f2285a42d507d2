/**
 * How an answer with errors is written, for both adapters: the errors finished by the mask stage,
 * counted, and serialised by yoga's own result processor (status from `extensions.http`, legacy
 * `application/json` getting 200 for GraphQL-over-HTTP request errors, as the spec prescribes).
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import { etagOf, matchesIfNoneMatch } from '../cache/http-caching.js';
import type { CachedResponse } from '../cache/store.js';
import type { Exchange } from './exchange.js';
import { isPublicAnswer } from './headers.js';
import type { Pipeline } from './index.js';
import { countGraphQLErrors } from './record.js';

export type FetchAPI = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>['fetchAPI'];

/** Finishes a result's errors (mask stage) and counts them; the result to write. */
export function finishResult(pipeline: Pipeline, exchange: Exchange, result: ExecutionResult): ExecutionResult {
  if (result.errors === undefined || result.errors.length === 0) return result;
  const finished = { ...result, errors: pipeline.finish(exchange, result.errors, !('data' in result)) };
  if (pipeline.options.countRequests) countGraphQLErrors(pipeline.options.metrics, finished);
  return finished;
}

/** The Response of a refusal (or any answer with errors), as yoga's result processor writes it. */
export function errorResponse(
  pipeline: Pipeline,
  exchange: Exchange,
  errors: readonly GraphQLError[],
  fetchAPI: FetchAPI,
): Response {
  return resultResponse(finishResult(pipeline, exchange, { errors: [...errors] }), exchange, fetchAPI);
}

/** A finished result as yoga's result processor writes it. */
export const resultResponse = (result: ExecutionResult, exchange: Exchange, fetchAPI: FetchAPI): Response =>
  processRegularResult(result, fetchAPI, exchange.mediaType);

/** A successful answer: 200 with its body, or 304 when the client's tag matches; `etag` when public. */
export interface SuccessAnswer {
  status: 200 | 304;
  /** Null for a 304. */
  body: string | null;
  /** The strong ETag of a public answer (an anonymous GET); null for a private one. */
  etag: string | null;
}

/** The answer of an operation that ran without errors, from its serialised body. */
export function successAnswer(exchange: Exchange, body: string): SuccessAnswer {
  return conditional(exchange, body, isPublicAnswer(exchange) ? etagOf(body) : null);
}

/** The answer of a cache hit: the stored body and tag, with 304 when the client's tag matches. */
export function hitAnswer(exchange: Exchange, entry: CachedResponse): SuccessAnswer {
  return conditional(exchange, entry.body, isPublicAnswer(exchange) ? entry.etag : null);
}

const conditional = (exchange: Exchange, body: string, etag: string | null): SuccessAnswer =>
  etag !== null && matchesIfNoneMatch(exchange.header('if-none-match'), etag)
    ? { status: 304, body: null, etag }
    : { status: 200, body, etag };

/** Whether a result is a success the response cache may keep: a query's data without errors. */
export const isStorable = (exchange: Exchange, result: ExecutionResult): boolean =>
  exchange.operation?.operation === 'query' &&
  (result.errors === undefined || result.errors.length === 0) &&
  result.data != null;
