/**
 * Writes the site's pure-data files (lib/data-files.ts: the downloads and their hashes, version
 * JSON downloads, Atom feeds) into
 * the build output after the pages, from the collections the pages were rendered from, while
 * Pagefind writes its index (searchIndex's `whileWriting`, wired in astro.config.ts). In
 * `astro dev` it serves the same files from the same function, so both paths share one
 * serialiser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { type DataFile, dataFiles } from '../lib/data-files';
import type { SiteCollections } from '../lib/page-props';
import { sharedCollections } from '../lib/shared-collections';

/**
 * "/documents/a%20b/1.json" → that file under `outDir`, each segment decoded as Astro writes a
 * route's params. A segment that would leave its directory is refused rather than written.
 */
function outputFile(outDir: URL, path: string): string {
  const segments = path.slice(1).split('/').map(decodeURIComponent);
  const unsafe = segments.find(
    (segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('/'),
  );
  if (unsafe !== undefined)
    throw new Error(`Refusing to write data file ${path}: segment "${unsafe}" is not a file name`);
  return join(fileURLToPath(outDir), ...segments);
}

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/atom+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  gz: 'application/gzip',
  sha256: 'text/plain; charset=utf-8',
  graphql: 'text/plain; charset=utf-8',
};

function serve(response: ServerResponse, file: DataFile): void {
  const extension = file.path.slice(file.path.lastIndexOf('.') + 1);
  response.setHeader('content-type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
  response.end(file.content);
}

export interface DataFilesIntegration extends AstroIntegration {
  /**
   * Writes every data file into the build output. Called by the search index integration while
   * Pagefind writes its index in its own process (astro.config.ts): the two overlap on two cores.
   */
  writeFiles(dir: URL): Promise<void>;
}

export function dataFilesIntegration(): DataFilesIntegration {
  let siteUrl: URL | undefined;
  let logger: AstroIntegrationLogger | undefined;
  let written = false;
  const integration: DataFilesIntegration = {
    name: 'candor-data-files',
    async writeFiles(dir) {
      written = true;
      // One turn of the event loop first, so the request that starts Pagefind's write leaves
      // this process before the synchronous writes below hold the thread.
      await new Promise((resolve) => setImmediate(resolve));
      const started = performance.now();
      const made = new Set<string>();
      let count = 0;
      // Synchronous writes: the thread has nothing else to do meanwhile, and a promise per file
      // costs more than the write of a 15 KB file.
      for (const file of dataFiles(sharedCollections(), siteUrl)) {
        const target = outputFile(dir, file.path);
        const directory = dirname(target);
        if (!made.has(directory)) {
          mkdirSync(directory, { recursive: true });
          made.add(directory);
        }
        writeFileSync(target, file.content);
        count++;
      }
      logger?.info(
        `${count} data files (downloads, version JSON, feeds) written in ${Math.round(performance.now() - started)} ms`,
      );
    },
    hooks: {
      // Without a search index to write alongside (or if it was removed), the files are written here.
      'astro:build:done': async ({ dir }) => {
        if (!written) await integration.writeFiles(dir);
      },
      'astro:config:done': ({ config, logger: integrationLogger }) => {
        logger = integrationLogger;
        siteUrl = config.site === undefined ? undefined : new URL(config.site);
      },
      // astro dev: the same files from the same function, read through the dev server's own
      // module graph (where astro:content lives) on each request, so edits show up.
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const path = new URL(request.url ?? '/', 'http://dev').pathname;
          if (
            !/^\/(documents\/.+\.json|feeds\/.+\.xml|downloads\/.+\.(gz|json|csv|sha256)|api\/schema\.graphql)$/.test(
              path,
            )
          )
            return next();
          server
            .ssrLoadModule('/src/lib/collections.ts')
            .then(async (module) => {
              const site = await (module.loadCollections as () => Promise<SiteCollections>)();
              for (const file of dataFiles(site, siteUrl)) if (file.path === path) return serve(response, file);
              next();
            })
            .catch(next);
        });
      },
    },
  };
  return integration;
}
