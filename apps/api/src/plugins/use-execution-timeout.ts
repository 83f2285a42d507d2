import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { executionTimedOut, limitError } from '../limits/limit-error.js';
import { raceAgainstTimeout } from '../limits/timeout.js';
import type { Metrics } from '../observability/metrics.js';
import { requestIdOf } from './use-request-id.js';

export interface ExecutionTimeoutOptions {
  timeoutMs: number;
  metrics: Pick<Metrics, 'queryLimitRejections'>;
}

/**
 * Runs one execution within `timeoutMs`; past it the answer is EXECUTION_TIMEOUT (counted). Shared
 * by the plugin below and the node-level POST path.
 */
export function executeWithinTimeout<T>(
  execute: () => T | Promise<T>,
  { timeoutMs, metrics }: ExecutionTimeoutOptions,
  requestId: () => string | undefined,
): Promise<T | { errors: GraphQLError[] }> {
  return raceAgainstTimeout<T | { errors: GraphQLError[] }>(execute, timeoutMs, () => {
    metrics.queryLimitRejections.inc({ code: 'EXECUTION_TIMEOUT' });
    return { errors: [limitError(executionTimedOut(timeoutMs), requestId())] };
  });
}

/**
 * Gives every execution `timeoutMs` (README, "Query limits"): past it the client gets
 * EXECUTION_TIMEOUT with HTTP 503, and whatever the execution produces later is dropped.
 */
export function useExecutionTimeout(options: ExecutionTimeoutOptions): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const request = (args.contextValue as { request?: Request } | undefined)?.request;
        return executeWithinTimeout(
          () => executeFn(args),
          options,
          () => (request === undefined ? undefined : requestIdOf(request)),
        );
      });
    },
  };
}
