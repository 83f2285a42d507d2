/**
 * Hands every rendered HTML page of a build to the search index (integrations/search-index.ts),
 * so Pagefind indexes it in its own process while Astro renders the next pages, and records the
 * page's modification time for the sitemap (lib/page-dates.ts). Outside builds (astro dev) there
 * is no sink and pages pass through untouched.
 */
import { defineMiddleware } from 'astro:middleware';
import { pageModifiedFromProps, recordPageModified } from './lib/page-dates';
import { isSearchablePage, searchIndexSink } from './lib/search-index-sink';

const decoder = new TextDecoder();

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const sink = searchIndexSink();
  if (sink === undefined || !context.isPrerendered) return response;
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  // The bytes are read once and handed back as they are: no second encoding of the page.
  const bytes = new Uint8Array(await response.arrayBuffer());
  const modified = pageModifiedFromProps(context.props);
  if (modified !== undefined) recordPageModified(context.url.pathname, modified);
  if (isSearchablePage(bytes)) await sink.add(context.url.pathname, decoder.decode(bytes));
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
});
