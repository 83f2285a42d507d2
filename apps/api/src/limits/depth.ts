import { Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Fragments } from './fragments.js';

/**
 * The depth of an operation (docs/partner-api.md, "Query limits"): every level of field nesting counts,
 * leaves included, except Relay connection plumbing — `edges`, a `node` directly under `edges`,
 * and `pageInfo` — and `__typename`, which add no level: a connection and its nodes are one
 * logical hop. `{ documents { edges { node { slug } } } }` is 2 deep, like `{ segments { key } }`.
 *
 * Fragments (named and inline) are followed. Each named fragment is measured once per context
 * (memoised), so a document that spreads fragments into each other many times costs linear work;
 * a fragment cycle (which validation rejects anyway) counts as no further depth.
 */
export function operationDepth(operation: OperationDefinitionNode, fragments: Fragments): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const depthOf = (selectionSet: SelectionSetNode, underEdges: boolean): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const plumbing =
          name === '__typename' || name === 'edges' || name === 'pageInfo' || (name === 'node' && underEdges);
        depth = (plumbing ? 0 : 1) + (selection.selectionSet ? depthOf(selection.selectionSet, name === 'edges') : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = depthOf(selection.selectionSet, underEdges);
      } else {
        const name = selection.name.value;
        const key = `${name}/${underEdges}`;
        const fragment = fragments.get(name);
        const known = memo.get(key);
        if (known !== undefined) depth = known;
        else if (fragment !== undefined && !visiting.has(name)) {
          visiting.add(name);
          depth = depthOf(fragment.selectionSet, underEdges);
          visiting.delete(name);
          memo.set(key, depth);
        }
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  };

  return depthOf(operation.selectionSet, false);
}
