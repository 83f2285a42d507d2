import { type DocumentNode, type GraphQLSchema, getOperationAST, type OperationTypeNode } from 'graphql';
import { operationCost } from './cost.js';
import { aliasCount, directiveCount } from './counts.js';
import { operationDepth } from './depth.js';
import { fragmentsOf } from './fragments.js';
import { hasNulCharacter, longestInputList } from './input-lists.js';
import { isIntrospectionOnly } from './introspection.js';
import { exceeds, type LimitViolation } from './limit-error.js';
import { tokenCount } from './tokens.js';

/** The query limits (README, "Query limits"); env.ts reads them from CANDOR_MAX_*. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxDocumentChars: number;
  maxCost: number;
  maxInputList: number;
}

/** Checked before parsing: the document's length, then its tokens. */
export function checkDocumentSource(source: string, limits: QueryLimits): LimitViolation | undefined {
  if (source.length > limits.maxDocumentChars) {
    return exceeds('DOCUMENT_TOO_LARGE', 'Document length', source.length, limits.maxDocumentChars, ' characters');
  }
  const tokens = tokenCount(source);
  if (tokens > limits.maxTokens) return exceeds('TOO_MANY_TOKENS', 'Token count', tokens, limits.maxTokens);
  return undefined;
}

export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Readonly<Record<string, unknown>> | null | undefined;
  /** Trusted documents (the site's persisted operations) skip the cost limit, and only that. Asked only when over it. */
  isTrusted?: () => boolean;
}

export interface OperationMeasure {
  /** The first limit the operation breaks, or undefined when it passes them all. */
  violation: LimitViolation | undefined;
  /** Cost on the schema's cost model (≥ 1); 1 for introspection-only operations. */
  cost: number;
  operationType: OperationTypeNode | undefined;
}

/**
 * Checked after validation, before execution: the operation that will run (by operationName)
 * against the depth, alias, directive, input-list and cost limits, in that order.
 */
export function measureOperation(request: OperationRequest, limits: QueryLimits): OperationMeasure {
  const operation = getOperationAST(request.document, request.operationName);
  // No single operation selected: execution reports that before any resolver runs.
  if (operation == null) return { violation: undefined, cost: 1, operationType: undefined };
  const fragments = fragmentsOf(request.document);
  const introspection = isIntrospectionOnly(operation, fragments);
  const variables = request.variables ?? {};
  const cost = introspection ? 1 : Math.max(1, operationCost(request.schema, operation, fragments, variables));
  const result = (violation: LimitViolation | undefined): OperationMeasure => ({
    violation,
    cost,
    operationType: operation.operation,
  });

  if (!introspection) {
    const depth = operationDepth(operation, fragments);
    if (depth > limits.maxDepth) return result(exceeds('QUERY_TOO_DEEP', 'Query depth', depth, limits.maxDepth));
  }
  const aliases = aliasCount(operation, fragments);
  if (aliases > limits.maxAliases)
    return result(exceeds('TOO_MANY_ALIASES', 'Alias count', aliases, limits.maxAliases));
  const directives = directiveCount(operation, fragments);
  if (directives > limits.maxDirectives) {
    return result(exceeds('TOO_MANY_DIRECTIVES', 'Directive count', directives, limits.maxDirectives));
  }
  const longest = longestInputList(request.document, variables);
  if (longest > limits.maxInputList) {
    return result(exceeds('INPUT_LIST_TOO_LONG', 'Input list length', longest, limits.maxInputList));
  }
  if (hasNulCharacter(request.document, variables)) {
    return result({
      code: 'BAD_USER_INPUT',
      message: 'A string input contains the NUL character (U+0000), which no text field can hold.',
      limit: 0,
    });
  }
  if (!introspection && cost > limits.maxCost && request.isTrusted?.() !== true) {
    return result(exceeds('QUERY_TOO_COSTLY', 'Query cost', cost, limits.maxCost));
  }
  return result(undefined);
}
