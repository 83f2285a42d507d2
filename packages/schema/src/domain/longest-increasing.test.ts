import { describe, expect, it } from 'vitest';
import { longestIncreasingSubsequence } from './longest-increasing.js';
import { seededRandom } from './testing/seeded-random.js';

/** Quadratic reference: the length of a longest strictly increasing subsequence. */
function referenceLength(values: readonly number[]): number {
  const best = values.map(() => 1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if ((values[j] as number) < (values[i] as number)) best[i] = Math.max(best[i] as number, (best[j] as number) + 1);
    }
  }
  return Math.max(0, ...best);
}

describe('longestIncreasingSubsequence', () => {
  it('handles trivial inputs', () => {
    expect(longestIncreasingSubsequence([])).toEqual([]);
    expect(longestIncreasingSubsequence([7])).toEqual([0]);
    expect(longestIncreasingSubsequence([0, 1, 2])).toEqual([0, 1, 2]);
    expect(longestIncreasingSubsequence([2, 1, 0])).toHaveLength(1);
  });

  it('returns an increasing subsequence of maximal length (against a quadratic reference)', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: random.int(0, 30) }, () => random.int(0, 20));
      const indices = longestIncreasingSubsequence(values);
      expect(indices).toHaveLength(referenceLength(values));
      for (let k = 1; k < indices.length; k++) {
        expect(indices[k] as number).toBeGreaterThan(indices[k - 1] as number);
        expect(values[indices[k] as number] as number).toBeGreaterThan(values[indices[k - 1] as number] as number);
      }
    }
  });
});
