import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { operationFactsOf } from '../limits/operation-facts.js';
import { appendRateLimitHeaders, type OperationKind, pointsFor } from '../rate-limit/policy.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';

/**
 * Charges every operation before it executes (after validation, so the cost the query-limit plugin
 * computed is known, and after the context, so the caller is known); over budget → 429
 * RATE_LIMITED with Retry-After, nothing executed. Cache hits are charged by the response cache.
 * Every GraphQL response that was charged carries the RateLimit-* headers.
 */
export function useRateLimit(limiter: RateLimiter): Plugin<{ request: Request }> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const request = args.contextValue.request;
      const facts = operationFactsOf(request);
      // Without the query-limit plugin's facts: the operation's own type, at the minimum cost.
      const operationType: OperationKind =
        facts?.operationType ?? getOperationAST(args.document, args.operationName)?.operation ?? 'query';
      const refusal = await limiter.charge(request, args.contextValue, pointsFor(operationType, facts?.cost ?? 1));
      if (refusal !== null) setResultAndStopExecution({ errors: [refusal] });
    },
    onResponse({ request, response }) {
      const decision = limiter.decisionOf(request);
      if (decision === undefined) return;
      const headers: string[] = [];
      appendRateLimitHeaders(headers, decision);
      for (let i = 0; i < headers.length; i += 2) response.headers.set(headers[i] as string, headers[i + 1] as string);
    },
  };
}
