import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { appendVary } from '../cache/http-caching.js';
import { operationFactsOf } from '../limits/operation-facts.js';

export interface CorsPolicyOptions {
  /** Origins (scheme://host[:port]) whose pages may send a token and mutations (CANDOR_EDITOR_ORIGINS). */
  editorOrigins: readonly string[];
  /** Request headers any origin may send (content-type, the CSRF headers, if-none-match, …). */
  publicRequestHeaders: readonly string[];
}

/** What a browser script on another origin may read from a response. */
export const EXPOSED_HEADERS = [
  'ETag',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'Retry-After',
  'X-Request-Id',
  'X-Cache',
];

const METHODS = 'GET, POST, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * The CORS headers of an actual (not preflight) response, for yoga's path below and the node-level
 * POST path: what `origin` may read, and `Vary: Origin` when the answer depends on it.
 */
export function corsResponseHeaders(editorOrigins: readonly string[]): (origin: string | null) => {
  allowOrigin: string;
  exposeHeaders: string;
  varyOrigin: boolean;
} {
  const editors = new Set(editorOrigins);
  const exposeHeaders = EXPOSED_HEADERS.join(', ');
  // With editor origins the answer depends on Origin, and caches must know; without, it never does.
  const varyOrigin = editors.size > 0;
  return (origin) => ({
    allowOrigin: origin !== null && editors.has(origin) ? origin : '*',
    exposeHeaders,
    varyOrigin,
  });
}

/**
 * CORS, explicitly (README, "HTTP endpoints"). Public reads from any origin: `*`, never
 * credentials, and a preflight that does not allow `Authorization`, so a foreign page cannot send
 * a token. The editor origins get their origin echoed and `Authorization` allowed. Independently of
 * what browsers enforce, a mutation POSTed with an Origin that is neither this server's host nor an
 * editor origin is refused: 403 CROSS_ORIGIN_MUTATION, nothing executed.
 */
export function useCorsPolicy({ editorOrigins, publicRequestHeaders }: CorsPolicyOptions): Plugin<{
  request: Request;
}> {
  const editors = new Set(editorOrigins);
  const publicHeaders = publicRequestHeaders.join(', ');
  const editorHeaders = [...publicRequestHeaders, 'authorization'].join(', ');
  const responseHeaders = corsResponseHeaders(editorOrigins);
  const varyOrigin = responseHeaders(null).varyOrigin;
  const allowedOrigin = (origin: string | null) => responseHeaders(origin).allowOrigin;

  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      const origin = request.headers.get('origin');
      const editor = origin !== null && editors.has(origin);
      const headers: Record<string, string> = {
        'access-control-allow-origin': allowedOrigin(origin),
        'access-control-allow-methods': METHODS,
        'access-control-allow-headers': editor ? editorHeaders : publicHeaders,
        'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
        allow: METHODS,
        // Safari waits for a body on a 204 without it.
        'content-length': '0',
      };
      if (varyOrigin) headers.vary = 'Origin';
      endResponse(new Response(null, { status: 204, headers }));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const request = args.contextValue.request;
      const origin = request.headers.get('origin');
      if (origin === null || editors.has(origin) || isSameHost(origin, request)) return;
      const operationType =
        operationFactsOf(request)?.operationType ?? getOperationAST(args.document, args.operationName)?.operation;
      if (operationType !== 'mutation') return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `Cross-origin mutation refused: pages on ${origin} may only read; mutations are accepted from this server's own origin and the origins in CANDOR_EDITOR_ORIGINS.`,
            { extensions: { code: 'CROSS_ORIGIN_MUTATION', http: { status: 403 } } },
          ),
        ],
      });
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      const cors = responseHeaders(request.headers.get('origin'));
      response.headers.set('access-control-allow-origin', cors.allowOrigin);
      response.headers.set('access-control-expose-headers', cors.exposeHeaders);
      if (cors.varyOrigin) response.headers.set('vary', appendVary(response.headers.get('vary'), ['Origin']));
    },
  };
}

/**
 * Same host as the request's Host (scheme aside: behind a TLS-terminating proxy the API sees http
 * while the page is on https). `null` origins (sandboxed frames, files) are never the same.
 */
function isSameHost(origin: string, request: Request): boolean {
  const host = request.headers.get('host') ?? hostOf(request.url);
  return host !== null && hostOf(origin) === host.toLowerCase();
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
};
