import { RecentlyUsedMap } from '@candor/schema';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { checkDocumentSource, type QueryLimits } from '../limits/query-limits.js';
import { graphqlRuntime } from './graphql-runtime.js';

const { NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } = graphqlRuntime;

export interface DocumentPreparerOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** CANDOR_INTROSPECTION: when off, yoga adds graphql-js's rule against `__schema` and `__type`. */
  introspection: boolean;
  /** Bound on the documents kept (each at most CANDOR_MAX_DOCUMENT_CHARS long). */
  maxDocuments?: number;
}

/**
 * What yoga's path decides about a document before any request-specific input, decided once per
 * document string: the length and token limits, parsing, and validation against the schema with
 * the rules yoga's path applies. The document, when it passes all of them; null when any refuses
 * it (the POST path then hands the request to yoga, which answers with its own error). The parsed
 * node is kept, so the query-limit measurements cached per node (operation-shape.ts) stay cached.
 */
export function createDocumentPreparer(options: DocumentPreparerOptions): (source: string) => DocumentNode | null {
  const { schema, limits } = options;
  const rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const prepared = new RecentlyUsedMap<string, { document: DocumentNode | null }>(options.maxDocuments ?? 500);
  const prepare = (source: string): DocumentNode | null => {
    if (checkDocumentSource(source, limits) !== undefined) return null;
    let document: DocumentNode;
    try {
      document = parse(source);
    } catch {
      return null;
    }
    return validate(schema, document, rules).length === 0 ? document : null;
  };
  return (source) => {
    let entry = prepared.get(source);
    if (entry === undefined) {
      entry = { document: prepare(source) };
      prepared.set(source, entry);
    }
    return entry.document;
  };
}
