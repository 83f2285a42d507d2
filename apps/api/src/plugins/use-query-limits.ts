import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { limitError } from '../limits/limit-error.js';
import { recordOperationFacts } from '../limits/operation-facts.js';
import { checkDocumentSource, measureOperation, type QueryLimits } from '../limits/query-limits.js';
import type { Metrics } from '../observability/metrics.js';
import { requestIdOf } from './use-request-id.js';

export interface QueryLimitsOptions {
  limits: QueryLimits;
  metrics: Pick<Metrics, 'queryLimitRejections'>;
  /**
   * Documents the operator vouches for (the site's persisted operations): they skip the cost
   * limit, and only that limit. Called only for an operation over the cost limit.
   */
  isTrustedDocument?: (document: string) => boolean;
}

/**
 * The query limits (README, "Query limits"), all applied before any resolver runs and before
 * the context (and its token lookup) is built: the document's length and tokens before it is
 * parsed; depth, aliases, directives, input lists and cost once graphql-js has validated it.
 * A refusal is thrown, not returned as a validation result, so yoga's validation cache never
 * stores it: cost and input lists depend on the variables, which change between requests.
 * The accepted operation's cost and type are recorded for the rate-limit and cache plugins.
 */
export function useQueryLimits({ limits, metrics, isTrustedDocument }: QueryLimitsOptions): Plugin {
  const refuse = (violation: Parameters<typeof limitError>[0], request: Request | undefined) => {
    metrics.queryLimitRejections.inc({ code: violation.code });
    return limitError(violation, request === undefined ? undefined : requestIdOf(request));
  };
  return {
    onParse({ params, context }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      const violation = checkDocumentSource(source, limits);
      if (violation !== undefined) throw refuse(violation, (context as Partial<YogaInitialContext>).request);
    },
    onValidate({ params: { schema, documentAST }, context }) {
      return ({ valid }) => {
        if (!valid) return;
        const { request, params } = context as Partial<YogaInitialContext>;
        const measure = measureOperation(
          {
            schema,
            document: documentAST,
            operationName: params?.operationName,
            variables: params?.variables,
            isTrusted: () => params?.query !== undefined && isTrustedDocument?.(params.query) === true,
          },
          limits,
        );
        if (measure.violation !== undefined) throw refuse(measure.violation, request);
        if (request !== undefined && measure.operationType !== undefined) {
          recordOperationFacts(request, { cost: measure.cost, operationType: measure.operationType });
        }
      };
    },
  };
}
