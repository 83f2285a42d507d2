/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): enough of it to join a caller's
 * distributed trace in our logs. We record no spans and export nothing; each request is a
 * server span whose ids appear in its log lines (`trace_id`, `span_id`, the OpenTelemetry
 * log field names) and in the `traceparent` response header.
 */
import { randomBytes } from 'node:crypto';

export interface TraceContext {
  /** 32 lower-case hex digits, not all zero: the caller's trace, or a new one. */
  traceId: string;
  /** 16 lower-case hex digits: this request's span, new for every request. */
  spanId: string;
  /** The caller's span, when a valid traceparent named one. */
  parentSpanId: string | null;
  /** Trace flags (2 hex digits): the caller's, else `00` (not sampled: we record nothing). */
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

/** The parts of a valid `traceparent` header, or null when it is absent or invalid. */
export function parseTraceparent(
  header: string | null,
): { traceId: string; parentSpanId: string; flags: string } | null {
  if (header === null) return null;
  const match = TRACEPARENT.exec(header.trim());
  if (match === null) return null;
  const [, version, traceId, parentSpanId, flags, rest] = match;
  if (version === undefined || traceId === undefined || parentSpanId === undefined || flags === undefined) return null;
  // Version ff is forbidden; version 00 has exactly four fields, later versions may add more.
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentSpanId)) return null;
  return { traceId, parentSpanId, flags };
}

/**
 * Ids come from a pool of random bytes refilled 4 KiB at a time: one randomBytes() call per id
 * (two per request) was a measurable share of a cached answer's CPU. Trace ids need to be unique,
 * not secret.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

const randomHex = (bytes: number): string => {
  for (;;) {
    if (offset + bytes > pool.length) {
      pool = randomBytes(POOL_BYTES);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, offset + bytes);
    offset += bytes;
    if (!ALL_ZERO.test(hex)) return hex;
  }
};

/** The server span for a request: joins the caller's trace when its traceparent is valid. */
export function startServerSpan(traceparent: string | null): TraceContext {
  const parent = parseTraceparent(traceparent);
  return {
    traceId: parent?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    parentSpanId: parent?.parentSpanId ?? null,
    flags: parent?.flags ?? '00',
  };
}

/** The `traceparent` header naming the server span (version 00). */
export const formatTraceparent = (span: Pick<TraceContext, 'traceId' | 'spanId' | 'flags'>): string =>
  `00-${span.traceId}-${span.spanId}-${span.flags}`;
