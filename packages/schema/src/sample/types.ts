import type { DocumentKind } from '../domain/definitions.js';
import type { ClauseInput, ConsentCounts, ExplanationInput, FeatureFactsInput } from '../domain/types.js';
import type { SampleSegmentKey } from './segment-keys.js';

/** The fictional sample organisation shipped with Candor. Every consumer must say it is sample data. */
export interface SampleOrganization {
  slug: string;
  name: string;
  description: string;
  website: string;
  isSample: true;
}

export interface SampleSegment {
  key: SampleSegmentKey;
  name: string;
  description: string;
}

export interface SampleVersion {
  /** Human label unique within the document, e.g. "2023-03-rewrite"; used in URLs. */
  label: string;
  /** ISO 8601 timestamps (UTC). publishedAt <= effectiveAt. */
  publishedAt: string;
  effectiveAt: string;
  material: boolean;
  changeNote: string;
  /** Editor email of the author. */
  author: string;
  clauses: ClauseInput[];
  explanations: Record<SampleSegmentKey, ExplanationInput>;
  /** Set when the version was withdrawn after publication, before it took effect. */
  withdrawal?: SampleWithdrawal;
}

/** The withdrawal of a scheduled version or revision (publishedAt < withdrawnAt < effectiveAt). */
export interface SampleWithdrawal {
  /** ISO 8601 timestamp (UTC). */
  withdrawnAt: string;
  /** Why it was withdrawn, as the public reads it. */
  reason: string;
  /** Editor email of whoever withdrew it. */
  editor: string;
}

export interface SampleDocument {
  slug: string;
  title: string;
  description: string;
  kind: DocumentKind;
  noticePeriodDays: number;
  /** Oldest first. */
  versions: SampleVersion[];
}

export interface SampleFeatureRevision {
  /** 1-based, increasing. */
  number: number;
  publishedAt: string;
  effectiveAt: string;
  changeNote: string;
  author: string;
  facts: Record<SampleSegmentKey, FeatureFactsInput>;
  /**
   * Plain-language explanations, exactly for the segments whose material facts
   * (domain/feature-governance.ts) change against the revision in force before this one; a
   * first revision explains itself to every segment it is offered to.
   */
  explanations: Partial<Record<SampleSegmentKey, ExplanationInput>>;
  /** Set when the revision was withdrawn after publication, before it took effect. */
  withdrawal?: SampleWithdrawal;
}

export interface SampleFeature {
  slug: string;
  name: string;
  description: string;
  /** Days of notice a material revision gives (DEFAULT_FEATURE_NOTICE_DAYS for the sample). */
  noticePeriodDays: number;
  /** Oldest first. */
  revisions: SampleFeatureRevision[];
}

export interface SampleConsentRow extends ConsentCounts {
  feature: string;
  segment: SampleSegmentKey;
  /** Month as "YYYY-MM". */
  period: string;
}

export interface SampleEditor {
  email: string;
  name: string;
  role: 'editor' | 'publisher' | 'admin';
}

export interface SampleData {
  organization: SampleOrganization;
  segments: SampleSegment[];
  editors: SampleEditor[];
  documents: SampleDocument[];
  features: SampleFeature[];
  /** Published as one consent release (see consentRelease). */
  consent: SampleConsentRow[];
  consentRelease: SampleConsentRelease;
}

/** How the consent rows were released: one import, after the last month it covers. */
export interface SampleConsentRelease {
  /** ISO 8601 timestamp (UTC); after the end of the last period. */
  releasedAt: string;
  /** Editor email of whoever imported the statistics. */
  editor: string;
}
