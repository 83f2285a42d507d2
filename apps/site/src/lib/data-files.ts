/**
 * Every file of the site that is pure data (no Astro component): the JSON download of each
 * version and the Atom feeds. They are written straight from the in-memory collections after the
 * pages (integrations/data-files.ts) instead of going through Astro's router, which costs about
 * 1 ms of its own per output (a request, a response, mkdir, write and a log line): at 10,000
 * versions, 10,000 JSON files were ~10 s of a single-threaded build for a JSON.stringify each.
 */
import { checkpointsFeed, documentFeed, featuresFeed, segmentFeed } from './feeds';
import { type SiteCollections, versionsOf } from './page-props';
import { checkpointsFeedPath, documentFeedPath, featuresFeedPath, segmentFeedPath, versionJsonPath } from './urls';
import { versionJson } from './version-json';

export interface DataFile {
  /** The URL path the file is served at (URL-encoded, as in links). */
  path: string;
  content: string;
}

/**
 * One file at a time (a generator), so a 10,000-version site never holds every JSON text at once.
 */
export function* dataFiles(site: SiteCollections, siteUrl: URL | undefined): Generator<DataFile> {
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
