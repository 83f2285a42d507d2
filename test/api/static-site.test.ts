import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCandorYoga, createLogger } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSigner, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

describe('the built site served on the API port', () => {
  let fetchPath: (path: string, init?: RequestInit) => Promise<Response>;

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'candor-site-'));
    mkdirSync(join(root, 'segments', 'education'), { recursive: true });
    mkdirSync(join(root, '_astro'));
    writeFileSync(join(root, 'index.html'), '<h1>Home</h1>');
    writeFileSync(join(root, 'segments', 'education', 'index.html'), '<h1>Education</h1>');
    writeFileSync(join(root, '_astro', 'site.abc123.css'), 'body{}');
    writeFileSync(join(root, '404.html'), '<h1>Not here</h1>');
    const yoga = createCandorYoga({
      database: api.current.database,
      env: { CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: true },
      clock: () => new Date(),
      logger: createLogger('silent'),
      signer: testSigner(),
      siteDirectory: root,
    });
    fetchPath = async (path, init) => yoga.fetch(`http://yoga${path}`, init ?? {});
  });

  it('serves pages, with revalidation', async () => {
    const home = await fetchPath('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(home.headers.get('cache-control')).toMatch(/must-revalidate/);
    expect(await home.text()).toContain('Home');
    expect(await (await fetchPath('/segments/education/')).text()).toContain('Education');
  });

  it('redirects a directory without its trailing slash', async () => {
    const response = await fetchPath('/segments/education', { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/segments/education/');
  });

  it('caches hashed assets for a year', async () => {
    const css = await fetchPath('/_astro/site.abc123.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(css.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('answers unknown paths and traversal attempts with the 404 page', async () => {
    const missing = await fetchPath('/nope/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Not here');
    expect((await fetchPath('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('leaves GraphQL and health endpoints to the API', async () => {
    expect((await fetchPath('/healthz')).status).toBe(200);
    const graphql = await fetchPath('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ segments { key } }' }),
    });
    expect(graphql.status).toBe(200);
  });
});
