import { createMetrics } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import {
  counterValue,
  labelsIn,
  publishVersion,
  STATE_PROVIDERS,
  send,
  stateEnv,
  through,
  useInstance,
  VERSION_LABELS,
} from '../helpers/shared-state.js';
import { useTestApi } from '../helpers/testkit.js';

const SEGMENTS = '{ segments { key } }';
const TTL_SECONDS = 60;

describe.each(STATE_PROVIDERS)('response cache and HTTP caching (%s)', (provider) => {
  const api = useTestApi();
  const metrics = createMetrics();
  let now = TEST_NOW;
  const yoga = useInstance(
    api,
    { ...stateEnv(provider), CANDOR_RESPONSE_CACHE: true, CANDOR_CACHE_TTL_SECONDS: TTL_SECONDS },
    { metrics, clock: () => now },
  );
  let tokens: EditorTokens;
  beforeAll(async () => {
    tokens = await setUpEditors(through(api.current, yoga.current));
  });
  const cacheEvents = (result: string) => counterValue(metrics, 'candor_response_cache_total', { result });

  it('answers an anonymous GET query with a strong ETag and public Cache-Control, then from the cache', async () => {
    const query = '{ organization { name } }';
    const first = await send(yoga.current, { method: 'GET', query });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get('cache-control')).toBe(`public, max-age=${TTL_SECONDS}`);
    expect(first.headers.get('vary')).toMatch(/Accept/);
    const body = await first.text();
    const hitsBefore = await cacheEvents('hit');
    const second = await send(yoga.current, { method: 'GET', query });
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await second.text()).toBe(body);
    expect(await cacheEvents('hit')).toBe(hitsBefore + 1);
  });

  it('answers 304 with no body when If-None-Match matches, on a miss and on a hit', async () => {
    const query = '{ segments { key name } }';
    const first = await send(yoga.current, { method: 'GET', query });
    const etag = first.headers.get('etag') ?? '';
    expect(first.headers.get('x-cache')).toBe('MISS');
    const hit = await send(yoga.current, { method: 'GET', query, headers: { 'if-none-match': etag } });
    expect(hit.status).toBe(304);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(etag);
    expect(await hit.text()).toBe('');
    // A tag that does not match gets the full answer…
    const other = await send(yoga.current, { method: 'GET', query, headers: { 'if-none-match': '"stale"' } });
    expect(other.status).toBe(200);
    // …and the first time a query is asked, a matching tag (known from another instance) gets 304.
    const fresh = '{ segments { key description } }';
    const tagged = (await send(yoga.current, { method: 'GET', query: fresh })).headers.get('etag') ?? '';
    await publishVersion(yoga.current, tokens, 'etag-check'); // empties the cache
    const revalidated = await send(yoga.current, { method: 'GET', query: fresh, headers: { 'if-none-match': tagged } });
    expect(revalidated.headers.get('x-cache')).toBe('MISS');
    expect(revalidated.status).toBe(304);
  });

  it('shares one entry between GET and POST of the same operation, and keys by variables', async () => {
    const query = 'query Doc($slug: String!) { document(slug: $slug) { title } }';
    const get = await send(yoga.current, { method: 'GET', query, variables: { slug: 'terms-of-service' } });
    expect(get.headers.get('x-cache')).toBe('MISS');
    const post = await send(yoga.current, { query, variables: { slug: 'terms-of-service' } });
    expect(post.headers.get('x-cache')).toBe('HIT');
    expect(await post.text()).toBe(await get.text());
    const other = await send(yoga.current, { query, variables: { slug: 'privacy-policy' } });
    expect(other.headers.get('x-cache')).toBe('MISS');
  });

  it('marks POST answers no-store, without an ETag', async () => {
    const response = await send(yoga.current, { query: SEGMENTS });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('never caches or marks public an authenticated request', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await send(yoga.current, { method: 'GET', query: SEGMENTS, token: tokens.editor });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-cache')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('etag')).toBeNull();
    }
  });

  it('marks mutations private, no-store', async () => {
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "nosuchtoken") { error { code } } }',
      token: tokens.editor,
    });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('does not cache answers with errors', async () => {
    const query = '{ document(slug: "no-such-document") { title } }';
    for (let i = 0; i < 2; i++) {
      const response = await send(yoga.current, { method: 'GET', query });
      expect(response.headers.get('x-cache')).toBe('MISS');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('etag')).toBeNull();
    }
  });

  it('serves the new version right after publishVersion returns: a publish invalidates the cache', async () => {
    const before = await send(yoga.current, { method: 'GET', query: VERSION_LABELS });
    const cached = await send(yoga.current, { method: 'GET', query: VERSION_LABELS });
    expect(cached.headers.get('x-cache')).toBe('HIT');
    expect(labelsIn(await cached.json())).not.toContain('cache-1');
    const invalidations = await cacheEvents('invalidate');
    await publishVersion(yoga.current, tokens, 'cache-1');
    expect(await cacheEvents('invalidate')).toBeGreaterThan(invalidations);
    const after = await send(yoga.current, { method: 'GET', query: VERSION_LABELS });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(labelsIn(await after.json())).toContain('cache-1');
  });

  it('does not let an anonymous (refused) mutation empty the cache', async () => {
    await send(yoga.current, { method: 'GET', query: SEGMENTS });
    await send(yoga.current, { query: 'mutation { revokeToken(prefix: "x") { error { code } } }' });
    expect((await send(yoga.current, { method: 'GET', query: SEGMENTS })).headers.get('x-cache')).toBe('HIT');
  });

  it('stops answering from the cache once the API clock leaves the TTL (versions that come into force)', async () => {
    const query = '{ document(slug: "terms-of-service") { current { label } } }';
    await send(yoga.current, { method: 'GET', query });
    expect((await send(yoga.current, { method: 'GET', query })).headers.get('x-cache')).toBe('HIT');
    now = new Date(TEST_NOW.getTime() + (TTL_SECONDS + 1) * 1000);
    try {
      expect((await send(yoga.current, { method: 'GET', query })).headers.get('x-cache')).toBe('MISS');
    } finally {
      now = TEST_NOW;
    }
    // A clock moved back (a test, a frozen CANDOR_NOW changed) never sees an answer from its future.
    expect((await send(yoga.current, { method: 'GET', query })).headers.get('x-cache')).toBe('MISS');
  });
});

describe('with the response cache switched off', () => {
  const api = useTestApi();
  const yoga = useInstance(api, { CANDOR_RESPONSE_CACHE: false });

  it('still tags anonymous GET answers and answers 304, without X-Cache', async () => {
    const first = await send(yoga.current, { method: 'GET', query: SEGMENTS });
    expect(first.headers.get('x-cache')).toBeNull();
    expect(first.headers.get('cache-control')).toBe(`public, max-age=60`);
    const etag = first.headers.get('etag') ?? '';
    const second = await send(yoga.current, { method: 'GET', query: SEGMENTS, headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
  });
});
