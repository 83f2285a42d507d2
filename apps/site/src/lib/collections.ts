/**
 * The one module that reads the content collections for the routes. Route files call
 * loadCollections() in getStaticPaths and hand the result to a pure props builder (page-props.ts);
 * layouts and components only ever receive props.
 */
import { getCollection, getEntry } from 'astro:content';
import type { SiteCollections } from './page-props';
import { shareCollections } from './shared-collections';
import { versionBody } from './version-bodies';

let cached: Promise<SiteCollections> | undefined;

async function read(): Promise<SiteCollections> {
  const [organization, integrity, segments, documents, versions, features, consent] = await Promise.all([
    getEntry('organization', 'organization'),
    getEntry('integrity', 'integrity'),
    getCollection('segments'),
    getCollection('documents'),
    getCollection('versions'),
    getCollection('features'),
    getCollection('consent'),
  ]);
  if (organization === undefined) throw new Error('The organization collection is empty: no organisation was loaded');
  if (integrity === undefined) throw new Error('The integrity collection is empty');
  const byPosition = <T extends { position: number }>(a: T, b: T): number => a.position - b.position;
  const site: SiteCollections = {
    organization: organization.data,
    integrity: integrity.data,
    segments: segments.map((entry) => entry.data).sort(byPosition),
    documents: documents.map((entry) => entry.data).sort(byPosition),
    versions: versions.map((entry) => ({ ...entry.data, ...versionBody(entry.id) })),
    features: features.map((entry) => entry.data).sort(byPosition),
    consent: consent.map((entry) => entry.data),
  };
  // The version JSON files and feeds are written from these after the pages (integrations/data-files.ts).
  shareCollections(site);
  return site;
}

/** Every collection, read once per build. */
export function loadCollections(): Promise<SiteCollections> {
  cached ??= read();
  return cached;
}
