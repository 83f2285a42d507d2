/**
 * The Zod schema of every content collection (content.config.ts wires them to their loaders).
 * They use Astro's own Zod (`astro/zod`, Zod 3), the one the content layer validates and infers
 * types with; the site's Zod 4 dependency is used for the environment only (env.ts).
 * The shapes follow the GraphQL operations in src/operations/ closely, so a reader who knows the
 * partner API recognises every field.
 */
import { CHAIN_KINDS, isSegmentKey } from '@candor/schema/domain';
import { z } from 'astro/zod';
import type { VersionBody } from './version-body-schema';

/**
 * A segment key as the organisation chose it (`segments { key }`): a slug, also its URL path
 * segment. Which keys exist is data; only their spelling is checked here (isSegmentKey, the
 * rule the API validates them with).
 */
export const SegmentKeySchema = z
  .string()
  .refine(isSegmentKey, (key) => ({ message: `not a segment key (lowercase words joined by hyphens): "${key}"` }));
export type SegmentKey = string;

export const OrganizationSchema = z.object({
  /** Stable identifier of the organisation. */
  slug: z.string(),
  /** Display name, e.g. "Northwind Meetings (sample)". */
  name: z.string(),
  /** One paragraph about the organisation. */
  description: z.string(),
  /** The organisation's own website. */
  website: z.string(),
  /** The registered name; empty when it is the name. */
  legalName: z.string(),
  /** Where readers send questions about the terms: an e-mail or a web address (empty when none given). */
  contactEmail: z.string(),
  /** True while the fictional sample organisation is loaded: every page then shows `sampleNotice`. */
  isSample: z.boolean(),
  /** The sentence to show wherever sample data is displayed (null for real data). */
  sampleNotice: z.string().nullable(),
  /** The instant the build read the data at ("current" and "upcoming" are relative to it). */
  dataAsOf: z.date(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const SegmentSchema = z.object({
  /** The segment key, also its URL slug. */
  key: SegmentKeySchema,
  /** Display name, e.g. "Education (schools and universities)". */
  name: z.string(),
  /** Who belongs to the segment. */
  description: z.string(),
  /** 0-based display order. */
  position: z.number().int(),
  /** When the organisation stopped using it: its pages stay for the history, out of the navigation. */
  retiredAt: z.date().nullable(),
});
export type Segment = z.infer<typeof SegmentSchema>;

const CheckpointSchema = z.object({
  /** Increases by one with every public write (publication, withdrawal, consent release). */
  sequence: z.number().int(),
  /** When the checkpoint was signed. */
  issuedAt: z.date(),
  /** First 16 hex digits of the SHA-256 of the public key that signed it. */
  keyId: z.string(),
  /** Canonical JSON (candor-checkpoint/2, every chain's count and head hash): the signed bytes. */
  payload: z.string(),
  /** Base64 Ed25519 signature over the payload. */
  signature: z.string(),
});

/** The chain kinds (packages/schema domain/chains.ts), in the order /verify/ lists them. */
export { CHAIN_KINDS };
export const ChainKindSchema = z.enum(CHAIN_KINDS);
export type ChainKind = z.infer<typeof ChainKindSchema>;

const ChainProblemSchema = z.object({
  /** The chain's name ("document/<slug>", "feature/<slug>", "withdrawals", "consent-releases"); null when about no one chain. */
  chain: z.string().nullable(),
  /** The record at fault (a version label, a revision number …), when the problem is in one record. */
  record: z.string().nullable(),
  /** Stable problem code (HASH_MISMATCH, BROKEN_LINK, UNCHAINED, TRUNCATED, REWRITTEN, ADDED …). */
  code: z.string(),
  /** Human-readable description. */
  message: z.string(),
});
export type ChainProblem = z.infer<typeof ChainProblemSchema>;

/** The build's own recomputation of every hash and link of the document chains, over the versions it publishes (chain-check.ts). */
export const BuildCheckSchema = z.object({
  /** True when every hash and link checked out. */
  ok: z.boolean(),
  /** One report per document chain. */
  chains: z.array(
    z.object({
      /** "document/<slug>". */
      chain: z.string(),
      /** Published versions in the chain. */
      count: z.number().int(),
      /** contentHash of the newest link. */
      headHash: z.string().nullable(),
      /** Whether this chain verified. */
      ok: z.boolean(),
    }),
  ),
  /** Every problem found (none when ok). */
  problems: z.array(ChainProblemSchema),
});
export type BuildCheck = z.infer<typeof BuildCheckSchema>;

/** The server's `integrity.verify`: every chain of every kind, and its database against its latest signed checkpoint. */
export const ServerCheckSchema = z.object({
  /** True when every chain verified and the database matches the latest checkpoint exactly. */
  ok: z.boolean(),
  /** Sequence of the server's latest stored checkpoint, which the database was compared with (null: none issued). */
  checkpointSequence: z.number().int().nullable(),
  /** One report per chain, in chain-name order. */
  chains: z.array(
    z.object({
      /** The chain's name, e.g. "feature/meeting-summary". */
      chain: z.string(),
      /** document, feature, withdrawals, consent-releases or definitions. */
      kind: ChainKindSchema,
      /** The document or feature slug for those kinds; null for the shared chains. */
      subject: z.string().nullable(),
      /** Records in the chain. */
      count: z.number().int(),
      /** contentHash of the newest record; null for an empty chain. */
      headHash: z.string().nullable(),
      /** Whether this chain verified (every hash and link). */
      ok: z.boolean(),
    }),
  ),
  /** Every problem found, those about the checkpoint comparison included (none when ok). */
  problems: z.array(ChainProblemSchema),
});
export type ServerCheck = z.infer<typeof ServerCheckSchema>;

export const IntegritySchema = z.object({
  /** Identifies the current signing key. */
  keyId: z.string(),
  /** Ed25519 public key (SPKI PEM) that signs checkpoints. */
  publicKeyPem: z.string(),
  /** The most recent signed checkpoint, if any was issued. */
  latestCheckpoint: CheckpointSchema.nullable(),
  /** The most recent signed checkpoints (up to 100), newest first, for the checkpoint feed. */
  checkpoints: z.array(CheckpointSchema),
  /** The build's own check of the document chains, over the text its pages show. */
  buildCheck: BuildCheckSchema,
  /** The server's verification of every chain and of its latest checkpoint, as read at build time. */
  serverCheck: ServerCheckSchema,
  /** Every change to what the organisation defines, oldest first (the definitions chain). */
  definitionChanges: z.array(
    z.object({
      /** organization, segment, document or feature. */
      subject: z.string(),
      /** The slug or segment key of what changed. */
      key: z.string(),
      /** created, updated or retired. */
      action: z.string(),
      /** When the change was made. */
      at: z.date(),
      /** SHA-256 (hex) of the change's canonical form (candor-definition/1), which includes previousHash. */
      contentHash: z.string(),
      /** contentHash of the change before it; null for the first. */
      previousHash: z.string().nullable(),
    }),
  ),
  /** Every release of the consent statistics, oldest first (the consent-releases chain). */
  consentReleases: z.array(
    z.object({
      /** RELEASE (new figures) or CORRECTION (replaces figures an earlier record published). */
      kind: z.enum(['RELEASE', 'CORRECTION']),
      /** Why a correction corrects; null for a release. */
      reason: z.string().nullable(),
      /** The canonical form its contentHash is computed over (candor-consent-release/1 or candor-consent-correction/1). */
      format: z.string(),
      /** When the release was published. */
      releasedAt: z.date(),
      /** Feature × segment × month rows in the release. */
      rowCount: z.number().int(),
      /** Counts below this were suppressed in the release (and hashed suppressed). */
      minimumCellSize: z.number().int(),
      /** SHA-256 (hex) of the release's canonical form (candor-consent-release/1), which includes previousHash. */
      contentHash: z.string(),
      /** contentHash of the release before it; null for the first. */
      previousHash: z.string().nullable(),
    }),
  ),
});
export type Integrity = z.infer<typeof IntegritySchema>;
export type ConsentRelease = Integrity['consentReleases'][number];
export type DefinitionChange = Integrity['definitionChanges'][number];

export const DocumentSchema = z.object({
  /** Stable slug, also the URL segment. */
  slug: z.string(),
  /** e.g. "Terms of Service". */
  title: z.string(),
  /** What the document covers. */
  description: z.string(),
  /** terms, privacy, acceptable-use, data-processing-addendum, subprocessor-list, ai-terms, cookie-policy or other. */
  kind: z.string(),
  /** Keys of the segments it applies to, in display order: only their hubs, changelogs and feeds show it. */
  segments: z.array(SegmentKeySchema),
  /** When the organisation stopped using it; its published versions stay readable. */
  retiredAt: z.date().nullable(),
  /** Material changes take effect no earlier than publication plus this many days. */
  noticePeriodDays: z.number().int(),
  /** 0-based display order. */
  position: z.number().int(),
  /** Label of the version in force at build time (null before the first takes effect). */
  currentLabel: z.string().nullable(),
  /** Labels of published versions not yet in force, soonest first. */
  upcomingLabels: z.array(z.string()),
  /** Labels of every published version, newest first (by effective date). */
  versionLabels: z.array(z.string()),
});
export type DocumentEntry = z.infer<typeof DocumentSchema>;

/** The withdrawal of a version or an AI-feature revision: itself a record of the `withdrawals` chain. */
export const WithdrawalSchema = z.object({
  /** Why it was withdrawn, as the publisher stated it. */
  reason: z.string(),
  /** When it was withdrawn. */
  withdrawnAt: z.date(),
  /** SHA-256 (hex) of the withdrawal's canonical form (candor-withdrawal/1), which includes previousHash. */
  contentHash: z.string().nullable(),
  /** contentHash of the withdrawal before it in the chain; null for the first. */
  previousHash: z.string().nullable(),
});
export type Withdrawal = z.infer<typeof WithdrawalSchema>;

export const VersionTimingSchema = z.enum(['UPCOMING', 'IN_FORCE', 'SUPERSEDED', 'WITHDRAWN']);
export type VersionTiming = z.infer<typeof VersionTimingSchema>;

/** A version as the `versions` collection stores it: everything but its text, explanations and changes. */
export const VersionSummarySchema = z.object({
  /** Slug of the document this version belongs to. */
  document: z.string(),
  /** Title of that document (for headings and feeds). */
  documentTitle: z.string(),
  /** Unique within the document; used in URLs. */
  label: z.string(),
  /** Where the version stands relative to the build time. */
  timing: VersionTimingSchema,
  /** A material change must respect the document's notice period. */
  material: z.boolean(),
  /** The editors' note on what changed. */
  changeNote: z.string(),
  /** When the public could first read it. */
  publishedAt: z.date(),
  /** When it binds. */
  effectiveAt: z.date(),
  /** SHA-256 (hex) of the canonical serialisation, which includes previousHash. */
  contentHash: z.string(),
  /** contentHash of the previous published version; null for the first. */
  previousHash: z.string().nullable(),
  /** Where an imported version came from (e.g. "git:<commit>:<path>"); null for versions published in Candor. */
  importSource: z.string().nullable(),
  /** When it was imported into Candor; null for versions published in Candor. Its other dates come from the source. */
  importedAt: z.date().nullable(),
  /** Set when the version was withdrawn before it took effect. */
  withdrawal: WithdrawalSchema.nullable(),
  /** Label of the previous published version of the same document. */
  previousLabel: z.string().nullable(),
  /** Label of the next published version of the same document. */
  nextLabel: z.string().nullable(),
});
export type VersionSummaryEntry = z.infer<typeof VersionSummarySchema>;

/** A whole version, as pages see it: its summary and its body (lib/version-body-schema.ts). */
export type VersionEntry = VersionSummaryEntry & VersionBody;

export const GoverningClauseSchema = z.object({
  /** Document slug of the clause. */
  document: z.string(),
  /** Stable clause key. */
  key: z.string(),
  /** Where it resolved: the version that was in force when the facts were read (null if it did not resolve). */
  versionLabel: z.string().nullable(),
  /** Displayed number in that version. */
  number: z.string().nullable(),
  /** Heading in that version. */
  heading: z.string().nullable(),
});
export type GoverningClause = z.infer<typeof GoverningClauseSchema>;

export const FactsSchema = z.object({
  /** The segment these facts are for. */
  segment: SegmentKeySchema,
  /** What the feature does, in plain language. */
  whatItDoes: z.string(),
  /** EXPERIMENTAL, GENERALLY_AVAILABLE, NOT_OFFERED or RETIRED. */
  availability: z.enum(['EXPERIMENTAL', 'GENERALLY_AVAILABLE', 'NOT_OFFERED', 'RETIRED']),
  /** Customer data the feature reads. */
  dataCategories: z.array(z.enum(['AUDIO', 'VIDEO', 'CHAT', 'TRANSCRIPTS', 'FILES', 'TELEMETRY'])),
  /** Whether this content trains the organisation's own models. */
  trainsFirstPartyModels: z.boolean(),
  /** Whether content is sent to a third-party model vendor. */
  sharedWithVendor: z.boolean(),
  /** The vendor, when content is shared with one. */
  vendorName: z.string().nullable(),
  /** Whether the vendor may train its models on it. */
  trainsVendorModels: z.boolean(),
  /** How long content is kept, in words. */
  retention: z.string(),
  /** Retention in days; null when it depends on settings. */
  retentionDays: z.number().int().nullable(),
  /** Whether staff review content or output. */
  humanReview: z.boolean(),
  /** Human review, in words. */
  humanReviewDetail: z.string(),
  /** Who must consent before the feature uses their data. */
  consentRequiredFrom: z.array(z.enum(['ACCOUNT_OWNER', 'ACCOUNT_ADMIN', 'END_USER'])),
  /** What a participant who does not consent can do. */
  nonConsentOption: z.enum(['LEAVE_ONLY', 'JOIN_WITHOUT_FEATURE', 'NOT_APPLICABLE']),
  /** The same, in words. */
  nonConsentDetail: z.string(),
  /** Whether the feature is on or off until someone decides. */
  defaultState: z.enum(['ON', 'OFF']),
  /** The clauses that govern the feature, resolved in the version in force when read. */
  governingClauses: z.array(GoverningClauseSchema),
});
export type Facts = z.infer<typeof FactsSchema>;

export const FactChangeSchema = z.object({
  /** Segment key the change applies to. */
  segment: z.string(),
  /** Field name, e.g. trainsFirstPartyModels. */
  field: z.string(),
  /** Previous value (JSON for lists and booleans). */
  from: z.string().nullable(),
  /** New value. */
  to: z.string().nullable(),
  /** e.g. "trains first-party models: no → yes for consumer". */
  summary: z.string(),
});
export type FactChange = z.infer<typeof FactChangeSchema>;

export const RevisionExplanationSchema = z.object({
  /** The segment this explanation is for. */
  segment: SegmentKeySchema,
  /** What the revision means for the segment, in plain language. */
  summary: z.string(),
  /** "What changes for you" compared with the revision in force before it. */
  whatChanges: z.string(),
  /** Whether this revision changes anything for the segment. */
  affected: z.boolean(),
});
export type RevisionExplanation = z.infer<typeof RevisionExplanationSchema>;

export const RevisionSchema = z.object({
  /** 1, 2, 3 … per feature. */
  number: z.number().int(),
  /** Where the revision stands relative to the build time (as a version's timing). */
  timing: VersionTimingSchema,
  /** The editors' note on what changed. */
  changeNote: z.string(),
  /** When the public could first read it. */
  publishedAt: z.date(),
  /** When these facts apply from (or were to, for a withdrawn revision). */
  effectiveAt: z.date(),
  /** It changes a material fact for some segment: it gave the feature's notice period and explains itself. */
  material: z.boolean(),
  /** SHA-256 (hex) of the revision's canonical form (candor-revision/1), which includes previousHash. */
  contentHash: z.string(),
  /** contentHash of the previous published revision of the feature; null for the first. */
  previousHash: z.string().nullable(),
  /** The number of the revision `changes` compares with (the one in force right before it); null when none. */
  comparedWith: z.number().int().nullable(),
  /** Why `changes` no longer compares with the revision it was published against; null when it still does. */
  rebaseReason: z.string().nullable(),
  /** Set when the revision was withdrawn before it took effect. */
  withdrawal: WithdrawalSchema.nullable(),
  /** Plain-language explanations, in segment order. */
  explanations: z.array(RevisionExplanationSchema),
  /** Facts per segment (governing clauses resolved at the revision's effective date). */
  facts: z.array(FactsSchema),
  /** Field-level changes against the revision it is compared with. */
  changes: z.array(FactChangeSchema),
});
export type Revision = z.infer<typeof RevisionSchema>;

export const FeatureSchema = z.object({
  /** Stable slug, also the URL segment. */
  slug: z.string(),
  /** e.g. "Meeting summary". */
  name: z.string(),
  /** What the feature is. */
  description: z.string(),
  /** Days of notice a material revision must give before it takes effect. */
  noticePeriodDays: z.number().int(),
  /** 0-based display order. */
  position: z.number().int(),
  /** Facts in force at build time, one per segment with a revision in force, in segment order. */
  current: z.array(FactsSchema),
  /** Published revisions (scheduled and withdrawn ones included), newest effective date first. */
  revisions: z.array(RevisionSchema),
});
export type FeatureEntry = z.infer<typeof FeatureSchema>;

const CellSchema = z.object({
  /** The published count; null when suppressed or not tracked. */
  value: z.number().int().nullable(),
  /** True when the count was withheld (below the minimum cell size, or revealing one). */
  suppressed: z.boolean(),
});
export type Cell = z.infer<typeof CellSchema>;

export const CONSENT_FIELDS = [
  'accountsEligible',
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
  'participantsJoined',
  'participantsLeft',
] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** The six counts of one feature × segment × month, as one release or correction published them. */
const ConsentFiguresSchema = z.object({
  /** Accounts for which the feature was available. */
  accountsEligible: CellSchema,
  /** Owners or admins who turned it on. */
  ownersEnabled: CellSchema,
  /** Owners or admins who turned it off. */
  ownersDisabled: CellSchema,
  /** Owners or admins who never decided (the default applies). */
  ownersUndecided: CellSchema,
  /** Participants who accepted and joined (null value when not tracked). */
  participantsJoined: CellSchema,
  /** Participants who left rather than accept. */
  participantsLeft: CellSchema,
});
export type ConsentFigures = z.infer<typeof ConsentFiguresSchema>;

/** A published correction of one month's figures (a record of the consent-releases chain). */
const ConsentCorrectionSchema = z.object({
  /** When the correction was published. */
  correctedAt: z.date(),
  /** Why, as the publisher stated it. */
  reason: z.string(),
  /** The correction's hash in the consent-releases chain (candor-consent-correction/1). */
  contentHash: z.string(),
  /** The figures it replaced, as they were published (suppressed as they were then). */
  previous: ConsentFiguresSchema,
});
export type ConsentCorrection = z.infer<typeof ConsentCorrectionSchema>;

const TotalSchema = z.object({
  /** Sum of the published cells (null when none was published). */
  value: z.number().int().nullable(),
  /** False when suppressed cells were left out of the sum. */
  complete: z.boolean(),
  /** How many suppressed cells were left out. */
  suppressedCells: z.number().int(),
});
export type Total = z.infer<typeof TotalSchema>;

export const ConsentSeriesSchema = z.object({
  /** AI feature slug. */
  feature: z.string(),
  /** AI feature name. */
  featureName: z.string(),
  /** Segment key. */
  segment: SegmentKeySchema,
  /** Counts below this were suppressed by the API. */
  minimumCellSize: z.number().int(),
  /** First month with statistics ("YYYY-MM"). */
  firstPeriod: z.string(),
  /** Last month with statistics ("YYYY-MM"). */
  lastPeriod: z.string(),
  /** One row per month, oldest first: the figures in force (corrected ones as corrected). */
  rows: z.array(
    ConsentFiguresSchema.extend({
      /** The month, "YYYY-MM". */
      period: z.string(),
      /** ownersEnabled / accountsEligible for the month; null when either is hidden. */
      enabledRate: z.number().nullable(),
      /** True when a published correction replaced the figures first published (see corrections). */
      corrected: z.boolean(),
      /** Every published correction of the month, oldest first; the cells above are the latest. */
      corrections: z.array(ConsentCorrectionSchema),
    }),
  ),
  /** Per field, the sum of the published cells only (the API's rule for totals). */
  totals: z.object({
    /** Eligible accounts, summed over the published months. */
    accountsEligible: TotalSchema,
    /** Owners who turned it on, summed over the published months. */
    ownersEnabled: TotalSchema,
    /** Owners who turned it off, summed over the published months. */
    ownersDisabled: TotalSchema,
    /** Owners who never decided, summed over the published months. */
    ownersUndecided: TotalSchema,
    /** Participants who joined, summed over the published months. */
    participantsJoined: TotalSchema,
    /** Participants who left, summed over the published months. */
    participantsLeft: TotalSchema,
  }),
  /** Enabled rate over the months where both counts are published. */
  enabledRate: z.number().nullable(),
  /** Months that fed enabledRate. */
  enabledRateMonths: z.number().int(),
});
export type ConsentSeries = z.infer<typeof ConsentSeriesSchema>;
export type ConsentRow = ConsentSeries['rows'][number];

export type { Clause, ClauseChange, Explanation, VersionBody, WordDiffPart } from './version-body-schema';
