/**
 * Answers anonymous JSON POSTs of valid queries before yoga sees them (issue 6: per-request
 * overhead of an uncached POST ≤ 300 µs CPU; yoga's Request/Response objects and plugin hooks
 * alone cost more than that).
 *
 * Only the happy path is handled here: a POST to the GraphQL endpoint with a JSON body of a sane
 * length, no Authorization header (with editor origins configured, no Origin header either), whose
 * parameters have the shape yoga accepts and whose document parses, validates and passes every
 * query limit, selecting one query whose variables coerce, and that its rate-limit budget allows.
 * Everything else — mutations, errors of the request itself, limit violations, refusals, bodies
 * yoga reads itself (chunked, over the limit, malformed) — goes to yoga with the body already read,
 * so yoga answers it exactly as without this path. After the charge, execution errors are
 * answered here, masked by the same function and shaped by yoga's own result processor.
 *
 * Per request it does what yoga's plugins do, through the functions they call: request id and
 * trace context, rate-limit charge and headers, response-cache lookup and store (same key, same
 * store), execution under the execution timeout with the same context, error masking, security,
 * CORS and cache headers, metrics and the access line. test/api/post-path.test.ts sends the same
 * requests through this path and through yoga alone and compares the answers.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from '@candor/schema';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import { cacheKeyOf } from '../cache/cache-key.js';
import { etagOf, jsonMediaType, PRIVATE_CACHE_CONTROL } from '../cache/http-caching.js';
import type { ResponseCacheCore } from '../cache/response-cache.js';
import type { CachedResponse } from '../cache/store.js';
import { measureOperation, type QueryLimits } from '../limits/query-limits.js';
import { describeError, type Logger, withLogFields } from '../logger.js';
import { isThenable, type MaybePromise, whenReady } from '../maybe-promise.js';
import { logAccess, serialisedPath } from '../observability/access-log.js';
import type { Metrics } from '../observability/metrics.js';
import { identifyRequest, logFieldsOf, type RequestIdentity } from '../observability/request-identity.js';
import { formatTraceparent } from '../observability/trace-context.js';
import type { PersistedOperations } from '../persisted/manifest.js';
import { corsResponseHeaders } from '../plugins/use-cors-policy.js';
import { createErrorMasker } from '../plugins/use-error-masking.js';
import { executeWithinTimeout } from '../plugins/use-execution-timeout.js';
import { countGraphQLErrors } from '../plugins/use-metrics.js';
import { SECURITY_HEADERS } from '../plugins/use-security-headers.js';
import { addressOf } from '../rate-limit/client-address.js';
import { appendRateLimitHeaders, pointsFor, type RateLimitDecision } from '../rate-limit/policy.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { type PostParams, postParamsOf } from './graphql-params.js';
import { graphqlRuntime } from './graphql-runtime.js';
import { createDocumentPreparer } from './prepared-documents.js';
import { handBodyBack, readableLength, readBody } from './read-body.js';

const { execute, getOperationAST, getVariableValues } = graphqlRuntime;

export interface PostPathOptions {
  schema: GraphQLSchema;
  graphqlEndpoint: string;
  /** CANDOR_MAX_BODY_BYTES: longer bodies go to yoga unread (it answers 413). */
  maxBodyBytes: number;
  limits: QueryLimits;
  introspection: boolean;
  /** The cost-limit exemption of the query-limit plugin (yoga.ts). */
  isTrustedDocument: (document: string) => boolean;
  persisted: PersistedOperations;
  /** Null when the response cache is off. */
  cache: ResponseCacheCore | null;
  clock: () => Date;
  limiter: RateLimiter;
  trustProxy: boolean;
  editorOrigins: readonly string[];
  timeoutMs: number;
  metrics: Metrics;
  /** CANDOR_METRICS: whether requests and GraphQL errors are counted (as useMetrics would). */
  countRequests: boolean;
  logger: Logger;
  /** The GraphQL context of an anonymous request (context.ts), without the request id. */
  context: () => Context;
  /** Yoga's fetch API, for its result processor (answers with errors). */
  yoga: Pick<YogaServerInstance<Record<string, unknown>, Record<string, unknown>>, 'fetchAPI'>;
}

export interface PostPath {
  /**
   * Answers the request and returns true, or returns false for yoga to answer it: at once when the
   * request is not one this path reads, after reading the body (then handed back to the request)
   * otherwise. Never rejects.
   */
  handle(request: IncomingMessage, response: ServerResponse): false | Promise<boolean>;
}

type MediaType = NonNullable<ReturnType<typeof jsonMediaType>>;

/** A request header as one string (node gives repeated headers as arrays), or null when absent. */
const headerOf = (headers: IncomingHttpHeaders, name: string): string | null => {
  const value = headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
};

/** `application/json`, with parameters (charset) or not: what yoga's JSON parser reads. */
const isJsonContentType = (value: string | undefined): boolean => {
  if (value === undefined) return false;
  const type = value
    .slice(0, value.includes(';') ? value.indexOf(';') : value.length)
    .trim()
    .toLowerCase();
  return type === 'application/json';
};

/** What is settled about a request once its body is read and checked, before it is charged. */
interface Accepted {
  params: PostParams;
  document: DocumentNode;
  cost: number;
  mediaType: MediaType;
  identity: RequestIdentity;
  startedAt: number;
}

interface Answer {
  status: number;
  body: string;
  /** Name/value pairs besides the ones every answer of this path has. */
  headers: string[];
}

export function createPostPath(options: PostPathOptions): PostPath {
  const { schema, limits, persisted, cache, limiter, metrics, logger } = options;
  const prepareDocument = createDocumentPreparer(options);
  const maskErrors = createErrorMasker(logger);
  const dependsOnOrigin = options.editorOrigins.length > 0;
  const cors = corsResponseHeaders(options.editorOrigins)(null);
  // Every answer's fixed headers, listed once: what useHttpCaching, useSecurityHeaders and
  // useCorsPolicy give a POST answer without an Origin (or any Origin, without editor origins).
  const fixedHeaders = [
    'cache-control',
    PRIVATE_CACHE_CONTROL,
    ...Object.entries(SECURITY_HEADERS).flat(),
    'access-control-allow-origin',
    cors.allowOrigin,
    'access-control-expose-headers',
    cors.exposeHeaders,
    ...(cors.varyOrigin ? ['vary', 'Origin'] : []),
  ];
  const hits = metrics.responseCache.labels({ result: 'hit' });
  const route = options.graphqlEndpoint;
  const duration = metrics.httpDuration.labels({ method: 'POST', route });
  const answeredWith = new Map<number, ReturnType<typeof metrics.httpRequests.labels>>();
  const pathMember = serialisedPath(route);
  const hashToDocument = (hash: string) => persisted.byHash.get(hash);

  /** The checks before any charge: the request, or null for yoga to answer it. */
  const accept = (body: Buffer, mediaType: MediaType, headers: IncomingHttpHeaders, startedAt: number) => {
    const params = postParamsOf(body.toString('utf8'), hashToDocument);
    if (params === null) return null;
    const document = prepareDocument(params.query);
    if (document === null) return null;
    const operation = getOperationAST(document, params.operationName);
    if (operation == null || operation.operation !== 'query') return null;
    const measure = measureOperation(
      {
        schema,
        document,
        operationName: params.operationName,
        variables: params.variables,
        isTrusted: () => options.isTrustedDocument(params.query),
      },
      limits,
    );
    if (measure.violation !== undefined) return null;
    // Variables that do not coerce are a request error yoga reports (after charging the request).
    if ('errors' in getVariableValues(schema, operation.variableDefinitions ?? [], params.variables ?? {})) return null;
    const identity = identifyRequest(headerOf(headers, 'x-request-id'), headerOf(headers, 'traceparent'));
    return { params, document, cost: measure.cost, mediaType, identity, startedAt } satisfies Accepted;
  };

  const execution = async (accepted: Accepted): Promise<ExecutionResult> => {
    const { params, document, identity } = accepted;
    const requestId = identity.requestId;
    const result = (await withLogFields(logFieldsOf(identity), () =>
      executeWithinTimeout(
        () =>
          execute({
            schema,
            document,
            contextValue: { ...options.context(), requestId },
            variableValues: params.variables,
            operationName: params.operationName,
          }),
        { timeoutMs: options.timeoutMs, metrics },
        () => requestId,
      ),
    )) as ExecutionResult;
    return result.errors === undefined ? result : { ...result, errors: maskErrors(result.errors, requestId) };
  };

  /** An answer with errors, as yoga's result processor makes it: status, headers and body. */
  const withErrors = async (result: ExecutionResult, mediaType: MediaType): Promise<Answer> => {
    if (options.countRequests) countGraphQLErrors(metrics, result);
    const response = processRegularResult(result, options.yoga.fetchAPI, mediaType);
    const headers: string[] = [];
    response.headers.forEach((value, name) => {
      // Written by this path itself: the media type, and the length of the bytes it sends (whatwg-node
      // keeps a header name's case as given).
      const lower = name.toLowerCase();
      if (lower !== 'content-type' && lower !== 'content-length') headers.push(lower, value);
    });
    return { status: response.status, body: await response.text(), headers };
  };

  /** The answer of a miss: executed, and stored when it is a query's answer without errors. */
  const computed = async (accepted: Accepted, key: string | null, generation: string | null): Promise<Answer> => {
    const result = await execution(accepted);
    if (result.errors !== undefined) return withErrors(result, accepted.mediaType);
    const body = JSON.stringify(result);
    if (key !== null && generation !== null && result.data != null) {
      const entry: CachedResponse = {
        body,
        etag: etagOf(body),
        cost: accepted.cost,
        computedAt: options.clock().getTime(),
      };
      await cache?.store(key, generation, entry);
    }
    return { status: 200, body, headers: [] };
  };

  const write = (
    response: ServerResponse,
    accepted: Accepted,
    decision: RateLimitDecision | null,
    cacheStatus: 'HIT' | 'MISS' | null,
    answer: Answer,
  ): true => {
    const { identity, startedAt } = accepted;
    const body = Buffer.from(answer.body);
    const headers = [
      'content-type',
      `${accepted.mediaType}; charset=utf-8`,
      ...fixedHeaders,
      ...answer.headers,
      'x-request-id',
      identity.requestId,
      'traceparent',
      formatTraceparent(identity.span),
      'content-length',
      String(body.length),
    ];
    if (cacheStatus !== null) headers.push('x-cache', cacheStatus);
    if (decision !== null) appendRateLimitHeaders(headers, decision);
    response.writeHead(answer.status, headers);
    response.end(body);

    if (options.countRequests) {
      let answered = answeredWith.get(answer.status);
      if (answered === undefined) {
        answered = metrics.httpRequests.labels({ method: 'POST', route, status: String(answer.status) });
        answeredWith.set(answer.status, answered);
      }
      answered.inc();
      duration.observe((performance.now() - startedAt) / 1000);
    }
    logAccess(
      logger,
      {
        requestId: identity.requestId,
        requestIdFromClient: identity.fromClient,
        traceId: identity.span.traceId,
        spanId: identity.span.spanId,
        method: 'POST',
        path: route,
        status: answer.status,
        startedAt,
        cache: 'post-path',
      },
      pathMember,
    );
    return true;
  };

  /** After the charge: from the cache, or executed (every outcome is answered here). */
  const answerCharged = (
    response: ServerResponse,
    accepted: Accepted,
    decision: RateLimitDecision | null,
  ): MaybePromise<boolean> => {
    const key = cache === null ? null : cacheKeyOf(accepted.params, persisted.hashOf);
    if (cache === null || key === null) {
      return computed(accepted, null, null).then((answer) => write(response, accepted, decision, null, answer));
    }
    return whenReady(cache.lookup(key), (found) => {
      const entry = found?.entry ?? null;
      if (entry !== null) {
        hits.inc();
        return write(response, accepted, decision, 'HIT', { status: 200, body: entry.body, headers: [] });
      }
      return computed(accepted, key, found?.generation ?? null).then((answer) =>
        write(response, accepted, decision, found === null ? null : 'MISS', answer),
      );
    });
  };

  const answerOrHandBack = (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    mediaType: MediaType,
    startedAt: number,
  ): MaybePromise<boolean> => {
    const handBack = () => {
      handBodyBack(request, body);
      return false;
    };
    const accepted = accept(body, mediaType, request.headers, startedAt);
    if (accepted === null) return handBack();
    const address = addressOf(
      headerOf(request.headers, 'x-forwarded-for'),
      request.socket.remoteAddress,
      options.trustProxy,
    );
    // The same points for a hit and a miss: a stored answer's cost is this operation's cost.
    return whenReady(limiter.chargeAddress(address, pointsFor('query', accepted.cost)), (decision) =>
      // Over budget: yoga's path refuses it with the RATE_LIMITED error body.
      decision !== null && !decision.allowed ? handBack() : answerCharged(response, accepted, decision),
    );
  };

  const handle = (request: IncomingMessage, response: ServerResponse): false | Promise<boolean> => {
    if (request.method !== 'POST' || request.url !== options.graphqlEndpoint) return false;
    const { headers } = request;
    if (headers.authorization !== undefined || !isJsonContentType(headers['content-type'])) return false;
    if (dependsOnOrigin && headers.origin !== undefined) return false;
    const acceptHeader = headerOf(headers, 'accept');
    if (acceptHeader?.includes('text/html')) return false;
    const mediaType = jsonMediaType(acceptHeader);
    if (mediaType === null || readableLength(request, options.maxBodyBytes) === null) return false;
    const startedAt = performance.now();
    return readBody(request).then((body) => {
      try {
        const answered = answerOrHandBack(request, response, body, mediaType, startedAt);
        if (!isThenable(answered)) return answered;
        return Promise.resolve(answered).catch((error: unknown) => failed(request, response, body, error));
      } catch (error) {
        return failed(request, response, body, error);
      }
    });
  };

  /** A bug here must not cost the client its answer: yoga answers, unless this path already began to. */
  const failed = (request: IncomingMessage, response: ServerResponse, body: Buffer, error: unknown): boolean => {
    logger.error('POST path failed; yoga answers', describeError(error));
    if (response.headersSent) return true;
    handBodyBack(request, body);
    return false;
  };

  return { handle };
}
