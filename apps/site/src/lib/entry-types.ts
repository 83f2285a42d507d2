/**
 * The types of the content collections' entries, and of their parts that pages and components
 * pass around. None is written out: each is what a pure transform (lib/transform.ts) builds from
 * the operations' results, whose types are generated from the committed SDL
 * (src/generated/operations.ts, `pnpm codegen`). Change an operation or a transform and every
 * page that no longer fits fails `pnpm typecheck`. The SDL descriptions document the fields; the
 * transforms document the ones the site derives (`dataAsOf`, `anchor`, totals, labels …).
 */
import type { ConsentCountField } from '@candor/schema/domain';
import type {
  toConsentSeries,
  toDocuments,
  toFeatures,
  toIntegrity,
  toOrganization,
  toSegments,
  totalOf,
  toVersions,
} from './transform';

/** The data of the one entry a transform builds. */
type EntryData<T extends (...args: never[]) => { data: unknown }> = ReturnType<T>['data'];
/** The data of each entry a transform builds. */
type EntriesData<T extends (...args: never[]) => { data: unknown }[]> = ReturnType<T>[number]['data'];

/** A segment key as the organisation chose it: a slug, also its URL path segment (spelling checked by the transform). */
export type SegmentKey = string;

export type Organization = EntryData<typeof toOrganization>;
export type Segment = EntriesData<typeof toSegments>;

export type Integrity = EntryData<typeof toIntegrity>;
export type BuildCheck = Integrity['buildCheck'];
export type ServerCheck = Integrity['serverCheck'];
export type ChainProblem = ServerCheck['problems'][number];
export type ConsentRelease = Integrity['consentReleases'][number];
export type DefinitionChange = Integrity['definitionChanges'][number];

export type DocumentEntry = EntriesData<typeof toDocuments>;

/** A whole version, as pages see it: its summary (the `versions` collection) and its body (lib/version-bodies.ts). */
export type VersionEntry = EntriesData<typeof toVersions>;
/** The parts of a version kept out of the content-layer store (lib/version-bodies.ts says why). */
export type VersionBody = Pick<VersionEntry, 'explanations' | 'clauses' | 'changes'>;
/** A version as the `versions` collection stores it: everything but its body. */
export type VersionSummaryEntry = Omit<VersionEntry, keyof VersionBody>;
export type VersionTiming = VersionEntry['timing'];
export type Withdrawal = NonNullable<VersionEntry['withdrawal']>;
export type Explanation = VersionBody['explanations'][number];
export type Clause = VersionBody['clauses'][number];
export type ClauseChange = NonNullable<VersionBody['changes']>['changes'][number];
export type WordDiffPart = NonNullable<ClauseChange['bodyDiff']>[number];

export type FeatureEntry = EntriesData<typeof toFeatures>;
export type Revision = FeatureEntry['revisions'][number];
export type RevisionExplanation = Revision['explanations'][number];
export type FactChange = Revision['changes'][number];
export type Facts = FeatureEntry['current'][number];
export type GoverningClause = Facts['governingClauses'][number];

export type ConsentSeries = EntriesData<typeof toConsentSeries>;
export type ConsentRow = ConsentSeries['rows'][number];
export type ConsentCorrection = ConsentRow['corrections'][number];
/** The six counts of one feature × segment × month, as one release or correction published them. */
export type ConsentFigures = ConsentCorrection['previous'];
export type Cell = ConsentFigures[ConsentCountField];
export type Total = ReturnType<typeof totalOf>;
