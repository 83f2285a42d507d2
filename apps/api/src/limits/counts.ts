import { type DirectiveNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Fragments } from './fragments.js';

type Counter = (node: { alias?: unknown; directives?: readonly DirectiveNode[] | undefined }) => number;

/**
 * Sums `count` over every field, inline fragment and fragment spread the operation executes, with
 * each named fragment counted once per spread (a fragment spread twice is executed twice), and
 * over the fragment definitions themselves (their directives). Memoised per fragment, so nested
 * spreads cost linear work however large the sum grows; a cycle (invalid anyway) counts nothing.
 */
function countInOperation(operation: OperationDefinitionNode, fragments: Fragments, count: Counter): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const sumOf = (selectionSet: SelectionSetNode): number => {
    let sum = 0;
    for (const selection of selectionSet.selections) {
      sum += count(selection);
      if (selection.kind === Kind.FIELD) {
        if (selection.selectionSet) sum += sumOf(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        sum += sumOf(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const known = memo.get(name);
        const fragment = fragments.get(name);
        if (known !== undefined) sum += known;
        else if (fragment !== undefined && !visiting.has(name)) {
          visiting.add(name);
          const inner = count(fragment) + sumOf(fragment.selectionSet);
          visiting.delete(name);
          memo.set(name, inner);
          sum += inner;
        }
      }
    }
    return sum;
  };

  const own = count(operation) + (operation.variableDefinitions ?? []).reduce((sum, node) => sum + count(node), 0);
  return own + sumOf(operation.selectionSet);
}

/** Aliased fields in the operation, `__typename` aliases included (docs/partner-api.md, "Query limits"). */
export const aliasCount = (operation: OperationDefinitionNode, fragments: Fragments): number =>
  countInOperation(operation, fragments, (node) => (node.alias === undefined ? 0 : 1));

/** Directive uses in the operation: on the operation, variables, fields, fragments and spreads. */
export const directiveCount = (operation: OperationDefinitionNode, fragments: Fragments): number =>
  countInOperation(operation, fragments, (node) => node.directives?.length ?? 0);
