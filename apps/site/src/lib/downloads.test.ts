import { describe, expect, it } from 'vitest';
import { CONSENT_CSV_HEADER, cellStatus, csvField, FACTS_CSV_HEADER, formatSize, sha256Line } from './downloads';

describe('downloads', () => {
  it('quotes a CSV field only when it must (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
  });

  it('says what an empty count means: suppressed or not tracked', () => {
    expect(cellStatus({ value: 12, suppressed: false })).toBe('published');
    expect(cellStatus({ value: null, suppressed: true })).toBe('suppressed');
    expect(cellStatus({ value: null, suppressed: false })).toBe('not_tracked');
  });

  it('names every count with its status column, and every fact', () => {
    expect(CONSENT_CSV_HEADER.slice(0, 7)).toEqual([
      'feature',
      'feature_name',
      'segment',
      'segment_name',
      'month',
      'accounts_eligible',
      'accounts_eligible_status',
    ]);
    expect(CONSENT_CSV_HEADER).toHaveLength(5 + 6 * 2 + 2);
    expect(FACTS_CSV_HEADER).toContain('trains_first_party_models');
    expect(FACTS_CSV_HEADER.at(-1)).toBe('governing_clauses');
  });

  it('writes sha256sum lines and sizes as the page shows them', () => {
    expect(sha256Line({ sha256: 'ab'.repeat(32), name: 'x.csv' })).toBe(`${'ab'.repeat(32)}  x.csv\n`);
    expect(formatSize(999)).toBe('999 bytes');
    expect(formatSize(1500)).toBe('1.5 kB');
    expect(formatSize(2_400_000)).toBe('2.4 MB');
  });
});
