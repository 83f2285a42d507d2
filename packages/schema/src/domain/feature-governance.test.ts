import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { FEATURE_FACT_FIELDS, MATERIAL_FACT_FIELDS } from './feature-fact-fields.js';
import {
  assertRevisionExplanations,
  assertRevisionWithdrawable,
  isMaterialFactField,
  materialChanges,
} from './feature-governance.js';
import type { FeatureFactsInput } from './types.js';

const offered: FeatureFactsInput = {
  whatItDoes: 'Summarises a meeting from its transcript.',
  availability: 'generally_available',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: false,
  sharedWithVendor: false,
  vendorName: null,
  trainsVendorModels: false,
  retention: 'Deleted 30 days after the meeting.',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: 'No person reads the summaries.',
  consentRequiredFrom: ['account_owner'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: 'A participant who does not agree can only leave the meeting.',
  defaultState: 'off',
  governingClauses: [{ document: 'terms-of-service', key: '10.4' }],
};
const notOffered: FeatureFactsInput = {
  ...offered,
  availability: 'not_offered',
  dataCategories: [],
  consentRequiredFrom: [],
  nonConsentOption: 'not_applicable',
};
const base = { consumer: offered, education: notOffered };

/** The DomainError `run` throws. */
function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('materialChanges', () => {
  it('finds the material fields that change, per segment', () => {
    const next = {
      consumer: { ...offered, trainsFirstPartyModels: true, retentionDays: 90 },
      education: { ...notOffered, availability: 'experimental' as const },
    };
    expect(materialChanges(base, next)).toEqual(
      new Map([
        ['consumer', ['trainsFirstPartyModels', 'retentionDays']],
        ['education', ['availability']],
      ]),
    );
  });

  it('ignores wording: what it does, details and governing clauses', () => {
    const next = {
      consumer: {
        ...offered,
        whatItDoes: 'Writes a summary of your meeting.',
        humanReviewDetail: 'Nobody reads them.',
        nonConsentDetail: 'Leave the meeting.',
        governingClauses: [{ document: 'privacy-statement', key: '2' }],
      },
      education: notOffered,
    };
    expect(materialChanges(base, next).size).toBe(0);
  });

  it('reads reordered lists as unchanged', () => {
    const next = {
      consumer: { ...offered, dataCategories: ['transcripts' as const, 'audio' as const] },
      education: notOffered,
    };
    expect(materialChanges(base, next).size).toBe(0);
  });

  it('makes a first revision material for every segment it is offered to', () => {
    expect([...materialChanges(null, base).keys()]).toEqual(['consumer']);
    expect(materialChanges(null, base).get('consumer')).toEqual([...MATERIAL_FACT_FIELDS]);
  });

  it('lists only fact fields, and the wording fields are not material', () => {
    for (const field of MATERIAL_FACT_FIELDS) expect(FEATURE_FACT_FIELDS).toContain(field);
    for (const field of ['whatItDoes', 'humanReviewDetail', 'nonConsentDetail', 'governingClauses']) {
      expect(isMaterialFactField(field)).toBe(false);
    }
  });
});

describe('assertRevisionExplanations', () => {
  const changes = new Map([['consumer', ['trainsFirstPartyModels']]]);
  const explained = { summary: 'Your summaries train our models.', whatChanges: 'Training starts.', affected: true };

  it('accepts an explanation for every materially changed segment', () => {
    expect(() => assertRevisionExplanations(changes, { consumer: explained })).not.toThrow();
    expect(() => assertRevisionExplanations(new Map(), {})).not.toThrow();
  });

  it('names each segment without a summary or "what changes", and the fields that changed for it', () => {
    const error = refusal(() =>
      assertRevisionExplanations(new Map([...changes, ['business', ['retention']]]), {
        business: { ...explained, whatChanges: ' ' },
      }),
    );
    expect(error.code).toBe('EXPLANATIONS_MISSING');
    expect(error.field).toBe('explanations');
    expect(error.message).toContain('consumer (changes trainsFirstPartyModels)');
    expect(error.message).toContain('business (changes retention)');
  });
});

describe('assertRevisionWithdrawable', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const later = new Date('2026-07-01T00:00:00Z');
  const scheduled = { status: 'PUBLISHED', effectiveAt: later, now, withdrawn: false, reason: '  Drafted in error. ' };

  it('returns the trimmed reason of a scheduled revision', () => {
    expect(assertRevisionWithdrawable(scheduled)).toBe('Drafted in error.');
  });

  it('wants a reason of 1 to 2000 characters', () => {
    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      const error = refusal(() => assertRevisionWithdrawable({ ...scheduled, reason }));
      expect([error.code, error.field]).toEqual(['BAD_USER_INPUT', 'reason']);
    }
    expect(assertRevisionWithdrawable({ ...scheduled, reason: 'x'.repeat(2000) })).toHaveLength(2000);
  });

  it('refuses a draft or a revision already withdrawn (INVALID_STATE)', () => {
    expect(refusal(() => assertRevisionWithdrawable({ ...scheduled, status: 'APPROVED' })).code).toBe('INVALID_STATE');
    expect(refusal(() => assertRevisionWithdrawable({ ...scheduled, withdrawn: true })).code).toBe('INVALID_STATE');
  });

  it('refuses a revision in effect, exactly at its effective date too (ALREADY_IN_EFFECT)', () => {
    for (const effectiveAt of [now, new Date('2026-01-01T00:00:00Z')]) {
      const error = refusal(() => assertRevisionWithdrawable({ ...scheduled, effectiveAt }));
      expect(error.code).toBe('ALREADY_IN_EFFECT');
      expect(error.message).toContain(effectiveAt.toISOString());
    }
  });
});
