import type { Plugin } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

/**
 * The pre-parse-limits stage on yoga's side: the document's length and tokens, checked before
 * anything parses it (docs/partner-api.md, "Query limits"). The limits that need the syntax tree are checked
 * by the parse-validate stage (use-parse-validate.ts), before graphql-js validates.
 */
export function useQueryLimits(pipeline: Pipeline): Plugin {
  return {
    onParams({ request }) {
      const exchange = exchangeOf(request);
      if (exchange === undefined) return;
      const refusal = pipeline.checkSource(exchange);
      if (refusal !== null) throw refusal;
    },
  };
}
