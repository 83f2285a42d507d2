import type { FeatureFactsInput } from '../domain/types.js';

/** Lists are stored as comma-separated text (see datamodel.prisma). */
export function factsToRow(facts: FeatureFactsInput) {
  return {
    whatItDoes: facts.whatItDoes,
    availability: facts.availability.toUpperCase() as
      | 'EXPERIMENTAL'
      | 'GENERALLY_AVAILABLE'
      | 'RETIRED'
      | 'NOT_OFFERED',
    dataCategories: facts.dataCategories.join(','),
    trainsFirstPartyModels: facts.trainsFirstPartyModels,
    sharedWithVendor: facts.sharedWithVendor,
    vendorName: facts.vendorName,
    trainsVendorModels: facts.trainsVendorModels,
    retention: facts.retention,
    retentionDays: facts.retentionDays,
    humanReview: facts.humanReview,
    humanReviewDetail: facts.humanReviewDetail,
    consentRequiredFrom: facts.consentRequiredFrom.join(','),
    nonConsentOption: facts.nonConsentOption.toUpperCase() as 'LEAVE_ONLY' | 'JOIN_WITHOUT_FEATURE' | 'NOT_APPLICABLE',
    nonConsentDetail: facts.nonConsentDetail,
    defaultState: facts.defaultState.toUpperCase() as 'ON' | 'OFF',
    governingClauses: facts.governingClauses.map((ref) => `${ref.document}#${ref.key}`).join(','),
  };
}

type FactsRow = ReturnType<typeof factsToRow>;

const list = (value: string) => (value === '' ? [] : value.split(','));

/** The inverse of factsToRow, for diffs against the previous revision. */
export function rowToFacts(row: FactsRow): FeatureFactsInput {
  return {
    whatItDoes: row.whatItDoes,
    availability: row.availability.toLowerCase() as FeatureFactsInput['availability'],
    dataCategories: list(row.dataCategories) as FeatureFactsInput['dataCategories'],
    trainsFirstPartyModels: row.trainsFirstPartyModels,
    sharedWithVendor: row.sharedWithVendor,
    vendorName: row.vendorName,
    trainsVendorModels: row.trainsVendorModels,
    retention: row.retention,
    retentionDays: row.retentionDays,
    humanReview: row.humanReview,
    humanReviewDetail: row.humanReviewDetail,
    consentRequiredFrom: list(row.consentRequiredFrom) as FeatureFactsInput['consentRequiredFrom'],
    nonConsentOption: row.nonConsentOption.toLowerCase() as FeatureFactsInput['nonConsentOption'],
    nonConsentDetail: row.nonConsentDetail,
    defaultState: row.defaultState.toLowerCase() as FeatureFactsInput['defaultState'],
    governingClauses: list(row.governingClauses).map((ref) => {
      const [document = '', key = ''] = ref.split('#');
      return { document, key };
    }),
  };
}
