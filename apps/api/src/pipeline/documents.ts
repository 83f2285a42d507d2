/**
 * What the pipeline decides about a document string before any request-specific input, decided
 * once per string and kept (bounded): its length and tokens (the pre-parse limits), its syntax
 * tree or syntax error, and its validation errors against the schema with the rules this instance
 * applies. Both adapters read documents through this cache — yoga's own parse and validation
 * caches are off (yoga.ts) — so a document is parsed and validated the same way, once, whichever
 * adapter carries it. The parsed node is kept, so the measurements cached per node
 * (limits/operation-shape.ts) stay cached too.
 */
import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import { graphqlRuntime } from '../graphql-runtime.js';
import { exceeds, type LimitViolation, limitError } from '../limits/limit-error.js';
import type { QueryLimits } from '../limits/query-limits.js';
import { tokenCount } from '../limits/tokens.js';

const {
  GraphQLError: RuntimeGraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} = graphqlRuntime;

export interface DocumentEntry {
  source: string;
  /** graphql-js's token count (comments excluded); 0 when the length limit refused it first. */
  tokens: number;
  /** The pre-parse limit the source breaks (length, then tokens). */
  violation: LimitViolation | undefined;
  /** Parsed on first use: the document, or the syntax error. */
  parsed?: { document: DocumentNode } | { error: GraphQLError };
  /** Validated on first use. */
  validationErrors?: readonly GraphQLError[];
}

export interface DocumentCacheOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** CANDOR_INTROSPECTION: when off, graphql-js's rule against `__schema` and `__type` is added. */
  introspection: boolean;
  /** Bound on the documents kept (each at most CANDOR_MAX_DOCUMENT_CHARS long). */
  maxDocuments?: number;
}

export interface DocumentCache {
  /** The pre-parse facts of a source (counted once per string). */
  entry(source: string): DocumentEntry;
  parse(entry: DocumentEntry): { document: DocumentNode } | { error: GraphQLError };
  validate(entry: DocumentEntry, document: DocumentNode): readonly GraphQLError[];
}

/** graphql-js's "Did you mean …?" hints would let a caller enumerate the schema by guessing names. */
const SUGGESTION = /\s*Did you mean .*\?$/;

/** As yoga marks them: a GraphQL-over-HTTP request error, 400 unless the client asked for legacy JSON. */
const specError = (error: GraphQLError, code: string): GraphQLError =>
  new RuntimeGraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: error.extensions.code ?? code, http: { spec: true, status: 400 } },
  });

export function createDocumentCache(options: DocumentCacheOptions): DocumentCache {
  const { schema, limits } = options;
  const rules: readonly ValidationRule[] = options.introspection
    ? specifiedRules
    : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  // Least recently used documents go first (lru-cache: ADR 0011, a quarter of the time of the
  // Map-based RecentlyUsedMap on this cache's mix of hits and misses).
  const entries = new LRUCache<string, DocumentEntry>({ max: options.maxDocuments ?? 500 });
  return {
    entry(source) {
      let entry = entries.get(source);
      if (entry === undefined) {
        if (source.length > limits.maxDocumentChars) {
          // Refused by its length alone, before any lexing: not worth keeping.
          const chars = exceeds(
            'DOCUMENT_TOO_LARGE',
            'Document length',
            source.length,
            limits.maxDocumentChars,
            ' characters',
          );
          return { source, tokens: 0, violation: chars };
        }
        const tokens = tokenCount(source);
        const violation =
          tokens > limits.maxTokens ? exceeds('TOO_MANY_TOKENS', 'Token count', tokens, limits.maxTokens) : undefined;
        entry = { source, tokens, violation };
        entries.set(source, entry);
      }
      return entry;
    },
    parse(entry) {
      if (entry.parsed === undefined) {
        try {
          entry.parsed = { document: parse(entry.source) };
        } catch (error) {
          entry.parsed = { error: specError(error as GraphQLError, 'GRAPHQL_PARSE_FAILED') };
        }
      }
      return entry.parsed;
    },
    validate(entry, document) {
      entry.validationErrors ??= validate(schema, document, rules).map((error) =>
        specError(error, 'GRAPHQL_VALIDATION_FAILED'),
      );
      return entry.validationErrors;
    },
  };
}

/** A pre-parse limit's refusal. */
export const sourceRefusal = (violation: LimitViolation): GraphQLError => limitError(violation);
