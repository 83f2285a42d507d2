import { describe, expect, it } from 'vitest';
import { formatTraceparent, parseTraceparent, startServerSpan } from './trace-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  it('reads a valid version-00 header', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentSpanId: PARENT, flags: '01' });
  });

  it('accepts later versions with extra fields', () => {
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-00-whatever`)?.traceId).toBe(TRACE);
  });

  it.each([
    ['absent', null],
    ['empty', ''],
    ['upper case', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['extra field on version 00', `00-${TRACE}-${PARENT}-01-x`],
    ['short trace id', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['garbage', 'hello'],
  ])('rejects %s', (_, header) => {
    expect(parseTraceparent(header)).toBeNull();
  });
});

describe('startServerSpan', () => {
  it('joins the caller trace with a new span of its own', () => {
    const span = startServerSpan(`00-${TRACE}-${PARENT}-01`);
    expect(span).toMatchObject({ traceId: TRACE, parentSpanId: PARENT, flags: '01' });
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.spanId).not.toBe(PARENT);
  });

  it('starts a new trace when the header is missing or invalid', () => {
    const a = startServerSpan(null);
    const b = startServerSpan('00-nonsense');
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(b.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.traceId).not.toBe(b.traceId);
    expect(a).toMatchObject({ parentSpanId: null, flags: '00' });
  });

  it('formats the response header', () => {
    expect(formatTraceparent({ traceId: TRACE, spanId: PARENT, flags: '01' })).toBe(`00-${TRACE}-${PARENT}-01`);
  });
});
