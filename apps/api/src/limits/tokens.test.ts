import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { tokenCount } from './tokens.js';

describe('tokenCount', () => {
  it('counts punctuation, names and values, not comments', () => {
    // `{` `segments` `{` `key` `}` `}`
    expect(tokenCount('{ segments { key } }')).toBe(6);
    expect(tokenCount('# a comment\n{ segments { key } } # another')).toBe(6);
    // `{` `document` `(` `slug` `:` `"x"` `)` `{` `title` `}` `}`
    expect(tokenCount('{ document(slug: "x") { title } }')).toBe(11);
  });

  it.each([
    '{ segments { key } }',
    'query Q($a: [String!] = ["x", "y"]) { document(slug: "terms") { current { clauses(keys: $a) { key } } } }',
    getIntrospectionQuery(),
  ])('agrees with graphql-js parse(…, { maxTokens }) at the boundary: %#', (source) => {
    const count = tokenCount(source);
    expect(() => parse(source, { maxTokens: count })).not.toThrow();
    expect(() => parse(source, { maxTokens: count - 1 })).toThrow(/tokens/);
  });

  it('stops at a syntax error (parsing reports it) without throwing', () => {
    expect(tokenCount('{ segments { key "unterminated')).toBe(4);
  });
});
