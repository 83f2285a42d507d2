import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  assertNotUndoneByScheduled,
  type ComparedRevision,
  compareInForceOrder,
  type PlacedRevision,
  revisionBefore,
  revisionsAfter,
  staleComparisons,
  undoneChanges,
} from './revision-base.js';
import type { FeatureFactsInput } from './types.js';

const day = (d: number) => new Date(Date.UTC(2026, 5, d));
const now = day(1);

/** Revision `number`, published on day `published`, effective on day `effective`. */
const at = (number: number, published: number, effective: number, withdrawn = false): PlacedRevision => ({
  id: `r${number}`,
  number,
  publishedAt: day(published),
  effectiveAt: day(effective),
  withdrawn,
});
const ids = (revisions: readonly PlacedRevision[]) => revisions.map((r) => r.id);

const facts: FeatureFactsInput = {
  whatItDoes: 'Summarises a meeting.',
  availability: 'generally_available',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: false,
  sharedWithVendor: false,
  vendorName: null,
  trainsVendorModels: false,
  retention: 'Thirty days.',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: 'Nobody reads them.',
  consentRequiredFrom: ['account_owner'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: 'Leave the meeting.',
  defaultState: 'off',
  governingClauses: [],
};
const label = (consumer: Partial<FeatureFactsInput>, business: Partial<FeatureFactsInput> = {}) => ({
  consumer: { ...facts, ...consumer },
  business: { ...facts, ...business },
});

describe('the revision in force before another', () => {
  it('orders by effective date, then publication', () => {
    const sorted = [at(3, 3, 10), at(1, 1, 1), at(4, 4, 5), at(2, 2, 10)].sort(compareInForceOrder);
    expect(ids(sorted)).toEqual(['r1', 'r4', 'r2', 'r3']);
  });

  it('is the last one effective before it, whatever was published last', () => {
    const revisions = [at(1, 1, 1), at(2, 2, 20), at(3, 3, 10)];
    expect(revisionBefore(revisions, at(4, 4, 15))?.id).toBe('r3');
    expect(revisionBefore(revisions, revisions[1] as PlacedRevision)?.id).toBe('r3');
    expect(revisionBefore(revisions, revisions[0] as PlacedRevision)).toBeNull();
    expect(ids(revisionsAfter(revisions, at(4, 4, 15)))).toEqual(['r2']);
    expect(ids(revisionsAfter(revisions, at(4, 4, 5)))).toEqual(['r3', 'r2']);
  });

  it('skips withdrawn revisions', () => {
    const revisions = [at(1, 1, 1), at(2, 2, 10, true), at(3, 3, 20)];
    expect(revisionBefore(revisions, at(4, 4, 15))?.id).toBe('r1');
    expect(revisionBefore(revisions, revisions[2] as PlacedRevision)?.id).toBe('r1');
    expect(ids(revisionsAfter(revisions, at(4, 4, 5)))).toEqual(['r3']);
  });

  it('breaks a tie of effective dates by publication: the later publication comes after', () => {
    const revisions = [at(1, 1, 1), at(2, 2, 10)];
    expect(revisionBefore(revisions, at(3, 3, 10))?.id).toBe('r2');
    expect(revisionsAfter(revisions, at(3, 3, 10))).toEqual([]);
  });
});

describe('undoneChanges', () => {
  const base = label({});
  const next = label({ trainsFirstPartyModels: true, dataCategories: ['audio', 'transcripts', 'chat'] });

  it('is empty when the later revision keeps every change (lists as sets), whatever else it changes', () => {
    const later = label(
      { trainsFirstPartyModels: true, dataCategories: ['chat', 'transcripts', 'audio'], retentionDays: 90 },
      { defaultState: 'on' },
    );
    expect(undoneChanges(base, next, later)).toEqual([]);
  });

  it('lists each segment × field the later revision takes back', () => {
    const later = label({ retentionDays: 90, dataCategories: ['chat', 'transcripts', 'audio'] });
    expect(undoneChanges(base, next, later).map((c) => [c.segment, c.field])).toEqual([
      ['consumer', 'trainsFirstPartyModels'],
    ]);
  });

  it('compares with everything for a first revision', () => {
    expect(undoneChanges(null, next, next)).toEqual([]);
    expect(undoneChanges(null, next, base).map((c) => c.field)).toEqual(['dataCategories', 'trainsFirstPartyModels']);
  });
});

describe('assertNotUndoneByScheduled', () => {
  const base = label({});
  const next = label({}, { retention: 'Sixty days.', retentionDays: 60 });

  it('passes when nothing is scheduled after, or what is contains the change', () => {
    expect(() => assertNotUndoneByScheduled({ feature: 'f', effectiveAt: now, base, next, later: [] })).not.toThrow();
    const later = [{ number: 5, effectiveAt: day(20), facts: label({ defaultState: 'on' }, next.business) }];
    expect(() => assertNotUndoneByScheduled({ feature: 'f', effectiveAt: now, base, next, later })).not.toThrow();
  });

  it('names the scheduled revision, its date, what it would undo and the ways out', () => {
    const later = [
      { number: 5, effectiveAt: day(20), facts: label({ trainsFirstPartyModels: true }) },
      { number: 6, effectiveAt: day(25), facts: next },
    ];
    let error: unknown;
    try {
      assertNotUndoneByScheduled({ feature: 'meeting-summary', effectiveAt: now, base, next, later });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    const refusal = error as DomainError;
    expect([refusal.code, refusal.field]).toEqual(['CONFLICTS_WITH_SCHEDULED', 'effectiveAt']);
    expect(refusal.message).toContain('Revision 5 of meeting-summary');
    expect(refusal.message).toContain(day(20).toISOString());
    expect(refusal.message).toContain('business (retention, retentionDays)');
    expect(refusal.message).toContain('withdraw revision 5 and re-issue it on top of this revision');
    expect(refusal.message).toContain(`at or after ${day(20).toISOString()}`);
  });
});

describe('staleComparisons', () => {
  const compared = (revision: PlacedRevision, comparedWith: string | null): ComparedRevision => ({
    ...revision,
    comparedWith,
  });

  it('finds nothing while every scheduled revision compares with the one before it', () => {
    const revisions = [compared(at(1, 1, 1), null), compared(at(2, 1, 10), 'r1'), compared(at(3, 1, 20), 'r2')];
    expect(staleComparisons(revisions, now)).toEqual([]);
  });

  it('after a withdrawal, moves the next scheduled one onto the revision now before it', () => {
    const revisions = [compared(at(1, 1, 1), null), compared(at(2, 1, 10, true), 'r1'), compared(at(3, 1, 20), 'r2')];
    const stale = staleComparisons(revisions, now);
    expect(stale.map(({ revision, base }) => [revision.id, base?.id ?? null])).toEqual([['r3', 'r1']]);
  });

  it('after a publication before a scheduled one, moves it onto the new revision', () => {
    const revisions = [compared(at(1, 1, 1), null), compared(at(2, 1, 20), 'r1'), compared(at(3, 2, 10), 'r1')];
    const stale = staleComparisons(revisions, now);
    expect(stale.map(({ revision, base }) => [revision.id, base?.id ?? null])).toEqual([['r2', 'r3']]);
  });

  it('can leave a revision compared with nothing, and never touches one in effect', () => {
    const revisions = [compared(at(1, 1, 10, true), null), compared(at(2, 1, 20), 'r1')];
    expect(staleComparisons(revisions, now).map((s) => [s.revision.id, s.base])).toEqual([['r2', null]]);
    // Revision 2 is in effect by day 25: what it was compared with then is history.
    expect(staleComparisons(revisions, day(25))).toEqual([]);
  });
});
