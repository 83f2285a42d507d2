import type { DocumentNode, GraphQLSchema, OperationTypeNode } from 'graphql';
import { combineInputFacts, variableInputFacts } from './input-lists.js';
import { exceeds, type LimitViolation } from './limit-error.js';
import { type OperationShape, operationShape } from './operation-shape.js';
import { tokenCount } from './tokens.js';

/** The query limits (docs/partner-api.md, "Query limits"); env.ts reads them from CANDOR_MAX_*. */
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
 * The limits an operation's syntax alone decides — depth, aliases, directives, in that order —
 * checked after parsing and before graphql-js validates the document (docs/partner-api.md, "Query limits"), so
 * a document of a thousand unknown directives gets one TOO_MANY_DIRECTIVES, not an error each.
 */
export function shapeViolation(shape: OperationShape, limits: QueryLimits): LimitViolation | undefined {
  if (!shape.introspection && shape.depth > limits.maxDepth) {
    return exceeds('QUERY_TOO_DEEP', 'Query depth', shape.depth, limits.maxDepth);
  }
  if (shape.aliases > limits.maxAliases) {
    return exceeds('TOO_MANY_ALIASES', 'Alias count', shape.aliases, limits.maxAliases);
  }
  if (shape.directives > limits.maxDirectives) {
    return exceeds('TOO_MANY_DIRECTIVES', 'Directive count', shape.directives, limits.maxDirectives);
  }
  return undefined;
}

/**
 * Checked after validation, before execution: the operation that will run (by operationName)
 * against the depth, alias, directive, input-list and cost limits, in that order. What the
 * document alone decides is measured once per document (operation-shape.ts); per request only
 * the variables are walked and, when a page size comes from one, the cost recomputed.
 */
export function measureOperation(request: OperationRequest, limits: QueryLimits): OperationMeasure {
  const shape = operationShape(request.schema, request.document, request.operationName);
  // No single operation selected: execution reports that before any resolver runs.
  if (shape === null) return { violation: undefined, cost: 1, operationType: undefined };
  const variables = request.variables ?? {};
  const cost = shape.costFor(variables);
  const result = (violation: LimitViolation | undefined): OperationMeasure => ({
    violation,
    cost,
    operationType: shape.operation.operation,
  });

  const syntactic = shapeViolation(shape, limits);
  if (syntactic !== undefined) return result(syntactic);
  const inputs = combineInputFacts(shape.literalInputs, variableInputFacts(variables));
  if (inputs.longestList > limits.maxInputList) {
    return result(exceeds('INPUT_LIST_TOO_LONG', 'Input list length', inputs.longestList, limits.maxInputList));
  }
  if (inputs.hasNul) {
    return result({
      code: 'BAD_USER_INPUT',
      message: 'A string input contains the NUL character (U+0000), which no text field can hold.',
      limit: 0,
    });
  }
  if (!shape.introspection && cost > limits.maxCost && request.isTrusted?.() !== true) {
    return result(exceeds('QUERY_TOO_COSTLY', 'Query cost', cost, limits.maxCost));
  }
  return result(undefined);
}
