import { createCandorYoga, createLogger } from '@candor/api';
import { describe, expect, it } from 'vitest';
import { testSigner, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
const QUERY = encodeURIComponent('{ segments { key } }');
const get = (path: string, headers: Record<string, string> = {}) =>
  api.current.yoga.fetch(`http://yoga${path}`, { headers });

describe('browser safety', () => {
  it('answers an anonymous GET query without a CSRF header: no credential is ambient here', async () => {
    const plain = await get(`/graphql?query=${QUERY}`);
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as { data: { segments: unknown[] } }).data.segments).toHaveLength(5);
    expect((await get(`/graphql?query=${QUERY}`, { 'graphql-require-preflight': '1' })).status).toBe(200);
  });

  it('refuses a GET with a token but no CSRF header: 403 CSRF_HEADER_REQUIRED with the request id', async () => {
    const refused = await get(`/graphql?query=${QUERY}`, { authorization: 'Bearer cnd_abcdefghij_x' });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toEqual({
      code: 'CSRF_HEADER_REQUIRED',
      requestId: refused.headers.get('x-request-id'),
    });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded'])(
    'refuses a %s POST (a cross-site form could send it)',
    async (type) => {
      const response = await api.current.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ query: '{ segments { key } }' }),
      });
      expect(response.status).toBe(403);
    },
  );

  it('runs mutations only over POST (405 METHOD_NOT_ALLOWED, with or without a CSRF header)', async () => {
    const mutation = encodeURIComponent('mutation { revokeToken(prefix: "x") { revoked } }');
    for (const headers of [{ 'x-graphql-yoga-csrf': '1' }, {}] as Record<string, string>[]) {
      const response = await get(`/graphql?query=${mutation}`, headers);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions.code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it('sets security headers on API, health and error responses', async () => {
    for (const response of [
      await get('/healthz'),
      await get(`/graphql?query=${QUERY}`, { 'x-graphql-yoga-csrf': '1' }),
      await get('/graphql?query=x'),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('serves GraphiQL from the package itself, not a CDN (air-gapped installs)', async () => {
    const html = await (await get('/graphql', { accept: 'text/html' })).text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
  });
});

describe('no information leaks', () => {
  it('hides field suggestions', async () => {
    const result = await api.current.request('{ segmnts { key } }');
    expect(result.errors?.[0]?.message).toMatch(/segmnts/);
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('answers introspection by default and refuses it when switched off', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect(
      (await api.current.execute<{ __schema: { queryType: { name: string } } }>(introspection)).__schema.queryType.name,
    ).toBe('Query');
    const closed = createCandorYoga({
      database: api.current.database,
      env: { CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: false, CANDOR_INTROSPECTION: false },
      clock: () => new Date(),
      logger: createLogger('silent'),
      signer: testSigner(),
    });
    const response = await closed.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: introspection }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
