import { FEATURE_FACT_FIELDS, FEATURE_FACTS } from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import { factSentence, QUOTED_TEXT_CHARS } from './fact-sentences';
import { truncateAtWord } from './format';

describe('factSentence', () => {
  it('says what a flag now does, in words', () => {
    expect(factSentence({ field: 'trainsFirstPartyModels', from: 'false', to: 'true' })).toBe(
      'Now trains first-party models',
    );
    expect(factSentence({ field: 'sharedWithVendor', from: 'true', to: 'false' })).toBe(
      'No longer shared with a model vendor',
    );
    expect(factSentence({ field: 'humanReview', from: 'false', to: 'true' })).toBe('Human review now applies');
  });

  it('names days with their unit, and says what null and zero mean', () => {
    expect(factSentence({ field: 'retentionDays', from: '90', to: '30' })).toBe(
      'Retention changes from 90 days to 30 days',
    );
    expect(factSentence({ field: 'retentionDays', from: '90', to: null })).toBe(
      'Retention changes from 90 days to no fixed number of days (it depends on settings)',
    );
    expect(factSentence({ field: 'retentionDays', from: '1', to: '0' })).toBe(
      'Retention changes from 1 day to none (it is not kept)',
    );
  });

  it('reads choices through the site’s vocabulary', () => {
    expect(factSentence({ field: 'availability', from: 'experimental', to: 'generally_available' })).toBe(
      'Availability changes from experimental to generally available',
    );
    // A label that is a clause of its own is not followed by "changes from".
    expect(factSentence({ field: 'nonConsentOption', from: 'leave_only', to: 'join_without_feature' })).toBe(
      'Without consent, a participant can: stay in the meeting with the feature off for them (was accept and join, or leave the meeting)',
    );
  });

  it('lists what a list gains and loses', () => {
    expect(
      factSentence({ field: 'dataCategories', from: '["audio","transcripts"]', to: '["audio","video","chat"]' }),
    ).toBe('Data categories: adds video and chat messages; no longer transcripts');
    expect(factSentence({ field: 'consentRequiredFrom', from: '["account_owner"]', to: '[]' })).toBe(
      'Consent required from: none any more (was the account owner)',
    );
    expect(
      factSentence(
        {
          field: 'governingClauses',
          from: '[{"document":"handbook","key":"1"}]',
          to: '[{"document":"handbook","key":"1"},{"document":"addendum","key":"2"}]',
        },
        { documentTitles: { addendum: 'Clinic Addendum' } },
      ),
    ).toBe('Governing clauses: adds Clinic Addendum section 2');
  });

  it('quotes new wording whole up to a limit, then cuts it at a word boundary', () => {
    expect(factSentence({ field: 'retention', from: 'Kept 90 days.', to: 'Deleted within 30 days.' })).toBe(
      'Retention now reads “Deleted within 30 days.”',
    );
    const long = `${'word '.repeat(60)}end`;
    const sentence = factSentence({ field: 'whatItDoes', from: 'x', to: long });
    const inner = sentence.slice(sentence.indexOf('“') + 1, sentence.lastIndexOf('”'));
    expect(inner.length).toBeLessThanOrEqual(QUOTED_TEXT_CHARS);
    expect(inner).toMatch(/ word…$/);
    expect(factSentence({ field: 'vendorName', from: null, to: 'Acme' })).toBe('Model vendor: now “Acme”');
  });

  it('describes a segment that gains or loses its facts', () => {
    expect(factSentence({ field: 'availability', from: null, to: 'experimental' })).toBe('Availability: experimental');
    expect(factSentence({ field: 'trainsVendorModels', from: 'false', to: null })).toBe(
      'Trains vendor models: no longer stated (was no)',
    );
  });

  it('has a sentence without arrows or field names for every fact of the table', () => {
    const sample: Record<string, [string | null, string | null]> = {
      flag: ['false', 'true'],
      days: ['90', null],
      choice: ['off', 'on'],
      choices: ['["audio"]', '["video"]'],
      clauseRefs: ['[]', '[{"document":"terms","key":"1"}]'],
      text: ['Old words.', 'New words.'],
      optionalText: [null, 'Vendor'],
    };
    for (const field of FEATURE_FACT_FIELDS) {
      const [from, to] = sample[FEATURE_FACTS[field].kind] ?? [null, null];
      const sentence = factSentence({ field, from, to });
      expect(sentence, field).not.toMatch(/→|[a-z][A-Z]/);
      expect(sentence.charAt(0), field).toMatch(/[A-Z]/);
    }
  });
});

describe('truncateAtWord', () => {
  it('keeps text that fits', () => {
    expect(truncateAtWord('short text', 10)).toBe('short text');
  });

  it('cuts at the last word boundary, with an ellipsis counted in the limit', () => {
    expect(truncateAtWord('Transcripts are kept for ninety days', 20)).toBe('Transcripts are…');
    expect(truncateAtWord('one two three', 8)).toBe('one two…');
    expect(truncateAtWord('one two three', 7)).toBe('one…');
  });

  it('drops punctuation left before the ellipsis', () => {
    expect(truncateAtWord('Kept for 30 days; then deleted for good', 19)).toBe('Kept for 30 days…');
  });

  it('never cuts mid-word unless the first word alone is too long', () => {
    const text = 'Transcripts used to write the summary are kept for 90 days; the summary is kept until deleted';
    for (let max = 12; max < text.length; max++) {
      const cut = truncateAtWord(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      const words = cut.slice(0, -1).split(' ');
      for (const word of words) expect(text.split(/[\s;]+/)).toContain(word.replace(/;$/, ''));
    }
    expect(truncateAtWord('Supercalifragilistic', 6)).toBe('Super…');
  });
});
