import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The execute stage on yoga's side: every execution runs under CANDOR_EXECUTION_TIMEOUT_MS (past
 * it the answer is 503 EXECUTION_TIMEOUT and a late result is dropped) and is billed for what it
 * answered (pipeline/execute.ts).
 */
export function useExecutionTimeout(pipeline: Pipeline): Plugin<{ request: Request }> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const exchange = exchangeOf(args.contextValue.request);
      if (exchange === undefined) return;
      setExecuteFn((executionArgs) =>
        pipeline.execute(exchange, () => executeFn(executionArgs) as ExecutionResult | Promise<ExecutionResult>),
      );
    },
  };
}
