import { type DocumentNode, type GraphQLSchema, getOperationAST, type OperationDefinitionNode } from 'graphql';
import { operationCost } from './cost.js';
import { aliasCount, directiveCount } from './counts.js';
import { operationDepth } from './depth.js';
import { fragmentsOf } from './fragments.js';
import { type InputFacts, literalInputFacts } from './input-lists.js';
import { isIntrospectionOnly } from './introspection.js';

/**
 * What the query limits measure of an operation that its document alone decides: depth, aliases,
 * directives, literal inputs, whether it is introspection — and its cost, which depends on the
 * variables only through page sizes (`first: $n`). Measured once per parsed document and
 * operation name instead of on every request (issue 6: no per-request work that can be done once).
 */
export interface OperationShape {
  operation: OperationDefinitionNode;
  introspection: boolean;
  /** Not measured (0) for introspection-only operations, which the depth limit does not apply to. */
  depth: number;
  aliases: number;
  directives: number;
  literalInputs: InputFacts;
  /** The cost (≥ 1; 1 for introspection) with these variables. */
  costFor(variables: Readonly<Record<string, unknown>>): number;
}

interface Cached {
  schema: GraphQLSchema;
  shape: OperationShape | null;
}

/**
 * By document node: yoga's parse cache hands back the same node for the same source, so an entry
 * lives as long as yoga keeps that document. Per node, a few operation names (any more, from a
 * client cycling names, are measured without being kept); per shape, a few page-size variants.
 */
const shapes = new WeakMap<DocumentNode, Map<string | null, Cached>>();
const MAX_NAMES_PER_DOCUMENT = 16;
const MAX_COSTS_PER_SHAPE = 32;

/** The cost depends on a variable only as a number, as absent (its default applies) or as neither. */
const costKeyPart = (value: unknown): string =>
  typeof value === 'number' ? String(value) : value === undefined ? 'u' : 'x';

function measureShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
): OperationShape | null {
  const operation = getOperationAST(document, operationName);
  if (operation == null) return null;
  const fragments = fragmentsOf(document);
  const introspection = isIntrospectionOnly(operation, fragments);
  // The variables the cost read, learnt on its first computation (the same for every request).
  let costReads: string[] | undefined;
  const costs = new Map<string, number>();
  return {
    operation,
    introspection,
    depth: introspection ? 0 : operationDepth(operation, fragments),
    aliases: aliasCount(operation, fragments),
    directives: directiveCount(operation, fragments),
    literalInputs: literalInputFacts(document),
    costFor(variables) {
      if (introspection) return 1;
      const keyOf = (names: readonly string[]) =>
        names.map((name) => costKeyPart(Object.hasOwn(variables, name) ? variables[name] : undefined)).join(',');
      const known = costReads === undefined ? undefined : costs.get(keyOf(costReads));
      if (known !== undefined) return known;
      const reads: string[] = [];
      const cost = Math.max(
        1,
        operationCost(schema, operation, fragments, variables, (name) => reads.push(name)),
      );
      costReads ??= reads;
      if (costs.size < MAX_COSTS_PER_SHAPE) costs.set(keyOf(reads), cost);
      return cost;
    },
  };
}

/** The shape of the operation `operationName` selects, or null when the document selects none. */
export function operationShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationShape | null {
  const name = operationName ?? null;
  let byName = shapes.get(document);
  if (byName === undefined) {
    byName = new Map();
    shapes.set(document, byName);
  }
  const cached = byName.get(name);
  if (cached !== undefined && cached.schema === schema) return cached.shape;
  const shape = measureShape(schema, document, name);
  if (byName.size < MAX_NAMES_PER_DOCUMENT || byName.has(name)) byName.set(name, { schema, shape });
  return shape;
}
