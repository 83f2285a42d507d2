import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { exchangeOf } from '../pipeline/exchange.js';
import type { Pipeline } from '../pipeline/index.js';

const exchangeIn = (context: unknown) => {
  const request = (context as Partial<YogaInitialContext>).request;
  return request === undefined ? undefined : exchangeOf(request);
};

/**
 * The parse-validate stage on yoga's side: the document comes from the pipeline's document cache
 * (parsed once per string), the operation is selected and the limits its syntax decides (depth,
 * aliases, directives) are checked before graphql-js validation; validation errors come from the
 * same cache, then the input-list, NUL and cost limits. yoga's own parse and validation caches
 * are off (yoga.ts).
 */
export function useParseValidate(pipeline: Pipeline): Plugin {
  return {
    onParse({ context, setParsedDocument }) {
      const exchange = exchangeIn(context);
      if (exchange === undefined) return;
      const refusal = pipeline.parse(exchange);
      if (refusal !== null) throw refusal;
      if (exchange.document !== null) setParsedDocument(exchange.document);
    },
    onValidate({ context, setResult }) {
      const exchange = exchangeIn(context);
      if (exchange !== undefined) setResult([...pipeline.validate(exchange)]);
    },
  };
}
