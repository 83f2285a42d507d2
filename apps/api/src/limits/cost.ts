import { DEFAULT_PAGE_SIZE, listEstimateOf, MAX_PAGE_SIZE } from '@candor/schema';
import {
  type ArgumentNode,
  type GraphQLField,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  type ValueNode,
} from 'graphql';
import type { Fragments } from './fragments.js';

interface Position {
  /** The page size of the connection whose `edges` may come next; undefined outside a connection. */
  pageSize: number | undefined;
  /** Directly under `edges`, where `node` is plumbing. */
  underEdges: boolean;
}

/**
 * Types are inspected by shape and by their printed names, never with graphql-js's `isObjectType`
 * and friends: those are `instanceof` checks, and the schema (built by Pothos) and this module can
 * load different builds of graphql (CommonJS and ESM, the dual-package hazard) under vitest.
 */
interface CompositeType {
  name: string;
  getFields?: () => Record<string, GraphQLField<unknown, unknown>>;
}

const fieldsOf = (type: CompositeType): Record<string, GraphQLField<unknown, unknown>> => type.getFields?.() ?? {};

/** What the cost needs of a field, read from its printed type once per field (not per selection). */
interface FieldFacts {
  /** `[Clause!]!` → a list; `Version` → not. */
  list: boolean;
  /** The field's named type when it has a selection set (object, interface or union). */
  type: CompositeType | undefined;
  /** Its type is a Relay connection (has `edges` and `pageInfo`). */
  connection: boolean;
}
const factsByField = new WeakMap<GraphQLField<unknown, unknown>, FieldFacts>();

function factsOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): FieldFacts {
  const known = factsByField.get(field);
  if (known !== undefined) return known;
  const printed = String(field.type);
  const named = schema.getType(printed.replace(/[[\]!]/g, ''));
  const type = named === undefined || named === null ? undefined : (named as CompositeType);
  const fields = type === undefined ? {} : fieldsOf(type);
  const facts = {
    list: printed.replace(/!$/, '').startsWith('['),
    type,
    connection: 'edges' in fields && 'pageInfo' in fields,
  };
  factsByField.set(field, facts);
  return facts;
}

/**
 * The cost of an operation on Candor's cost model (docs/partner-api.md, "Query limits"):
 * - every field costs 1, except `__typename` and connection plumbing (`edges`, the `node`
 *   under it, `pageInfo`), which cost 0 like they add no depth;
 * - a connection's `edges` are charged for its page size (`first`/`last`, literal or variable,
 *   DEFAULT_PAGE_SIZE, capped at MAX_PAGE_SIZE, both from the schema's pagination): the cost of one
 *   edge's selection times the page size;
 * - a plain list field multiplies its selection's cost by its estimate, declared on the field in
 *   the schema (`extensions: listEstimate(n)`, packages/schema/src/schema/cost.ts), 10 otherwise;
 *   a list of scalars or enums is a leaf and costs 1.
 * So cost = 1 + n × (cost of one item) for a list of n items, nested lists multiply.
 * Fragments are followed, each measured once per position (memoised).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Readonly<Record<string, unknown>> = {},
  /** Told the name of every variable the cost depends on (page sizes), so callers can cache it. */
  onVariableRead?: (name: string) => void,
): number {
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue,
    ]),
  );

  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (node === undefined) return undefined;
    if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
    if (node.kind !== Kind.VARIABLE) return undefined;
    const name = node.name.value;
    onVariableRead?.(name);
    const given = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return typeof given === 'number' ? given : given === undefined ? intValue(variableDefaults.get(name)) : undefined;
  };

  const pageSizeOf = (args: readonly ArgumentNode[] = []): number => {
    const sizes = args
      .filter((arg) => arg.name.value === 'first' || arg.name.value === 'last')
      .map((arg) => intValue(arg.value))
      .filter((size): size is number => size !== undefined && Number.isFinite(size));
    // Out-of-range sizes are refused by the resolver with BAD_USER_INPUT; charge the cap meanwhile.
    return sizes.length === 0 ? DEFAULT_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, Math.max(0, ...sizes));
  };

  const fieldOf = (parent: CompositeType, name: string): GraphQLField<unknown, unknown> | undefined => {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
    return fieldsOf(parent)[name];
  };

  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const costOf = (selectionSet: SelectionSetNode, parent: CompositeType, at: Position): number => {
    let sum = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const plumbing = name === 'edges' || name === 'pageInfo' || (name === 'node' && at.underEdges);
        const own = plumbing ? 0 : 1;
        const field = fieldOf(parent, name);
        const facts = field === undefined ? undefined : factsOf(schema, field);
        if (selection.selectionSet === undefined || field === undefined || facts?.type === undefined) {
          sum += own;
          continue;
        }
        const inner = costOf(selection.selectionSet, facts.type, {
          pageSize: facts.connection ? pageSizeOf(selection.arguments) : undefined,
          underEdges: name === 'edges',
        });
        const multiplier = !facts.list
          ? 1
          : name === 'edges' && at.pageSize !== undefined
            ? at.pageSize
            : listEstimateOf(field);
        sum += own + multiplier * inner;
      } else {
        const condition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition : undefined;
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : undefined;
        if (selection.kind === Kind.FRAGMENT_SPREAD && fragment === undefined) continue;
        const typeName = (fragment?.typeCondition ?? condition)?.name.value;
        const named = typeName === undefined ? undefined : schema.getType(typeName);
        const type = named === undefined || named === null ? parent : (named as CompositeType);
        if (fragment === undefined) {
          if (selection.kind === Kind.INLINE_FRAGMENT) sum += costOf(selection.selectionSet, type, at);
          continue;
        }
        const key = `${fragment.name.value}/${at.pageSize}/${at.underEdges}`;
        const known = memo.get(key);
        if (known !== undefined) sum += known;
        else if (!visiting.has(fragment.name.value)) {
          visiting.add(fragment.name.value);
          const inner = costOf(fragment.selectionSet, type, at);
          visiting.delete(fragment.name.value);
          memo.set(key, inner);
          sum += inner;
        }
      }
    }
    return sum;
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return root === null || root === undefined
    ? 0
    : costOf(operation.selectionSet, root, { pageSize: undefined, underEdges: false });
}
