/**
 * The hand-off between the pages Astro renders and the search index built while it renders
 * (integrations/search-index.ts). The integration runs in the process that renders the pages, but
 * the middleware that sees each page is part of the bundled server build, a different module
 * graph: they meet through a global symbol, as lib/version-bodies.ts does.
 */

/** Receives each rendered HTML page for the search index. */
export interface SearchIndexSink {
  add(url: string, html: string): Promise<void>;
}

const KEY = Symbol.for('candor.site.searchIndexSink');

type Holder = { [KEY]?: SearchIndexSink | undefined };

/** Installs (or, with undefined, removes) the sink for this process's build. */
export function setSearchIndexSink(sink: SearchIndexSink | undefined): void {
  (globalThis as Holder)[KEY] = sink;
}

/** The sink of the running build; undefined in `astro dev` and outside builds. */
export function searchIndexSink(): SearchIndexSink | undefined {
  return (globalThis as Holder)[KEY];
}

/**
 * Whether Pagefind indexes a page (its UTF-8 bytes): as its CLI does on this site (where some pages carry
 * data-pagefind-body), only pages with that attribute; /search/ and the 404 page have none.
 */
export const isSearchablePage = (page: Uint8Array): boolean =>
  // Searched in the bytes: pages that are not indexed (half of them: the comparisons) are never decoded.
  Buffer.from(page.buffer, page.byteOffset, page.byteLength).includes('data-pagefind-body');
