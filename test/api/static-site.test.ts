import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createCandorYoga, createLogger } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSigner, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

describe('the built site served on the API port', () => {
  let fetchPath: (path: string, init?: RequestInit) => Promise<Response>;
  let root: string;
  /** A page big enough to be compressed. */
  const bigPage = `<h1>Terms</h1>${'<p>Clause text that repeats.</p>'.repeat(200)}`;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'candor-site-'));
    mkdirSync(join(root, 'segments', 'education'), { recursive: true });
    mkdirSync(join(root, '_astro'));
    writeFileSync(join(root, 'index.html'), '<h1>Home</h1>');
    writeFileSync(join(root, 'segments', 'education', 'index.html'), '<h1>Education</h1>');
    writeFileSync(join(root, '_astro', 'site.abc123.css'), 'body{}');
    writeFileSync(join(root, '404.html'), '<h1>Not here</h1>');
    mkdirSync(join(root, 'documents'));
    writeFileSync(join(root, 'documents', 'index.html'), bigPage);
    mkdirSync(join(root, 'feeds'));
    writeFileSync(join(root, 'feeds', 'documents.xml'), '<feed xmlns="http://www.w3.org/2005/Atom"></feed>');
    writeFileSync(join(root, 'sitemap-index.xml'), '<sitemapindex></sitemapindex>');
    writeFileSync(join(root, 'archive.tar.gz'), Buffer.alloc(4096, 1));
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

  it('compresses text with brotli or gzip as the client accepts, and says it varies', async () => {
    const br = await fetchPath('/documents/', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(bigPage.length / 5);
    expect(brotliDecompressSync(brBytes).toString()).toBe(bigPage);

    const gzip = await fetchPath('/documents/', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(bigPage);

    const plain = await fetchPath('/documents/', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(bigPage);
    // Already compressed files and tiny ones go as they are.
    const archive = await fetchPath('/archive.tar.gz', { headers: { 'accept-encoding': 'br' } });
    expect(archive.headers.get('content-encoding')).toBeNull();
    expect(archive.headers.get('content-type')).toBe('application/gzip');
    expect((await fetchPath('/', { headers: { 'accept-encoding': 'br' } })).headers.get('content-encoding')).toBeNull();
  });

  it('sends ETag and Last-Modified, and answers a revisit with 304', async () => {
    const first = await fetchPath('/documents/', { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^"[\w-]{27}-br"$/);
    expect(lastModified).not.toBeNull();

    const again = await fetchPath('/documents/', { headers: { 'accept-encoding': 'br', 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const since = await fetchPath('/documents/', { headers: { 'if-modified-since': lastModified ?? '' } });
    expect(since.status).toBe(304);
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    const changedTag = await fetchPath('/documents/', {
      headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified ?? '' },
    });
    expect(changedTag.status).toBe(200);
  });

  it('serves a page rebuilt in place at once, under a new ETag', async () => {
    const before = (await fetchPath('/segments/education/')).headers.get('etag');
    const page = join(root, 'segments', 'education', 'index.html');
    writeFileSync(page, '<h1>Education, rebuilt</h1>');
    utimesSync(page, new Date(), new Date(Date.now() + 5000));
    const after = await fetchPath('/segments/education/', { headers: { 'if-none-match': before ?? '' } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(await after.text()).toContain('rebuilt');
  });

  it('serves feeds as Atom and the sitemap as XML', async () => {
    expect((await fetchPath('/feeds/documents.xml')).headers.get('content-type')).toBe(
      'application/atom+xml; charset=utf-8',
    );
    expect((await fetchPath('/sitemap-index.xml')).headers.get('content-type')).toBe('application/xml; charset=utf-8');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await fetchPath('/documents/', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    const get = await fetchPath('/documents/', { headers: { 'accept-encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength));
    expect(await head.text()).toBe('');
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
