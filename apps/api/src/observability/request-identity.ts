import { randomUUID } from 'node:crypto';
import { startServerSpan, type TraceContext } from './trace-context.js';

/** A caller's X-Request-Id is kept only when it is this sane: it ends up in logs and headers. */
const VALID_INCOMING = /^[A-Za-z0-9._:-]{8,128}$/;

export interface RequestIdentity {
  requestId: string;
  /** The caller's X-Request-Id, not one made here. */
  fromClient: boolean;
  span: TraceContext;
}

/**
 * Who a request is in logs and headers: the caller's X-Request-Id when it is sane, otherwise a new
 * UUID, and a server span joining the caller's `traceparent`. One function for yoga's plugin and
 * the node-level paths (cache/fast-path.ts, post-path/), so all three name requests alike.
 */
export function identifyRequest(incomingId: string | null, traceparent: string | null): RequestIdentity {
  const fromClient = incomingId !== null && VALID_INCOMING.test(incomingId);
  return { requestId: fromClient ? incomingId : randomUUID(), fromClient, span: startServerSpan(traceparent) };
}

/** The fields every log line written while handling the request carries (logger.ts, withLogFields). */
export const logFieldsOf = ({ requestId, span }: RequestIdentity): Record<string, unknown> => ({
  requestId,
  trace_id: span.traceId,
  span_id: span.spanId,
});
