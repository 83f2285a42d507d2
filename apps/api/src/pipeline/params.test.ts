import { describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH, nestsDeeperThan, paramsFromJson, paramsFromSearch } from './params.js';

const HASH = 'a'.repeat(64);
const persisted = (hash: string) => (hash === HASH ? '{ segments { key } }' : undefined);
const json = (body: unknown) => paramsFromJson(typeof body === 'string' ? body : JSON.stringify(body), persisted);
const codeOf = (result: ReturnType<typeof json>) => ('error' in result ? result.error.extensions.code : 'ok');

describe('the params stage', () => {
  it('takes a document with its operation name, variables and extensions', () => {
    expect(json({ query: '{ a }', operationName: 'A', variables: { x: 1 }, extensions: {} })).toEqual({
      params: { query: '{ a }', operationName: 'A', variables: { x: 1 }, extensions: {} },
    });
    expect(json({ query: '{ a }', operationName: null, variables: null, extra: null })).toEqual({
      params: { query: '{ a }', operationName: null, variables: null, extensions: null },
    });
  });

  it('resolves a known persisted hash, and prefers a document sent in full', () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: HASH } };
    expect(json({ extensions })).toMatchObject({ params: { query: '{ segments { key } }' } });
    expect(json({ query: '{ b }', extensions })).toMatchObject({ params: { query: '{ b }' } });
    expect(codeOf(json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('refuses every other shape with a documented code and HTTP 400, quoting at most 100 characters', () => {
    for (const body of [
      '{"query": "{ a }"',
      'null',
      '"{ a }"',
      '[{"query": "{ a }"}]',
      { query: '{ a }', extra: 1 },
      { query: 7 },
      { query: '' },
      { query: '{ a }', operationName: 3 },
      { query: '{ a }', operationName: { a: 1 } },
      { query: '{ a }', variables: [1] },
      { query: '{ a }', variables: '{}' },
      { query: '{ a }', extensions: [] },
      {},
    ]) {
      const result = json(body);
      expect(codeOf(result), JSON.stringify(body)).toBe('BAD_REQUEST');
      expect('error' in result && result.error.extensions.http, JSON.stringify(body)).toMatchObject({ status: 400 });
    }
    const long = json({ query: '{ a }', ['x'.repeat(10_000)]: 1 });
    expect('error' in long && long.error.message.length).toBeLessThan(200);
  });

  it('refuses variables nested deeper than the limit before anything walks them recursively', () => {
    const deep = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;
    expect(nestsDeeperThan(deep(MAX_INPUT_DEPTH), MAX_INPUT_DEPTH)).toBe(false);
    expect(nestsDeeperThan(deep(MAX_INPUT_DEPTH + 1), MAX_INPUT_DEPTH)).toBe(true);
    expect(codeOf(json(`{"query":"{ a }","variables":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`))).toBe(
      'INPUT_TOO_DEEP',
    );
  });

  it('reads a GET query string, empty parameters meaning absent and JSON that does not parse refused', () => {
    expect(paramsFromSearch('query=%7B%20a%20%7D&variables=%7B%22x%22%3A1%7D&operationName=', persisted)).toEqual({
      params: { query: '{ a }', operationName: null, variables: { x: 1 }, extensions: null },
    });
    expect(codeOf(paramsFromSearch('query=%7B%20a%20%7D&variables=%7Bnope', persisted))).toBe('BAD_REQUEST');
    expect(codeOf(paramsFromSearch('', persisted))).toBe('BAD_REQUEST');
  });
});
