/**
 * The one request pipeline of the GraphQL endpoint: plain stages, in one order, run by two
 * adapters — yoga's plugins (plugins/, one thin adapter per stage, wired in this order by yoga.ts)
 * and the node adapter (node/graphql-adapter.ts, the same list over node's IncomingMessage, for
 * speed). A stage is a function of the exchange; it knows nothing of either adapter, and nothing
 * here imports a plugin. test/api/pipeline-parity.test.ts sends the same requests through both
 * adapters and requires the same answers.
 */
import type { Context } from '@candor/schema';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { jsonMediaType } from '../cache/http-caching.js';
import type { ResponseCacheStore } from '../cache/store.js';
import { type ContextOptions, contextFor } from '../context.js';
import { graphqlRuntime } from '../graphql-runtime.js';
import { bodyTooLarge, limitError } from '../limits/limit-error.js';
import { operationShape } from '../limits/operation-shape.js';
import { measureOperation, type QueryLimits, shapeViolation } from '../limits/query-limits.js';
import type { Logger } from '../logger.js';
import { type MaybePromise, whenReady } from '../maybe-promise.js';
import type { Metrics } from '../observability/metrics.js';
import { identifyRequest } from '../observability/request-identity.js';
import type { PersistedOperations } from '../persisted/manifest.js';
import { addressOf } from '../rate-limit/client-address.js';
import type { Budget } from '../rate-limit/policy.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import { type Budgets, createBudgets, parsePoints, REFUSAL_POINTS } from './budget.js';
import { type CacheStage, createCacheStage } from './cache.js';
import { createDocumentCache, type DocumentCache } from './documents.js';
import { createErrorFinisher, refusal } from './errors.js';
import { createExchange, type Exchange } from './exchange.js';
import { executeWithinTimeout } from './execute.js';
import { createResponseHeaders, type ResponseHeaders } from './headers.js';
import { paramsFromJson, paramsFromObject, paramsFromSearch } from './params.js';
import { createRecorder, type Recorder } from './record.js';
import { checkRequest } from './request-checks.js';

const { execute: executeDocument, getOperationAST, GraphQLError: GraphQLErrorClass } = graphqlRuntime;

/** Query strings whose checked parameters are kept (pipeline.readSearch). */
const MAX_MEMOISED_SEARCHES = 1000;

/**
 * The stages in the order every request meets them (the order; docs/architecture.md, "Architecture").
 * `admit` and `settle` are the two halves of the charge: the budget is checked before anything is
 * parsed, and paid once the answer is known. yoga.ts builds its plugin list from this order.
 */
export const STAGES = [
  'identify',
  'check-request',
  'params',
  'pre-parse-limits',
  'admit',
  'cache-lookup',
  'parse-validate',
  'execute',
  'mask',
  'settle',
  'headers',
  'store',
  'log',
] as const;

export type Stage = (typeof STAGES)[number];

/** What the identify stage needs of a request, whichever adapter carries it. */
export interface RequestView {
  method: string;
  path: string;
  header: (name: string) => string | null;
  /** The socket's peer address; undefined in-process (`yoga.fetch`). */
  peerAddress: string | undefined;
  adapter: Exchange['adapter'];
  /** When the request arrived (performance.now()); now when not given. */
  startedAt?: number;
}

export interface PipelineOptions {
  schema: GraphQLSchema;
  graphqlEndpoint: string;
  limits: QueryLimits;
  maxBodyBytes: number;
  introspection: boolean;
  persisted: PersistedOperations;
  /** Documents exempt from the cost limit (only that limit): the site's persisted operations. */
  isTrustedDocument: (document: string) => boolean;
  rateLimitStore: RateLimitStore;
  /** Null when CANDOR_RESPONSE_CACHE=false. */
  responseCacheStore: ResponseCacheStore | null;
  budgets: { ip: Budget; token: Budget; authFailures: Budget; failureMode: 'open' | 'closed' };
  trustProxy: boolean;
  editorOrigins: readonly string[];
  ttlSeconds: number;
  timeoutMs: number;
  context: ContextOptions;
  clock: () => Date;
  metrics: Metrics;
  /** CANDOR_METRICS: whether requests and GraphQL errors are counted. */
  countRequests: boolean;
  servesSite: boolean;
  logger: Logger;
  onStoreFailure(operation: string, error: unknown): void;
}

export interface Pipeline {
  readonly options: PipelineOptions;
  readonly documents: DocumentCache;
  readonly budgets: Budgets;
  /** Null when the response cache is off. */
  readonly cache: CacheStage | null;
  readonly headers: ResponseHeaders;
  readonly recorder: Recorder;
  /** identify: the request's id, trace, client address and answer media type. */
  identify(view: RequestView): Exchange;
  /** check-request: method, body length, CSRF, content type. */
  checkRequest(exchange: Exchange): GraphQLError | null;
  /** check-request, for a body without Content-Length cut off past CANDOR_MAX_BODY_BYTES as it streamed. */
  bodyTooLarge(): GraphQLError;
  /** params, from a GET's query string or a JSON body (what yoga's own parsers decoded: `readDecoded`). */
  readSearch(exchange: Exchange, search: string): GraphQLError | null;
  readJson(exchange: Exchange, text: string): GraphQLError | null;
  readDecoded(exchange: Exchange, body: unknown): GraphQLError | null;
  /** params, from a form body (the query-string format, not memoised). */
  readForm(exchange: Exchange, text: string): GraphQLError | null;
  /** pre-parse-limits: the document's length and tokens. */
  checkSource(exchange: Exchange): GraphQLError | null;
  /** admit: the first half of the charge (authentication, a spent budget). */
  admit(exchange: Exchange): MaybePromise<GraphQLError | null>;
  /** cache-lookup: sets the exchange's hit, or its key and generation for the store stage. */
  lookup(exchange: Exchange): MaybePromise<void>;
  /** parse-validate, first half: parse, select the operation, the syntactic limits before validation. */
  parse(exchange: Exchange): GraphQLError | null;
  /** parse-validate, second half: graphql-js validation, then input-list, NUL and cost limits. */
  validate(exchange: Exchange): readonly GraphQLError[];
  /** The GraphQL context of the exchange. */
  context(exchange: Exchange): Context & { requestId: string };
  /** execute, under the timeout; bills the execution. `run` defaults to graphql-js's execute. */
  execute(exchange: Exchange, run?: () => MaybePromise<ExecutionResult>): Promise<ExecutionResult>;
  /** mask: every error as the client sees it (`requestLevel`: the answer has no data). */
  finish(exchange: Exchange, errors: readonly GraphQLError[], requestLevel: boolean): GraphQLError[];
  /** settle: the second half of the charge. */
  settle(exchange: Exchange): MaybePromise<void>;
  /** identify, once the socket is known: the client address from its peer (yoga's adapter). */
  locate(exchange: Exchange, peerAddress: string | undefined): void;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { schema, limits, persisted, metrics, logger } = options;
  const documents = createDocumentCache({ schema, limits, introspection: options.introspection });
  const budgets = createBudgets({
    store: options.rateLimitStore,
    ...options.budgets,
    prisma: options.context.prisma,
    clock: options.clock,
    metrics,
    onStoreFailure: options.onStoreFailure,
    onTokenUseFailure: (error) => logger.warn('could not record a token use', { error: String(error) }),
  });
  const cache =
    options.responseCacheStore === null
      ? null
      : createCacheStage({
          store: options.responseCacheStore,
          ttlSeconds: options.ttlSeconds,
          clock: options.clock,
          persisted,
          metrics,
          onStoreFailure: options.onStoreFailure,
        });
  const headers = createResponseHeaders({ editorOrigins: options.editorOrigins, ttlSeconds: options.ttlSeconds });
  const recorder = createRecorder({
    metrics,
    logger,
    countRequests: options.countRequests,
    servesSite: options.servesSite,
    graphqlEndpoint: options.graphqlEndpoint,
  });
  const finishErrors = createErrorFinisher(logger);
  // A GET's checked parameters by query string: a repeated GET (a cached read, a CDN's revalidation)
  // skips decoding and checking them again. Bounded; cleared when full. Parameters are never mutated.
  const searchMemo = new Map<string, ReturnType<typeof paramsFromSearch>>();
  const editors = new Set(options.editorOrigins);
  const persistedDocument = (hash: string) => persisted.byHash.get(hash);
  const billing = options.budgets.ip.points > 0 || options.budgets.token.points > 0;

  const refuseLimit = (violation: Parameters<typeof limitError>[0]) => {
    metrics.queryLimitRejections.inc({ code: violation.code });
    return limitError(violation);
  };

  const read = (exchange: Exchange, result: ReturnType<typeof paramsFromObject>): GraphQLError | null => {
    if ('error' in result) return result.error;
    exchange.params = result.params;
    return null;
  };

  return {
    options,
    documents,
    budgets,
    cache,
    headers,
    recorder,
    identify(view) {
      const mediaType = jsonMediaType(view.header('accept'));
      return createExchange({
        identity: identifyRequest(view.header('x-request-id'), view.header('traceparent')),
        startedAt: view.startedAt ?? performance.now(),
        method: view.method,
        path: view.path,
        header: view.header,
        client: addressOf(view.header('x-forwarded-for'), view.peerAddress, options.trustProxy),
        adapter: view.adapter,
        mediaType: mediaType ?? 'application/json',
        acceptsJson: mediaType !== null,
      });
    },
    checkRequest: (exchange) => checkRequest(exchange, { maxBodyBytes: options.maxBodyBytes, metrics }),
    bodyTooLarge: () => refuseLimit(bodyTooLarge(options.maxBodyBytes)),
    readSearch(exchange, search) {
      let result = searchMemo.get(search);
      if (result === undefined) {
        result = paramsFromSearch(search, persistedDocument);
        if (searchMemo.size >= MAX_MEMOISED_SEARCHES) searchMemo.clear();
        if ('params' in result) searchMemo.set(search, result);
      }
      return read(exchange, result);
    },
    readJson: (exchange, text) => read(exchange, paramsFromJson(text, persistedDocument)),
    readDecoded: (exchange, body) => read(exchange, paramsFromObject(body, persistedDocument)),
    readForm: (exchange, text) => read(exchange, paramsFromSearch(text, persistedDocument)),
    checkSource(exchange) {
      const source = exchange.params?.query ?? '';
      const entry = documents.entry(source);
      exchange.entry = entry;
      if (entry.violation === undefined) return null;
      // Refused before parsing, but it was read and counted: the refusal's point.
      exchange.bill.parse = REFUSAL_POINTS;
      return refuseLimit(entry.violation);
    },
    admit: (exchange) => budgets.admit(exchange),
    lookup: (exchange) => (cache === null ? undefined : cache.lookup(exchange)),
    parse(exchange) {
      const { entry, params } = exchange;
      if (entry === null || params === null) throw new Error('parse before the pre-parse limits');
      exchange.bill.parse = parsePoints(entry.tokens);
      const parsed = documents.parse(entry);
      if ('error' in parsed) return parsed.error;
      const { document } = parsed;
      exchange.document = document;
      const operation = getOperationAST(document, params.operationName);
      if (operation == null) {
        return refusal('OPERATION_RESOLUTION_FAILURE', 'Could not determine what operation to execute.', 400);
      }
      exchange.operation = operation;
      // A subscription is answered as a stream (yoga's SSE); one asking for a single JSON answer
      // gets this coded refusal from both adapters, rather than yoga's bare 406.
      if (operation.operation === 'subscription' && exchange.acceptsJson) {
        return refusal(
          'NOT_ACCEPTABLE',
          'Subscriptions are answered as Server-Sent Events: send Accept: text/event-stream.',
          406,
        );
      }
      if (operation.operation === 'mutation') {
        if (exchange.method === 'GET') {
          return refusal('METHOD_NOT_ALLOWED', 'Mutations are only accepted over POST.', 405, {
            headers: { allow: 'POST' },
          });
        }
        const origin = exchange.header('origin');
        if (origin !== null && !editors.has(origin) && !isSameHost(origin, exchange.header('host'))) {
          return refusal(
            'CROSS_ORIGIN_MUTATION',
            `Cross-origin mutation refused: pages on ${JSON.stringify(origin.slice(0, 100))} may only read; mutations are accepted from this server's own origin and the origins in CANDOR_EDITOR_ORIGINS.`,
            403,
          );
        }
      }
      const shape = operationShape(schema, document, params.operationName);
      const violation = shape === null ? undefined : shapeViolation(shape, limits);
      return violation === undefined ? null : refuseLimit(violation);
    },
    validate(exchange) {
      const { entry, document, params } = exchange;
      if (entry === null || document === null || params === null) throw new Error('validate before parse');
      const errors = documents.validate(entry, document);
      if (errors.length > 0) return errors;
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
      if (measure.violation !== undefined) return [refuseLimit(measure.violation)];
      exchange.cost = measure.cost;
      return errors;
    },
    context: (exchange) => contextFor(options.context, exchange),
    execute(exchange, run) {
      const { document, params } = exchange;
      const execute =
        run ??
        (() => {
          if (document === null || params === null) throw new Error('execute before parse');
          return whenReady(
            executeDocument({
              schema,
              document,
              contextValue: contextFor(options.context, exchange),
              variableValues: params.variables,
              operationName: params.operationName,
            }),
            asRequestErrors,
          );
        });
      return executeWithinTimeout(exchange, execute, { timeoutMs: options.timeoutMs, metrics, billing });
    },
    finish: (exchange, errors, requestLevel) => finishErrors(errors, exchange.identity.requestId, requestLevel),
    settle: (exchange) => budgets.settle(exchange),
    locate(exchange, peerAddress) {
      exchange.client = addressOf(exchange.header('x-forwarded-for'), peerAddress, options.trustProxy);
    },
  };
}

/**
 * Errors that stopped an execution before it began (variables that do not coerce) are the
 * request's fault: 400, as yoga's executor (@graphql-tools/executor) marks them.
 */
function asRequestErrors(result: ExecutionResult): ExecutionResult {
  if ('data' in result || result.errors === undefined) return result;
  return {
    ...result,
    errors: result.errors.map(
      (error) =>
        new GraphQLErrorClass(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          originalError: error.originalError,
          extensions: { ...error.extensions, http: { ...(error.extensions.http as object), status: 400 } },
        }),
    ),
  };
}

/**
 * Same host as the request's Host (scheme aside: behind a TLS-terminating proxy the API sees http
 * while the page is on https). `null` origins (sandboxed frames, files) are never the same.
 */
function isSameHost(origin: string, host: string | null): boolean {
  if (host === null) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
