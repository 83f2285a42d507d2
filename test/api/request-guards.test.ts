import { request as httpRequest } from 'node:http';
import { createCandorYoga, createLogger, createMetrics, type Metrics } from '@candor/api';
import { describe, expect, it } from 'vitest';
import { TEST_ENV, testSigner, useListeningServer, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
const MAX_BODY = 2_097_152;

/** A yoga over the test database with its own settings and metrics. */
const yogaWith = (env: Record<string, unknown> = {}) => {
  const metrics: Metrics = createMetrics();
  const yoga = createCandorYoga({
    database: api.current.database,
    env: { ...TEST_ENV, CANDOR_MIN_CELL_SIZE: 10, ...env },
    clock: () => new Date('2025-06-01T00:00:00Z'),
    logger: createLogger('silent'),
    signer: testSigner(),
    metrics,
  });
  const rejections = async (code: string) =>
    (await metrics.queryLimitRejections.get()).values.find((value) => value.labels.code === code)?.value ?? 0;
  return { yoga, rejections };
};

/** A JSON body of exactly `bytes` bytes: a small query padded with JSON whitespace. */
const bodyOf = (bytes: number) => {
  const json = JSON.stringify({ query: '{ segments { key } }' });
  return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`;
};

interface ErrorBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('request body ≤ 2 MiB (declared Content-Length)', () => {
  const send = (body: string) =>
    api.current.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });

  it('answers a body of exactly 2 MiB', async () => {
    const response = await send(bodyOf(MAX_BODY));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { segments: unknown[] } }).data.segments).toHaveLength(5);
  });

  it('refuses one byte more with 413 PAYLOAD_TOO_LARGE, as a GraphQL error naming the limit', async () => {
    const { yoga, rejections } = yogaWith();
    const body = bodyOf(MAX_BODY + 1);
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const answer = (await response.json()) as ErrorBody;
    expect(answer.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.errors?.[0]?.message).toBe('Request body 2097153 bytes exceeds the limit of 2097152 bytes.');
    expect(await rejections('PAYLOAD_TOO_LARGE')).toBe(1);
  });
});

describe('request body ≤ 2 MiB, chunked (no Content-Length), on the real server', () => {
  const server = useListeningServer(() => api.current.yoga);

  /**
   * Streams `bytes` bytes of body in 64 KiB chunks without a Content-Length (so chunked), and
   * leaves the request open afterwards unless `end`: a 413 must come without waiting for the end.
   */
  const stream = (body: string, end: boolean) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${server.current.url}/graphql`);
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, text });
            request.destroy();
          });
        },
      );
      // Writing after the server answered and closed is expected for the refused body.
      request.on('error', (error) => {
        if (!request.destroyed) reject(error);
      });
      const chunk = 64 * 1024;
      for (let offset = 0; offset < body.length; offset += chunk) request.write(body.slice(offset, offset + chunk));
      if (end) request.end();
    });

  it('answers a chunked body of exactly 2 MiB', async () => {
    const answer = await stream(bodyOf(MAX_BODY), true);
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { data: { segments: unknown[] } }).data.segments).toHaveLength(5);
  });

  it('refuses a chunked body one byte over with 413 as soon as it passes the limit', async () => {
    const answer = await stream(bodyOf(MAX_BODY + 1), false);
    expect(answer.status).toBe(413);
    const body = JSON.parse(answer.text) as ErrorBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors?.[0]?.message).toBe('Request body exceeds the limit of 2097152 bytes.');
  });

  it('keeps serving afterwards', async () => {
    const response = await fetch(`${server.current.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization { name } }' }),
    });
    expect(response.status).toBe(200);
  });
});

describe('batching is off', () => {
  it('refuses a JSON array of operations with a clear 4xx, running none of them', async () => {
    const before = await api.current.database.prisma.auditEvent.count();
    const mutation = { query: 'mutation { revokeToken(prefix: "nobody") { revoked error { code } } }' };
    const response = await api.current.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([mutation, { query: '{ segments { key } }' }]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as ErrorBody;
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/batching is not supported/i);
    // A mutation attempt is always audited; none was made.
    expect(await api.current.database.prisma.auditEvent.count()).toBe(before);
  });
});

describe('execution timeout', () => {
  // Recomputes every version's hash and every chain link: far longer than a millisecond.
  const heavy =
    '{ integrity { verify { ok chains { chain count } } } documents { edges { node { versions { edges { node { clauses { key body } } } } } } } }';

  it('answers a query within a generous limit', async () => {
    const { yoga } = yogaWith({ CANDOR_EXECUTION_TIMEOUT_MS: 10_000 });
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: heavy }),
    });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { data: { integrity: { verify: { ok: boolean } } } }).data.integrity.verify.ok,
    ).toBe(true);
  });

  it('stops one that runs past it with 503 EXECUTION_TIMEOUT, naming the limit', async () => {
    const { yoga, rejections } = yogaWith({ CANDOR_EXECUTION_TIMEOUT_MS: 1 });
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: heavy }),
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as ErrorBody;
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('EXECUTION_TIMEOUT');
    expect(body.errors?.[0]?.message).toBe('Execution time exceeds the limit of 1 ms.');
    expect(body.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
    expect(await rejections('EXECUTION_TIMEOUT')).toBe(1);
  });
});
