/** Writing commented YAML for the templates: placeholders to fill in, and comments that wrap. */
import { isScalar, type Pair, Scalar, type YAMLMap } from 'yaml';

/** A YAML value written as nothing (`material:`), which reads as null and is refused until filled in. */
export function placeholder(comment: string): Scalar {
  const node = new Scalar(null);
  node.source = '';
  node.comment = ` ${comment}`;
  return node;
}

/** Comment lines above the key `key` of `map`. */
export function annotate(map: YAMLMap, key: string, text: string): void {
  const pair = map.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
  if (pair !== undefined && isScalar(pair.key)) pair.key.commentBefore = comments([text]);
}

/** YAML comment text, wrapped: each line after `#` starts with a space. */
export function comments(paragraphs: readonly string[]): string {
  return paragraphs
    .flatMap((paragraph) => wrap(paragraph))
    .map((line) => ` ${line}`)
    .join('\n');
}

/**
 * Words in lines of at most COMMENT_WIDTH characters (a longer word keeps a line of its own),
 * each indented as the text is, so that a command indented on a line of its own stays whole.
 */
function wrap(text: string): string[] {
  const indent = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/ +/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > COMMENT_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].map((l) => `${indent}${l}`);
}

const COMMENT_WIDTH = 96;
