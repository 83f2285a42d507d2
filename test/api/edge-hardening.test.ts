/**
 * The HTTP edge as a new user, and an abuser, meets it (issue 15): throttled failed
 * authentications, the static site's redirect, the inputs that used to answer 500, a flood of
 * directives, a body over the limit read by node's own fetch, error messages that quote their input,
 * the request id on every error answer, and the connection limits and timeouts — on real servers
 * listening on port 0 wherever a socket matters.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCandorYoga, createLogger, createMetrics, type Env, listen, type Metrics } from '@candor/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { counterValue, send, useInstance } from '../helpers/shared-state.js';
import { TEST_ENV, testSigner, useListeningServer, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

interface ErrorBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('failed authentications are throttled per client', () => {
  const metrics = createMetrics();
  const yoga = useInstance(
    api,
    { CANDOR_AUTH_FAILURE_LIMIT: 20, CANDOR_TRUST_PROXY: true, CANDOR_RATE_LIMIT_POINTS: 5000 },
    { metrics },
  );

  it('answers 1,000 bad tokens from one client with 20 lookups and 401s, then 429 before any lookup', async () => {
    const from = { 'x-forwarded-for': '198.51.100.66' };
    const { recorder } = api.current.database;
    recorder.reset();
    const statuses = new Map<number, number>();
    let lastRefusal: Response | undefined;
    for (let i = 0; i < 1000; i++) {
      // Well-formed unknown tokens: each one that is looked up costs a database read.
      const token = `cnd_abcdefghij_${String(i).padStart(43, 'A')}`;
      const response = await send(yoga.current, { query: '{ segments { key } }', token, headers: from });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 429) lastRefusal = response;
      else await response.arrayBuffer();
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 20, 429: 980 });
    const lookups = recorder.dataStatements().filter((statement) => /ApiToken/i.test(statement.sql));
    expect(lookups.length).toBeLessThanOrEqual(20);
    const body = (await lastRefusal?.json()) as ErrorBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(body.errors?.[0]?.message).toMatch(/failed authentications/);
    expect(body.errors?.[0]?.extensions?.requestId).toBe(lastRefusal?.headers.get('x-request-id'));
    expect(Number(lastRefusal?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await counterValue(metrics, 'candor_rate_limit_rejections_total', { scope: 'auth' })).toBe(980);
    // The failures were charged to the client's IP budget (1 point each): the 20 it got to make.
    const anonymous = await send(yoga.current, { query: '{ segments { key } }', headers: from });
    expect(Number(anonymous.headers.get('ratelimit-remaining'))).toBe(5000 - 20 - 2);
    // Another client is not throttled.
    const other = await send(yoga.current, {
      query: '{ segments { key } }',
      token: 'cnd_abcdefghij_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
      headers: { 'x-forwarded-for': '198.51.100.67' },
    });
    expect(other.status).toBe(401);
  });

  it('lets a client with a good token through while it has not failed too often', async () => {
    const tokens = await setUpEditors(api.current);
    const response = await send(yoga.current, {
      query: '{ viewer { email } }',
      token: tokens.editor,
      headers: { 'x-forwarded-for': '198.51.100.68' },
    });
    expect(response.status).toBe(200);
  });
});

describe('the static site redirect stays on this origin', () => {
  const root = mkdtempSync(join(tmpdir(), 'candor-site-'));
  mkdirSync(join(root, 'segments', 'education'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<h1>Home</h1>');
  writeFileSync(join(root, 'segments', 'education', 'index.html'), '<h1>Education</h1>');
  const yoga = () =>
    createCandorYoga({
      database: api.current.database,
      env: { ...TEST_ENV },
      clock: () => TEST_NOW,
      logger: createLogger('silent'),
      signer: testSigner(),
      siteDirectory: root,
    });
  const server = useListeningServer(yoga);

  const raw = (path: string) =>
    new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const url = new URL(server.current.url);
      const request = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      });
      request.on('error', reject);
      request.end();
    });

  it.each([
    '//other.example/..%2fsegments/education',
    '//other.example/%2e%2e/segments/education',
    '/%2F%2Fother.example/..%2f..%2fsegments/education',
    '/\\other.example/..%2fsegments/education',
  ])('redirects %s to a same-origin path, never to another host', async (path) => {
    const answer = await raw(path);
    if (answer.status === 308) {
      expect(answer.location).toBe('/segments/education/');
    } else {
      expect(answer.status).toBe(404);
    }
    expect(answer.location ?? '/').toMatch(/^\/(?![/\\])/);
  });

  it('still redirects a plain directory path, keeping the query string', async () => {
    expect(await raw('/segments/education?x=1')).toEqual({ status: 308, location: '/segments/education/?x=1' });
  });
});

describe('inputs that used to answer 500, on both adapters', () => {
  const server = useListeningServer(() => api.current.yoga);
  const deep = `{"query":"query ($x: String) { segments { key } }","variables":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
  const cases: [string, string, string][] = [
    [
      'a non-string operationName',
      JSON.stringify({ query: '{ segments { key } }', operationName: { a: 1 } }),
      'BAD_REQUEST',
    ],
    ['a numeric operationName', JSON.stringify({ query: '{ segments { key } }', operationName: 3 }), 'BAD_REQUEST'],
    ['variables nested 20,000 deep', deep, 'INPUT_TOO_DEEP'],
  ];

  it.each(cases)('%s: 400 with a code and the request id (node adapter)', async (_, body, code) => {
    const response = await post(server.current.url, body, { 'x-request-id': 'was-a-500-node' });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code, requestId: 'was-a-500-node' });
  });

  it.each(cases)('%s: 400 with a code and the request id (yoga adapter)', async (_, body, code) => {
    const response = await api.current.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'was-a-500-yoga' },
      body,
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code, requestId: 'was-a-500-yoga' });
  });

  it('answers a form whose variables are not JSON with 400, not 500', async () => {
    const response = await api.current.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' },
      body: 'query=%7B%20segments%20%7B%20key%20%7D%20%7D&variables=%7Bnope',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('a flood of directives', () => {
  it('gets one TOO_MANY_DIRECTIVES, not an error per unknown directive', async () => {
    const query = `{ segments ${'@unknown '.repeat(300)}{ key } }`;
    const result = await api.current.request(query);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_DIRECTIVES');
    expect(result.errors?.[0]?.message).toBe('Directive count 300 exceeds the limit of 5.');
  });
});

describe('error messages quote at most ~100 characters of input', () => {
  const server = useListeningServer(() => api.current.yoga);

  it('answers a 1.9 MB slug with a short message', async () => {
    const slug = 'x'.repeat(1_900_000);
    const body = JSON.stringify({
      query: 'query ($s: String!) { document(slug: $s) { title } }',
      variables: { s: slug },
    });
    const response = await post(server.current.url, body);
    const text = await response.text();
    expect(text.length).toBeLessThan(600);
    const answer = JSON.parse(text) as ErrorBody;
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(answer.errors?.[0]?.message).toContain('x'.repeat(100));
    expect(answer.errors?.[0]?.message).not.toContain('x'.repeat(101));
  });
});

describe('a body over the limit, read by node’s fetch', () => {
  const server = useListeningServer(() => api.current.yoga);

  it('answers 413 PAYLOAD_TOO_LARGE to every one of several 30 MB bodies, never a broken pipe', async () => {
    const body = JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(30_000_000) });
    for (let i = 0; i < 3; i++) {
      const response = await post(server.current.url, body, { 'x-request-id': `too-large-${i}` });
      expect(response.status).toBe(413);
      const answer = (await response.json()) as ErrorBody;
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: `too-large-${i}` });
    }
    // And with a token (yoga's adapter answers it).
    const withToken = await post(server.current.url, body, { authorization: 'Bearer cnd_abcdefghij_x' });
    expect(withToken.status).toBe(413);
  });

  it('keeps serving afterwards', async () => {
    expect((await post(server.current.url, JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
  });
});

describe('every error answer carries the request id', () => {
  const yoga = useInstance(api, { CANDOR_RATE_LIMIT_POINTS: 3, CANDOR_MAX_BODY_BYTES: 2048 });
  const server = useListeningServer(() => yoga.current);
  const url = () => server.current.url;

  const cases: [string, () => Promise<Response>, number][] = [
    ['401', () => post(url(), '{"query":"{ __typename }"}', { authorization: 'Bearer nope' }), 401],
    [
      '403 (CSRF)',
      () => fetch(`${url()}/graphql?query=%7B__typename%7D`, { headers: { authorization: 'Bearer x' } }),
      403,
    ],
    [
      '403 (cross-origin mutation)',
      () =>
        post(url(), JSON.stringify({ query: 'mutation { revokeToken(prefix: "x") { revoked } }' }), {
          origin: 'https://elsewhere.example',
        }),
      403,
    ],
    ['405 (method)', () => fetch(`${url()}/graphql`, { method: 'PUT', body: '{}' }), 405],
    [
      '405 (mutation over GET)',
      () => fetch(`${url()}/graphql?query=mutation%7BrevokeToken(prefix:%22x%22)%7Brevoked%7D%7D`),
      405,
    ],
    ['413', () => post(url(), JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(5000) })), 413],
    ['415', () => post(url(), '<q/>', { 'content-type': 'application/xml' }), 415],
  ];

  it.each(cases)('%s', async (_, sendIt, status) => {
    const response = await sendIt();
    expect(response.status).toBe(status);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors ?? []) {
      expect(error.extensions?.requestId).toBe(id);
      expect(error.extensions?.code).toMatch(/^[A-Z_]+$/);
    }
  });

  it('429', async () => {
    let response = await post(url(), JSON.stringify({ query: '{ __typename }', variables: { n: 0 } }));
    for (let n = 1; response.status !== 429 && n < 20; n++) {
      response = await post(url(), JSON.stringify({ query: '{ __typename }', variables: { n } }));
    }
    expect(response.status).toBe(429);
    const answer = (await response.json()) as ErrorBody;
    expect(answer.errors?.[0]?.extensions?.requestId).toBe(response.headers.get('x-request-id'));
  });
});

/** Opens a TCP connection from `localAddress` and resolves once connected (or closed at once). */
const open = (port: number, localAddress: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });

/** Resolves true when the other end closes the socket within `ms` (what it sent is read and dropped). */
const closedWithin = (socket: Socket, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (socket.destroyed) return resolve(true);
    // A socket whose data nobody reads never sees the end of it.
    if (socket.listenerCount('data') === 0) socket.resume();
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

const healthz = (port: number, localAddress = '127.0.0.1') =>
  new Promise<number>((resolve) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path: '/healthz', localAddress, agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', () => resolve(0));
    request.end();
  });

describe('connection limits and timeouts, each counted and logged when it acts', () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  let metrics: Metrics;
  let running: Awaited<ReturnType<typeof listen>>;
  let port: number;
  const sockets: Socket[] = [];
  const env: Partial<Env> = {
    ...TEST_ENV,
    CANDOR_MAX_CONNECTIONS_PER_CLIENT: 5,
    CANDOR_MAX_CONNECTIONS: 12,
    CANDOR_HEADERS_TIMEOUT_MS: 400,
    CANDOR_REQUEST_TIMEOUT_MS: 800,
    CANDOR_KEEP_ALIVE_TIMEOUT_MS: 300,
  };
  beforeAll(async () => {
    metrics = createMetrics();
    const yoga = createCandorYoga({
      database: api.current.database,
      env,
      clock: () => TEST_NOW,
      logger,
      signer: testSigner(),
      metrics,
    });
    running = await listen(yoga, { host: '127.0.0.1', port: 0, graceSeconds: 1, logger });
    port = Number(new URL(running.url).port);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await running?.close();
  });
  const closed = (reason: string) => counterValue(metrics, 'candor_connections_closed_total', { reason });
  const logged = (reason: string) =>
    lines.some((line) => line.msg === 'connection limit acted' && line.reason === reason);

  it('closes the connections one client opens past its cap, and /healthz still answers others', async () => {
    const held: Socket[] = [];
    for (let i = 0; i < 8; i++) held.push(await open(port, '127.0.0.2'));
    sockets.push(...held);
    const refused = await Promise.all(held.map((socket) => closedWithin(socket, 300)));
    expect(refused.filter(Boolean)).toHaveLength(3);
    expect(await healthz(port)).toBe(200);
    expect(await closed('per-client-cap')).toBe(3);
    expect(logged('per-client-cap')).toBe(true);
    for (const socket of held) socket.destroy();
  });

  it('closes connections past the process-wide cap, and serves again once they are gone', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const held: Socket[] = [];
    for (const address of ['127.0.0.3', '127.0.0.4', '127.0.0.5']) {
      for (let i = 0; i < 4; i++) held.push(await open(port, address));
    }
    sockets.push(...held);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await healthz(port)).toBe(0);
    expect(await closed('process-cap')).toBeGreaterThanOrEqual(1);
    expect(logged('process-cap')).toBe(true);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await healthz(port)).toBe(200);
  });

  it('answers headers that never finish with 408 (a request id, a code) and closes', async () => {
    const socket = await open(port, '127.0.0.6');
    sockets.push(socket);
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    expect(await closedWithin(socket, 3000)).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toMatch(/x-request-id: [0-9a-f-]{36}/);
    expect(answer).toContain('"code":"REQUEST_TIMEOUT"');
    expect(await closed('headers-timeout')).toBeGreaterThanOrEqual(1);
    expect(logged('headers-timeout')).toBe(true);
  });

  it('closes a connection that never sends a byte', async () => {
    const socket = await open(port, '127.0.0.7');
    sockets.push(socket);
    expect(await closedWithin(socket, 3000)).toBe(true);
  });

  it('answers a body that never finishes with 408 (request timeout)', async () => {
    const socket = await open(port, '127.0.0.8');
    sockets.push(socket);
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"qu',
    );
    expect(await closedWithin(socket, 4000)).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await closed('request-timeout')).toBeGreaterThanOrEqual(1);
  });

  it('closes a kept-alive connection left idle, and counts it', async () => {
    const before = await closed('keep-alive-idle');
    const socket = await open(port, '127.0.0.9');
    sockets.push(socket);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await closedWithin(socket, 3000)).toBe(true);
    expect(await closed('keep-alive-idle')).toBe(before + 1);
  });
});
