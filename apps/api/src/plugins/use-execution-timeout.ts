import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import { billSubscription } from '../pipeline/execute.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The execute stage on yoga's side: every execution runs under CANDOR_EXECUTION_TIMEOUT_MS (past
 * it the answer is 503 EXECUTION_TIMEOUT and a late result is dropped) and is billed for what it
 * answered (pipeline/execute.ts). A subscription (SSE) is billed once, as it opens, and has no
 * timeout: it streams for as long as the client listens.
 */
export function useExecutionTimeout(pipeline: Pipeline): Plugin<{ request: Request }> {
  return {
    onSubscribe({ args }) {
      const exchange = exchangeOf(args.contextValue.request);
      if (exchange !== undefined) billSubscription(exchange);
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const exchange = exchangeOf(args.contextValue.request);
      if (exchange === undefined) return;
      setExecuteFn((executionArgs) =>
        pipeline.execute(exchange, () => executeFn(executionArgs) as ExecutionResult | Promise<ExecutionResult>),
      );
    },
  };
}
