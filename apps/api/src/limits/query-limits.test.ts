import { schema } from '@candor/schema';
import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkDocumentSource, measureOperation, type QueryLimits } from './query-limits.js';

const limits: QueryLimits = {
  maxDepth: 3,
  maxAliases: 2,
  maxDirectives: 1,
  maxTokens: 20,
  maxDocumentChars: 200,
  maxCost: 30,
  maxInputList: 3,
};

const measure = (source: string, extra: { operationName?: string; variables?: Record<string, unknown> } = {}) =>
  measureOperation({ schema, document: parse(source), ...extra }, limits);

describe('checkDocumentSource', () => {
  it('refuses a document over the character limit before counting tokens', () => {
    expect(checkDocumentSource(`{ segments { key } }${' '.repeat(181)}`, limits)?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(checkDocumentSource(`{ segments { key } }${' '.repeat(180)}`, limits)).toBeUndefined();
  });

  it('refuses a document over the token limit, naming both numbers', () => {
    const twenty = `{ ${'a '.repeat(18)}}`;
    expect(checkDocumentSource(twenty, limits)).toBeUndefined();
    expect(checkDocumentSource(`{ ${'a '.repeat(19)}}`, limits)?.message).toBe(
      'Token count 21 exceeds the limit of 20.',
    );
  });
});

describe('measureOperation', () => {
  it('passes an operation within every limit and reports its cost and type', () => {
    expect(measure('{ segments { key } }')).toEqual({ violation: undefined, cost: 6, operationType: 'query' });
  });

  it('refuses the first limit broken: depth, aliases, directives, input lists, then cost', () => {
    expect(measure('{ document(slug: "x") { current { clauses { key } } } }').violation).toEqual({
      code: 'QUERY_TOO_DEEP',
      message: 'Query depth 4 exceeds the limit of 3.',
      limit: 3,
    });
    expect(measure('{ a: segments { key } b: segments { key } c: __typename }').violation?.code).toBe(
      'TOO_MANY_ALIASES',
    );
    expect(measure('{ segments @skip(if: false) { key @include(if: true) } }').violation?.code).toBe(
      'TOO_MANY_DIRECTIVES',
    );
    expect(
      measure('query Q($k: [String!]) { document(slug: "x") { current { clauses(keys: $k) { key } } } }', {
        variables: { k: ['1', '2', '3', '4'] },
      }).violation?.code,
    ).toBe('QUERY_TOO_DEEP');
    expect(
      measure('query Q($k: [String!]) { document(slug: "x") { title } }', { variables: { k: ['1', '2', '3', '4'] } })
        .violation?.code,
    ).toBe('INPUT_LIST_TOO_LONG');
    expect(measure('{ documents(first: 30) { edges { node { slug } } } }').violation?.message).toBe(
      'Query cost 31 exceeds the limit of 30.',
    );
    expect(measure('{ documents(first: 29) { edges { node { slug } } } }').violation).toBeUndefined();
  });

  it('measures the operation that runs, chosen by operationName', () => {
    const source =
      'query Small { segments { key } } query Deep { document(slug: "x") { current { clauses { key } } } }';
    expect(measure(source, { operationName: 'Small' }).violation).toBeUndefined();
    expect(measure(source, { operationName: 'Deep' }).violation?.code).toBe('QUERY_TOO_DEEP');
  });

  it('lets a trusted document past the cost limit only, asking only when it is over', () => {
    let asked = 0;
    const isTrusted = () => {
      asked++;
      return true;
    };
    const costly = parse('{ documents(first: 30) { edges { node { slug } } } }');
    expect(measureOperation({ schema, document: costly, isTrusted }, limits).violation).toBeUndefined();
    expect(asked).toBe(1);
    const deep = parse('{ document(slug: "x") { current { clauses { key } } } }');
    expect(measureOperation({ schema, document: deep, isTrusted }, limits).violation?.code).toBe('QUERY_TOO_DEEP');
    measureOperation({ schema, document: parse('{ segments { key } }'), isTrusted }, limits);
    expect(asked).toBe(1);
  });

  it('exempts introspection-only operations from depth and cost, at cost 1', () => {
    const result = measure(getIntrospectionQuery());
    expect(result).toEqual({ violation: undefined, cost: 1, operationType: 'query' });
  });
});
