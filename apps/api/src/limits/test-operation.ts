import { type DocumentNode, getOperationAST, type OperationDefinitionNode, parse } from 'graphql';
import { type Fragments, fragmentsOf } from './fragments.js';

/** Test helper: parses a document and picks its (named or only) operation with its fragments. */
export function operationOf(
  source: string,
  operationName?: string,
): { document: DocumentNode; operation: OperationDefinitionNode; fragments: Fragments } {
  const document = parse(source);
  const operation = getOperationAST(document, operationName);
  if (operation == null) throw new Error('no single operation in the test document');
  return { document, operation, fragments: fragmentsOf(document) };
}
