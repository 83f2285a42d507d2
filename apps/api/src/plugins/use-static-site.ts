import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import {
  codedEtag,
  etagMatches,
  negotiateCoding,
  type StaticRepresentation,
  StaticRepresentations,
} from '../cache/static-representations.js';

/** Media types by extension, and whether a type is worth compressing (text, not already compressed). */
const TYPES: Record<string, { type: string; compressible: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', compressible: true },
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.json': { type: 'application/json; charset=utf-8', compressible: true },
  '.xml': { type: 'application/xml; charset=utf-8', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.csv': { type: 'text/csv; charset=utf-8', compressible: true },
  '.sha256': { type: 'text/plain; charset=utf-8', compressible: false },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.ico': { type: 'image/x-icon', compressible: false },
  '.webp': { type: 'image/webp', compressible: false },
  '.woff2': { type: 'font/woff2', compressible: false },
  '.wasm': { type: 'application/wasm', compressible: true },
  '.gz': { type: 'application/gzip', compressible: false },
  '.tgz': { type: 'application/gzip', compressible: false },
  '.zip': { type: 'application/zip', compressible: false },
  // Pagefind's index files are gzip-compressed by Pagefind itself.
  '.pf_meta': { type: 'application/octet-stream', compressible: false },
  '.pf_index': { type: 'application/octet-stream', compressible: false },
  '.pf_fragment': { type: 'application/octet-stream', compressible: false },
  '.pagefind': { type: 'application/octet-stream', compressible: false },
};
const OCTET_STREAM = { type: 'application/octet-stream', compressible: false };
const HTML = { type: 'text/html; charset=utf-8', compressible: true };
/** The site's feeds (/feeds/…xml) are Atom documents: feed readers and browsers go by this type. */
const ATOM = { type: 'application/atom+xml; charset=utf-8', compressible: true };
const FEEDS_PREFIX = '/feeds/';

/** The media type of a site file, by its URL path and extension. */
export function mediaTypeOf(urlPath: string, file: string): { type: string; compressible: boolean } {
  const extension = extname(file);
  if (urlPath.startsWith(FEEDS_PREFIX) && extension === '.xml') return ATOM;
  return TYPES[extension] ?? OCTET_STREAM;
}

export interface StaticSiteOptions {
  /** The built site (apps/site/dist). */
  root: string;
  /** Paths the API owns; never served from disk. */
  reserved: readonly string[];
}

async function fileAt(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {}
  return null;
}

/**
 * The same-origin path of the directory holding `indexFile`, with a trailing slash: one leading
 * slash, each segment percent-encoded, so a browser can only read it as a path on this origin.
 */
export function directoryLocation(base: string, indexFile: string, search: string): string {
  const segments = relative(base, dirname(indexFile))
    .split(sep)
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  const path = segments.length === 0 ? '/' : `/${segments.map(encodeURIComponent).join('/')}/`;
  // The query string cannot change the target's origin: a `?` ends the path.
  return `${path}${search}`;
}

/**
 * A conditional GET the client's copy answers: If-None-Match when sent (it takes precedence,
 * RFC 9110 13.2.2), otherwise If-Modified-Since against the file's modification second.
 */
function notModified(headers: Headers, representation: StaticRepresentation): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, representation.etag);
  const ifModifiedSince = headers.get('if-modified-since');
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && representation.modifiedSeconds * 1000 <= since;
}

/**
 * Serves the static site on the API's port, so one command and one port run everything.
 * Hashed assets under /_astro/ are cached for a year; pages are revalidated (ETag of their bytes
 * and Last-Modified: a revisit costs a 304), because a rebuild after a publish changes them in
 * place. Text is sent brotli- or gzip-compressed when the client accepts it.
 */
export function useStaticSite({ root, reserved }: StaticSiteOptions): Plugin {
  const base = normalize(root + sep);
  const representations = new StaticRepresentations();
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (reserved.some((prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))) return;
      let decoded: string;
      try {
        decoded = decodeURIComponent(url.pathname);
      } catch {
        endResponse(new Response('Bad request', { status: 400 }));
        return;
      }
      const candidate = normalize(join(base, decoded));
      if (!candidate.startsWith(base) && `${candidate}${sep}` !== base) {
        endResponse(new Response('Not found', { status: 404 }));
        return;
      }
      const file = await fileAt(candidate);
      if (file === null) {
        const notFound = await fileAt(join(base, '404.html'));
        const body = notFound === null ? 'Not found' : await readFile(notFound);
        endResponse(new Response(body, { status: 404, headers: { 'content-type': HTML.type } }));
        return;
      }
      // A directory URL without its trailing slash would break relative links: redirect. The target
      // is the directory's own path under the site, rebuilt from the file found, never the path as
      // sent: `//other.example/..%2fsegments` must not become a redirect to another host.
      if (file.endsWith(`${sep}index.html`) && !decoded.endsWith('/') && !decoded.endsWith('index.html')) {
        endResponse(
          new Response(null, { status: 308, headers: { location: directoryLocation(base, file, url.search) } }),
        );
        return;
      }
      const immutable = decoded.startsWith('/_astro/');
      const media = mediaTypeOf(decoded, file);
      const representation = await representations.get(file);
      const coding = negotiateCoding(request.headers.get('accept-encoding'), media.compressible, representation.size);
      const headers: Record<string, string> = {
        'content-type': media.type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
        etag: codedEtag(representation.etag, coding),
        'last-modified': representation.lastModified,
        'x-content-type-options': 'nosniff',
      };
      if (media.compressible) headers.vary = 'accept-encoding';
      if (notModified(request.headers, representation)) {
        endResponse(new Response(null, { status: 304, headers }));
        return;
      }
      if (coding !== 'identity') headers['content-encoding'] = coding;
      const body = await representation.body(coding);
      headers['content-length'] = String(body.byteLength);
      endResponse(new Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
