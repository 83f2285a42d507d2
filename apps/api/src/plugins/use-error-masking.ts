import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { finishResult } from '../pipeline/answer.js';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The mask stage on yoga's side: every result's errors — from execution, or thrown by any stage or
 * by yoga itself — finished by the pipeline (pipeline/errors.ts) before the result is written: a
 * stable code and the request id on each, quoted input cut to ~100 characters, anything unexpected
 * logged and masked (500 when it broke the whole request). yoga's own masking is off (yoga.ts).
 */
export function useErrorMasking(pipeline: Pipeline): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined || Array.isArray(result) || typeof result !== 'object' || result === null) return;
      if (Symbol.asyncIterator in result) return;
      setResult(finishResult(pipeline, exchange, result as ExecutionResult));
    },
  };
}
