import type { Plugin } from 'graphql-yoga';
import { CORS_METHODS, PREFLIGHT_MAX_AGE_SECONDS, type ResponseHeaders } from '../pipeline/headers.js';

export interface CorsPolicyOptions {
  /** Origins (scheme://host[:port]) whose pages may send a token and mutations (CANDOR_EDITOR_ORIGINS). */
  editorOrigins: readonly string[];
  /** Request headers any origin may send (content-type, the CSRF headers, if-none-match, …). */
  publicRequestHeaders: readonly string[];
  headers: ResponseHeaders;
}

/**
 * CORS preflights (docs/partner-api.md, "HTTP endpoints"): public reads from any origin, never credentials, and
 * a preflight that does not allow `Authorization`, so a foreign page cannot send a token; the
 * editor origins get their origin echoed and `Authorization` allowed. The CORS headers of actual
 * responses are the headers stage's (pipeline/headers.ts); a mutation from a foreign origin is
 * refused by the parse-validate stage (403 CROSS_ORIGIN_MUTATION).
 */
export function useCorsPolicy({ editorOrigins, publicRequestHeaders, headers }: CorsPolicyOptions): Plugin {
  const editors = new Set(editorOrigins);
  const publicHeaders = publicRequestHeaders.join(', ');
  const editorHeaders = [...publicRequestHeaders, 'authorization'].join(', ');
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      const origin = request.headers.get('origin');
      const editor = origin !== null && editors.has(origin);
      const preflight: Record<string, string> = {
        'access-control-allow-origin': headers.allowOrigin(origin),
        'access-control-allow-methods': CORS_METHODS,
        'access-control-allow-headers': editor ? editorHeaders : publicHeaders,
        'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
        allow: CORS_METHODS,
        // Safari waits for a body on a 204 without it.
        'content-length': '0',
      };
      if (headers.varyOrigin) preflight.vary = 'Origin';
      endResponse(new Response(null, { status: 204, headers: preflight }));
    },
  };
}
