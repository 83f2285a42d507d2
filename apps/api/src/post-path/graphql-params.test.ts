import { describe, expect, it } from 'vitest';
import { postParamsOf } from './graphql-params.js';

const HASH = 'a'.repeat(64);
const persisted = (hash: string) => (hash === HASH ? '{ segments { key } }' : undefined);
const of = (body: unknown) => postParamsOf(typeof body === 'string' ? body : JSON.stringify(body), persisted);

describe('postParamsOf', () => {
  it('takes a document with its operation name and variables', () => {
    expect(of({ query: '{ a }', operationName: 'A', variables: { x: 1 }, extensions: {} })).toEqual({
      query: '{ a }',
      operationName: 'A',
      variables: { x: 1 },
    });
    expect(of({ query: '{ a }', operationName: null, variables: null })).toEqual({
      query: '{ a }',
      operationName: null,
      variables: null,
    });
  });

  it('resolves a known persisted hash, and prefers a document sent in full', () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: HASH } };
    expect(of({ extensions })?.query).toBe('{ segments { key } }');
    expect(of({ query: '{ b }', extensions })?.query).toBe('{ b }');
  });

  it('leaves to yoga everything yoga answers with an error', () => {
    for (const body of [
      '{"query": "{ a }"',
      'null',
      '"{ a }"',
      '[{"query": "{ a }"}]',
      { query: '{ a }', extra: 1 },
      { query: 7 },
      { query: '' },
      { query: '{ a }', operationName: 3 },
      { query: '{ a }', variables: [1] },
      { query: '{ a }', variables: '{}' },
      { query: '{ a }', extensions: [] },
      {},
      { extensions: { persistedQuery: { version: 2, sha256Hash: HASH } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } },
    ]) {
      expect(of(body), JSON.stringify(body)).toBeNull();
    }
  });

  it('ignores parameters sent as null, as yoga does', () => {
    expect(of({ query: '{ a }', extra: null })?.query).toBe('{ a }');
  });
});
