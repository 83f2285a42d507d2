import { describe, expect, it } from 'vitest';
import {
  assertMayDecideSubmission,
  consentKey,
  currentFigures,
  releaseConflicts,
  sameCounts,
} from './consent-release-rules.js';
import { DomainError } from './errors.js';
import { canonicalConsentRelease, consentReleaseHash } from './public-records.js';

const counts = (eligible: number) => ({
  accountsEligible: eligible,
  ownersEnabled: eligible,
  ownersDisabled: 0,
  ownersUndecided: 0,
  participantsJoined: null,
  participantsLeft: null,
});
const key = (period: string) => ({ feature: 'meeting-summary', segment: 'consumer', period });

describe('releaseConflicts', () => {
  const published = new Map([[consentKey(key('2024-01')), counts(100)]]);

  it('lets a release publish only figures that have none', () => {
    const rows = [
      { ...key('2024-01'), ...counts(100), line: 2 },
      { ...key('2024-02'), ...counts(100), line: 3 },
    ];
    const problems = releaseConflicts('RELEASE', rows, published);
    expect(problems.map((p) => [p.line, p.field])).toEqual([[2, 'period']]);
    expect(problems[0]?.message).toContain('publish a correction');
  });

  it('lets a correction replace only published figures, and only with a different one', () => {
    const rows = [
      { ...key('2024-01'), ...counts(100), line: 2 },
      { ...key('2024-01'), ...counts(120), line: 3 },
      { ...key('2024-02'), ...counts(100), line: 4 },
    ];
    const problems = releaseConflicts('CORRECTION', rows, published);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'row'],
      [4, 'period'],
    ]);
    expect(problems[0]?.message).toContain('repeats the published figure');
    expect(problems[1]?.message).toContain('nothing to correct');
  });

  it('compares every count', () => {
    expect(sameCounts(counts(5), counts(5))).toBe(true);
    expect(sameCounts(counts(5), { ...counts(5), participantsJoined: 0 })).toBe(false);
  });
});

describe('currentFigures', () => {
  it('takes the figure published last and keeps the ones it replaced, oldest first', () => {
    const figures = [
      { row: { ...key('2024-01'), n: 'correction 2' }, releaseIndex: 4 },
      { row: { ...key('2024-01'), n: 'original' }, releaseIndex: 0 },
      { row: { ...key('2024-02'), n: 'only' }, releaseIndex: 0 },
      { row: { ...key('2024-01'), n: 'correction 1' }, releaseIndex: 2 },
    ];
    const result = currentFigures(figures).map(({ current, replaced }) => [
      current.row.n,
      replaced.map((figure) => figure.row.n),
    ]);
    expect(result).toEqual([
      ['correction 2', ['original', 'correction 1']],
      ['only', []],
    ]);
  });
});

describe('assertMayDecideSubmission', () => {
  const codeOf = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return (error as DomainError).code;
    }
    return null;
  };

  it('needs a publisher or admin who did not submit', () => {
    expect(codeOf(() => assertMayDecideSubmission({ editorId: 'a', role: 'EDITOR' }, 'b', 'approve'))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(() => assertMayDecideSubmission({ editorId: 'a', role: 'ADMIN' }, 'a', 'reject'))).toBe(
      'TWO_PERSON_RULE',
    );
    expect(codeOf(() => assertMayDecideSubmission({ editorId: 'a', role: 'PUBLISHER' }, 'b', 'approve'))).toBeNull();
    expect(DomainError).toBeDefined();
  });
});

describe('a correction’s canonical form', () => {
  const base = {
    releasedAt: new Date('2025-01-02T03:04:05.000Z'),
    minimumCellSize: 10,
    previousHash: null,
    rows: [{ ...key('2024-01'), ...counts(100) }],
  };

  it('is its own format, carries the reason and hashes differently from a release', () => {
    const text = canonicalConsentRelease({ ...base, reason: 'Recounted after a late load.' });
    expect(JSON.parse(text)).toMatchObject({
      format: 'candor-consent-correction/1',
      reason: 'Recounted after a late load.',
    });
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'releasedAt',
      'minimumCellSize',
      'previousHash',
      'reason',
      'rows',
    ]);
    expect(consentReleaseHash({ ...base, reason: 'x' })).not.toBe(consentReleaseHash(base));
    expect(JSON.parse(canonicalConsentRelease({ ...base, reason: null })).format).toBe('candor-consent-release/1');
  });

  it('must give a reason', () => {
    expect(() => canonicalConsentRelease({ ...base, reason: '   ' })).toThrow(/reason/);
  });
});
