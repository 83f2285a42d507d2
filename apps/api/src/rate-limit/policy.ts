/**
 * The rate-limit model (README, "Rate limits"), GitHub's: a budget of points per window, a query
 * costs one point per started hundred of cost (at least one), a mutation five.
 */
export const MUTATION_POINTS = 5;

export type OperationKind = 'query' | 'mutation' | 'subscription';

export const pointsFor = (operationType: OperationKind, cost: number): number =>
  operationType === 'mutation' ? MUTATION_POINTS : Math.max(1, Math.ceil(cost / 100));

export interface Budget {
  /** Points per window; 0 means unlimited (switched off). */
  points: number;
  windowSeconds: number;
}

/** What a store answers: the points used in the current window and when it ends. */
export interface WindowUsage {
  used: number;
  resetInMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  scope: 'token' | 'ip';
  limit: number;
  remaining: number;
  /** Seconds until the window resets (≥ 1 while it runs). */
  resetSeconds: number;
  windowSeconds: number;
}

export function decide(scope: RateLimitDecision['scope'], budget: Budget, usage: WindowUsage): RateLimitDecision {
  return {
    allowed: usage.used <= budget.points,
    scope,
    limit: budget.points,
    remaining: Math.max(0, budget.points - usage.used),
    resetSeconds: Math.max(1, Math.ceil(usage.resetInMs / 1000)),
    windowSeconds: budget.windowSeconds,
  };
}

/** The headers of the IETF RateLimit draft (and Retry-After when refused), appended as name/value pairs. */
export function appendRateLimitHeaders(headers: string[], decision: RateLimitDecision): void {
  headers.push(
    'ratelimit-limit',
    String(decision.limit),
    'ratelimit-remaining',
    String(decision.remaining),
    'ratelimit-reset',
    String(decision.resetSeconds),
    'ratelimit-policy',
    `${decision.limit};w=${decision.windowSeconds}`,
  );
  if (!decision.allowed) headers.push('retry-after', String(decision.resetSeconds));
}

/** The same headers as an object. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const pairs: string[] = [];
  appendRateLimitHeaders(pairs, decision);
  const headers: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) headers[pairs[i] as string] = pairs[i + 1] as string;
  return headers;
}
