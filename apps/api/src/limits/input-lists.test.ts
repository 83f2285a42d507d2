import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { hasNulCharacter, longestInputList } from './input-lists.js';

const document = parse('query Q($keys: [String!]) { a(keys: ["1", "2", "3"]) { b(x: [[1, 2], [1, 2, 3, 4]]) } }');

describe('longestInputList', () => {
  it('finds the longest literal list in the document, nested lists included', () => {
    expect(longestInputList(document, {})).toBe(4);
  });

  it('finds literals everywhere: variable defaults, object fields, directives, fragments', () => {
    expect(longestInputList(parse('query Q($k: [Int] = [1, 2, 3, 4, 5]) { a }'), {})).toBe(5);
    expect(longestInputList(parse('{ ...F } fragment F on T { b(x: { y: [1, 2, 3, 4, 5, 6] }) }'), {})).toBe(6);
    expect(longestInputList(parse('{ a @d(x: [1, 2, 3, 4, 5, 6, 7]) }'), {})).toBe(7);
  });

  it('finds the longest list in the variables, at any nesting', () => {
    expect(longestInputList(document, { keys: Array.from({ length: 9 }, String) })).toBe(9);
    expect(longestInputList(document, { input: { deep: [{ list: Array(12).fill(0) }] } })).toBe(12);
    expect(longestInputList(parse('{ a }'), null)).toBe(0);
  });

  it('copes with a huge list and deeply nested variables without overflowing the stack', () => {
    expect(longestInputList(parse('{ a }'), { big: new Array(500_000).fill(1) })).toBe(500_000);
    let deep: unknown = [1, 2];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(longestInputList(parse('{ a }'), { deep })).toBe(2);
  });
});

describe('hasNulCharacter', () => {
  it('finds U+0000 in a literal argument', () => {
    expect(hasNulCharacter(parse('{ document(slug: "a\\u0000b") { title } }'), {})).toBe(true);
  });
  it('finds U+0000 in a directive argument and a variable default', () => {
    expect(hasNulCharacter(parse('{ a @d(x: "\\u0000") }'), {})).toBe(true);
    expect(hasNulCharacter(parse('query ($x: String = "\\u0000") { a }'), {})).toBe(true);
  });
  it('finds U+0000 in a nested variable', () => {
    expect(hasNulCharacter(parse('query ($x: [String!]!) { __typename }'), { x: ['ok', { y: 'b\u0000' }] })).toBe(true);
  });
  it('passes ordinary text, including other control characters', () => {
    expect(hasNulCharacter(parse('{ document(slug: "a\\tb") { title } }'), { x: 'line\nbreak' })).toBe(false);
  });
});
