import { DEFAULT_LIST_ESTIMATE, LIST_ESTIMATE_EXTENSION, listEstimate, schema } from '@candor/schema';
import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from './cost.js';
import { operationOf } from './test-operation.js';

const costOn = (on: GraphQLSchema, source: string, variables?: Record<string, unknown>) => {
  const { operation, fragments } = operationOf(source);
  return operationCost(on, operation, fragments, variables);
};
const cost = (source: string, variables?: Record<string, unknown>) => costOn(schema, source, variables);

/** Every field of the real schema's object and interface types, as `Type.field` with the field. */
const fieldsOfSchema = () =>
  Object.values(schema.getTypeMap()).flatMap((type) =>
    type.name.startsWith('__') || !('getInterfaces' in type)
      ? []
      : Object.values(type.getFields()).map((field) => ({ key: `${type.name}.${field.name}`, field })),
  );

describe('operationCost', () => {
  it('charges 1 per field, and a plain list its estimate times one item', () => {
    expect(cost('{ organization { name slug } }')).toBe(3);
    expect(cost('{ segments { key } }')).toBe(1 + 5 * 1);
    expect(cost('{ document(slug: "x") { current { clauses { key body } } } }')).toBe(1 + 1 + 1 + 50 * 2);
  });

  it('treats a list of scalars or enums as a leaf', () => {
    expect(cost('{ aiFeature(slug: "x") { current(segment: "consumer") { dataCategories } } }')).toBe(3);
  });

  it('charges a connection’s edges for its page size: first/last, default 20, plumbing free', () => {
    expect(cost('{ documents { edges { node { slug } } } }')).toBe(1 + 20 * 1);
    expect(cost('{ documents(first: 5) { pageInfo { hasNextPage } edges { cursor node { slug title } } } }')).toBe(
      1 + 1 + 5 * 3,
    );
    expect(cost('{ documents(last: 2) { edges { node { slug } } } }')).toBe(1 + 2);
  });

  it('reads the page size from a variable, its default, or falls back to 20', () => {
    const source = 'query Q($n: Int) { documents(first: $n) { edges { node { slug } } } }';
    expect(cost(source, { n: 3 })).toBe(4);
    expect(cost(source, {})).toBe(21);
    expect(cost('query Q($n: Int = 7) { documents(first: $n) { edges { node { slug } } } }')).toBe(8);
  });

  it('charges at most the 100-item cap (the resolver refuses larger pages itself)', () => {
    expect(cost('{ documents(first: 1000) { edges { node { slug } } } }')).toBe(101);
  });

  it('multiplies nested lists', () => {
    const source =
      '{ documents(first: 10) { edges { node { versions(first: 10) { edges { node { clauses { key } } } } } } } }';
    expect(cost(source)).toBe(1 + 10 * (1 + 10 * (1 + 50 * 1)));
  });

  it('follows fragments, charging a connection fragment for the page size where it is spread', () => {
    const fragment = 'fragment P on QueryDocumentsConnection { edges { node { slug } } }';
    expect(cost(`{ documents(first: 3) { ...P } } ${fragment}`)).toBe(4);
    expect(cost(`{ a: documents(first: 3) { ...P } b: documents(first: 7) { ...P } } ${fragment}`)).toBe(12);
    expect(cost('{ organization { ... on Organization { name } } }')).toBe(2);
  });

  it('charges nothing for __typename', () => {
    expect(cost('{ __typename segments { __typename key } }')).toBe(6);
  });

  it('prices mutations on the same model', () => {
    expect(cost('mutation { revokeToken(prefix: "x") { revoked error { code problems { field } } } }')).toBe(
      // revokeToken, revoked, error, code, then problems: 1 + 10 × field
      1 + 1 + 1 + 1 + (1 + 10 * 1),
    );
  });

  it('charges a plain list the estimate declared on the field, else the default', () => {
    const Item = new GraphQLObjectType({ name: 'Item', fields: { id: { type: GraphQLString } } });
    const items = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item)));
    const tiny = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { estimated: { type: items, extensions: listEstimate(3) }, unestimated: { type: items } },
      }),
    });
    expect(costOn(tiny, '{ estimated { id } }')).toBe(1 + 3 * 1);
    expect(costOn(tiny, '{ unestimated { id } }')).toBe(1 + DEFAULT_LIST_ESTIMATE * 1);
  });

  it('declares estimates in the real schema only on lists of objects, as positive whole numbers', () => {
    const declared = fieldsOfSchema().filter(({ field }) => field.extensions[LIST_ESTIMATE_EXTENSION] !== undefined);
    // The 23 lists that had an estimate before it moved next to the field (issue 16).
    expect(declared.length).toBeGreaterThanOrEqual(23);
    for (const { key, field } of declared) {
      const estimate = field.extensions[LIST_ESTIMATE_EXTENSION];
      expect(Number.isInteger(estimate) && (estimate as number) > 0, key).toBe(true);
      expect(String(field.type), key).toMatch(/^\[/);
      const item = schema.getType(String(field.type).replace(/[[\]!]/g, ''));
      expect(item !== undefined && item !== null && 'getFields' in item, key).toBe(true);
    }
  });
});
