import { usePersistedOperations as useYogaPersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { etagOf, matchesIfNoneMatch } from '../cache/http-caching.js';
import type { PersistedOperations } from '../persisted/manifest.js';

export const MANIFEST_PATH = '/graphql/persisted-operations.json';

/**
 * Persisted operations by hash, Apollo-style (`extensions.persistedQuery.sha256Hash`, version 1),
 * over GET and POST; documents sent in full are still accepted. The manifest (hash → document) is
 * published at MANIFEST_PATH so partners and CDNs can use the same hashes.
 */
export function usePersistedOperations(operations: PersistedOperations): Plugin {
  const manifestEtag = etagOf(operations.manifestJson);
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(
        useYogaPersistedOperations({
          allowArbitraryOperations: true,
          getPersistedOperation: (hash) => operations.byHash.get(hash) ?? null,
          customErrors: {
            notFound: {
              message:
                'Persisted operation not found: no operation has this sha256Hash (see GET /graphql/persisted-operations.json); send the document in "query" instead.',
              extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
            },
            // Neither a document nor a hash: the same answer as yoga gives without this plugin.
            keyNotFound: {
              message: 'Must provide query string.',
              extensions: { code: 'BAD_REQUEST', http: { spec: true, status: 400 } },
            },
          },
        }),
      );
    },
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
