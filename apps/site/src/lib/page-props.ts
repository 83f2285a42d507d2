/**
 * Pure functions from the content collections to the props of each page type (and the static
 * paths of dynamic routes). Route files call these in getStaticPaths; layouts render the result.
 * Everything a page needs is computed here, so no page or component filters or joins data.
 */
import {
  type HomeAnswers,
  homeAnswers,
  materialTimeline,
  type SegmentAnswers,
  segmentAnswers,
  type TimelineEntry,
} from './answers';
import { type CorrectionNote, correctionNotes } from './consent-corrections';
import { type ConsentPanel, consentPanels } from './consent-view';
import type {
  ConsentRelease,
  ConsentRow,
  ConsentSeries,
  DefinitionChange,
  DocumentEntry,
  Explanation,
  FactChange,
  Facts,
  FeatureEntry,
  Integrity,
  Organization,
  Revision,
  RevisionExplanation,
  Segment,
  SegmentKey,
  VersionEntry,
} from './entry-types';
import { factSentence } from './fact-sentences';
import { shortName } from './format';
import { type AddedWording, addedWording, indexesFullText } from './search-scope';
import { searchMeta, searchStatus } from './search-status';
import { revisionPath, segmentPath, versionPath } from './urls';
import { type VerificationView, verificationView } from './verify-view';

export interface SiteCollections {
  organization: Organization;
  integrity: Integrity;
  /** Every segment in display order, retired ones included (their pages stay; activeSegments() for navigation). */
  segments: Segment[];
  documents: DocumentEntry[];
  versions: VersionEntry[];
  features: FeatureEntry[];
  consent: ConsentSeries[];
}

/** What every page's frame needs (the sample-data notice, the data date). */
export interface Chrome {
  organization: Organization;
}

/** The fields of a version that changelogs, feeds and the home page list. */
const SUMMARY_FIELDS = [
  'document',
  'documentTitle',
  'label',
  'timing',
  'material',
  'changeNote',
  'publishedAt',
  'effectiveAt',
  'withdrawal',
  'contentHash',
  'previousHash',
  'importSource',
  'importedAt',
] as const satisfies readonly (keyof VersionEntry)[];

/** A version as listed in changelogs, feeds and on the home page. */
export type VersionSummary = Pick<VersionEntry, (typeof SUMMARY_FIELDS)[number]> & {
  /** The version its stored comparison is with; null for a first version, which has no changes page (changesPathOf). */
  comparedWithLabel: string | null;
};

export interface SegmentChange {
  version: VersionSummary;
  /**
   * The version's explanation for the segment; null when it has none (a version imported from a
   * history that predates Candor is not explained per segment): a change the reader is owed.
   */
  explanation: Explanation | null;
}

/** The fields of a revision that histories, hubs and feeds show (its facts are on the labels). */
const REVISION_FIELDS = [
  'number',
  'timing',
  'changeNote',
  'publishedAt',
  'effectiveAt',
  'material',
  'contentHash',
  'previousHash',
  'comparedWith',
  'rebaseReason',
  'withdrawal',
  // As of the build (the feature page's "Notice given").
  'notice',
] as const satisfies readonly (keyof Revision)[];

export interface FeatureChangeGroup extends Pick<Revision, (typeof REVISION_FIELDS)[number]> {
  feature: { slug: string; name: string; noticePeriodDays: number };
  /**
   * The revision's changes (narrowed to one segment where the page is about one), each with its
   * segment's name and the change as a sentence (lib/fact-sentences.ts).
   */
  changes: (FactChange & { segmentName: string; sentence: string })[];
  /** The segments it changes something for, with the plain-language explanation (narrowed as `changes`). */
  explanations: (RevisionExplanation & { segmentName: string })[];
  /** True for a feature's first revision: its "changes" are the whole first description. */
  first: boolean;
}

/** The latest month of a consent series, as a hub or label shows it. */
export interface ConsentGlance {
  feature: string;
  segment: SegmentKey;
  latest: ConsentRow;
  minimumCellSize: number;
}

/** A version without its clauses and explanations, for lists and feeds. */
export function summarise(version: VersionEntry): VersionSummary {
  return {
    ...(Object.fromEntries(SUMMARY_FIELDS.map((field) => [field, version[field]])) as Omit<
      VersionSummary,
      'comparedWithLabel'
    >),
    comparedWithLabel: version.changes?.fromLabel ?? null,
  };
}

const newestEffectiveFirst = (a: VersionEntry, b: VersionEntry): number =>
  b.effectiveAt.getTime() - a.effectiveAt.getTime() || b.publishedAt.getTime() - a.publishedAt.getTime();

/** A document's published versions, newest first (the API's order). */
export function versionsOf(site: SiteCollections, document: DocumentEntry): VersionEntry[] {
  return document.versionLabels.flatMap((label) => {
    const version = findVersion(site, document.slug, label);
    return version === undefined ? [] : [version];
  });
}

/** `<slug>/<label>` → version, built once per collections object (lookups are O(1), not a scan). */
const versionIndexes = new WeakMap<SiteCollections, Map<string, VersionEntry>>();

export function findVersion(site: SiteCollections, slug: string, label: string): VersionEntry | undefined {
  let index = versionIndexes.get(site);
  if (index === undefined) {
    index = new Map(site.versions.map((version) => [`${version.document}/${version.label}`, version]));
    versionIndexes.set(site, index);
  }
  return index.get(`${slug}/${label}`);
}

/** The segments in use, in display order: what navigation and listings offer (retired ones keep their pages only). */
export function activeSegments(site: SiteCollections): Segment[] {
  return site.segments.filter((segment) => segment.retiredAt === null);
}

/** Slug → document, built once per collections object. */
const documentIndexes = new WeakMap<SiteCollections, Map<string, DocumentEntry>>();

function findDocument(site: SiteCollections, slug: string): DocumentEntry | undefined {
  let index = documentIndexes.get(site);
  if (index === undefined) {
    index = new Map(site.documents.map((document) => [document.slug, document]));
    documentIndexes.set(site, index);
  }
  return index.get(slug);
}

/** Whether the document applies to the segment (its `segments`), so per-segment pages and feeds show it. */
export function documentAppliesTo(document: Pick<DocumentEntry, 'segments'>, segment: SegmentKey): boolean {
  return document.segments.includes(segment);
}

/** Whether the document with this slug applies to the segment (false for a document the site does not have). */
function appliesTo(site: SiteCollections, slug: string, segment: SegmentKey): boolean {
  const document = findDocument(site, slug);
  return document !== undefined && documentAppliesTo(document, segment);
}

/**
 * A feature's facts in force now for one segment, as that segment's pages show them: the governing
 * clauses narrowed to the documents that apply to the segment (a healthcare addendum is not cited
 * to consumers).
 */
export function currentFactsFor(site: SiteCollections, feature: FeatureEntry, segment: SegmentKey): Facts | null {
  const facts = feature.current.find((candidate) => candidate.segment === segment);
  if (facts === undefined) return null;
  return {
    ...facts,
    governingClauses: facts.governingClauses.filter(
      (clause) => findDocument(site, clause.document) === undefined || appliesTo(site, clause.document, segment),
    ),
  };
}

function requireVersion(site: SiteCollections, slug: string, label: string): VersionEntry {
  const version = findVersion(site, slug, label);
  if (version === undefined) throw new Error(`No version ${slug}/${label} in the versions collection`);
  return version;
}

export function explanationFor(version: VersionEntry, segment: SegmentKey): Explanation | undefined {
  return version.explanations.find((explanation) => explanation.segment === segment);
}

/** Slug → title, for naming the document of a governing clause. */
export function documentTitles(site: SiteCollections): Record<string, string> {
  return Object.fromEntries(site.documents.map((document) => [document.slug, document.title]));
}

/** Published versions already in force or past, newest publication first. */
export function latestPublished(site: SiteCollections, count: number): VersionSummary[] {
  return site.versions
    .filter((version) => version.timing !== 'UPCOMING')
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || newestEffectiveFirst(a, b))
    .slice(0, count)
    .map(summarise);
}

/** Published versions not yet in force, soonest first. */
export function upcomingVersions(site: SiteCollections): VersionEntry[] {
  return site.versions
    .filter((version) => version.timing === 'UPCOMING')
    .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
}

/**
 * Every version, of a document that applies to `segment`, whose explanation for the segment says
 * it is affected, or that has no explanation for it (it may change anything), newest effective
 * first.
 */
export function segmentChanges(site: SiteCollections, segment: SegmentKey): SegmentChange[] {
  return [...site.versions].sort(newestEffectiveFirst).flatMap((version): SegmentChange[] => {
    if (!appliesTo(site, version.document, segment)) return [];
    const explanation = explanationFor(version, segment);
    if (explanation === undefined) return [{ version: summarise(version), explanation: null }];
    return explanation.affected ? [{ version: summarise(version), explanation }] : [];
  });
}

/** One revision as a history lists it, narrowed to `segment` (all segments when null). */
export function revisionGroup(
  site: SiteCollections,
  feature: FeatureEntry,
  revision: Revision,
  segment: SegmentKey | null,
): FeatureChangeGroup {
  const titles = documentTitles(site);
  const oldest = feature.revisions.reduce<Revision | undefined>(
    (first, candidate) => (first === undefined || candidate.number < first.number ? candidate : first),
    undefined,
  );
  return {
    ...(Object.fromEntries(REVISION_FIELDS.map((field) => [field, revision[field]])) as Pick<
      Revision,
      (typeof REVISION_FIELDS)[number]
    >),
    feature: { slug: feature.slug, name: feature.name, noticePeriodDays: feature.noticePeriodDays },
    changes: (segment === null
      ? revision.changes
      : revision.changes.filter((change) => change.segment === segment)
    ).map((change) => ({
      ...change,
      segmentName: site.segments.find((candidate) => candidate.key === change.segment)?.name ?? change.segment,
      sentence: factSentence(change, { documentTitles: titles }),
    })),
    explanations: revision.explanations
      .filter((explanation) => explanation.affected && (segment === null || explanation.segment === segment))
      .map((explanation) => ({
        ...explanation,
        segmentName:
          site.segments.find((candidate) => candidate.key === explanation.segment)?.name ?? explanation.segment,
      })),
    first: revision.number === oldest?.number,
  };
}

/**
 * Feature revisions that change something for `segment` (all segments when null): a field change
 * or an explanation that says the segment is affected. Newest effective first; scheduled and
 * withdrawn revisions are included and marked (their timing).
 */
export function featureChanges(site: SiteCollections, segment: SegmentKey | null): FeatureChangeGroup[] {
  return site.features
    .flatMap((feature) => feature.revisions.map((revision) => revisionGroup(site, feature, revision, segment)))
    .filter((group) => group.changes.length > 0 || group.explanations.length > 0)
    .sort(
      (a, b) => b.effectiveAt.getTime() - a.effectiveAt.getTime() || b.publishedAt.getTime() - a.publishedAt.getTime(),
    );
}

/** Scheduled revisions (published, not yet in effect, not withdrawn) for `segment` (all when null), soonest first. */
export function upcomingFeatureChanges(site: SiteCollections, segment: SegmentKey | null): FeatureChangeGroup[] {
  return featureChanges(site, segment)
    .filter((group) => group.timing === 'UPCOMING')
    .sort(
      (a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.publishedAt.getTime() - b.publishedAt.getTime(),
    );
}

export function consentSeriesFor(
  site: SiteCollections,
  feature: string,
  segment: SegmentKey,
): ConsentSeries | undefined {
  return site.consent.find((series) => series.feature === feature && series.segment === segment);
}

export function consentGlance(series: ConsentSeries | undefined): ConsentGlance | null {
  const latest = series?.rows[series.rows.length - 1];
  if (series === undefined || latest === undefined) return null;
  return { feature: series.feature, segment: series.segment, latest, minimumCellSize: series.minimumCellSize };
}

function requireSegment(site: SiteCollections, key: SegmentKey): Segment {
  const segment = site.segments.find((candidate) => candidate.key === key);
  if (segment === undefined) throw new Error(`No segment ${key}`);
  return segment;
}

/* Home ---------------------------------------------------------------------------------------- */

export interface HomeProps extends Chrome {
  segments: Segment[];
  documents: Pick<DocumentEntry, 'slug' | 'title' | 'description' | 'currentLabel'>[];
  features: Pick<FeatureEntry, 'slug' | 'name' | 'description'>[];
  /** The answers the page starts with, for a reader who has not picked a segment (lib/answers.ts). */
  answers: HomeAnswers;
  /** Material changes, newest first. */
  timeline: TimelineEntry[];
}

export function homeProps(site: SiteCollections): HomeProps {
  return {
    organization: site.organization,
    segments: activeSegments(site),
    documents: site.documents.map(({ slug, title, description, currentLabel }) => ({
      slug,
      title,
      description,
      currentLabel,
    })),
    features: site.features.map(({ slug, name, description }) => ({ slug, name, description })),
    answers: homeAnswers(site, segmentPath),
    timeline: materialTimeline(site, null),
  };
}

/* Segments ------------------------------------------------------------------------------------ */

export interface SegmentsIndexProps extends Chrome {
  segments: Segment[];
}

export function segmentsIndexProps(site: SiteCollections): SegmentsIndexProps {
  return { organization: site.organization, segments: activeSegments(site) };
}

export interface HubDocument {
  slug: string;
  title: string;
  current: { label: string; effectiveAt: Date; explanation: Explanation | null } | null;
}

export interface HubFeature {
  slug: string;
  name: string;
  facts: Facts | null;
  consent: ConsentGlance | null;
}

export interface SegmentHubProps extends Chrome {
  segment: Segment;
  documents: HubDocument[];
  features: HubFeature[];
  upcoming: SegmentChange[];
  /** Scheduled AI-feature revisions that change something for the segment, soonest first. */
  upcomingFeatureChanges: FeatureChangeGroup[];
  recent: SegmentChange[];
  featureChanges: FeatureChangeGroup[];
  documentTitles: Record<string, string>;
  /** The answers the hub starts with (lib/answers.ts). */
  answers: SegmentAnswers;
  /** Material changes for the segment, newest first. */
  timeline: TimelineEntry[];
}

/** How many past changes the hub lists before pointing to the segment's changelog. */
const HUB_RECENT_CHANGES = 3;

/** The documents a segment's hub lists: those in use that apply to it. */
const hubDocuments = (site: SiteCollections, segment: SegmentKey): DocumentEntry[] =>
  site.documents.filter((document) => document.retiredAt === null && documentAppliesTo(document, segment));

export function segmentHubPaths(site: SiteCollections): { params: { segment: SegmentKey }; props: SegmentHubProps }[] {
  return site.segments.map((segment) => {
    const changes = segmentChanges(site, segment.key);
    return {
      params: { segment: segment.key },
      props: {
        organization: site.organization,
        segment,
        documents: hubDocuments(site, segment.key).map((document) => {
          const current =
            document.currentLabel === null ? undefined : findVersion(site, document.slug, document.currentLabel);
          return {
            slug: document.slug,
            title: document.title,
            current:
              current === undefined
                ? null
                : {
                    label: current.label,
                    effectiveAt: current.effectiveAt,
                    explanation: explanationFor(current, segment.key) ?? null,
                  },
          };
        }),
        features: site.features.map((feature) => ({
          slug: feature.slug,
          name: feature.name,
          facts: currentFactsFor(site, feature, segment.key),
          consent: consentGlance(consentSeriesFor(site, feature.slug, segment.key)),
        })),
        upcoming: changes.filter((change) => change.version.timing === 'UPCOMING'),
        upcomingFeatureChanges: upcomingFeatureChanges(site, segment.key),
        recent: changes
          .filter((change) => change.version.timing !== 'UPCOMING' && change.version.timing !== 'WITHDRAWN')
          .slice(0, HUB_RECENT_CHANGES),
        featureChanges: featureChanges(site, segment.key)
          .filter((group) => !group.first && (group.timing === 'IN_FORCE' || group.timing === 'SUPERSEDED'))
          .slice(0, HUB_RECENT_CHANGES),
        documentTitles: documentTitles(site),
        answers: segmentAnswers(site, segment),
        timeline: materialTimeline(site, segment.key),
      },
    };
  });
}

export interface SegmentChangesProps extends Chrome {
  segment: Segment;
  changes: SegmentChange[];
  featureChanges: FeatureChangeGroup[];
}

export function segmentChangesPaths(
  site: SiteCollections,
): { params: { segment: SegmentKey }; props: SegmentChangesProps }[] {
  return site.segments.map((segment) => ({
    params: { segment: segment.key },
    props: {
      organization: site.organization,
      segment,
      changes: segmentChanges(site, segment.key),
      featureChanges: featureChanges(site, segment.key),
    },
  }));
}

/* Documents ----------------------------------------------------------------------------------- */

export interface DocumentsIndexProps extends Chrome {
  documents: { document: DocumentEntry; current: VersionSummary | null; upcoming: VersionSummary[]; count: number }[];
}

export function documentsIndexProps(site: SiteCollections): DocumentsIndexProps {
  return {
    organization: site.organization,
    documents: site.documents.map((document) => {
      const current =
        document.currentLabel === null ? undefined : findVersion(site, document.slug, document.currentLabel);
      return {
        document,
        current: current === undefined ? null : summarise(current),
        upcoming: document.upcomingLabels.map((label) => summarise(requireVersion(site, document.slug, label))),
        count: document.versionLabels.length,
      };
    }),
  };
}

export interface DocumentProps extends Chrome {
  document: DocumentEntry;
  /** Every published version, newest first. */
  versions: VersionSummary[];
  current: VersionSummary | null;
  upcoming: VersionSummary[];
  /** The segments it applies to, in display order (retired ones included: it still applied to them). */
  appliesTo: Segment[];
}

export function documentPaths(site: SiteCollections): { params: { slug: string }; props: DocumentProps }[] {
  return site.documents.map((document) => {
    const versions = versionsOf(site, document).map(summarise);
    return {
      params: { slug: document.slug },
      props: {
        organization: site.organization,
        document,
        versions,
        current: versions.find((version) => version.label === document.currentLabel) ?? null,
        upcoming: document.upcomingLabels.flatMap((label) => versions.filter((version) => version.label === label)),
        appliesTo: site.segments.filter((segment) => documentAppliesTo(document, segment.key)),
      },
    };
  });
}

export interface VersionProps extends Chrome {
  document: DocumentEntry;
  version: VersionEntry;
  segments: Segment[];
  previous: VersionSummary | null;
  next: VersionSummary | null;
  /** The version whose content hash this one's previousHash is: the one published before it (publication order). */
  chainPrevious: VersionSummary | null;
  /** Whether the full text is in the search index (lib/search-scope.ts). */
  fullTextSearchable: boolean;
  /** What search finds of the text instead, when it is not: the wording this version added. */
  addedWording: AddedWording[];
  /** The page's `data-pagefind-meta`: its status in words and its standing for ranking (lib/search-status.ts). */
  searchMeta: string;
}

type VersionPath = { params: { slug: string; label: string }; props: VersionProps };

/** Built once per collections object: the version pages and their comparisons share it. */
const versionPathLists = new WeakMap<SiteCollections, VersionPath[]>();

export function versionPaths(site: SiteCollections): VersionPath[] {
  let paths = versionPathLists.get(site);
  if (paths === undefined) {
    paths = buildVersionPaths(site);
    versionPathLists.set(site, paths);
  }
  return paths;
}

function buildVersionPaths(site: SiteCollections): VersionPath[] {
  return site.documents.flatMap((document) => {
    const versions = versionsOf(site, document);
    const byHash = new Map(versions.map((version) => [version.contentHash, version]));
    return versions.map((version) => {
      const previous =
        version.previousLabel === null ? undefined : findVersion(site, document.slug, version.previousLabel);
      const next = version.nextLabel === null ? undefined : findVersion(site, document.slug, version.nextLabel);
      const chainPrevious = version.previousHash === null ? undefined : byHash.get(version.previousHash);
      return {
        params: { slug: document.slug, label: version.label },
        props: {
          organization: site.organization,
          document,
          version,
          segments: site.segments,
          previous: previous === undefined ? null : summarise(previous),
          next: next === undefined ? null : summarise(next),
          chainPrevious: chainPrevious === undefined ? null : summarise(chainPrevious),
          fullTextSearchable: indexesFullText(version),
          addedWording: indexesFullText(version) ? [] : addedWording(version),
          searchMeta: searchMeta(searchStatus(version, versions)),
        },
      };
    });
  });
}

export interface VersionChangesProps extends Chrome {
  document: DocumentEntry;
  version: VersionEntry;
  /** The version the stored comparison is with (`changes.from`), null for a first version. */
  comparedWith: VersionSummary | null;
}

/** The version a version's stored comparison is with (`changes.from`). */
function comparedWith(site: SiteCollections, version: VersionEntry): VersionSummary | null {
  const label = version.changes?.fromLabel ?? null;
  const found = label === null ? undefined : findVersion(site, version.document, label);
  return found === undefined ? null : summarise(found);
}

export function versionChangesPaths(
  site: SiteCollections,
): { params: { slug: string; label: string }; props: VersionChangesProps }[] {
  // A first version (nothing before it to compare with) has no changes page: its page says it is the first.
  return versionPaths(site).flatMap(({ params, props }) =>
    props.version.changes?.fromLabel == null
      ? []
      : [
          {
            params,
            props: {
              organization: props.organization,
              document: props.document,
              version: props.version,
              comparedWith: comparedWith(site, props.version),
            },
          },
        ],
  );
}

/* AI features --------------------------------------------------------------------------------- */

export interface FeaturesIndexProps extends Chrome {
  features: (Pick<FeatureEntry, 'slug' | 'name' | 'description'> & {
    bySegment: { segment: Segment; facts: Facts | null }[];
    /** Scheduled revisions, soonest first. */
    upcoming: FeatureChangeGroup[];
  })[];
}

export function featuresIndexProps(site: SiteCollections): FeaturesIndexProps {
  const upcoming = upcomingFeatureChanges(site, null);
  return {
    organization: site.organization,
    features: site.features.map((feature) => ({
      slug: feature.slug,
      name: feature.name,
      description: feature.description,
      upcoming: upcoming.filter((group) => group.feature.slug === feature.slug),
      bySegment: activeSegments(site).map((segment) => ({
        segment,
        facts: currentFactsFor(site, feature, segment.key),
      })),
    })),
  };
}

export interface FeatureProps extends Chrome {
  feature: Pick<FeatureEntry, 'slug' | 'name' | 'description' | 'noticePeriodDays'>;
  /** One label per segment, in segment order. */
  labels: { segment: Segment; facts: Facts | null; consent: ConsentGlance | null }[];
  /** Scheduled revisions, soonest first, with the explanation for each segment they change. */
  upcoming: FeatureChangeGroup[];
  /** Every published revision (scheduled and withdrawn ones included), newest first, with all its changes. */
  revisions: FeatureChangeGroup[];
  documentTitles: Record<string, string>;
}

export function featurePaths(site: SiteCollections): { params: { slug: string }; props: FeatureProps }[] {
  return site.features.map((feature) => ({
    params: { slug: feature.slug },
    props: {
      organization: site.organization,
      feature: {
        slug: feature.slug,
        name: feature.name,
        description: feature.description,
        noticePeriodDays: feature.noticePeriodDays,
      },
      labels: activeSegments(site).map((segment) => ({
        segment,
        facts: currentFactsFor(site, feature, segment.key),
        consent: consentGlance(consentSeriesFor(site, feature.slug, segment.key)),
      })),
      upcoming: upcomingFeatureChanges(site, null).filter((group) => group.feature.slug === feature.slug),
      // Every revision, even one that changed no field (its history entry still carries its hashes).
      revisions: feature.revisions.map((revision) => revisionGroup(site, feature, revision, null)),
      documentTitles: documentTitles(site),
    },
  }));
}

export interface FeatureSegmentProps extends Chrome {
  feature: Pick<FeatureEntry, 'slug' | 'name' | 'description' | 'noticePeriodDays'>;
  segment: Segment;
  otherSegments: Segment[];
  facts: Facts | null;
  /** Scheduled revisions that change something for this segment, soonest first. */
  upcoming: FeatureChangeGroup[];
  /** Revisions that changed (or will change) something for this segment, newest first. */
  history: FeatureChangeGroup[];
  documentTitles: Record<string, string>;
  consent: ConsentGlance | null;
}

export function featureSegmentPaths(
  site: SiteCollections,
): { params: { slug: string; segment: SegmentKey }; props: FeatureSegmentProps }[] {
  return site.features.flatMap((feature) =>
    site.segments.map((segment) => ({
      params: { slug: feature.slug, segment: segment.key },
      props: {
        organization: site.organization,
        feature: {
          slug: feature.slug,
          name: feature.name,
          description: feature.description,
          noticePeriodDays: feature.noticePeriodDays,
        },
        segment,
        otherSegments: activeSegments(site).filter((other) => other.key !== segment.key),
        facts: currentFactsFor(site, feature, segment.key),
        upcoming: upcomingFeatureChanges(site, segment.key).filter((group) => group.feature.slug === feature.slug),
        history: featureChanges(site, segment.key).filter((group) => group.feature.slug === feature.slug),
        documentTitles: documentTitles(site),
        consent: consentGlance(consentSeriesFor(site, feature.slug, segment.key)),
      },
    })),
  );
}

/* Consent ------------------------------------------------------------------------------------- */

/** The counts /consent/ shows of each series' latest month, in column order. */
export const GLANCE_FIELDS = ['accountsEligible', 'ownersEnabled'] as const;

export interface ConsentIndexProps extends Chrome {
  features: {
    slug: string;
    name: string;
    series: { segment: Segment; series: ConsentSeries; latest: ConsentRow | null }[];
    /** The corrections that changed a count the table shows (of a latest month). */
    corrections: CorrectionNote[];
  }[];
  minimumCellSize: number | null;
  /** Every release of the statistics, newest first, with its hash in the consent-releases chain. */
  releases: ConsentRelease[];
}

export function consentIndexProps(site: SiteCollections): ConsentIndexProps {
  return {
    organization: site.organization,
    releases: [...site.integrity.consentReleases].reverse(),
    features: site.features.map((feature) => {
      const series = activeSegments(site).flatMap((segment) => {
        const found = consentSeriesFor(site, feature.slug, segment.key);
        return found === undefined
          ? []
          : [{ segment, series: found, latest: found.rows[found.rows.length - 1] ?? null }];
      });
      return {
        slug: feature.slug,
        name: feature.name,
        series,
        corrections: series.flatMap(({ segment, latest }) =>
          latest === null
            ? []
            : correctionNotes([latest], GLANCE_FIELDS, { segmentName: shortName(segment.name), elsewhere: null }),
        ),
      };
    }),
    minimumCellSize: site.consent[0]?.minimumCellSize ?? null,
  };
}

export interface ConsentSeriesProps extends Chrome {
  series: ConsentSeries;
  segment: Segment;
  facts: Facts | null;
  /** Each chart with its table, and the corrections that changed a figure of that table. */
  panels: (ConsentPanel & { corrections: CorrectionNote[] })[];
}

function factsOfSeries(site: SiteCollections, series: ConsentSeries): Facts | null {
  const feature = site.features.find((candidate) => candidate.slug === series.feature);
  return feature === undefined ? null : currentFactsFor(site, feature, series.segment);
}

export function consentSeriesPaths(
  site: SiteCollections,
): { params: { feature: string; segment: SegmentKey }; props: ConsentSeriesProps }[] {
  return site.consent.map((series) => {
    const segment = requireSegment(site, series.segment);
    const panels = consentPanels(series, series.featureName, segment.name);
    return {
      params: { feature: series.feature, segment: series.segment },
      props: {
        organization: site.organization,
        series,
        segment,
        facts: factsOfSeries(site, series),
        panels: panels.map((panel, index) => ({
          ...panel,
          corrections: correctionNotes(series.rows, panel.fields, {
            segmentName: shortName(segment.name),
            // The first table also lists the corrections no other table shows a change of.
            elsewhere: index === 0 ? panels.slice(1).flatMap((other) => other.fields) : null,
          }),
        })),
      },
    };
  });
}

/* Verify -------------------------------------------------------------------------------------- */

export interface ChainLink extends VersionSummary {
  /** Whether previousHash equals the contentHash of the link before (null for the first, which must have none). */
  linked: boolean;
}

/** A revision in its feature's chain, as /verify/ lists it. */
export interface RevisionLink {
  number: number;
  timing: Revision['timing'];
  publishedAt: Date;
  contentHash: string;
  previousHash: string | null;
  linked: boolean;
}

/** A withdrawal in the withdrawals chain: what it withdrew, and its own hashes. */
export interface WithdrawalLink {
  /** "version" of a document or "revision" of an AI feature. */
  kind: 'version' | 'revision';
  /** The document or feature's title or name. */
  subjectName: string;
  /** The withdrawn version's label, or the revision number in decimal. */
  record: string;
  /** The page of the withdrawn record. */
  href: string;
  withdrawnAt: Date;
  reason: string;
  contentHash: string | null;
  previousHash: string | null;
  linked: boolean;
}

export interface VerifyProps extends Chrome {
  integrity: Integrity;
  view: VerificationView;
  /** The build's document chains, link by link. */
  chains: { document: DocumentEntry; links: ChainLink[] }[];
  /** Each feature's revision chain, link by link, as the pages publish it. */
  featureChains: { feature: Pick<FeatureEntry, 'slug' | 'name'>; links: RevisionLink[] }[];
  /** The withdrawals chain, oldest first, as the pages publish it. */
  withdrawals: WithdrawalLink[];
  /** The consent-releases chain, oldest first. */
  consentReleases: (ConsentRelease & { linked: boolean })[];
  /** The definitions chain (changes to the profile, segments, documents and features), oldest first. */
  definitionChanges: (DefinitionChange & { linked: boolean })[];
  /** Slug → document title and slug → feature name, to name the chains of the server's report. */
  subjectNames: { document: Record<string, string>; feature: Record<string, string> };
}

/** Whether each record points at the one before (the first at nothing), in chain order. */
function linkUp<T extends { contentHash: string | null; previousHash: string | null }>(
  ordered: readonly T[],
): (T & { linked: boolean })[] {
  return ordered.map((record, index) => {
    const before = ordered[index - 1];
    return {
      ...record,
      linked: before === undefined ? record.previousHash === null : record.previousHash === before.contentHash,
    };
  });
}

/**
 * A document's versions in chain order (oldest publication first, as the API hashes them), each
 * marked with whether it points at the one before: a check any reader can repeat from the page.
 */
export function chainOf(site: SiteCollections, document: DocumentEntry): ChainLink[] {
  const ordered = versionsOf(site, document).sort(
    (a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.effectiveAt.getTime() - b.effectiveAt.getTime(),
  );
  return linkUp(ordered.map(summarise));
}

/** A feature's revisions in chain order (publication, then number: the API's order). */
export function revisionChainOf(feature: FeatureEntry): RevisionLink[] {
  const ordered = [...feature.revisions].sort(
    (a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.number - b.number,
  );
  return linkUp(
    ordered.map(({ number, timing, publishedAt, contentHash, previousHash }) => ({
      number,
      timing,
      publishedAt,
      contentHash,
      previousHash,
    })),
  );
}

/** Every withdrawal the pages show (of versions and of revisions), in the order they were made. */
export function withdrawalChain(site: SiteCollections): WithdrawalLink[] {
  const titles = documentTitles(site);
  const fromVersions = site.versions.flatMap((version) =>
    version.withdrawal === null
      ? []
      : [
          {
            kind: 'version' as const,
            subjectName: titles[version.document] ?? version.document,
            record: version.label,
            href: versionPath(version.document, version.label),
            ...version.withdrawal,
          },
        ],
  );
  const fromRevisions = site.features.flatMap((feature) =>
    feature.revisions.flatMap((revision) =>
      revision.withdrawal === null
        ? []
        : [
            {
              kind: 'revision' as const,
              subjectName: feature.name,
              record: String(revision.number),
              href: revisionPath(feature.slug, revision.number),
              ...revision.withdrawal,
            },
          ],
    ),
  );
  const ordered = [...fromVersions, ...fromRevisions].sort(
    (a, b) =>
      a.withdrawnAt.getTime() - b.withdrawnAt.getTime() ||
      // Same instant: the one the other links to comes first.
      (b.previousHash !== null && b.previousHash === a.contentHash ? -1 : 0) ||
      (a.previousHash !== null && a.previousHash === b.contentHash ? 1 : 0),
  );
  return linkUp(ordered);
}

export function verifyProps(site: SiteCollections): VerifyProps {
  return {
    organization: site.organization,
    integrity: site.integrity,
    view: verificationView(site.integrity),
    chains: site.documents.map((document) => ({ document, links: chainOf(site, document) })),
    featureChains: site.features.map((feature) => ({
      feature: { slug: feature.slug, name: feature.name },
      links: revisionChainOf(feature),
    })),
    withdrawals: withdrawalChain(site),
    consentReleases: linkUp(site.integrity.consentReleases),
    definitionChanges: linkUp(site.integrity.definitionChanges),
    subjectNames: {
      document: documentTitles(site),
      feature: Object.fromEntries(site.features.map((feature) => [feature.slug, feature.name])),
    },
  };
}
