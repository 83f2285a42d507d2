/**
 * The charge stage, in two halves around the work (ADR 0006, docs/partner-api.md, "Rate limits"):
 *
 * - **admit**, before anything is parsed: a client with too many failed authentications is refused
 *   before its token is looked up; a bearer token is authenticated (a failure is counted against
 *   the client's address and answered 401); a caller whose budget is spent is refused with 429 —
 *   nothing is charged for any of these.
 * - **settle**, once the answer is known: the caller pays what the request made the server do
 *   (`Exchange.bill`): nothing for a cached answer or a refusal before parsing, the parse minimum
 *   for anything parsed (refused or not), plus the fields the answer actually holds. The token's
 *   `lastUsedAt` is recorded here too (at most once a minute per token).
 *
 * A request is never refused for its estimated cost: the estimate only refuses what no budget
 * should pay (CANDOR_MAX_COST). The last request of a window may overdraw it; the next is refused.
 */
import {
  authenticate,
  bearerToken,
  type PrismaClient,
  recordTokenUse,
  type Viewer,
  webhookServices,
} from '@candor/schema';
import type { GraphQLError } from 'graphql';
import { graphqlRuntime } from '../graphql-runtime.js';
import { isThenable, type MaybePromise, whenReady } from '../maybe-promise.js';
import type { Metrics } from '../observability/metrics.js';
import {
  type Budget,
  decide,
  MUTATION_POINTS,
  type RateLimitDecision,
  type WindowUsage,
} from '../rate-limit/policy.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import { httpExtensionOf, maskedErrorFor, refusal } from './errors.js';
import type { Exchange } from './exchange.js';

export interface BudgetOptions {
  store: RateLimitStore;
  /** Anonymous requests, per client IP (CANDOR_RATE_LIMIT_POINTS). */
  ip: Budget;
  /** Authenticated requests, per API token (CANDOR_RATE_LIMIT_TOKEN_POINTS). */
  token: Budget;
  /** Failed authentications allowed per client IP and window (CANDOR_AUTH_FAILURE_LIMIT). */
  authFailures: Budget;
  /** What a failing store means (CANDOR_REDIS_FAILURE_MODE): go on uncounted, or refuse with 503. */
  failureMode: 'open' | 'closed';
  prisma: PrismaClient;
  clock: () => Date;
  metrics: Pick<Metrics, 'rateLimitRejections'>;
  /** Logs and counts a store failure. */
  onStoreFailure(operation: string, error: unknown): void;
  /** Logs a failed write of a token's lastUsedAt (the request it belongs to is not affected). */
  onTokenUseFailure(error: unknown): void;
}

export interface Budgets {
  /** Authenticates and admits the caller; the refusal to answer with, or null to go on. */
  admit(exchange: Exchange): MaybePromise<GraphQLError | null>;
  /** Charges the exchange's bill to its caller; sets `exchange.decision` for the RateLimit headers. */
  settle(exchange: Exchange): MaybePromise<void>;
}

/** Parsing and checking a document: 1 point, and 1 more per started hundred of its tokens. */
export const parsePoints = (tokens: number): number => 1 + Math.floor(tokens / 100);

/** A refusal before parsing that still read and lexed something (a pre-parse limit, a failed token). */
export const REFUSAL_POINTS = 1;

/**
 * The fields an answer holds: every member of every object in `data`, `__typename` aside, lists
 * counted item by item — the estimate's model (docs/partner-api.md, "Query limits") applied to what was
 * returned instead of what might be. Walked with an explicit stack.
 */
export function answeredFields(data: unknown): number {
  let count = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const key in value as Record<string, unknown>) {
      if (key !== '__typename') count += 1;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return count;
}

/** What executing cost: a mutation 5; a query one point per started hundred fields answered, at least 1. */
export function executionPoints(
  operationType: 'query' | 'mutation' | 'subscription',
  data: unknown,
  timedOut: boolean,
  estimatedCost: number,
): number {
  if (operationType === 'mutation') return MUTATION_POINTS;
  // Cut off by the execution timeout: nothing was returned, but the work was done: the estimate.
  if (timedOut) return Math.max(1, Math.ceil(estimatedCost / 100));
  return Math.max(1, Math.ceil(answeredFields(data) / 100));
}

const GraphQLErrorClass = graphqlRuntime.GraphQLError;

export function createBudgets(options: BudgetOptions): Budgets {
  const { store, metrics, onStoreFailure } = options;
  const windowMs = (budget: Budget) => budget.windowSeconds * 1000;

  /** A store call that failed: null (fail open) or the 503 to answer (fail closed). */
  const storeFailed = (operation: string, error: unknown): 'open' | GraphQLError => {
    onStoreFailure(operation, error);
    if (options.failureMode === 'open') return 'open';
    return refusal(
      'SERVICE_UNAVAILABLE',
      'Rate limiting is unavailable (its store cannot be reached) and CANDOR_REDIS_FAILURE_MODE=closed; try again shortly.',
      503,
      { headers: { 'retry-after': '5' } },
    );
  };

  const safely = <T>(operation: string, call: () => MaybePromise<T>): MaybePromise<T | 'open' | GraphQLError> => {
    try {
      const value = call();
      return isThenable(value)
        ? Promise.resolve(value).catch((error: unknown) => storeFailed(operation, error))
        : value;
    } catch (error) {
      return storeFailed(operation, error);
    }
  };

  const fresh = (budget: Budget): WindowUsage => ({ used: 0, resetInMs: windowMs(budget) });

  /**
   * Whose budget a request spends: an editor's token, a partner's token (each with the token
   * budget, under its own key: partners registering webhooks or following live updates are not
   * held to their office's shared IP budget), or else its client address.
   */
  const accountOf = (exchange: Exchange): { scope: 'ip' | 'token'; budget: Budget; key: string } => {
    if (exchange.viewer !== null)
      return { scope: 'token', budget: options.token, key: `token:${exchange.viewer.tokenId}` };
    if (exchange.partner !== null) {
      return { scope: 'token', budget: options.token, key: `partner:${exchange.partner.tokenId}` };
    }
    return { scope: 'ip', budget: options.ip, key: `ip:${exchange.client}` };
  };

  /** The spent-budget refusal (429), counted. */
  const spent = (exchange: Exchange, scope: 'ip' | 'token', budget: Budget, decision: RateLimitDecision) => {
    exchange.refusedByBudget = true;
    metrics.rateLimitRejections.inc({ scope });
    const who = scope === 'token' ? 'this token' : 'this IP address';
    return refusal(
      'RATE_LIMITED',
      `Rate limit exceeded: ${who} may spend ${budget.points} points per ${budget.windowSeconds} s and has spent them; try again in ${decision.resetSeconds} s.`,
      429,
    );
  };

  /** Admission of a known caller: refused when its window is already spent. */
  const admitCaller = (exchange: Exchange): MaybePromise<GraphQLError | null> => {
    const { scope, budget, key } = accountOf(exchange);
    if (budget.points === 0) return null;
    return whenReady(
      safely('rate-limit.peek', () => store.peek(key)),
      (usage): GraphQLError | null => {
        if (usage === 'open') return null;
        if (usage instanceof GraphQLErrorClass) return usage as GraphQLError;
        const decision = decide(scope, budget, (usage as WindowUsage | null) ?? fresh(budget));
        exchange.decision = decision;
        return decision.remaining > 0 ? null : spent(exchange, scope, budget, decision);
      },
    );
  };

  /** A failed authentication: counted against the address, charged to its IP budget, answered 401. */
  const authenticationFailed = (exchange: Exchange, message: string): MaybePromise<GraphQLError> => {
    exchange.bill.parse = REFUSAL_POINTS;
    const unauthenticated = refusal('UNAUTHENTICATED', message, 401);
    if (options.authFailures.points === 0) return unauthenticated;
    return whenReady(
      safely('rate-limit.consume', () => store.consume(`auth:${exchange.client}`, 1, windowMs(options.authFailures))),
      () => unauthenticated,
    );
  };

  const authenticateAndAdmit = (exchange: Exchange, header: string): Promise<GraphQLError | null> => {
    const gate =
      options.authFailures.points === 0 ? null : safely('rate-limit.peek', () => store.peek(`auth:${exchange.client}`));
    return Promise.resolve(gate).then(async (failures) => {
      if (failures instanceof GraphQLErrorClass) return failures as GraphQLError;
      const usage = failures === 'open' ? null : (failures as WindowUsage | null);
      if (usage !== null && usage.used >= options.authFailures.points) {
        metrics.rateLimitRejections.inc({ scope: 'auth' });
        const retry = Math.max(1, Math.ceil(usage.resetInMs / 1000));
        return refusal(
          'RATE_LIMITED',
          `Too many failed authentications from this address (${options.authFailures.points} per ${options.authFailures.windowSeconds} s); try again in ${retry} s.`,
          429,
          { headers: { 'retry-after': String(retry) } },
        );
      }
      let viewer: Viewer;
      try {
        const token = bearerToken(header);
        if (token === null) return admitCaller(exchange);
        if (token.startsWith('cnp_')) {
          // A partner's token (webhooks): its own table, its own context field; never an editor.
          exchange.partner = await webhookServices.authenticatePartner(options.prisma, token);
          return admitCaller(exchange);
        }
        viewer = await authenticate(options.prisma, token, options.clock());
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'UNAUTHENTICATED') {
          return authenticationFailed(exchange, error.message);
        }
        // The token lookup is the first query of an authenticated request: a database that is down
        // (or slow, or full) must read as such here too, masked, never as the driver's message.
        const masked = maskedErrorFor(error);
        if (masked.code === 'INTERNAL_SERVER_ERROR') throw error;
        return refusal(masked.code, masked.message, masked.status, {
          headers: httpExtensionOf(masked).http?.headers ?? {},
        });
      }
      exchange.viewer = viewer;
      return admitCaller(exchange);
    });
  };

  return {
    admit(exchange) {
      const header = exchange.header('authorization');
      return header === null ? admitCaller(exchange) : authenticateAndAdmit(exchange, header);
    },
    settle(exchange) {
      // The token's lastUsedAt, once the request's own work is done (no contention with its
      // transaction) and at most once a minute; unawaited: the answer does not wait for it.
      if (exchange.viewer !== null) {
        recordTokenUse(options.prisma, exchange.viewer, options.clock())?.catch(options.onTokenUseFailure);
      }
      const points = exchange.bill.parse + exchange.bill.execution;
      if (points === 0) return;
      const { scope, budget, key } = accountOf(exchange);
      if (budget.points === 0) return;
      return whenReady(
        safely('rate-limit.consume', () => store.consume(key, points, windowMs(budget))),
        (usage) => {
          if (usage === 'open' || usage instanceof GraphQLErrorClass) return;
          exchange.decision = decide(scope, budget, usage as WindowUsage);
        },
      );
    },
  };
}
