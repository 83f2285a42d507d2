import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isIntrospectionOnly } from './introspection.js';
import { operationOf } from './test-operation.js';

const check = (source: string) => {
  const { operation, fragments } = operationOf(source);
  return isIntrospectionOnly(operation, fragments);
};

describe('isIntrospectionOnly', () => {
  it('recognises schema queries, GraphiQL’s included', () => {
    expect(check(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toBe(true);
    expect(check('{ __type(name: "Query") { name } __typename }')).toBe(true);
    expect(check('{ ...F } fragment F on Query { __schema { queryType { name } } }')).toBe(true);
  });

  it('does not exempt an operation that also reads data', () => {
    expect(check('{ __schema { queryType { name } } segments { key } }')).toBe(false);
    expect(check('{ __typename }')).toBe(false);
    expect(check('{ segments { key } }')).toBe(false);
  });
});
