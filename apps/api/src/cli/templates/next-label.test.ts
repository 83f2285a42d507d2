import { describe, expect, it } from 'vitest';
import { suggestNextLabel } from './next-label.js';

const today = new Date('2027-02-10T12:00:00Z');
const none = new Set<string>();

describe('suggestNextLabel', () => {
  it('gives a date label today’s date in the same shape', () => {
    expect(suggestNextLabel('2026-07', none, today)).toBe('2027-02');
    expect(suggestNextLabel('2026-07-15', none, today)).toBe('2027-02-10');
    expect(suggestNextLabel(null, none, today)).toBe('2027-02');
  });

  it('counts a date label on after a dot when today is not later', () => {
    expect(suggestNextLabel('2027-02', none, today)).toBe('2027-02.2');
    expect(suggestNextLabel('2027-06', none, today)).toBe('2027-06.2');
    expect(suggestNextLabel('2026-07', new Set(['2027-02', '2027-02.2']), today)).toBe('2027-02.3');
  });

  it('counts a trailing number on, keeping its width', () => {
    expect(suggestNextLabel('v3', none, today)).toBe('v4');
    expect(suggestNextLabel('1.9', none, today)).toBe('1.10');
    expect(suggestNextLabel('r009', none, today)).toBe('r010');
    expect(suggestNextLabel('v3', new Set(['v4', 'v5']), today)).toBe('v6');
    expect(suggestNextLabel('n99999999999999999999', none, today)).toBe('n100000000000000000000');
  });

  it('adds -2 to any other label', () => {
    expect(suggestNextLabel('initial', none, today)).toBe('initial-2');
    expect(suggestNextLabel('initial', new Set(['initial-2']), today)).toBe('initial-3');
  });

  it('falls back to the month when the label cannot grow', () => {
    expect(suggestNextLabel(`a${'b'.repeat(63)}`, none, today)).toBe('2027-02');
  });
});
