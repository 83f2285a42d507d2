import type { Plugin } from 'graphql-yoga';
import { etagOf, matchesIfNoneMatch } from '../cache/http-caching.js';
import { MANIFEST_PATH, type PersistedOperations } from '../persisted/manifest.js';

/**
 * Publishes the persisted operations manifest (hash → document) at MANIFEST_PATH, so partners and
 * CDNs can use the same hashes. Hashes sent as `extensions.persistedQuery` are resolved by the
 * params stage (pipeline/params.ts); documents sent in full are still accepted.
 */
export function usePersistedOperations(operations: PersistedOperations): Plugin {
  const manifestEtag = etagOf(operations.manifestJson);
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== MANIFEST_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'public, max-age=300',
        etag: manifestEtag,
      };
      const fresh = matchesIfNoneMatch(request.headers.get('if-none-match'), manifestEtag);
      endResponse(
        new Response(fresh || request.method === 'HEAD' ? null : operations.manifestJson, {
          status: fresh ? 304 : 200,
          headers,
        }),
      );
    },
  };
}
