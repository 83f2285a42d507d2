/**
 * Indices (into `values`) of one longest strictly increasing subsequence, in ascending order.
 * Patience sorting with predecessor links: O(n log n), where an LCS table would be O(n²) and
 * too slow for 1,000-clause documents. When several subsequences are longest, the one ending
 * with the smallest tails wins, a fixed rule, so the result depends only on `values`.
 */
export function longestIncreasingSubsequence(values: readonly number[]): number[] {
  // tails[k] = index of the smallest value ending an increasing run of length k + 1.
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((values[tails[mid] as number] as number) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] as number;
    tails[low] = i;
  }
  const result: number[] = new Array<number>(tails.length);
  let cursor = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  for (let k = tails.length - 1; k >= 0; k--) {
    result[k] = cursor;
    cursor = previous[cursor] as number;
  }
  return result;
}
