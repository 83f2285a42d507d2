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
 * Gives every execution `timeoutMs` (README, "Query limits"): past it the client gets
 * EXECUTION_TIMEOUT with HTTP 503, and whatever the execution produces later is dropped.
 */
export function useExecutionTimeout({ timeoutMs, metrics }: ExecutionTimeoutOptions): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const request = (args.contextValue as { request?: Request } | undefined)?.request;
        return raceAgainstTimeout(
          () => executeFn(args),
          timeoutMs,
          () => {
            metrics.queryLimitRejections.inc({ code: 'EXECUTION_TIMEOUT' });
            const requestId = request === undefined ? undefined : requestIdOf(request);
            return { errors: [limitError(executionTimedOut(timeoutMs), requestId)] };
          },
        );
      });
    },
  };
}
