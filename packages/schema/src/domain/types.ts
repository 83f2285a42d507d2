/**
 * Plain domain types shared by the pure domain functions, the sample data and the seed.
 * No Prisma or Pothos imports here: these types describe the domain, not the storage.
 */

export const DATA_CATEGORIES = ['audio', 'video', 'chat', 'transcripts', 'files', 'telemetry'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const FEATURE_AVAILABILITIES = ['experimental', 'generally_available', 'retired', 'not_offered'] as const;
export type FeatureAvailability = (typeof FEATURE_AVAILABILITIES)[number];

export const CONSENT_PARTIES = ['account_owner', 'account_admin', 'end_user'] as const;
export type ConsentParty = (typeof CONSENT_PARTIES)[number];

/** What a participant who does not consent can do. */
export const NON_CONSENT_OPTIONS = ['leave_only', 'join_without_feature', 'not_applicable'] as const;
export type NonConsentOption = (typeof NON_CONSENT_OPTIONS)[number];

export const DEFAULT_STATES = ['on', 'off'] as const;
export type DefaultState = (typeof DEFAULT_STATES)[number];

/** One numbered section of a version. `key` is stable across versions; `number` is what readers see. */
export interface ClauseInput {
  key: string;
  number: string;
  heading: string;
  body: string;
}

/** A plain-language explanation of one version for one segment. */
export interface ExplanationInput {
  /** What the terms mean for this segment, in plain language. */
  summary: string;
  /** "What changes for you" compared with the previous version; empty for a first version. */
  whatChanges: string;
  /** Whether this version changes anything for this segment. */
  affected: boolean;
}

/** A reference from an AI feature to the clause that governs it. */
export interface ClauseRef {
  document: string;
  key: string;
}

/** The facts of an AI feature revision for one segment (DOMAIN.md, "AI feature"). */
export interface FeatureFactsInput {
  whatItDoes: string;
  availability: FeatureAvailability;
  dataCategories: DataCategory[];
  trainsFirstPartyModels: boolean;
  sharedWithVendor: boolean;
  vendorName: string | null;
  trainsVendorModels: boolean;
  /** Human-readable retention, e.g. "Deleted 30 days after the meeting". */
  retention: string;
  /** Retention in days when it is a fixed period; null when it depends on the account's settings. */
  retentionDays: number | null;
  humanReview: boolean;
  humanReviewDetail: string;
  consentRequiredFrom: ConsentParty[];
  nonConsentOption: NonConsentOption;
  /** What a participant who does not consent can do, in plain language. */
  nonConsentDetail: string;
  defaultState: DefaultState;
  governingClauses: ClauseRef[];
}

/** One row of consent statistics: feature × segment × month. Only aggregates, never accounts. */
export interface ConsentCounts {
  accountsEligible: number;
  ownersEnabled: number;
  ownersDisabled: number;
  ownersUndecided: number;
  /** Participant outcomes where known; null when the feature has no participant prompt. */
  participantsJoined: number | null;
  participantsLeft: number | null;
}
