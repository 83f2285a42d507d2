/**
 * Every URL of the site, in one place. Paths are root-relative with a trailing slash (the build
 * writes one directory per page); `absoluteUrl` makes them absolute for feeds, sitemaps and
 * OpenGraph.
 */
import type { SegmentKey } from './entry-types';

const encode = (segment: string): string => encodeURIComponent(segment);

export const homePath = (): string => '/';
export const segmentsPath = (): string => '/segments/';
export const segmentPath = (segment: SegmentKey): string => `/segments/${encode(segment)}/`;
export const segmentChangesPath = (segment: SegmentKey): string => `${segmentPath(segment)}changes/`;
export const documentsPath = (): string => '/documents/';
export const documentPath = (slug: string): string => `/documents/${encode(slug)}/`;
export const versionPath = (slug: string, label: string): string => `/documents/${encode(slug)}/${encode(label)}/`;
export const versionChangesPath = (slug: string, label: string): string => `${versionPath(slug, label)}changes/`;
/**
 * The changes page of a version, or null for a version compared with nothing (a document's first
 * version): it has no changes page, its own page says it is the first.
 */
export const changesPathOf = (version: {
  document: string;
  label: string;
  comparedWithLabel: string | null;
}): string | null => (version.comparedWithLabel === null ? null : versionChangesPath(version.document, version.label));
export const versionJsonPath = (slug: string, label: string): string =>
  `/documents/${encode(slug)}/${encode(label)}.json`;
/** A document's compare page: the pick-two form and the list of comparisons built. */
export const compareIndexPath = (slug: string): string => `${documentPath(slug)}compare/`;
/** The comparison of two versions, older first (only the pairs lib/compare.ts builds). */
export const comparePairPath = (slug: string, from: string, to: string): string =>
  `${compareIndexPath(slug)}${encode(from)}/${encode(to)}/`;
/** The "terms as of a date" page: which version was in force when. */
export const asOfPath = (slug: string): string => `${documentPath(slug)}as-of/`;
/** One clause through the document's history, by its stable key (keys may contain dots: "10.4"). */
export const clauseHistoryPath = (slug: string, key: string): string => `${documentPath(slug)}clauses/${encode(key)}/`;
export const featuresPath = (): string => '/ai-features/';
export const featurePath = (slug: string): string => `/ai-features/${encode(slug)}/`;
export const featureSegmentPath = (slug: string, segment: SegmentKey): string =>
  `/ai-features/${encode(slug)}/${encode(segment)}/`;
/** The id of a revision's entry in a feature's history (feature and feature × segment pages). */
export const revisionAnchor = (number: number): string => `revision-${number}`;
/** A revision's entry in its feature's history. */
export const revisionPath = (slug: string, number: number): string => `${featurePath(slug)}#${revisionAnchor(number)}`;
export const consentPath = (): string => '/consent/';
export const consentSeriesPath = (feature: string, segment: SegmentKey): string =>
  `/consent/${encode(feature)}/${encode(segment)}/`;
export const verifyPath = (): string => '/verify/';
export const searchPath = (): string => '/search/';
export const documentFeedPath = (slug: string): string => `/feeds/documents/${encode(slug)}.xml`;
export const segmentFeedPath = (segment: SegmentKey): string => `/feeds/segments/${encode(segment)}.xml`;
export const featuresFeedPath = (): string => '/feeds/ai-features.xml';
export const checkpointsFeedPath = (): string => '/feeds/checkpoints.xml';

/**
 * The HTML id of a clause on its version page. Keys are 1–32 of `A–Z a–z 0–9 . _ -` today, all
 * safe in ids and fragments; anything else (should the rule ever widen) becomes `_` plus its
 * code point in hex, so two different keys never share an anchor.
 */
export function clauseAnchor(key: string): string {
  const safe = [...key]
    .map((char) => (/^[A-Za-z0-9.-]$/.test(char) ? char : `_${(char.codePointAt(0) ?? 0).toString(16)}_`))
    .join('');
  return `clause-${safe}`;
}

export const clausePath = (slug: string, label: string, key: string): string =>
  `${versionPath(slug, label)}#${clauseAnchor(key)}`;

/** `path` resolved against the site's origin (CANDOR_SITE_URL). */
export function absoluteUrl(site: URL | string | undefined, path: string): string {
  return new URL(path, site ?? 'http://127.0.0.1:4000').href;
}
