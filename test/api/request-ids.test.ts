import { createCandorYoga, createLogger } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSigner, useTestApi } from '../helpers/testkit.js';
import { throwingQueryField } from '../helpers/throwing-resolver.js';

const api = useTestApi();
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

type Entry = Record<string, unknown>;

describe('request ids and W3C trace context', () => {
  const lines: string[] = [];
  let fetchWith: (path: string, headers?: Record<string, string>) => Promise<{ response: Response; log: Entry[] }>;

  beforeAll(() => {
    const yoga = createCandorYoga({
      database: api.current.database,
      env: {},
      clock: () => new Date(),
      logger: createLogger('info', (line) => lines.push(line)),
      signer: testSigner(),
      extraPlugins: [throwingQueryField('segments', () => new Error('segments failed on purpose'))],
    });
    fetchWith = async (path, headers = {}) => {
      lines.length = 0;
      const response = await yoga.fetch(`http://yoga${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: path === '/graphql' ? '{ organization { name } }' : '{ segments { key } }' }),
      });
      await response.arrayBuffer();
      return { response, log: lines.map((line) => JSON.parse(line) as Entry) };
    };
  });

  const spanOf = (response: Response) => {
    const match = TRACEPARENT.exec(response.headers.get('traceparent') ?? '');
    expect(match, 'traceparent response header').not.toBeNull();
    return { traceId: match?.[1], spanId: match?.[2], flags: match?.[3] };
  };

  it('joins the caller trace: same trace id, a new span id, the caller flags', async () => {
    const { response, log } = await fetchWith('/graphql', { traceparent: `00-${TRACE}-${PARENT}-01` });
    const span = spanOf(response);
    expect(span).toMatchObject({ traceId: TRACE, flags: '01' });
    expect(span.spanId).not.toBe(PARENT);
    expect(log.find((entry) => entry.msg === 'request')).toMatchObject({
      trace_id: TRACE,
      span_id: span.spanId,
      requestId: response.headers.get('x-request-id'),
    });
  });

  it.each([
    ['no traceparent', {}],
    ['an invalid traceparent', { traceparent: `00-${'0'.repeat(32)}-${PARENT}-01` }],
    ['a garbage traceparent', { traceparent: 'hello; drop table' }],
  ])('starts a new trace for %s', async (_, headers: Record<string, string>) => {
    const first = await fetchWith('/graphql', headers);
    const second = await fetchWith('/graphql', headers);
    const a = spanOf(first.response);
    const b = spanOf(second.response);
    expect(a.traceId).not.toBe(b.traceId);
    expect(a.spanId).not.toBe(b.spanId);
    expect(a.traceId).not.toMatch(/^0+$/);
    expect(a.flags).toBe('00');
    expect(first.log.find((entry) => entry.msg === 'request')).toMatchObject({
      trace_id: a.traceId,
      span_id: a.spanId,
    });
  });

  it('puts the ids on every log line of the request, including its errors', async () => {
    const { response, log } = await fetchWith('/graphql?fail', {
      traceparent: `00-${TRACE}-${PARENT}-01`,
      'x-request-id': 'partner-req-000042',
    });
    const span = spanOf(response);
    expect(response.headers.get('x-request-id')).toBe('partner-req-000042');
    const messages = log.map((entry) => entry.msg);
    expect(messages).toEqual(expect.arrayContaining(['unexpected error', 'request']));
    for (const entry of log) {
      expect(entry).toMatchObject({ requestId: 'partner-req-000042', trace_id: TRACE, span_id: span.spanId });
    }
  });

  it('keeps X-Request-Id as before: a sane one echoed, anything else replaced by a UUID', async () => {
    expect(
      (await fetchWith('/graphql', { 'x-request-id': 'abc.DEF-123:xyz' })).response.headers.get('x-request-id'),
    ).toBe('abc.DEF-123:xyz');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'quote"inside"it']) {
      const { response, log } = await fetchWith('/graphql', { 'x-request-id': bad });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(log.find((entry) => entry.msg === 'request')?.requestId).toBe(id);
    }
  });

  it('answers health checks with the headers too', async () => {
    const response = await api.current.yoga.fetch('http://yoga/healthz', {
      headers: { traceparent: `00-${TRACE}-${PARENT}-00` },
    });
    expect(spanOf(response).traceId).toBe(TRACE);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
