/**
 * One request as the pipeline sees it, whichever adapter carries it (yoga's plugins over a fetch
 * Request, or the node adapter over node's IncomingMessage): what the client sent, and what each
 * stage decided about it so far. Stages read and write it; adapters only move it between hooks.
 */
import type { PartnerViewer, Viewer } from '@candor/schema';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { CachedResponse } from '../cache/store.js';
import type { RequestIdentity } from '../observability/request-identity.js';
import type { RateLimitDecision } from '../rate-limit/policy.js';
import type { DocumentEntry } from './documents.js';

export type MediaType = 'application/json' | 'application/graphql-response+json';

/** The GraphQL-over-HTTP parameters once the params stage has read and checked them. */
export interface GraphQLParams {
  /** The document: sent in full, or resolved from a known persisted hash. */
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  extensions: Record<string, unknown> | null;
}

/** Points this request made the server spend (ADR 0006): settled once, at the end. */
export interface Bill {
  /** Checking and parsing the document: 1 + 1 per started hundred tokens; 1 for a pre-parse refusal. */
  parse: number;
  /** Executing: the fields the answer holds (one point per started hundred), 5 for a mutation. */
  execution: number;
}

export interface Exchange {
  readonly identity: RequestIdentity;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  readonly method: string;
  /** The path without the query string, as sent. */
  readonly path: string;
  /** A request header (lower-case name), repeated values joined; null when absent. */
  readonly header: (name: string) => string | null;
  /**
   * Whose IP budget the request spends (rate-limit/client-address.ts). Set again by yoga's identify
   * adapter once the socket is known (its instrumentation sees the request before the socket).
   */
  client: string;
  /** Which adapter answers: yoga's plugins or the node adapter (access line `adapter`). */
  readonly adapter: 'yoga' | 'node';
  /** The JSON media type the answer is written in (from Accept). */
  mediaType: MediaType;
  /** False when Accept asks for a stream (SSE, multipart) or nothing JSON: yoga's own processors answer. */
  acceptsJson: boolean;
  params: GraphQLParams | null;
  /** The document's entry in the document cache once the pre-parse limits looked at it. */
  entry: DocumentEntry | null;
  document: DocumentNode | null;
  operation: OperationDefinitionNode | null;
  /** Estimated cost on the schema's cost model, once validated. */
  cost: number;
  /** The editor behind a valid bearer token (admit stage); null for the public. */
  viewer: Viewer | null;
  /** The partner behind a valid partner token (`cnp_…`, webhooks); null otherwise. */
  partner: PartnerViewer | null;
  bill: Bill;
  /** The caller's budget as last read or charged (RateLimit-* headers); null when limiting is off. */
  decision: RateLimitDecision | null;
  /** Set when the answer is a 429 (Retry-After is sent then). */
  refusedByBudget: boolean;
  cacheKey: string | null;
  /** The cache generation read at lookup; null when nothing may be stored. */
  cacheGeneration: string | null;
  cacheStatus: 'HIT' | 'MISS' | null;
  /** The stored answer a hit is served from. */
  hit: CachedResponse | null;
}

export interface ExchangeInit {
  identity: RequestIdentity;
  startedAt: number;
  method: string;
  path: string;
  header: (name: string) => string | null;
  client: string;
  adapter: Exchange['adapter'];
  mediaType: MediaType;
  acceptsJson: boolean;
}

/**
 * A class, not an object literal spread from `init`: every exchange then has one hidden class with
 * its fields in one order, which a request's hot path reads many times (a spread of ~25 members
 * made each exchange a dictionary object, and the most expensive line of a cached answer).
 */
class RequestExchange implements Exchange {
  readonly identity: RequestIdentity;
  readonly startedAt: number;
  readonly method: string;
  readonly path: string;
  readonly header: (name: string) => string | null;
  client: string;
  readonly adapter: Exchange['adapter'];
  mediaType: MediaType;
  acceptsJson: boolean;
  params: GraphQLParams | null = null;
  entry: DocumentEntry | null = null;
  document: DocumentNode | null = null;
  operation: OperationDefinitionNode | null = null;
  cost = 1;
  viewer: Viewer | null = null;
  partner: PartnerViewer | null = null;
  bill: Bill = { parse: 0, execution: 0 };
  decision: RateLimitDecision | null = null;
  refusedByBudget = false;
  cacheKey: string | null = null;
  cacheGeneration: string | null = null;
  cacheStatus: 'HIT' | 'MISS' | null = null;
  hit: CachedResponse | null = null;

  constructor(init: ExchangeInit) {
    this.identity = init.identity;
    this.startedAt = init.startedAt;
    this.method = init.method;
    this.path = init.path;
    this.header = init.header;
    this.client = init.client;
    this.adapter = init.adapter;
    this.mediaType = init.mediaType;
    this.acceptsJson = init.acceptsJson;
  }
}

export const createExchange = (init: ExchangeInit): Exchange => new RequestExchange(init);

/**
 * The exchange of a fetch Request on yoga's side: the identify adapter (plugins/use-request-id.ts)
 * creates it, every other adapter and the GraphQL context read it. Kept here, below the plugins,
 * so no plugin imports another.
 */
const exchanges = new WeakMap<Request, Exchange>();

export const attachExchange = (request: Request, exchange: Exchange): void => {
  exchanges.set(request, exchange);
};

export const exchangeOf = (request: Request): Exchange | undefined => exchanges.get(request);

/** The request id of a fetch Request, or 'unknown' before the identify adapter saw it. */
export const requestIdOf = (request: Request): string => exchanges.get(request)?.identity.requestId ?? 'unknown';
