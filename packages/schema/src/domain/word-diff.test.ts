import { describe, expect, it } from 'vitest';
import { seededRandom } from './testing/seeded-random.js';
import { diffSource, diffTarget, WORD_DIFF_MAX_EDITS, wordDiff } from './word-diff.js';

describe('wordDiff', () => {
  it('marks inserted words', () => {
    const from = 'We may use customer content.';
    const to = 'We may use audio and customer content.';
    expect(wordDiff(from, to)).toEqual([
      { op: 'equal', text: 'We may use ' },
      { op: 'insert', text: 'audio and ' },
      { op: 'equal', text: 'customer content.' },
    ]);
  });

  it('returns one equal part for identical text and nothing for two empty texts', () => {
    expect(wordDiff('same text', 'same text')).toEqual([{ op: 'equal', text: 'same text' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('handles an empty side', () => {
    expect(wordDiff('', 'new clause')).toEqual([{ op: 'insert', text: 'new clause' }]);
    expect(wordDiff('old clause', '')).toEqual([{ op: 'delete', text: 'old clause' }]);
  });

  it('never emits two adjacent parts with the same op, nor an empty part', () => {
    const parts = wordDiff('a b c d e f g', 'a x c y e z g h');
    for (let i = 0; i < parts.length; i++) {
      expect(parts[i]?.text).not.toBe('');
      if (i > 0) expect(parts[i]?.op).not.toBe(parts[i - 1]?.op);
    }
  });

  it('reproduces both texts exactly (property over random texts)', () => {
    const random = seededRandom(20230807);
    const vocabulary = [
      'the',
      'content',
      'AI',
      'модель',
      'é',
      'e\u0301',
      ',',
      '.',
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      'train',
      '🙂',
    ];
    const text = () =>
      Array.from({ length: random.int(0, 40) }, () => vocabulary[random.int(0, vocabulary.length - 1)]).join('');
    for (let i = 0; i < 500; i++) {
      const from = text();
      const to = random.next() < 0.5 ? text() : from.replace(/the/g, 'a');
      const parts = wordDiff(from, to);
      expect(diffSource(parts)).toBe(from);
      expect(diffTarget(parts)).toBe(to);
    }
  });

  it('falls back to a whole replacement past the edit cap, still reproducing both texts', () => {
    const from = Array.from({ length: WORD_DIFF_MAX_EDITS }, (_, i) => `a${i}`).join(' ');
    const to = Array.from({ length: WORD_DIFF_MAX_EDITS }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(from, to);
    expect(parts).toEqual([
      { op: 'delete', text: from },
      { op: 'insert', text: to },
    ]);
  });
});
