import { createHash } from 'node:crypto';

export interface KeyedParams {
  query?: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

/**
 * The cache key of an operation: its document (or, for a persisted one, its hash, which is shorter
 * to hash again), operation name and variables. Computed from yoga's parsed parameters, so a GET
 * and a POST of the same operation share one entry and the order or encoding of URL parameters
 * does not matter. Null when there is no document to key by.
 */
export function cacheKeyOf(
  params: KeyedParams,
  persistedHashOf: (document: string) => string | undefined,
): string | null {
  const { query } = params;
  if (typeof query !== 'string' || query === '') return null;
  const persisted = persistedHashOf(query);
  return createHash('sha256')
    .update(persisted === undefined ? `q:${query}` : `p:${persisted}`)
    .update('\0')
    .update(params.operationName ?? '')
    .update('\0')
    .update(params.variables == null ? '' : JSON.stringify(params.variables))
    .digest('base64url');
}
