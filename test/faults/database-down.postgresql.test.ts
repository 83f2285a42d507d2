/**
 * PostgreSQL goes away under a running API (a TCP proxy between them is cut): /readyz says 503,
 * reads get a masked 503 SERVICE_UNAVAILABLE error with a request id and nothing internal, and
 * when the database is back the same process serves again, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from '../helpers/api-process.js';
import type { TestDatabase } from '../helpers/database.js';
import { createPublishFixture, releasePublishFixture } from '../helpers/publish-fixtures.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

let database: TestDatabase;
let proxy: TcpProxy;
let api: ApiProcess;
let token: string;

const READ = '{ document(slug: "terms-of-service") { current { label } } }';
const OTHER_READ = '{ documents(first: 5) { edges { node { slug } } } }';

const readyz = async () => (await fetch(`${api.url}/readyz`)).status;

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxy.port);
  api = await startApiProcess({ databaseUrl: viaProxy.toString() });
});

afterAll(async () => {
  await releasePublishFixture(database);
  await proxy?.close();
});

describe('database down, then back', () => {
  it('is ready and answers reads while the database is up', async () => {
    expect(await readyz()).toBe(200);
    const response = await api.graphql(READ);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('fails /readyz and masks reads as 503 SERVICE_UNAVAILABLE while it is down', async () => {
    await proxy.cut();
    expect(await readyz()).toBe(503);
    const response = await api.graphql(OTHER_READ);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const [error] = response.body.errors ?? [];
    expect(error?.message).toBe('The database is unavailable; try again shortly.');
    expect(error?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/127\.0\.0\.1|ECONN|prisma|postgres|stack/i);
    // With a token the first query is the token lookup, while the context is built: masked the same way.
    const authenticated = await api.graphql(OTHER_READ, undefined, { token });
    expect(authenticated.status).toBe(503);
    expect(authenticated.body.errors?.[0]?.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      requestId: expect.any(String),
    });
    expect(JSON.stringify(authenticated.body)).not.toMatch(/127\.0\.0\.1|ECONN|prisma|postgres|stack/i);
    // The API is alive all along: only readiness fails.
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  it('recovers without a restart when the database returns', async () => {
    await proxy.restore();
    expect(await eventually(readyz, (status) => status === 200)).toBe(200);
    const response = await api.graphql(OTHER_READ);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(api.logs.filter((line) => line.msg === 'listening')).toHaveLength(1);
  });
});
