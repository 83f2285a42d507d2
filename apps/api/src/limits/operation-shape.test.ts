import { schema } from '@candor/schema';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationShape } from './operation-shape.js';

describe('operationShape', () => {
  it('is measured once per document and operation name', () => {
    const document = parse('query A { segments { key } } query B { organization { name } }');
    expect(operationShape(schema, document, 'A')).toBe(operationShape(schema, document, 'A'));
    expect(operationShape(schema, document, 'B')?.operation.name?.value).toBe('B');
    expect(operationShape(schema, document, null)).toBeNull();
    expect(operationShape(schema, document, 'C')).toBeNull();
  });

  it('keeps the cost per page-size variable value, and its default when absent', () => {
    const shape = operationShape(
      schema,
      parse('query Q($n: Int = 7, $other: String) { documents(first: $n) { edges { node { slug } } } }'),
      'Q',
    );
    expect(shape?.costFor({ n: 3 })).toBe(4);
    expect(shape?.costFor({ n: 3, other: 'ignored' })).toBe(4);
    expect(shape?.costFor({})).toBe(8);
    expect(shape?.costFor({ n: null })).toBe(21);
    expect(shape?.costFor({ n: 5 })).toBe(6);
    expect(shape?.costFor({ n: 3 })).toBe(4);
  });

  it('measures what the document alone decides: depth, aliases, directives, literal inputs', () => {
    const shape = operationShape(
      schema,
      parse('{ a: segments { key } b: segments(x: ["1", "2\\u0000"]) @skip(if: false) { key } }'),
      null,
    );
    expect(shape).toMatchObject({
      depth: 2,
      aliases: 2,
      directives: 1,
      literalInputs: { longestList: 2, hasNul: true },
    });
  });
});
