import { describe, expect, it } from 'vitest';
import {
  BLANK_FACTS,
  FEATURE_FACT_FIELDS,
  FEATURE_FACT_LABELS,
  FEATURE_FACTS,
  factsFromServed,
  MATERIAL_FACT_FIELDS,
  mapFacts,
} from './feature-fact-fields.js';
import { validateFeatureFacts } from './feature-facts.js';
import type { FeatureFactsInput } from './types.js';

const summary: FeatureFactsInput = {
  whatItDoes: 'Summarises a meeting from its transcript.',
  availability: 'experimental',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: false,
  sharedWithVendor: true,
  vendorName: 'Example Models',
  trainsVendorModels: false,
  retention: 'Deleted 30 days after the meeting.',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: 'No one reads it.',
  consentRequiredFrom: ['account_owner', 'end_user'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: 'Leave the meeting.',
  defaultState: 'off',
  governingClauses: [{ document: 'terms-of-service', key: '10.4' }],
};

describe('the facts table', () => {
  it('names, labels and kinds every fact once, in table order', () => {
    expect(FEATURE_FACT_FIELDS).toEqual(Object.keys(summary));
    expect(Object.keys(FEATURE_FACT_LABELS)).toEqual(FEATURE_FACT_FIELDS);
    expect(new Set(Object.values(FEATURE_FACT_LABELS)).size).toBe(FEATURE_FACT_FIELDS.length);
  });

  it('keeps wording and references editorial, everything else material', () => {
    expect(FEATURE_FACT_FIELDS.filter((field) => !MATERIAL_FACT_FIELDS.includes(field))).toEqual([
      'whatItDoes',
      'humanReviewDetail',
      'nonConsentDetail',
      'governingClauses',
    ]);
  });

  it('maps field by field in table order, whatever the input order', () => {
    const reversed = Object.fromEntries(Object.entries(summary).reverse()) as unknown as FeatureFactsInput;
    const kinds = mapFacts<Record<string, string>>(reversed, (_value, kind) => kind);
    expect(Object.keys(kinds)).toEqual(FEATURE_FACT_FIELDS);
    expect(kinds.retentionDays).toBe(FEATURE_FACTS.retentionDays.kind);
  });
});

describe('BLANK_FACTS', () => {
  it('is complete and valid once its texts are written', () => {
    expect(Object.keys(BLANK_FACTS)).toEqual(FEATURE_FACT_FIELDS);
    const written = { ...BLANK_FACTS, whatItDoes: 'x', retention: 'x', humanReviewDetail: 'x', nonConsentDetail: 'x' };
    expect(validateFeatureFacts({ consumer: written }, ['consumer']).consumer).toEqual(written);
  });

  it('is refused while its texts are empty', () => {
    expect(() => validateFeatureFacts({ consumer: BLANK_FACTS }, ['consumer'])).toThrow(/whatItDoes/);
  });
});

describe('factsFromServed', () => {
  it('turns the API’s facts into the domain’s, in field order', () => {
    const served = {
      segment: { key: 'consumer' },
      ...summary,
      availability: 'EXPERIMENTAL',
      dataCategories: ['AUDIO', 'TRANSCRIPTS'],
      consentRequiredFrom: ['ACCOUNT_OWNER', 'END_USER'],
      nonConsentOption: 'LEAVE_ONLY',
      defaultState: 'OFF',
      governingClauseRefs: [{ document: 'terms-of-service', key: '10.4', extra: 'dropped' }],
    };
    const facts = factsFromServed(served);
    expect(facts).toStrictEqual(summary);
    expect(Object.keys(facts)).toEqual(FEATURE_FACT_FIELDS);
  });
});
