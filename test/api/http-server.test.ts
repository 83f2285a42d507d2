import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

describe('the real server on port 0', () => {
  const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });

  it('answers a GraphQL query over HTTP', async () => {
    const response = await fetch(`${server.current.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization { name isSample } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { data: { organization: { isSample: boolean } } };
    expect(body.data.organization.isSample).toBe(true);
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await fetch(`${server.current.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('GraphiQL');
  });

  it('reports liveness and readiness', async () => {
    const health = await fetch(`${server.current.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.current.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});

const mainScript = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../apps/api/node_modules/.bin/tsx', import.meta.url));

describe('the server process (pnpm start)', () => {
  it('starts on an existing database, logs JSON, and exits 0 on SIGTERM', async () => {
    const child = spawn(tsx, [mainScript], {
      env: {
        ...process.env,
        DATABASE_URL: api.current.database.url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        CANDOR_BUILD_SITE_ON_START: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Record<string, unknown>[] = [];
    const listening = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (entry.msg === 'listening') resolve(String(entry.graphql));
      });
      child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
    });
    const graphqlUrl = await listening;
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ segments { key } }' }),
    });
    expect(response.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.some((entry) => entry.msg === 'request' && entry.status === 200)).toBe(true);
    expect(lines.some((entry) => entry.msg === 'stopped')).toBe(true);
    // The database already held the sample: it must not be loaded twice.
    expect(lines.some((entry) => String(entry.msg).includes('loading the sample'))).toBe(false);
  });
});
