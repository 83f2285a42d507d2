/**
 * The rate-limit model (docs/partner-api.md, "Rate limits"; ADR 0006): a budget of points per window, spent on
 * what requests made the server do (pipeline/budget.ts says what costs what). A mutation costs five.
 */
export const MUTATION_POINTS = 5;

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

/**
 * The headers of the IETF RateLimit draft, appended as name/value pairs, and Retry-After when the
 * request is refused for its budget (a request that overdrew its window is still answered).
 */
export function appendRateLimitHeaders(
  headers: string[],
  decision: RateLimitDecision,
  refused: boolean = !decision.allowed,
): void {
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
  if (refused) headers.push('retry-after', String(decision.resetSeconds));
}

/** The same headers as an object. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const pairs: string[] = [];
  appendRateLimitHeaders(pairs, decision);
  const headers: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) headers[pairs[i] as string] = pairs[i + 1] as string;
  return headers;
}
