import {
  DomainValidationError,
  type FeatureFactsInput,
  parseFeatureRevisionFile,
  type ValidationProblem,
  validateFeatureFacts,
  validateRevisionExplanations,
} from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import { type FeatureTemplateInput, renderFeatureTemplate, SKELETON_FACTS } from './feature-template.js';

const summary: FeatureFactsInput = {
  whatItDoes: 'Summarises a meeting:\n"every" word.',
  availability: 'experimental',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: false,
  sharedWithVendor: true,
  vendorName: 'Example Models Inc.',
  trainsVendorModels: false,
  retention: 'Deleted 30 days after the meeting.',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: 'No person reads the summaries.',
  consentRequiredFrom: ['account_owner', 'end_user'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: 'A participant who does not agree can only leave.',
  defaultState: 'off',
  governingClauses: [{ document: 'terms-of-service', key: '10.4' }],
};

const segments = [
  { key: 'consumer', name: 'Consumers' },
  { key: 'business', name: 'Businesses' },
  { key: 'small-clinics', name: 'Small clinics' },
];
const keys = segments.map((s) => s.key);

const input: FeatureTemplateInput = {
  feature: { slug: 'meeting-summary', name: 'Meeting summary' },
  segments,
  basis: { number: 3, effectiveAt: '2026-01-01T00:00:00.000Z' },
  facts: { consumer: summary, business: { ...summary, availability: 'generally_available' }, 'small-clinics': summary },
};

const fill = (text: string): string =>
  text.replace('changeNote: ""', 'changeNote: Wording.').replace(/^(\s+)affected:.*$/gm, '$1affected: false');

function problemsOf(run: () => unknown): ValidationProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return [...(error as DomainValidationError).problems];
  }
  throw new Error('expected a DomainValidationError');
}

describe('renderFeatureTemplate', () => {
  it('once filled in, reads back as the basis’s facts for every segment', () => {
    const parsed = parseFeatureRevisionFile(fill(renderFeatureTemplate(input)));
    expect(parsed.feature).toBe('meeting-summary');
    expect(parsed.changeNote).toBe('Wording.');
    expect(validateFeatureFacts(parsed.facts, keys)).toEqual(input.facts);
    expect(Object.keys(validateRevisionExplanations(parsed.explanations, keys))).toEqual(keys);
  });

  it('is refused untouched, naming the change note and each explanation’s line', () => {
    const text = renderFeatureTemplate(input);
    expect(problemsOf(() => parseFeatureRevisionFile(text)).map((p) => [p.field, p.line !== undefined])).toEqual([
      ['changeNote', true],
    ]);
    const parsed = parseFeatureRevisionFile(text.replace('changeNote: ""', 'changeNote: x'));
    const problems = problemsOf(() => validateRevisionExplanations(parsed.explanations, keys));
    expect(problems.map((p) => p.field)).toEqual(keys.map((k) => `explanations.${k}.affected`));
    const lines = text.split('\n');
    for (const p of problems) expect(lines[(p.line as number) - 1]?.trim()).toMatch(/^affected:/);
  });

  it('starts segments without facts from the skeleton, whose texts must be written', () => {
    const text = fill(renderFeatureTemplate({ ...input, basis: null, facts: {} }));
    expect(text).toContain('no published revision yet');
    expect(text).not.toMatch(/[&*]a\d/);
    const parsed = parseFeatureRevisionFile(text);
    const problems = problemsOf(() => validateFeatureFacts(parsed.facts, keys));
    expect(new Set(problems.map((p) => p.field.split('.').at(-1)))).toEqual(
      new Set(['whatItDoes', 'retention', 'humanReviewDetail', 'nonConsentDetail']),
    );
    const written = text.replace(
      /^(\s+)(whatItDoes|retention|humanReviewDetail|nonConsentDetail): ""$/gm,
      '$1$2: Written.',
    );
    const facts = validateFeatureFacts(parseFeatureRevisionFile(written).facts, keys);
    expect(facts.consumer).toEqual({
      ...SKELETON_FACTS,
      whatItDoes: 'Written.',
      retention: 'Written.',
      humanReviewDetail: 'Written.',
      nonConsentDetail: 'Written.',
    });
  });

  it('names each segment, and those that had no facts in the basis', () => {
    const text = renderFeatureTemplate({ ...input, facts: { consumer: summary } });
    expect(text).toContain('  # Small clinics\n  small-clinics:');
    expect(text).toContain('business, small-clinics had no facts in it');
  });
});
