import type { ClauseInput, ConsentCounts, ExplanationInput, FeatureFactsInput, SegmentKey } from '../domain/types.js';

/** The fictional sample organisation shipped with Candor. Every consumer must say it is sample data. */
export interface SampleOrganization {
  slug: string;
  name: string;
  description: string;
  website: string;
  isSample: true;
}

export interface SampleSegment {
  key: SegmentKey;
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
  explanations: Record<SegmentKey, ExplanationInput>;
}

export interface SampleDocument {
  slug: string;
  title: string;
  description: string;
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
  facts: Record<SegmentKey, FeatureFactsInput>;
}

export interface SampleFeature {
  slug: string;
  name: string;
  description: string;
  /** Oldest first. */
  revisions: SampleFeatureRevision[];
}

export interface SampleConsentRow extends ConsentCounts {
  feature: string;
  segment: SegmentKey;
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
  consent: SampleConsentRow[];
}
