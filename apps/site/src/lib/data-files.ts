/**
 * Every file of the site that is pure data (no Astro component): the downloads (the archive, its
 * manifest and the CSVs, each with its `.sha256`), the JSON download of each version and the Atom
 * feeds. They are written straight from the in-memory collections after the
 * pages (integrations/data-files.ts) instead of going through Astro's router, which costs about
 * 1 ms of its own per output (a request, a response, mkdir, write and a log line): at 10,000
 * versions, 10,000 JSON files were ~10 s of a single-threaded build for a JSON.stringify each.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sha256Line, siteDownloads } from './downloads';
import { checkpointsFeed, documentFeed, featuresFeed, segmentFeed } from './feeds';
import { sdlPath } from './info-urls';
import { type SiteCollections, versionsOf } from './page-props';
import { checkpointsFeedPath, documentFeedPath, featuresFeedPath, segmentFeedPath, versionJsonPath } from './urls';
import { versionJson } from './version-json';

export interface DataFile {
  /** The URL path the file is served at (URL-encoded, as in links). */
  path: string;
  content: string | Uint8Array;
}

/**
 * One file at a time (a generator), so a 10,000-version site never holds every JSON text at once.
 */
export function* dataFiles(site: SiteCollections, siteUrl: URL | undefined): Generator<DataFile> {
  yield { path: sdlPath(), content: apiSchemaText() };
  // The downloads (lib/downloads.ts) and, beside each, its `sha256sum` line.
  for (const download of siteDownloads(site).all) {
    yield { path: download.path, content: download.bytes };
    yield { path: download.sha256Path, content: sha256Line(download) };
  }
  yield { path: featuresFeedPath(), content: featuresFeed(site, siteUrl) };
  yield { path: checkpointsFeedPath(), content: checkpointsFeed(site, siteUrl) };
  for (const segment of site.segments) {
    yield { path: segmentFeedPath(segment.key), content: segmentFeed(site, siteUrl, segment) };
  }
  for (const document of site.documents) {
    yield { path: documentFeedPath(document.slug), content: documentFeed(site, siteUrl, document) };
    for (const version of versionsOf(site, document)) {
      yield {
        path: versionJsonPath(document.slug, version.label),
        content: versionJson(site.organization, version, document.title),
      };
    }
  }
}

/**
 * The API's schema as committed (packages/schema/schema.graphql, printed by `pnpm schema:print`),
 * so readers can see it without running a query: the API itself serves GraphiQL, not the SDL file.
 */
export function apiSchemaText(): string {
  const entry = createRequire(import.meta.url).resolve('@candor/schema');
  return readFileSync(join(dirname(entry), '..', 'schema.graphql'), 'utf8');
}
