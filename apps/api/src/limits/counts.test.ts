import { describe, expect, it } from 'vitest';
import { aliasCount, directiveCount } from './counts.js';
import { operationOf } from './test-operation.js';

const measure = (source: string) => {
  const { operation, fragments } = operationOf(source);
  return { aliases: aliasCount(operation, fragments), directives: directiveCount(operation, fragments) };
};

describe('aliasCount', () => {
  it('counts every aliased field, __typename aliases included', () => {
    expect(measure('{ a: segments { key } b: segments { k: key } t: __typename }').aliases).toBe(4);
    expect(measure('{ segments { key } }').aliases).toBe(0);
  });

  it('counts aliases in a fragment once per spread (each spread executes)', () => {
    const source = '{ x { ...F } y { ...F } } fragment F on T { a: b c: d }';
    expect(measure(source).aliases).toBe(4);
  });

  it('stays linear and exact when fragments fan out exponentially', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on T { ...F${i + 1} ...F${i + 1} }`);
    const source = `{ root { ...F0 } } ${fragments.join('\n')} fragment F${levels} on T { a: b }`;
    expect(measure(source).aliases).toBe(2 ** levels);
  });
});

describe('directiveCount', () => {
  it('counts directives on the operation, variables, fields, inline fragments, spreads and fragments', () => {
    const source = `
      query Q($a: Boolean! @d1) @d2 {
        x @include(if: $a) { ... on T @d3 { y } ...F @d4 }
      }
      fragment F on T @d5 { z @skip(if: false) }`;
    expect(measure(source).directives).toBe(7);
  });

  it('counts none where there are none', () => {
    expect(measure('{ segments { key } }').directives).toBe(0);
  });
});
