import { describe, expect, it } from 'vitest';
import { termsV1, termsV2 } from '../sample/index.js';
import {
  isHeavilyRewritten,
  measureRewrite,
  REWRITE_CHANGED_SHARE,
  REWRITE_CHOPPY_RUNS,
  REWRITE_MIN_WORDS,
} from './rewrite.js';
import { wordDiff } from './word-diff.js';

const bodyOf = (clauses: { key: string; body: string }[], key: string): string =>
  clauses.find((clause) => clause.key === key)?.body ?? '';

describe('measureRewrite', () => {
  it('counts equal words on both sides and changed words once', () => {
    const measure = measureRewrite(wordDiff('We may use customer content.', 'We may use audio and customer content.'));
    // 5 equal words on each side, 2 inserted.
    expect(measure).toEqual({ totalWords: 12, changedWords: 2, changedShare: 2 / 12, changedRuns: 1 });
  });

  it('reads the API spelling of operations too', () => {
    const measure = measureRewrite([
      { op: 'EQUAL', text: 'one two ' },
      { op: 'DELETE', text: 'three' },
      { op: 'INSERT', text: 'four' },
    ]);
    expect(measure).toEqual({ totalWords: 6, changedWords: 2, changedShare: 2 / 6, changedRuns: 1 });
  });

  it('does not split a run at whitespace, only at an unchanged word', () => {
    const parts = [
      { op: 'delete', text: 'a' },
      { op: 'equal', text: ' ' },
      { op: 'insert', text: 'b' },
      { op: 'equal', text: ' kept ' },
      { op: 'insert', text: 'c' },
    ] as const;
    expect(measureRewrite(parts).changedRuns).toBe(2);
  });

  it('is zero for an empty diff', () => {
    expect(measureRewrite([])).toEqual({ totalWords: 0, changedWords: 0, changedShare: 0, changedRuns: 0 });
  });
});

describe('isHeavilyRewritten', () => {
  const sentence = 'Northwind may use your content only to provide the service to you and your users.';

  it('is false for a small amendment', () => {
    expect(isHeavilyRewritten(wordDiff(sentence, sentence.replace('only ', 'only and always ')))).toBe(false);
  });

  it('is true when most words are replaced', () => {
    const other = 'Customer data may be processed by Northwind for product development, marketing and training.';
    const parts = wordDiff(sentence, other);
    expect(measureRewrite(parts).changedShare).toBeGreaterThan(REWRITE_CHANGED_SHARE);
    expect(isHeavilyRewritten(parts)).toBe(true);
  });

  it('is true for many alternating one-word swaps that leave most words in place', () => {
    const words = Array.from({ length: 40 }, (_, index) => `w${index}`);
    const changed = words.map((word, index) => (index % 3 === 0 ? `x${index}` : word));
    const parts = wordDiff(words.join(' '), changed.join(' '));
    const measure = measureRewrite(parts);
    expect(measure.changedShare).toBeLessThanOrEqual(REWRITE_CHANGED_SHARE);
    expect(measure.changedRuns).toBeGreaterThanOrEqual(REWRITE_CHOPPY_RUNS);
    expect(isHeavilyRewritten(parts)).toBe(true);
  });

  it('keeps a short text inline even when all of it changed', () => {
    const parts = wordDiff('Free plans', 'Plans without fees');
    expect(measureRewrite(parts).totalWords).toBeLessThan(REWRITE_MIN_WORDS);
    expect(isHeavilyRewritten(parts)).toBe(false);
  });

  it('is true for the sample’s March 2023 licence rewrite (clause 10.1) and false for a clause it did not rewrite', () => {
    expect(isHeavilyRewritten(wordDiff(bodyOf(termsV1.clauses, '10.1'), bodyOf(termsV2.clauses, '10.1')))).toBe(true);
    const unchanged = bodyOf(termsV1.clauses, '1');
    expect(unchanged).not.toBe('');
    expect(isHeavilyRewritten(wordDiff(unchanged, `${unchanged} Nothing else changes.`))).toBe(false);
  });
});
