import { Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Fragments } from './fragments.js';

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * True when the operation's root fields are only `__schema` / `__type` (and `__typename`), like
 * GraphiQL's schema query. Such operations are exempt from the depth and cost limits: the type
 * reference fragment nests `ofType` nine deep. graphql-js's own MaxIntrospectionDepthRule
 * (part of validation since 16.9) still stops the known `fields { type { fields … } }` blow-up.
 */
export function isIntrospectionOnly(operation: OperationDefinitionNode, fragments: Fragments): boolean {
  const roots = new Set<string>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) roots.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          collect(fragment.selectionSet);
        }
      }
    }
  };
  collect(operation.selectionSet);
  roots.delete('__typename');
  return roots.size > 0 && [...roots].every((name) => INTROSPECTION_ROOTS.has(name));
}
