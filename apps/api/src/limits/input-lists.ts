import { type ASTNode, type DocumentNode, Kind } from 'graphql';

/** The longest list and whether any string holds U+0000, among some inputs. */
export interface InputFacts {
  longestList: number;
  hasNul: boolean;
}

export const combineInputFacts = (a: InputFacts, b: InputFacts): InputFacts => ({
  longestList: Math.max(a.longestList, b.longestList),
  hasNul: a.hasNul || b.hasNul,
});

/**
 * The lists and strings written as literals anywhere in the document. They depend on the document
 * alone, so the query-limit pass measures them once per document (operation-shape.ts). A plain walk
 * over every node's children with an explicit stack: graphql-js's `visit` does the same with path
 * and edit bookkeeping this needs none of, at several times the cost.
 */
export function literalInputFacts(document: DocumentNode): InputFacts {
  const facts: InputFacts = { longestList: 0, hasNul: false };
  const pending: object[] = [document];
  while (pending.length > 0) {
    const node = pending.pop() as ASTNode;
    if (node.kind === Kind.LIST) facts.longestList = Math.max(facts.longestList, node.values.length);
    else if (node.kind === Kind.STRING && node.value.includes('\u0000')) facts.hasNul = true;
    for (const key in node) {
      if (key === 'loc') continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) pending.push(item);
      } else if (child !== null && typeof child === 'object') pending.push(child);
    }
  }
  return facts;
}

/**
 * The lists and strings in a request's variables, at any nesting. Walks them with an explicit
 * stack, so a deliberately deep JSON value cannot overflow the call stack.
 */
export function variableInputFacts(variables: unknown): InputFacts {
  const facts: InputFacts = { longestList: 0, hasNul: false };
  const pending: unknown[] = [variables];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) facts.hasNul = true;
    } else if (Array.isArray(value)) {
      facts.longestList = Math.max(facts.longestList, value.length);
      // One push per item: spreading a huge array into push() would overflow the call stack.
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return facts;
}

/** Every list and string a request supplies as input: in its variables or as document literals. */
export const inputFacts = (document: DocumentNode, variables: unknown): InputFacts =>
  combineInputFacts(literalInputFacts(document), variableInputFacts(variables));

/** The longest list a request supplies as input. */
export const longestInputList = (document: DocumentNode, variables: unknown): number =>
  inputFacts(document, variables).longestList;

/**
 * Whether any string input holds U+0000. No text column can store it (PostgreSQL refuses the
 * byte outright), so such a request is bad input, answered before any resolver runs rather than
 * as a database error.
 */
export const hasNulCharacter = (document: DocumentNode, variables: unknown): boolean =>
  inputFacts(document, variables).hasNul;
