import type { CandorYoga } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { send, through, useInstance } from '../helpers/shared-state.js';
import { useTestApi } from '../helpers/testkit.js';

const EDITOR = 'https://editor.example';
const FOREIGN = 'https://partner.example';
const SEGMENTS = '{ segments { key } }';

const preflight = async (yoga: CandorYoga, origin: string, headers: string) =>
  await yoga.fetch('http://yoga/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });

const listOf = (value: string | null) => (value ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('CORS', () => {
  const api = useTestApi();
  const yoga = useInstance(api, { CANDOR_EDITOR_ORIGINS: [EDITOR], CANDOR_RATE_LIMIT_POINTS: 100 });
  let tokens: EditorTokens;
  beforeAll(async () => {
    tokens = await setUpEditors(through(api.current, yoga.current));
  });
  const auditCount = () => api.current.database.prisma.auditEvent.count();

  it('lets any origin read: preflight allows the public headers, never Authorization or credentials', async () => {
    const response = await preflight(yoga.current, FOREIGN, 'content-type, graphql-require-preflight');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(listOf(response.headers.get('access-control-allow-methods'))).toEqual(['get', 'post', 'options']);
    const allowed = listOf(response.headers.get('access-control-allow-headers'));
    for (const header of [
      'content-type',
      'x-graphql-yoga-csrf',
      'graphql-require-preflight',
      'apollo-require-preflight',
      'if-none-match',
    ]) {
      expect(allowed).toContain(header);
    }
    expect(allowed).not.toContain('authorization');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('lets an editor origin send Authorization: its origin echoed, Vary: Origin', async () => {
    const response = await preflight(yoga.current, EDITOR, 'content-type, authorization');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(EDITOR);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(listOf(response.headers.get('access-control-allow-headers'))).toContain('authorization');
    expect(listOf(response.headers.get('vary'))).toContain('origin');
  });

  it('answers a cross-origin read with * and exposes the caching and rate-limit headers', async () => {
    const response = await send(yoga.current, { method: 'GET', query: SEGMENTS, headers: { origin: FOREIGN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(listOf(response.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining([
        'etag',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
        'ratelimit-policy',
        'retry-after',
        'x-request-id',
        'x-cache',
      ]),
    );
    expect(listOf(response.headers.get('vary'))).toContain('origin');
    const post = await send(yoga.current, { query: SEGMENTS, headers: { origin: FOREIGN } });
    expect(post.status).toBe(200);
  });

  it('refuses a mutation POSTed from a foreign origin with 403 CROSS_ORIGIN_MUTATION, running nothing', async () => {
    const before = await auditCount();
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "nosuchtoken") { error { code } } }',
      token: tokens.admin,
      headers: { origin: FOREIGN },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0]?.extensions.code).toBe('CROSS_ORIGIN_MUTATION');
    expect(body.errors[0]?.message).toContain(FOREIGN);
    expect(body.errors[0]?.extensions.requestId).toBeTruthy();
    expect(await auditCount()).toBe(before);
    // Refused before it is charged.
    expect(response.headers.get('ratelimit-limit')).toBeNull();
  });

  it.each([
    ['an editor origin', EDITOR],
    ["the server's own origin", 'http://yoga'],
    ["the server's own host behind a TLS proxy", 'https://yoga'],
  ])('runs a mutation from %s', async (_what, origin) => {
    const before = await auditCount();
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "nosuchtoken") { error { code } } }',
      token: tokens.admin,
      headers: { origin },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect(await auditCount()).toBe(before + 1);
  });

  it('runs a mutation sent without Origin (scripts, the CLI)', async () => {
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "nosuchtoken") { error { code } } }',
      token: tokens.admin,
    });
    expect(response.status).toBe(200);
  });

  it('refuses a mutation from an opaque (null) origin', async () => {
    const response = await send(yoga.current, {
      query: 'mutation { revokeToken(prefix: "nosuchtoken") { error { code } } }',
      token: tokens.admin,
      headers: { origin: 'null' },
    });
    expect(response.status).toBe(403);
  });
});

describe('CORS without editor origins', () => {
  const api = useTestApi();
  const yoga = useInstance(api, {});

  it('never varies by Origin, and allows Authorization to no origin', async () => {
    const response = await send(yoga.current, { method: 'GET', query: SEGMENTS, headers: { origin: EDITOR } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(listOf(response.headers.get('vary'))).not.toContain('origin');
    const pre = await preflight(yoga.current, EDITOR, 'authorization');
    expect(listOf(pre.headers.get('access-control-allow-headers'))).not.toContain('authorization');
  });
});
