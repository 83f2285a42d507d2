import { GraphQLError } from 'graphql';
import { isThenable, type MaybePromise } from '../maybe-promise.js';
import type { Metrics } from '../observability/metrics.js';
import { requestIdOf } from '../plugins/use-request-id.js';
import { clientAddress } from './client-address.js';
import { type Budget, decide, type RateLimitDecision } from './policy.js';
import type { RateLimitStore } from './store.js';

export interface RateLimiterOptions {
  store: RateLimitStore;
  /** Anonymous requests, per client IP. */
  ip: Budget;
  /** Authenticated requests, per API token. */
  token: Budget;
  trustProxy: boolean;
  metrics: Metrics;
  /** Called when the store fails; the request then goes through uncharged (fail open). */
  onStoreFailure(error: unknown): void;
}

/** The part of the GraphQL context the limiter reads: who is calling (context.ts). */
interface CallerContext {
  viewer?: { tokenId: string } | null;
}

/**
 * Charges requests against their budget and remembers each request's decision for its response
 * headers. Authenticated requests spend their token's budget (keyed by the token's id, never the
 * secret), anonymous ones their IP's.
 */
export interface RateLimiter {
  /** Charges `points`; returns the RATE_LIMITED error when over budget, null when it may go on. */
  charge(request: Request, context: unknown, points: number): Promise<GraphQLError | null>;
  decisionOf(request: Request): RateLimitDecision | undefined;
  /**
   * Charges an anonymous client by address (the fast path for cached GETs, which has no GraphQL
   * context). Returns the decision, or null when limiting is off or the store failed (fail open);
   * at once with the in-memory store. A refusal is not counted here: the caller hands the request
   * to yoga, which refuses it.
   */
  chargeAddress(address: string, points: number): MaybePromise<RateLimitDecision | null>;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { store, trustProxy, metrics, onStoreFailure } = options;
  const decisions = new WeakMap<Request, RateLimitDecision>();
  const failOpen = (error: unknown) => {
    onStoreFailure(error);
    return null;
  };
  const consume = (scope: 'token' | 'ip', key: string, points: number): MaybePromise<RateLimitDecision | null> => {
    const budget = scope === 'token' ? options.token : options.ip;
    if (budget.points === 0) return null;
    try {
      const usage = store.consume(key, points, budget.windowSeconds * 1000);
      return isThenable(usage)
        ? Promise.resolve(usage).then((ready) => decide(scope, budget, ready), failOpen)
        : decide(scope, budget, usage);
    } catch (error) {
      return failOpen(error);
    }
  };
  return {
    async charge(request, context, points) {
      const tokenId = (context as CallerContext).viewer?.tokenId;
      const scope = tokenId === undefined ? 'ip' : 'token';
      const key = scope === 'token' ? `token:${tokenId}` : `ip:${clientAddress(request, context, trustProxy)}`;
      const decision = await consume(scope, key, points);
      if (decision === null) return null;
      decisions.set(request, decision);
      if (decision.allowed) return null;
      metrics.rateLimitRejections.inc({ scope });
      const budget = scope === 'token' ? options.token : options.ip;
      return new GraphQLError(
        `Rate limit exceeded: this ${scope === 'token' ? 'token' : 'IP address'} may spend ${budget.points} points per ${budget.windowSeconds} s (this request costs ${points} points); try again in ${decision.resetSeconds} s.`,
        // The request id here too: a cache hit is refused before useErrorMasking could add it.
        { extensions: { code: 'RATE_LIMITED', http: { status: 429 }, requestId: requestIdOf(request) } },
      );
    },
    decisionOf: (request) => decisions.get(request),
    chargeAddress: (address, points) => consume('ip', `ip:${address}`, points),
  };
}
