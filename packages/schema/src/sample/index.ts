/**
 * The fictional sample dataset of Candor: Northwind Meetings (sample). Every consumer of this
 * data must say that it is sample data (see `sampleOrganization.isSample`).
 */
import { CONSENT_RELEASE, sampleConsentRows } from './consent.js';
import { sampleFeatures } from './features.js';
import { sampleEditors, sampleOrganization, sampleSegments } from './organization.js';
import { privacyStatement } from './privacy-statement.js';
import { termsOfService } from './terms-of-service.js';
import type { SampleData } from './types.js';
import { upcomingTermsVersion } from './upcoming.js';

/**
 * Assembles the whole sample. The terms of service get one extra, scheduled version
 * (`upcomingTermsVersion(now)`) so that the sample always shows an upcoming change.
 */
export function sampleData(now: Date = new Date()): SampleData {
  return {
    organization: sampleOrganization,
    segments: sampleSegments,
    editors: sampleEditors,
    documents: [
      { ...termsOfService, versions: [...termsOfService.versions, upcomingTermsVersion(now)] },
      privacyStatement,
    ],
    features: sampleFeatures,
    consent: sampleConsentRows(),
    consentRelease: CONSENT_RELEASE,
  };
}

export {
  CONSENT_FIRST_PERIOD,
  CONSENT_MONTHS,
  CONSENT_RELEASE,
  sampleConsentCsv,
  sampleConsentRows,
} from './consent.js';
export { sampleFeatures } from './features.js';
export {
  ADMIN as SAMPLE_ADMIN,
  LEGAL_EDITOR as SAMPLE_LEGAL_EDITOR,
  PRIVACY_EDITOR as SAMPLE_PRIVACY_EDITOR,
  PUBLISHER as SAMPLE_PUBLISHER,
  sampleEditors,
  sampleOrganization,
  sampleSegments,
} from './organization.js';
export { PRIVACY_SLUG, privacyStatement, privacyV1, privacyV2 } from './privacy-statement.js';
export { SAMPLE_SEGMENT_KEYS, type SampleSegmentKey } from './segment-keys.js';
export {
  CONSENT_SENTENCE,
  DE_IDENTIFIED_SENTENCE,
  TERMS_SLUG,
  termsOfService,
  termsV1,
  termsV2,
  termsV3,
  termsV4,
  termsV5,
  termsWithdrawn,
} from './terms-of-service.js';
export type {
  SampleConsentRelease,
  SampleConsentRow,
  SampleData,
  SampleDocument,
  SampleEditor,
  SampleFeature,
  SampleFeatureRevision,
  SampleOrganization,
  SampleSegment,
  SampleVersion,
  SampleWithdrawal,
} from './types.js';
export { UPCOMING_EFFECTIVE_IN_DAYS, UPCOMING_PUBLISHED_DAYS_AGO, upcomingTermsVersion } from './upcoming.js';
