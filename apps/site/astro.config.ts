import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { dataFilesIntegration } from './src/integrations/data-files';
import { quietPageLog } from './src/integrations/quiet-page-log';
import { searchIndex } from './src/integrations/search-index';
import { loadSiteEnv } from './src/lib/env';
import { pageModified } from './src/lib/page-dates';

const env = loadSiteEnv();

/** <lastmod> of each sitemap entry: when the page's content last changed (lib/page-dates.ts). */
function withLastModified<T extends { url: string; lastmod?: string | undefined }>(item: T): T {
  const modified = pageModified(new URL(item.url).pathname);
  return modified === undefined ? item : { ...item, lastmod: modified };
}
const dataFiles = dataFilesIntegration();

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: env.CANDOR_SITE_URL,
  output: 'static',
  trailingSlash: 'always',
  // Pages render in parallel batches: rendering itself is one thread, but each page's file write
  // left the thread idle (~35 % of the render phase in a CPU profile at 1,000 versions); 8 pages in
  // flight overlap those waits (1,000 versions: 23.2 s → 19.5 s, measured back to back).
  build: { format: 'directory', concurrency: 8 },
  // Pages ship no client JavaScript; /search/ loads Pagefind's own script (see SearchLayout).
  // searchIndex() builds that Pagefind index while the pages render (src/integrations/search-index.ts).
  // dataFiles writes the version JSON files and feeds from the data, without a page each, while
  // Pagefind writes its index (listed after searchIndex: its own build:done only writes them if
  // that did not). quietPageLog() replaces Astro's line per page with one summary
  // (astro build --verbose lists them).
  integrations: [
    quietPageLog(),
    sitemap({ serialize: withLastModified }),
    searchIndex({ whileWriting: dataFiles.writeFiles }),
    dataFiles,
  ],
  // The dev toolbar injects client JavaScript into every page in `astro dev`; the site has none.
  devToolbar: { enabled: false },
});
