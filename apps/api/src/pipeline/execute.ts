/**
 * The execute stage: an operation run under the execution timeout (docs/partner-api.md, "Query limits"), and its
 * bill: what the answer holds, or the estimate when the timeout cut it off (pipeline/budget.ts).
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import { executionTimedOut, limitError } from '../limits/limit-error.js';
import { raceAgainstTimeout } from '../limits/timeout.js';
import type { Metrics } from '../observability/metrics.js';
import { executionPoints } from './budget.js';
import type { Exchange } from './exchange.js';

export interface ExecuteOptions {
  timeoutMs: number;
  metrics: Pick<Metrics, 'queryLimitRejections'>;
  /** False when no budget is on: the answer's fields are not counted (a walk over the whole answer). */
  billing: boolean;
}

/** Marks the answers the timeout wrote, so the bill can tell them from the operation's own. */
const timedOut = new WeakSet<object>();

/**
 * Runs one execution within `timeoutMs`; past it the answer is EXECUTION_TIMEOUT (counted) and
 * whatever the execution produces later is dropped. Bills the exchange for the execution.
 */
export function executeWithinTimeout<T extends ExecutionResult>(
  exchange: Exchange,
  execute: () => T | Promise<T>,
  { timeoutMs, metrics, billing }: ExecuteOptions,
): Promise<T | { errors: GraphQLError[] }> {
  return raceAgainstTimeout<T | { errors: GraphQLError[] }>(execute, timeoutMs, () => {
    metrics.queryLimitRejections.inc({ code: 'EXECUTION_TIMEOUT' });
    const answer = { errors: [limitError(executionTimedOut(timeoutMs), exchange.identity.requestId)] };
    timedOut.add(answer);
    return answer;
  }).then((result) => {
    if (billing) billExecution(exchange, result);
    return result;
  });
}

/** The execution's points on the exchange's bill. */
export function billExecution(exchange: Exchange, result: ExecutionResult): void {
  const type = exchange.operation?.operation ?? 'query';
  exchange.bill.execution = executionPoints(type, result.data, timedOut.has(result), exchange.cost);
}

/**
 * What opening a subscription costs: once, when it opens, the estimate of one event's answer (at
 * least 1). The events it receives later are not charged: they come at the publishers' pace, not
 * the client's, and the outbox bounds them.
 */
export function billSubscription(exchange: Exchange): void {
  exchange.bill.execution = Math.max(1, Math.ceil(exchange.cost / 100));
}
