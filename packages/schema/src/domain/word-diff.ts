import { diffWordsWithSpace } from 'diff';

/** One run of a word-level diff. Rendering equal+delete parts gives the old text, equal+insert the new. */
export interface WordDiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Above this many token edits a word diff is unreadable anyway, and Myers' algorithm is
 * O((N+M)·D): an unbounded diff of two unrelated 5,000-word clauses takes seconds. Past the cap
 * the whole text is shown as replaced. The cap counts edits, not time, so output stays deterministic.
 */
export const WORD_DIFF_MAX_EDITS = 1000;

/**
 * Word-level diff that keeps whitespace as tokens (jsdiff's diffWordsWithSpace), so the parts
 * reproduce both texts exactly, including line breaks. Adjacent parts with the same op are
 * merged and empty parts dropped, so the result is minimal and stable for rendering.
 */
export function wordDiff(from: string, to: string): WordDiffPart[] {
  if (from === to) return from === '' ? [] : [{ op: 'equal', text: from }];
  const changes = diffWordsWithSpace(from, to, { maxEditLength: WORD_DIFF_MAX_EDITS });
  if (changes === undefined) return wholesaleReplacement(from, to);
  const parts: WordDiffPart[] = [];
  for (const change of changes) {
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    push(parts, op, change.value);
  }
  return parts;
}

function wholesaleReplacement(from: string, to: string): WordDiffPart[] {
  const parts: WordDiffPart[] = [];
  push(parts, 'delete', from);
  push(parts, 'insert', to);
  return parts;
}

function push(parts: WordDiffPart[], op: WordDiffPart['op'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/** The text a diff was computed from (equal + delete parts). */
export function diffSource(parts: readonly WordDiffPart[]): string {
  return parts
    .filter((p) => p.op !== 'insert')
    .map((p) => p.text)
    .join('');
}

/** The text a diff was computed to (equal + insert parts). */
export function diffTarget(parts: readonly WordDiffPart[]): string {
  return parts
    .filter((p) => p.op !== 'delete')
    .map((p) => p.text)
    .join('');
}
