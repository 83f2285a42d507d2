import { createCandorYoga, createLogger } from '@candor/api';
import type { Database, PrismaClient } from '@candor/schema';
import { describe, expect, it } from 'vitest';
import { errorCode, testSigner, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

describe('bad input gets a clear, coded error', () => {
  it.each([
    ['unknown document slug', '{ document(slug: "no-such-policy") { title } }', 'NOT_FOUND', 'slug'],
    [
      'unknown version label',
      '{ document(slug: "terms-of-service") { version(label: "1999-01") { label } } }',
      'NOT_FOUND',
      'label',
    ],
    ['unknown AI feature', '{ aiFeature(slug: "mind-reader") { name } }', 'NOT_FOUND', 'slug'],
    [
      'unknown compare label',
      '{ document(slug: "terms-of-service") { compare(from: "nope", to: "2023-08") { from } } }',
      'NOT_FOUND',
      'from',
    ],
    [
      'from after to',
      '{ document(slug: "terms-of-service") { compare(from: "2024-06", to: "2022-11") { from } } }',
      'BAD_USER_INPUT',
      'from',
    ],
    [
      'page size over the cap',
      '{ document(slug: "terms-of-service") { versions(first: 101) { edges { cursor } } } }',
      'BAD_USER_INPUT',
      'first',
    ],
    ['page size zero', '{ documents(first: 0) { edges { cursor } } }', 'BAD_USER_INPUT', 'first'],
    [
      'consent range reversed',
      '{ consentStatistics(from: "2025-01", to: "2024-01") { from } }',
      'BAD_USER_INPUT',
      'from',
    ],
  ])('%s', async (_name, query, code, field) => {
    const result = await api.current.request(query);
    expect(errorCode(result)).toBe(code);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toMatch(/\w/);
  });

  it.each([
    ['malformed date', '{ document(slug: "terms-of-service") { asOf(date: "2023-02-30") { label } } }'],
    ['date with wrong shape', '{ document(slug: "terms-of-service") { asOf(date: "1 June 2023") { label } } }'],
    ['malformed month', '{ consentStatistics(from: "2023-13", to: "2024-01") { from } }'],
  ])('%s is refused before execution with BAD_USER_INPUT', async (_name, query) => {
    const result = await api.current.request(query);
    expect(result.data ?? null).toBeNull();
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });

  it('rejects a malformed date given as a variable', async () => {
    const result = await api.current.request(
      'query ($d: Date!) { document(slug: "terms-of-service") { asOf(date: $d) { label } } }',
      { d: '2023-06-31' },
    );
    expect(result.errors?.[0]?.message).toMatch(/2023-06-31/);
  });

  it('refuses a NUL character in a string input before any resolver runs (PostgreSQL cannot store it)', async () => {
    const literal = await api.current.request('{ document(slug: "a\\u0000b") { title } }');
    expect(errorCode(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors?.[0]?.message).toMatch(/U\+0000/);
    const variable = await api.current.request('query ($s: String!) { aiFeature(slug: $s) { name } }', { s: '\u0000' });
    expect(errorCode(variable)).toBe('BAD_USER_INPUT');
  });

  it('reports an unknown field as a validation error', async () => {
    const result = await api.current.request('{ document(slug: "terms-of-service") { nonsense } }');
    expect(result.errors?.[0]?.message).toMatch(/nonsense/);
  });
});

describe('unexpected errors are masked', () => {
  it('returns a generic message with a request id and logs the detail', async () => {
    const lines: string[] = [];
    const failing = new Proxy(api.current.database.prisma, {
      get(target, property, receiver) {
        if (property === 'document') {
          // The public catalogue reads documents with findMany (src/schema/catalogue.ts).
          const fail = () => Promise.reject(new Error('disk on fire: secret-detail'));
          return { findUnique: fail, findMany: fail };
        }
        return Reflect.get(target, property, receiver);
      },
    }) as PrismaClient;
    const database: Database = { ...api.current.database, prisma: failing };
    const yoga = createCandorYoga({
      database,
      env: { CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: false },
      clock: () => new Date(),
      logger: createLogger('info', (line) => lines.push(line)),
      signer: testSigner(),
    });
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'test-request-0001' },
      body: JSON.stringify({ query: '{ document(slug: "terms-of-service") { title } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.message).toBe('Unexpected error.');
    expect(body.errors[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'test-request-0001' });
    expect(JSON.stringify(body)).not.toContain('secret-detail');
    expect(response.headers.get('x-request-id')).toBe('test-request-0001');
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      logged.some(
        (entry) =>
          entry.msg === 'unexpected error' &&
          entry.requestId === 'test-request-0001' &&
          JSON.stringify(entry).includes('secret-detail'),
      ),
    ).toBe(true);
  });
});
