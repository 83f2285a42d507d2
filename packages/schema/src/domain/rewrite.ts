/**
 * Whether a word diff is readable inline, or the clause was rewritten so thoroughly that showing
 * the old and the new text side by side reads better than interleaved insertions and deletions
 * ("word soup"). Pure: it only counts words in the diff's parts.
 */
import type { WordDiffPart } from './word-diff.js';

/** A diff part as the domain (`insert`) or the GraphQL API (`INSERT`) spells its operation. */
export interface DiffPartLike {
  op: WordDiffPart['op'] | Uppercase<WordDiffPart['op']>;
  text: string;
}

/**
 * Above this share of changed words the clause is a rewrite: more than half of all the words of
 * the two texts together are deleted or inserted, so fewer than half of them are common wording a
 * reader could follow between the marks.
 */
export const REWRITE_CHANGED_SHARE = 0.5;

/**
 * Many short alternating runs read as word soup even when a good part of the wording survives:
 * from this many separate changed runs, a share of changed words of REWRITE_CHOPPY_SHARE or more
 * already counts as a rewrite (the March 2023 licence clause: dozens of one-word swaps).
 */
export const REWRITE_CHOPPY_RUNS = 8;
export const REWRITE_CHOPPY_SHARE = 0.3;

/** A diff over fewer words than this stays inline: a short sentence reads fine with its marks. */
export const REWRITE_MIN_WORDS = 12;

export interface RewriteMeasure {
  /** Words on both sides together: equal words count twice (once per side), changed ones once. */
  totalWords: number;
  /** Deleted plus inserted words. */
  changedWords: number;
  /** changedWords / totalWords (0 for an empty diff). */
  changedShare: number;
  /** Changed runs separated by at least one unchanged word. */
  changedRuns: number;
}

const wordsIn = (text: string): number => text.split(/\s+/).filter((word) => word !== '').length;

/** Counts the words a diff changes and the runs they come in. */
export function measureRewrite(parts: readonly DiffPartLike[]): RewriteMeasure {
  let equalWords = 0;
  let changedWords = 0;
  let changedRuns = 0;
  let inRun = false;
  for (const part of parts) {
    const words = wordsIn(part.text);
    if (part.op.toLowerCase() === 'equal') {
      equalWords += words;
      // Whitespace between two changes does not end the run: the reader sees one changed stretch.
      if (words > 0) inRun = false;
    } else {
      changedWords += words;
      if (!inRun && words > 0) {
        changedRuns++;
        inRun = true;
      }
    }
  }
  const totalWords = 2 * equalWords + changedWords;
  return { totalWords, changedWords, changedShare: totalWords === 0 ? 0 : changedWords / totalWords, changedRuns };
}

/**
 * Whether the clause was heavily rewritten: more than REWRITE_CHANGED_SHARE of its words changed,
 * or at least REWRITE_CHOPPY_RUNS separate changed runs covering REWRITE_CHOPPY_SHARE of them; never
 * for a diff of fewer than REWRITE_MIN_WORDS words. Pages show such a clause's old and new text
 * side by side instead of one text with insertions and deletions marked.
 */
export function isHeavilyRewritten(parts: readonly DiffPartLike[]): boolean {
  const { totalWords, changedShare, changedRuns } = measureRewrite(parts);
  if (totalWords < REWRITE_MIN_WORDS) return false;
  if (changedShare > REWRITE_CHANGED_SHARE) return true;
  return changedRuns >= REWRITE_CHOPPY_RUNS && changedShare >= REWRITE_CHOPPY_SHARE;
}
