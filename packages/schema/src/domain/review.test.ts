import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from './errors.js';
import {
  AUDIT_NOTE_CHARS,
  assertRevisionChanges,
  assertVersionChanges,
  auditNote,
  REVIEW_NOTE_CHARS,
  reviewNoteText,
  surelyMaterialChanges,
} from './review.js';
import type { ClauseInput, FeatureFactsInput } from './types.js';

function refusal(run: () => unknown, code: DomainErrorCode): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return error as DomainError;
  }
  throw new Error(`expected a DomainError ${code}`);
}

describe('reviewNoteText', () => {
  it('trims, and requires text where the author needs to know why', () => {
    expect(reviewNoteText('  Add the healthcare explanation.  ', 'comment', true)).toBe(
      'Add the healthcare explanation.',
    );
    expect(reviewNoteText(undefined, 'comment', false)).toBe('');
    expect(refusal(() => reviewNoteText('  ', 'reason', true), 'BAD_USER_INPUT').field).toBe('reason');
  });

  it('refuses a note longer than the limit', () => {
    expect(() => reviewNoteText('x'.repeat(REVIEW_NOTE_CHARS), 'text', true)).not.toThrow();
    const error = refusal(() => reviewNoteText('x'.repeat(REVIEW_NOTE_CHARS + 1), 'text', true), 'BAD_USER_INPUT');
    expect(error.message).toContain(String(REVIEW_NOTE_CHARS));
  });
});

describe('auditNote', () => {
  it('keeps the subject and the start of the text', () => {
    expect(auditNote('terms 2026-07', '')).toBe('terms 2026-07');
    expect(auditNote('terms 2026-07', 'Fix 10.4.')).toBe('terms 2026-07: Fix 10.4.');
    expect(auditNote('t', 'y'.repeat(AUDIT_NOTE_CHARS + 10))).toHaveLength(3 + AUDIT_NOTE_CHARS + 1);
  });
});

const clause = (key: string, body: string): ClauseInput => ({ key, number: key, heading: `Heading ${key}`, body });
const text = [clause('1', 'One.'), clause('2', 'Two.')];

describe('assertVersionChanges', () => {
  it('refuses a text identical to the only version it could follow, naming it', () => {
    const error = refusal(
      () => assertVersionChanges({ label: 'next', clauses: text, bases: [{ label: '2025-03', clauses: [...text] }] }),
      'NO_CHANGE',
    );
    expect(error.message).toContain('2025-03');
    expect(error.field).toBe('clauses');
  });

  it('accepts any change, a reordering included, and a first version', () => {
    const base = [{ label: 'old', clauses: text }];
    expect(() =>
      assertVersionChanges({ label: 'n', clauses: [clause('1', 'One!'), clause('2', 'Two.')], bases: base }),
    ).not.toThrow();
    expect(() => assertVersionChanges({ label: 'n', clauses: [...text].reverse(), bases: base })).not.toThrow();
    expect(() => assertVersionChanges({ label: 'n', clauses: [clause('3', 'Three.')], bases: base })).not.toThrow();
    expect(() => assertVersionChanges({ label: 'n', clauses: text, bases: [] })).not.toThrow();
  });

  it('refuses only when it repeats every version it could follow', () => {
    const scheduled = { label: 'scheduled', clauses: [clause('1', 'One, amended.'), clause('2', 'Two.')] };
    // Identical to the text in force, but meant to follow the scheduled one: it would undo it.
    expect(() =>
      assertVersionChanges({ label: 'n', clauses: text, bases: [{ label: 'now', clauses: text }, scheduled] }),
    ).not.toThrow();
    refusal(
      () =>
        assertVersionChanges({
          label: 'n',
          clauses: text,
          bases: [
            { label: 'now', clauses: text },
            { label: 'same', clauses: text },
          ],
        }),
      'NO_CHANGE',
    );
  });
});

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
  governingClauses: [],
};
const facts = { consumer: offered, business: offered };

describe('assertRevisionChanges', () => {
  it('refuses facts identical to the revision it would follow, lists compared as sets', () => {
    const reordered = { ...facts, business: { ...offered, dataCategories: ['transcripts', 'audio'] } } as typeof facts;
    const error = refusal(
      () => assertRevisionChanges({ feature: 'summary', number: 4, facts: reordered, bases: [{ number: 3, facts }] }),
      'NO_CHANGE',
    );
    expect(error.message).toContain('revision 3');
    expect(error.field).toBe('facts');
  });

  it('ignores facts the base states for a segment the revision no longer owes (retired)', () => {
    const base = { ...facts, retired: { ...offered, trainsFirstPartyModels: true } };
    refusal(
      () => assertRevisionChanges({ feature: 's', number: 2, facts, bases: [{ number: 1, facts: base }] }),
      'NO_CHANGE',
    );
  });

  it('accepts a wording change, a new segment, a first revision, and a revision that differs from one base', () => {
    const worded = { ...facts, consumer: { ...offered, whatItDoes: 'Summarises meetings.' } };
    expect(() =>
      assertRevisionChanges({ feature: 's', number: 2, facts: worded, bases: [{ number: 1, facts }] }),
    ).not.toThrow();
    const { business: _left, ...fewer } = facts;
    expect(() =>
      assertRevisionChanges({ feature: 's', number: 2, facts, bases: [{ number: 1, facts: fewer }] }),
    ).not.toThrow();
    expect(() => assertRevisionChanges({ feature: 's', number: 1, facts, bases: [] })).not.toThrow();
    expect(() =>
      assertRevisionChanges({
        feature: 's',
        number: 3,
        facts,
        bases: [
          { number: 1, facts },
          { number: 2, facts: worded },
        ],
      }),
    ).not.toThrow();
  });
});

describe('surelyMaterialChanges', () => {
  const training = { ...facts, consumer: { ...offered, trainsFirstPartyModels: true } };

  it('is what changes materially against every base the revision could follow', () => {
    expect([...surelyMaterialChanges([facts], training)]).toEqual([['consumer', ['trainsFirstPartyModels']]]);
    // Against a scheduled revision that already trains, the consumer change is not sure.
    expect(surelyMaterialChanges([facts, training], training).size).toBe(0);
    expect(surelyMaterialChanges([], training).size).toBe(0);
  });

  it('treats "no revision before it" as a first revision: every offered segment is material', () => {
    expect([...surelyMaterialChanges([null], facts).keys()]).toEqual(['consumer', 'business']);
    expect([...surelyMaterialChanges([null, facts], training).keys()]).toEqual(['consumer']);
  });
});
