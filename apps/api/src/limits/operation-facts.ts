/**
 * What the query-limit plugin learned about a request's operation, handed to the plugins that
 * run after validation (rate limiting charges `cost`, the response cache stores only queries).
 * Keyed by the request so no plugin has to know another's context shape.
 */
export interface OperationFacts {
  /** The operation's cost in points on the schema's cost model (README, "Query limits"); ≥ 1. */
  cost: number;
  operationType: 'query' | 'mutation' | 'subscription';
}

const factsByRequest = new WeakMap<Request, OperationFacts>();

export const recordOperationFacts = (request: Request, facts: OperationFacts): void => {
  factsByRequest.set(request, facts);
};

/** The facts recorded for this request, or undefined when it never got past validation. */
export const operationFactsOf = (request: Request): OperationFacts | undefined => factsByRequest.get(request);
