/**
 * The shapes of the committed operations' results (src/operations/*.graphql), written by hand
 * from the SDL. Scalars arrive as JSON: DateTime is an ISO 8601 string, Month is "YYYY-MM".
 * Keep these in step with the .graphql files; the collection schemas validate what is derived.
 */
import type { SegmentKey } from './schemas';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  pageInfo: PageInfo;
  edges: { node: T }[];
}

/* SiteOrganization ---------------------------------------------------------------------------- */

export interface SiteOrganizationResult {
  organization: {
    slug: string;
    name: string;
    legalName: string;
    description: string;
    website: string;
    contactEmail: string;
    isSample: boolean;
    sampleNotice: string | null;
  };
  /** Retired segments included (`includeRetired: true`), in display order. */
  segments: { key: SegmentKey; name: string; description: string; position: number; retiredAt: string | null }[];
  integrity: {
    keyId: string;
    publicKeyPem: string;
    latestCheckpoint: {
      sequence: number;
      issuedAt: string;
      keyId: string;
      payload: string;
      signature: string;
    } | null;
    verify: ServerVerificationResult;
    checkpoints: {
      edges: { node: { sequence: number; issuedAt: string; keyId: string; payload: string; signature: string } }[];
    };
  };
}

/** `integrity.verify`: the server's check of every chain, and of the database against its latest checkpoint. */
export interface ServerVerificationResult {
  ok: boolean;
  checkpointSequence: number | null;
  chains: { chain: string; kind: string; count: number; headHash: string | null; ok: boolean }[];
  problems: { chain: string | null; record: string | null; code: string; message: string }[];
}

/** One change to the organisation's definitions: a record of the definitions chain. */
export interface DefinitionChangeResult {
  subject: string;
  key: string;
  action: string;
  at: string;
  contentHash: string;
  previousHash: string | null;
}

export interface SiteDefinitionChangesResult {
  definitionChanges: Connection<DefinitionChangeResult>;
}

/** A withdrawal of a version or an AI-feature revision: a record of the withdrawals chain. */
export interface WithdrawalResult {
  reason: string;
  withdrawnAt: string;
  /** Null only for a withdrawal written behind the workflow's back (integrity.verify: UNCHAINED). */
  contentHash: string | null;
  previousHash: string | null;
}

/* SiteDocuments / SiteDocumentVersions ------------------------------------------------------- */

export interface ClauseSnapshotResult {
  number: string;
  heading: string;
  body: string;
  position: number;
}

export interface WordDiffPartResult {
  op: 'EQUAL' | 'INSERT' | 'DELETE';
  text: string;
}

export interface VersionResult {
  id: string;
  label: string;
  timing: 'UPCOMING' | 'IN_FORCE' | 'SUPERSEDED' | 'WITHDRAWN';
  material: boolean;
  changeNote: string;
  publishedAt: string;
  effectiveAt: string;
  contentHash: string;
  previousHash: string | null;
  /** Set for an imported version only: where it came from, and when Candor imported it. */
  importSource: string | null;
  importedAt: string | null;
  withdrawal: WithdrawalResult | null;
  previous: { label: string } | null;
  next: { label: string } | null;
  explanations: { segment: { key: SegmentKey }; summary: string; whatChanges: string; affected: boolean }[];
  clauses: { key: string; number: string; heading: string; body: string; position: number }[];
  changes: {
    from: { label: string } | null;
    rebased: boolean;
    reason: string | null;
    comparedAt: string;
    summary: { added: number; removed: number; modified: number; moved: number; unchanged: number };
    changes: {
      key: string;
      kind: 'ADDED' | 'REMOVED' | 'MODIFIED' | 'MOVED';
      moved: boolean;
      renumbered: boolean;
      headingChanged: boolean;
      bodyChanged: boolean;
      from: ClauseSnapshotResult | null;
      to: ClauseSnapshotResult | null;
      headingDiff: WordDiffPartResult[] | null;
      bodyDiff: WordDiffPartResult[] | null;
    }[];
  } | null;
}

export interface DocumentResult {
  slug: string;
  title: string;
  description: string;
  kind: string;
  retiredAt: string | null;
  /** The segments it applies to, in display order. */
  segments: { key: SegmentKey }[];
  noticePeriodDays: number;
  current: { label: string } | null;
  upcoming: { label: string }[];
  versions: Connection<VersionResult>;
}

export interface SiteDocumentsResult {
  documents: Connection<DocumentResult>;
}

export interface SiteDocumentVersionsResult {
  document: { versions: Connection<VersionResult> };
}

/* SiteAiFeatures / SiteAiFeatureRevisions ---------------------------------------------------- */

export interface FactsResult {
  segment: { key: SegmentKey };
  whatItDoes: string;
  availability: 'EXPERIMENTAL' | 'GENERALLY_AVAILABLE' | 'NOT_OFFERED' | 'RETIRED';
  dataCategories: ('AUDIO' | 'VIDEO' | 'CHAT' | 'TRANSCRIPTS' | 'FILES' | 'TELEMETRY')[];
  trainsFirstPartyModels: boolean;
  sharedWithVendor: boolean;
  vendorName: string | null;
  trainsVendorModels: boolean;
  retention: string;
  retentionDays: number | null;
  humanReview: boolean;
  humanReviewDetail: string;
  consentRequiredFrom: ('ACCOUNT_OWNER' | 'ACCOUNT_ADMIN' | 'END_USER')[];
  nonConsentOption: 'LEAVE_ONLY' | 'JOIN_WITHOUT_FEATURE' | 'NOT_APPLICABLE';
  nonConsentDetail: string;
  defaultState: 'ON' | 'OFF';
  governingClauseRefs: { document: string; key: string }[];
  governingClauses: {
    key: string;
    number: string;
    heading: string;
    version: { label: string };
    document: { slug: string };
  }[];
}

export interface RevisionResult {
  number: number;
  changeNote: string;
  publishedAt: string;
  effectiveAt: string;
  material: boolean;
  contentHash: string;
  previousHash: string | null;
  comparedWith: number | null;
  rebaseReason: string | null;
  withdrawal: WithdrawalResult | null;
  explanations: { segment: { key: SegmentKey }; summary: string; whatChanges: string; affected: boolean }[];
  facts: FactsResult[];
  changes: { segment: string; field: string; from: string | null; to: string | null; summary: string }[];
}

export interface FeatureResult {
  slug: string;
  name: string;
  description: string;
  noticePeriodDays: number;
  upcoming: { number: number }[];
  /** The facts in force now, one per segment the revision in force states them for. */
  currentFacts: FactsResult[];
  revisions: Connection<RevisionResult>;
}

export interface SiteAiFeaturesResult {
  aiFeatures: FeatureResult[];
}

export interface SiteAiFeatureRevisionsResult {
  aiFeature: { revisions: Connection<RevisionResult> };
}

/* SiteConsentStatistics ---------------------------------------------------------------------- */

export interface CellResult {
  value: number | null;
  suppressed: boolean;
}

/** The six counts of one feature × segment × month (`ConsentFigures`, and the same fields of a row). */
export interface ConsentFiguresResult {
  accountsEligible: CellResult;
  ownersEnabled: CellResult;
  ownersDisabled: CellResult;
  ownersUndecided: CellResult;
  participantsJoined: CellResult;
  participantsLeft: CellResult;
}

/** A published correction of a row: when, why, its hash, and the figures it replaced as published. */
export interface ConsentCorrectionResult {
  correctedAt: string;
  reason: string;
  contentHash: string;
  previous: ConsentFiguresResult;
}

/** A row's cells are the figures in force: corrected ones as corrected. */
export interface ConsentRowResult extends ConsentFiguresResult {
  feature: string;
  featureName: string;
  segment: SegmentKey;
  period: string;
  enabledRate: number | null;
  corrected: boolean;
  /** Oldest first; empty for a month never corrected. */
  corrections: ConsentCorrectionResult[];
}

export interface SiteConsentStatisticsResult {
  consentStatistics: {
    from: string;
    to: string;
    minimumCellSize: number;
    rows: ConsentRowResult[];
  };
  consentReleases: ConsentReleaseResult[];
}

/** One record of the consent-releases chain, a release or a correction (oldest first). */
export interface ConsentReleaseResult {
  kind: 'RELEASE' | 'CORRECTION';
  /** Why a correction corrects; null for a release. */
  reason: string | null;
  /** The canonical form its contentHash is computed over. */
  format: string;
  releasedAt: string;
  rowCount: number;
  minimumCellSize: number;
  contentHash: string;
  previousHash: string | null;
}
