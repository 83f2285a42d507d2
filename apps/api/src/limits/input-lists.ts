import { type DocumentNode, visit } from 'graphql';

interface InputVisitor {
  list(length: number): void;
  string(value: string): void;
}

/**
 * Visits every list and string a request supplies as input: in its variables (at any nesting) or
 * written as a literal anywhere in the document. Walks the variables with an explicit stack, so
 * a deliberately deep JSON value cannot overflow the call stack.
 */
function walkInputs(document: DocumentNode, variables: unknown, visitor: InputVisitor): void {
  visit(document, {
    ListValue(node) {
      visitor.list(node.values.length);
    },
    StringValue(node) {
      visitor.string(node.value);
    },
  });
  const pending: unknown[] = [variables];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      visitor.string(value);
    } else if (Array.isArray(value)) {
      visitor.list(value.length);
      // One push per item: spreading a huge array into push() would overflow the call stack.
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
}

/** The longest list a request supplies as input. */
export function longestInputList(document: DocumentNode, variables: unknown): number {
  let longest = 0;
  walkInputs(document, variables, {
    list: (length) => {
      longest = Math.max(longest, length);
    },
    string: () => {},
  });
  return longest;
}

/**
 * Whether any string input holds U+0000. No text column can store it (PostgreSQL refuses the
 * byte outright), so such a request is bad input, answered before any resolver runs rather than
 * as a database error.
 */
export function hasNulCharacter(document: DocumentNode, variables: unknown): boolean {
  let found = false;
  walkInputs(document, variables, {
    list: () => {},
    string: (value) => {
      if (value.includes('\u0000')) found = true;
    },
  });
  return found;
}
