/** Inputs shared by the library benchmarks: a realistic document and an answer of a given size. */
import { syntheticClauses } from '../synthetic/clauses.js';

/** A document of the size the site's persisted operations have (~1 kB). */
export const siteQuery = `query SiteDocuments($first: Int, $after: String) {
  documents(first: $first, after: $after) {
    edges { node { id slug title kind
      versions(first: 5) { edges { node { id label publishedAt effectiveAt material changeNote contentHash
        clauses { key heading body }
        explanations { segment { key name } summary whatChanges affected } } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A GraphQL answer whose JSON is about `bytes` long: published clauses, as the site reads them. */
export function sizedAnswer(bytes: number): { data: Record<string, unknown> } {
  const clauses = syntheticClauses(Math.max(1, Math.round(bytes / 450)), 11);
  return { data: { documents: { edges: [{ node: { id: 'd1', slug: 'terms', clauses } }] } } };
}
