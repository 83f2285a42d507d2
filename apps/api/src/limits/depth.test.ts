import { describe, expect, it } from 'vitest';
import { operationDepth } from './depth.js';
import { operationOf } from './test-operation.js';

const depth = (source: string) => {
  const { operation, fragments } = operationOf(source);
  return operationDepth(operation, fragments);
};

describe('operationDepth', () => {
  it('counts every level of field nesting, leaves included', () => {
    expect(depth('{ segments { key } }')).toBe(2);
    expect(depth('{ organization { name } segments { key } }')).toBe(2);
    expect(depth('{ document(slug: "x") { current { clauses { key } } } }')).toBe(4);
  });

  it('adds no level for connection plumbing (edges, node under edges, pageInfo) or __typename', () => {
    expect(depth('{ documents { edges { node { slug } } } }')).toBe(2);
    expect(depth('{ documents { pageInfo { hasNextPage } edges { cursor } } }')).toBe(2);
    expect(depth('{ organization { __typename } }')).toBe(1);
    expect(depth('{ __typename }')).toBe(0);
  });

  it('counts a field named node that is not directly under edges', () => {
    // Field names are what validation would check; the rule is syntactic, so test it on its own.
    expect(depth('{ a { node { b } } }')).toBe(3);
    expect(depth('{ a { edges { node { node { b } } } } }')).toBe(3);
  });

  it('follows named and inline fragments, keeping the edges context across them', () => {
    const source = `
      { documents { ...Page } }
      fragment Page on QueryDocumentsConnection { edges { ...Edge } }
      fragment Edge on QueryDocumentsConnectionEdge { node { ... on Document { current { label } } } }`;
    expect(depth(source)).toBe(3);
  });

  it('takes the deepest branch', () => {
    expect(depth('{ a { b } c { d { e { f } } } }')).toBe(4);
  });

  it('survives a fragment cycle (validation rejects it; the measure must not loop)', () => {
    expect(depth('{ a { ...A } } fragment A on T { b { ...B } } fragment B on T { c { ...A } }')).toBeGreaterThan(0);
  });

  it('measures fragments spread into each other many times in linear time', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on T { x${i} { ...F${i + 1} } y${i} { ...F${i + 1} } }`,
    ).join('\n');
    const started = performance.now();
    expect(depth(`{ root { ...F0 } } ${fragments} fragment F${levels} on T { leaf }`)).toBe(levels + 2);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
