import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

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
 * Serves the static site on the API's port, so one command and one port run everything.
 * Hashed assets under /_astro/ are cached for a year; pages are revalidated, because a
 * rebuild after a publish changes them in place.
 */
export function useStaticSite({ root, reserved }: StaticSiteOptions): Plugin {
  const base = normalize(root + sep);
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
        endResponse(new Response(body, { status: 404, headers: { 'content-type': TYPES['.html'] ?? 'text/html' } }));
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
      endResponse(
        new Response(request.method === 'HEAD' ? null : await readFile(file), {
          status: 200,
          headers: {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
            'x-content-type-options': 'nosniff',
          },
        }),
      );
    },
  };
}
