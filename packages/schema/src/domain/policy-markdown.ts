/**
 * Clauses from a policy written in ordinary Markdown, as companies keep them in git (GitHub's own
 * site-policy repository, for example) or as Open Terms Archive records them: used by `candor
 * import` to turn each historical text into a version.
 *
 * ## How a file is split
 *
 * - CRLF and lone CR are read as LF; a leading byte order mark is ignored. YAML front matter
 *   (a first line `---`, up to the next `---` or `...` line) is dropped; its `title:` names the
 *   preamble when the file has no H1 title.
 * - Headings are ATX (`#` … `######`, up to three spaces of indentation) and setext (a one-line
 *   paragraph underlined with `===` or `---`). Lines inside code fences and HTML comments are
 *   never headings; a bold line (`**1. Definitions**`) is text, not a heading.
 * - A lone H1 that comes before every other heading is the document's title, not a clause.
 * - The split level is the shallowest heading level that occurs at least twice (the title
 *   aside), or the shallowest level present when none repeats. Every heading at that level or
 *   shallower starts a clause; deeper headings stay in the body, so a section's subsections are
 *   its body.
 * - Text before the first clause heading is the preamble clause (key `preamble`, number `0`,
 *   heading: the title, else "Preamble") when it has any text outside HTML comments. A heading
 *   with no text of its own before the next clause heading is left out: a clause needs a body.
 * - Bodies are the Markdown between headings, trimmed and otherwise verbatim, with one
 *   exception: a body line that begins with `## ` gets one leading space. Version Markdown
 *   starts a clause at such a line (version-markdown.ts), and up to three spaces of indentation
 *   leave a Markdown heading as it was, so the text renders the same and stays exportable.
 *
 * ## Numbers and keys
 *
 * - `number`: the heading's own number when it has one — `1.`, `3.2`, `10.4.1`, `3A.`, `A.`,
 *   `IV.`, `(a)`, `Section 4 – …`, `Article 12: …`, `§ 7 …` give `1`, `3.2`, `10.4.1`, `3A`,
 *   `A`, `IV`, `a`, `4`, `12`, `7` — else the clause's 1-based position. A bare integer needs a
 *   dot unless it has at most three digits, so "2023 changes" is not clause 2023.
 * - `key`: must survive renumbering, so it comes from the heading's words without the number:
 *   a lowercase slug of `a-z0-9` words joined by `-` (accents folded, apostrophes inside words
 *   dropped), cut at a word boundary to 32 characters.
 *   A heading that ends in `{#key}` (kramdown, and Candor's own Version Markdown) keeps that
 *   key. Repeats get `-2`, `-3`, …; a heading with no Latin letters or digits gets
 *   `clause-<position>`.
 * - Numbers and keys are unique within the result (a repeated number also gets `-2`, …), and
 *   headings are one line of plain text (links, emphasis, code spans, HTML tags and character
 *   references unwrapped) of at most 300 characters: every clause passes Version Markdown's
 *   rules, so an imported version can be exported.
 */
import { DomainError } from './errors.js';
import { isClauseKey } from './identifiers.js';
import type { ClauseInput } from './types.js';
import { VERSION_MARKDOWN_LIMITS } from './version-markdown.js';

export interface PolicyMarkdownOptions {
  /** The input's name in error messages and `DomainError.field`; `markdown` unless given. */
  field?: string;
}

export const PREAMBLE_KEY = 'preamble';
const PREAMBLE_NUMBER = '0';
const MAX_KEY_CHARS = 32;

/**
 * Splits a policy Markdown file into clauses (rules at the top of this file).
 *
 * @throws DomainError BAD_USER_INPUT naming `options.field` when the text has no heading, or
 * only headings with no text under any of them.
 */
export function clausesFromPolicyMarkdown(markdown: string, options: PolicyMarkdownOptions = {}): ClauseInput[] {
  const field = options.field ?? 'markdown';
  const { lines, title: frontMatterTitle } = withoutFrontMatter(markdown);
  const headings = findHeadings(lines);
  if (headings.length === 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field}: no Markdown headings found; Candor splits a policy into clauses at its headings`,
      field,
    );
  }

  const first = headings[0] as Heading;
  const titleHeading =
    first.level === 1 && headings.filter((h) => h.level === 1).length === 1 && headings.length > 1 ? first : null;
  const candidates = headings.filter((h) => h !== titleHeading);
  const level = splitLevel(candidates);
  const boundaries = candidates.filter((h) => h.level <= level);

  const sections: Section[] = [];
  const start = boundaries[0] as Heading;
  const preamble = lines.slice(0, start.start).filter((_, i) => titleHeading === null || !covers(titleHeading, i));
  const title = titleHeading === null ? frontMatterTitle : cleanHeading(titleHeading.text).text;
  sections.push({ heading: null, title: title || 'Preamble', body: preamble });
  boundaries.forEach((heading, i) => {
    const end = boundaries[i + 1]?.start ?? lines.length;
    sections.push({ heading, title: '', body: lines.slice(heading.end + 1, end) });
  });

  const clauses = assignIdentities(sections.filter((s) => hasText(s.body)));
  if (clauses.length === 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field}: every Markdown heading is empty; Candor needs text under at least one heading`,
      field,
    );
  }
  return clauses;
}

/**
 * Whether two versions' clauses say the same thing: the same keys and numbers in the same order,
 * and headings and bodies equal once Unicode is normalised (NFC) and every run of whitespace is
 * read as one space. A commit that only re-wraps lines or changes trailing spaces gives the same
 * clauses, so an import does not record it as a version.
 */
export function sameClauses(a: readonly ClauseInput[], b: readonly ClauseInput[]): boolean {
  return (
    a.length === b.length &&
    a.every((clause, i) => {
      const other = b[i] as ClauseInput;
      return (
        clause.key === other.key &&
        clause.number === other.number &&
        comparable(clause.heading) === comparable(other.heading) &&
        comparable(clause.body) === comparable(other.body)
      );
    })
  );
}

function comparable(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Lines and headings.

interface Heading {
  level: number;
  /** The heading's raw inline text. */
  text: string;
  /** First and last line index (a setext heading spans two lines). */
  start: number;
  end: number;
}

interface Section {
  /** null for the preamble. */
  heading: Heading | null;
  /** The preamble's heading. */
  title: string;
  body: string[];
}

const covers = (heading: Heading, line: number): boolean => line >= heading.start && line <= heading.end;

function withoutFrontMatter(markdown: string): { lines: string[]; title: string } {
  const lines = markdown
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return { lines, title: '' };
  const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (close === -1) return { lines, title: '' };
  const titleLine = lines.slice(1, close).find((line) => /^title:/.test(line));
  const title = (titleLine ?? '')
    .replace(/^title:\s*/, '')
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  // Blank lines keep the line numbers of the rest, which nothing else needs but debugging.
  return { lines: [...lines.slice(0, close + 1).fill(''), ...lines.slice(close + 1)], title };
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const ATX_CLOSING = /(?:^|[ \t]+)#+$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** Lines that are something other than a paragraph's text, so cannot be a setext heading's. */
const NOT_PARAGRAPH = /^(?: {4}|\t| {0,3}(?:[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|<|\||#{1,6}(?:[ \t]|$)|`{3}|~{3}))/;

/** Headings outside code fences and HTML comments, in order. */
function findHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  /** The previous line, when it could be the text of a setext heading. */
  let paragraphLine: number | null = null;

  lines.forEach((line, i) => {
    const candidate = paragraphLine;
    paragraphLine = null;
    if (fence !== null) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close !== null && (close[1] as string)[0] === fence.char && (close[1] as string).length >= fence.length) {
        fence = null;
      }
      return;
    }
    if (inComment) {
      inComment = opensComment(line, true);
      return;
    }
    const open = FENCE_OPEN.exec(line);
    if (open !== null && !((open[1] as string)[0] === '`' && (open[2] as string).includes('`'))) {
      fence = { char: (open[1] as string)[0] as string, length: (open[1] as string).length };
      return;
    }
    const atx = ATX.exec(line);
    if (atx !== null) {
      const text = (atx[2] ?? '').replace(ATX_CLOSING, '').trim();
      headings.push({ level: (atx[1] as string).length, text, start: i, end: i });
      return;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline !== null && candidate !== null) {
      headings.push({
        level: (underline[1] as string)[0] === '=' ? 1 : 2,
        text: lines[candidate] as string,
        start: candidate,
        end: i,
      });
      return;
    }
    if (opensComment(line, false)) {
      inComment = true;
      return;
    }
    // Only a one-line paragraph: a longer one underlined by `---` is left as text, since taking
    // a whole paragraph for a heading would swallow a clause's words into its title.
    const previous = lines[i - 1];
    if (
      line.trim() !== '' &&
      !NOT_PARAGRAPH.test(line) &&
      (previous === undefined || previous.trim() === '' || headings.at(-1)?.end === i - 1)
    ) {
      paragraphLine = i;
    }
  });
  return headings;
}

/** Whether an HTML comment is still open at the end of `line`. */
function opensComment(line: string, alreadyOpen: boolean): boolean {
  let open = alreadyOpen;
  let at = 0;
  for (;;) {
    const next = open ? line.indexOf('-->', at) : line.indexOf('<!--', at);
    if (next === -1) return open;
    at = next + (open ? 3 : 4);
    open = !open;
  }
}

function splitLevel(headings: readonly Heading[]): number {
  const counts = new Map<number, number>();
  for (const h of headings) counts.set(h.level, (counts.get(h.level) ?? 0) + 1);
  const levels = [...counts.keys()].sort((a, b) => a - b);
  return levels.find((level) => (counts.get(level) as number) >= 2) ?? (levels[0] as number);
}

function hasText(body: readonly string[]): boolean {
  return (
    body
      .join('\n')
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .trim() !== ''
  );
}

// ---------------------------------------------------------------------------------------------
// Clause identities: number, heading, key.

function assignIdentities(sections: readonly Section[]): ClauseInput[] {
  const parts = sections.map((section, i) => {
    if (section.heading === null) {
      return { number: PREAMBLE_NUMBER, heading: section.title, explicitKey: PREAMBLE_KEY, body: section.body };
    }
    const position = sections[0]?.heading === null ? i : i + 1;
    const cleaned = cleanHeading(section.heading.text);
    const numbered = splitNumber(cleaned.text, cleaned.explicitKey !== null);
    return {
      number: numbered.number ?? String(position),
      heading: numbered.heading || cleaned.text || `Section ${numbered.number ?? position}`,
      explicitKey: cleaned.explicitKey,
      body: section.body,
      position,
    };
  });

  const keys = new Set<string>();
  const chosen = parts.map((part) => {
    if (part.explicitKey === null || keys.has(part.explicitKey)) return null;
    keys.add(part.explicitKey);
    return part.explicitKey;
  });
  const numbers = new Set<string>();
  return parts.map((part, i) => {
    const key =
      chosen[i] ??
      unique(keys, slug(part.heading) || `clause-${'position' in part ? part.position : i}`, MAX_KEY_CHARS);
    keys.add(key);
    const number = unique(numbers, part.number, Number.POSITIVE_INFINITY);
    numbers.add(number);
    return { key, number, heading: shorten(part.heading), body: bodyText(part.body) };
  });
}

/** `base`, or `base-2`, `base-3`, … (cut to `max` characters) when it is taken. */
function unique(taken: ReadonlySet<string>, base: string, max: number): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function bodyText(lines: readonly string[]): string {
  return lines
    .join('\n')
    .trim()
    .split('\n')
    .map((line) => (line.startsWith('## ') ? ` ${line}` : line))
    .join('\n');
}

const CHARACTER_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  sect: '§',
};

/** A heading's plain text, and the `{#key}` it ends with when that is a valid clause key. */
function cleanHeading(raw: string): { text: string; explicitKey: string | null } {
  let text = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  let explicitKey: string | null = null;
  const attribute = /\s*\{#([^{}\s]+)\}\s*$/.exec(text);
  if (attribute !== null) {
    text = text.slice(0, attribute.index);
    if (isClauseKey(attribute[1] as string)) explicitKey = attribute[1] as string;
  }
  text = text
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/`+([^`]+?)`+/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w_])_(?!\s)(.+?)(?<!\s)_(?!\w)/g, '$1$2')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);/g, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return CHARACTER_REFERENCES[name] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { text, explicitKey };
}

const DESIGNATOR = /^(?:section|article|clause|part|chapter|schedule|annex|appendix|exhibit|§)\s*(?=[0-9A-Z(])/i;
const NUMBER_FORMS = [
  // 1.  3.2  10.4.1.  1)  — a bare integer of four or more digits reads as a year, so needs a dot.
  /^(\d{1,3}|\d+(?=\.)|\d+(?:\.\d+)+)(?:\.|\))?(?=\s|$)/,
  // 3A.  10b)
  /^(\d+(?:\.\d+)*[A-Za-z])[.)](?=\s|$)/,
  // A.  b)  IV.  xii)
  /^([A-Za-z]|[IVXLCDM]{1,7}|[ivxlcdm]{1,7})[.)](?=\s|$)/,
  // (a)  (1)  (iv)
  /^\(([A-Za-z]|\d{1,3}|[ivxlcdm]{1,7})\)(?=\s|$)/,
];
/** After a designator ("Section 4", "Article IV") the number may stand without punctuation. */
const DESIGNATED_NUMBER = /^(\d+(?:\.\d+)*[A-Za-z]?|[A-Z]|[IVXLCDM]{1,7})[.)]?(?=\s|$|[:–—-])/;

/** The number a heading starts with, and the heading without it. */
function splitNumber(text: string, candorFormat: boolean): { number: string | null; heading: string } {
  const designator = DESIGNATOR.exec(text);
  const rest = designator === null ? text : text.slice(designator[0].length);
  const forms = designator === null ? NUMBER_FORMS : [DESIGNATED_NUMBER];
  for (const form of forms) {
    const match = form.exec(rest);
    if (match !== null) {
      const heading = rest
        .slice(match[0].length)
        .replace(/^\s*[:–—|-]?\s*/, '')
        .trim();
      return { number: match[1] as string, heading: heading || (designator === null ? '' : text) };
    }
  }
  // Version Markdown's own headings: `<number> <heading> {#key}` where the number is any token
  // with a digit in it, e.g. "3A" or "11".
  if (candorFormat) {
    const token = /^(\S*\d\S*)\s+(\S.*)$/.exec(text);
    if (token !== null) return { number: token[1] as string, heading: token[2] as string };
  }
  return { number: null, heading: text };
}

/** The lowercase `a-z0-9` words of `text` joined by `-`, cut at a word boundary to 32 characters. */
function slug(text: string): string {
  const full = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // "GitHub's notice" gives "githubs-notice", not "github-s-notice".
    .replace(/(?<=[a-z0-9])['’](?=[a-z])/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= MAX_KEY_CHARS) return full;
  const cut = full.slice(0, MAX_KEY_CHARS + 1).lastIndexOf('-');
  return cut > 0 ? full.slice(0, cut) : full.slice(0, MAX_KEY_CHARS);
}

function shorten(heading: string): string {
  const max = VERSION_MARKDOWN_LIMITS.headingChars;
  if (heading.length <= max) return heading;
  const cut = heading.slice(0, max).lastIndexOf(' ');
  return `${heading.slice(0, cut > max / 2 ? cut : max - 1).trimEnd()}…`;
}
