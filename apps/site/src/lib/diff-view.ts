/**
 * How a changed clause's body is shown: inline with insertions and deletions marked, or — when
 * the domain says it was heavily rewritten (isHeavilyRewritten) — the old and the new text side by
 * side, so readers never face alternating one-word marks ("word soup").
 */
import { isHeavilyRewritten } from '@candor/schema/domain';
import type { ClauseChange, WordDiffPart } from './entry-types';

export type BodyView =
  | { layout: 'unchanged' }
  | { layout: 'inline'; parts: WordDiffPart[] }
  | { layout: 'side-by-side'; before: string; after: string };

export function bodyView(change: Pick<ClauseChange, 'kind' | 'from' | 'to' | 'bodyDiff'>): BodyView {
  if (change.kind === 'ADDED' && change.to !== null) {
    return { layout: 'inline', parts: [{ op: 'INSERT', text: change.to.body }] };
  }
  if (change.kind === 'REMOVED' && change.from !== null) {
    return { layout: 'inline', parts: [{ op: 'DELETE', text: change.from.body }] };
  }
  if (change.bodyDiff === null) return { layout: 'unchanged' };
  if (change.from !== null && change.to !== null && isHeavilyRewritten(change.bodyDiff)) {
    return { layout: 'side-by-side', before: change.from.body, after: change.to.body };
  }
  return { layout: 'inline', parts: change.bodyDiff };
}

/** One run of a diff as rendered: the whitespace around a changed run stays outside its mark. */
export interface MarkedRun {
  op: WordDiffPart['op'];
  leading: string;
  text: string;
  trailing: string;
}

/**
 * Splits each part's leading and trailing whitespace off, so an <ins> or <del> never starts or
 * ends with a space or a line break (a mark can then never stand alone at a line's end). A part
 * that is only whitespace is kept as unchanged text.
 */
export function markedRuns(parts: readonly WordDiffPart[]): MarkedRun[] {
  return parts.map((part) => {
    if (part.op === 'EQUAL') return { op: 'EQUAL', leading: '', text: part.text, trailing: '' };
    const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.text);
    const [, leading = '', text = '', trailing = ''] = match ?? [];
    if (text === '') return { op: 'EQUAL', leading: '', text: part.text, trailing: '' };
    return { op: part.op, leading, text, trailing };
  });
}
