import { describe, expect, it } from 'vitest';
import { pathnameOf } from '../pipeline/record.js';
import { cacheKeyOf } from './cache-key.js';
import { appendVary, etagOf, jsonMediaType, matchesIfNoneMatch } from './http-caching.js';

describe('ETags', () => {
  it('are strong, quoted and equal exactly for equal bodies', () => {
    expect(etagOf('{"data":1}')).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(etagOf('{"data":1}')).toBe(etagOf('{"data":1}'));
    expect(etagOf('{"data":1}')).not.toBe(etagOf('{"data":2}'));
  });

  it('match If-None-Match lists, weak tags and *', () => {
    const tag = etagOf('x');
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", W/${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', tag)).toBe(false);
    expect(matchesIfNoneMatch(null, tag)).toBe(false);
  });
});

describe('Vary and media types', () => {
  it('appends names once, case-insensitively', () => {
    expect(appendVary(null, ['Accept'])).toBe('Accept');
    expect(appendVary('accept, Origin', ['Accept', 'Authorization'])).toBe('accept, Origin, Authorization');
  });

  it('answers JSON unless a streaming format is asked for', () => {
    expect(jsonMediaType(null)).toBe('application/json');
    expect(jsonMediaType('*/*')).toBe('application/json');
    expect(jsonMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(jsonMediaType('text/event-stream')).toBeNull();
    expect(jsonMediaType('text/html')).toBeNull();
  });
});

describe('cache keys', () => {
  const none = () => undefined;
  it('depend on the document, the operation name and the variables', () => {
    const base = cacheKeyOf({ query: '{ a }', operationName: null, variables: { x: 1 } }, none);
    expect(base).toBe(cacheKeyOf({ query: '{ a }', variables: { x: 1 } }, none));
    expect(base).not.toBe(cacheKeyOf({ query: '{ b }', variables: { x: 1 } }, none));
    expect(base).not.toBe(cacheKeyOf({ query: '{ a }', variables: { x: 2 } }, none));
    expect(base).not.toBe(cacheKeyOf({ query: '{ a }', operationName: 'A', variables: { x: 1 } }, none));
    expect(cacheKeyOf({}, none)).toBeNull();
  });

  it('use the hash for a persisted document', () => {
    const hashOf = (document: string) => (document === '{ a }' ? 'h1' : undefined);
    expect(cacheKeyOf({ query: '{ a }' }, hashOf)).not.toBe(cacheKeyOf({ query: '{ a }' }, none));
  });
});

describe('pathnameOf', () => {
  it('reads the path of an absolute URL without its query or fragment', () => {
    expect(pathnameOf('http://yoga/graphql?query=x')).toBe('/graphql');
    expect(pathnameOf('https://a.example:8443/graphql/persisted-operations.json#x')).toBe(
      '/graphql/persisted-operations.json',
    );
    expect(pathnameOf('http://yoga')).toBe('/');
  });
});
