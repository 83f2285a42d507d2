/**
 * Splits a clause body into blocks to render as HTML elements. Bodies are kept exactly as
 * published (Markdown-like text: paragraphs separated by blank lines, `### ` sub-headings and
 * `- ` list items); rendering them block by block with escaped text, instead of through a
 * Markdown renderer that passes raw HTML through, keeps a published clause from ever injecting
 * markup or scripts into the site.
 */
export type ClauseBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[] };

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;

export function clauseBlocks(body: string): ClauseBlock[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block): ClauseBlock => {
      const heading = /^#{1,6}\s+(.*)$/s.exec(block);
      if (heading !== null) return { kind: 'heading', text: (heading[1] ?? '').trim() };
      const lines = block.split('\n');
      if (lines.every((line) => LIST_ITEM.test(line))) {
        return { kind: 'list', items: lines.map((line) => line.replace(LIST_ITEM, '').trim()) };
      }
      return { kind: 'paragraph', text: lines.map((line) => line.trim()).join(' ') };
    });
}
