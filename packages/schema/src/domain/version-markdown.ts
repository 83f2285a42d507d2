/**
 * The Markdown format of a terms version, used to write drafts (`candor draft create --file
 * terms.md`) and to export published versions. One format for both, so an exported version can
 * be edited into the next draft.
 *
 * ## Layout
 *
 * A file is UTF-8 text: YAML front matter, then the clauses, in reading order.
 *
 *     ---
 *     document: terms-of-service
 *     label: 2023-08
 *     material: true
 *     changeNote: Says that customer content does not train AI models without consent.
 *     explanations:
 *       consumer:
 *         summary: Your meetings are not used to train AI models unless you agree.
 *         whatChanges: A new sentence in 10.4 requires your consent first.
 *         affected: true
 *     ---
 *
 *     ## 10.4 Customer Content {#10.4}
 *
 *     First paragraph.
 *
 *     Second paragraph.
 *
 *     ## 11 Artificial intelligence {#ai}
 *
 *     …
 *
 * - Line endings: CRLF and lone CR are read as LF. A leading byte order mark is ignored.
 * - Front matter: the first line is `---`; the YAML (1.2, core schema) runs to the next line
 *   that is exactly `---` (trailing spaces or tabs allowed).
 * - Clauses: a clause starts at a line that begins with the three characters `## ` and has the
 *   form `## <number> <heading> {#<key>}`:
 *     - number: the first whitespace-delimited token, e.g. `10.4`, `11` or `3A`;
 *     - heading: the rest of the line before `{#`, trimmed; required, at most 300 characters;
 *     - key: the clause's stable key, required, 1–32 characters of `A–Z a–z 0–9 . _ -`;
 *       unique within the version. Numbers are unique too.
 *   The body is every line up to the next clause heading or the end of the file, with leading
 *   and trailing whitespace removed; everything in between (blank lines between paragraphs,
 *   indentation, `#` characters, `###` sub-headings, lines such as `---`) is kept exactly.
 *   A body is required and at most 100,000 characters. A body line cannot begin with `## `,
 *   since that begins the next clause; renderVersionMarkdown refuses such a body.
 * - Only blank lines may come between the front matter and the first clause. At least one and
 *   at most 2,000 clauses; the whole file at most 2,000,000 characters.
 *
 * ## Front matter keys
 *
 * Drafts:
 * - `document` (required): the document's slug, e.g. `terms-of-service`.
 * - `label` (required): the version label, `[a-z0-9][a-z0-9._-]{0,63}`, e.g. `2023-08`.
 * - `material` (required): `true` or `false`; material changes must respect the notice period
 *   and explain themselves to every segment.
 * - `changeNote` (required): what changed and why, non-empty, at most 5,000 characters.
 * - `explanations` (optional): a map from segment key (`consumer`, `business`, `enterprise`,
 *   `education`, `healthcare`, or the segments the caller passes) to `summary` (string),
 *   `whatChanges` (string, may be empty) and `affected` (`true` or `false`), all three required,
 *   strings at most 10,000 characters.
 *
 * Written by exports (a draft may not carry them; see below):
 * - `title`: the document's title, non-empty, at most 300 characters.
 * - `publishedAt`, `effectiveAt`: ISO 8601 instants, e.g. `2023-08-07T00:00:00.000Z` (a bare
 *   date means midnight UTC; a time needs `Z` or an offset).
 * - `previousHash`: `null` for a document's first version, else 64 lowercase hex digits.
 * - `contentHash`: 64 lowercase hex digits, the version's hash (canonical.ts).
 * - `source`, `importedAt`: only for a version imported from a history that predates Candor, and
 *   then both: where its text came from (a non-empty string of at most 4,000 characters, e.g.
 *   `git:<commit>:<path>`) and when Candor imported it (an ISO 8601 instant). The version is then
 *   hashed as `candor-imported-version/1` (canonical.ts); its publishedAt and effectiveAt are the
 *   source's dates.
 *
 * A draft (read with the option `draft`, as `createDraft`, `updateDraft` and `candor draft
 * create` do) may not carry the keys written by exports: each is an error naming the key and its
 * line, never read and ignored, because a draft is published in Candor, with Candor's dates and
 * hash, never as imported. In particular the effective date is chosen when publishing
 * (`candor publish --id ID --effective-at ISO`), where the notice period is checked against it;
 * honouring a date written weeks earlier in the draft would be a second, silent way to set it.
 * `candor draft template --document SLUG` writes the current text as a draft without them.
 * Without the option (exports, imports) they are read and checked like any other key.
 *
 * Any other key is an error. YAML reads `2024` and `true` as a number and a boolean: quote a
 * label or note that would otherwise be read as one (`label: "2024"`).
 */
import { isMap, isScalar, LineCounter, type Node, parseDocument, stringify } from 'yaml';
import type { CanonicalExplanation, CanonicalVersionInput } from './canonical.js';
import { isSegmentKey, SEGMENT_KEY_MAX_LENGTH } from './definitions.js';
import { DomainValidationError, type ValidationProblem } from './errors.js';
import { isClauseKey, isSha256Hex, isSlug, isVersionLabel, RESERVED_LABELS } from './identifiers.js';
import { parseIsoInstant } from './instant.js';
import type { ClauseInput } from './types.js';

/** A version as written in Markdown. The optional members are the export-only front matter keys. */
export interface VersionMarkdown {
  document: string;
  label: string;
  material: boolean;
  changeNote: string;
  /** In the order of the file. */
  explanations: CanonicalExplanation[];
  /** In reading order. */
  clauses: ClauseInput[];
  title?: string;
  publishedAt?: Date;
  effectiveAt?: Date;
  /** null: the document's first version; absent: not stated (a draft). */
  previousHash?: string | null;
  contentHash?: string;
  /** Where an imported version came from; present together with importedAt, for imported versions only. */
  source?: string;
  importedAt?: Date;
}

export type ParsedVersionMarkdown = VersionMarkdown;

export interface VersionMarkdownOptions {
  /**
   * The segments explanations may name (the organisation's, which are data). `'any'`, the
   * default: every key spelled as a segment key (definitions.ts), for files whose organisation's
   * segments are not at hand (an export read offline, a snapshot imported without explanations).
   */
  segments?: readonly string[] | 'any';
  /**
   * Read the file as a draft: the keys only exports write (EXPORT_ONLY_KEYS) are errors naming
   * the key and its line, instead of read and left unused.
   */
  draft?: boolean;
}

export const VERSION_MARKDOWN_LIMITS = {
  textChars: 2_000_000,
  clauses: 2_000,
  headingChars: 300,
  bodyChars: 100_000,
  changeNoteChars: 5_000,
  explanationChars: 10_000,
  titleChars: 300,
  sourceChars: 4_000,
} as const;

const FRONT_MATTER_KEYS = [
  'document',
  'title',
  'label',
  'material',
  'changeNote',
  'publishedAt',
  'effectiveAt',
  'source',
  'importedAt',
  'previousHash',
  'contentHash',
  'explanations',
] as const;
/** Keys exports write and a draft may not carry (the format's header says why). */
export const EXPORT_ONLY_KEYS = [
  'title',
  'publishedAt',
  'effectiveAt',
  'source',
  'importedAt',
  'previousHash',
  'contentHash',
] as const satisfies readonly (typeof FRONT_MATTER_KEYS)[number][];
/** Front matter keys whose values are instants. */
const INSTANT_KEYS = ['publishedAt', 'effectiveAt', 'importedAt'] as const;
type InstantKey = (typeof INSTANT_KEYS)[number];
type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];
const REQUIRED_KEYS: readonly FrontMatterKey[] = ['document', 'label', 'material', 'changeNote'];
const EXPLANATION_KEYS = ['summary', 'whatChanges', 'affected'] as const;

const DELIMITER = /^---[ \t]*$/;
const CLAUSE_START = '## ';
/** `<number> <heading>` then `{#key}` at the end of a clause heading line (after `## `). */
const HEADING_LINE = /^(.*?)[ \t]*\{#([^{}]*)\}[ \t]*$/;

/**
 * Reads a version from Markdown (format at the top of this file). Line endings in the result
 * are LF; text is otherwise returned as written (Unicode normalisation happens when hashing).
 *
 * @throws DomainValidationError listing every problem found, with its line number.
 */
export function parseVersionMarkdown(text: string, options: VersionMarkdownOptions = {}): ParsedVersionMarkdown {
  if (text.length > VERSION_MARKDOWN_LIMITS.textChars) {
    throw new DomainValidationError(
      [{ field: 'text', message: `The file is longer than ${VERSION_MARKDOWN_LIMITS.textChars} characters.` }],
      'The version file',
    );
  }
  const segments = options.segments ?? 'any';
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const problems: ValidationProblem[] = [];

  let clausesFrom = 0;
  let frontMatter: Partial<VersionMarkdown> = {};
  if (DELIMITER.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, i) => i > 0 && DELIMITER.test(line));
    if (close === -1) {
      throw new DomainValidationError(
        [{ field: 'frontMatter', line: 1, message: 'The front matter has no closing "---" line.' }],
        'The version file',
      );
    }
    frontMatter = readFrontMatter(lines.slice(1, close).join('\n'), segments, options.draft === true, problems);
    clausesFrom = close + 1;
  } else {
    problems.push({
      field: 'frontMatter',
      line: 1,
      message: 'The file must start with YAML front matter between two "---" lines.',
    });
  }

  const clauses = readClauses(lines, clausesFrom, problems);
  if (problems.length > 0) throw new DomainValidationError(sortByLine(problems), 'The version file');
  return assemble({ ...frontMatter, clauses } as VersionMarkdown);
}

/**
 * Writes a version in the Markdown format, such that parseVersionMarkdown gives back exactly
 * `version` (clauses, explanations and metadata). Values that the format cannot carry are
 * refused rather than silently changed: a clause body with leading or trailing whitespace, a
 * CR, or a line beginning with `## `; a heading or number with line breaks or surrounding
 * whitespace; and anything parseVersionMarkdown itself would reject.
 *
 * @throws DomainValidationError listing every such problem.
 */
export function renderVersionMarkdown(version: VersionMarkdown, options: VersionMarkdownOptions = {}): string {
  const problems = versionProblems(version, options.segments ?? 'any');
  if (problems.length > 0) throw new DomainValidationError(problems, 'The version');

  const front: Record<string, unknown> = {};
  front.document = version.document;
  if (version.title !== undefined) front.title = version.title;
  front.label = version.label;
  front.material = version.material;
  front.changeNote = version.changeNote;
  if (version.publishedAt !== undefined) front.publishedAt = version.publishedAt.toISOString();
  if (version.effectiveAt !== undefined) front.effectiveAt = version.effectiveAt.toISOString();
  if (version.source !== undefined) front.source = version.source;
  if (version.importedAt !== undefined) front.importedAt = version.importedAt.toISOString();
  if (version.previousHash !== undefined) front.previousHash = version.previousHash;
  if (version.contentHash !== undefined) front.contentHash = version.contentHash;
  if (version.explanations.length > 0) {
    front.explanations = Object.fromEntries(
      version.explanations.map((e) => [
        e.segment,
        { summary: e.summary, whatChanges: e.whatChanges, affected: e.affected },
      ]),
    );
  }
  // lineWidth 0: never fold long strings, so no YAML line can start in column 0 and look like
  // the closing "---".
  const yaml = stringify(front, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
  return `---\n${yaml}---\n${clausesText(version.clauses)}`;
}

/**
 * The clauses part of a version file (everything after the front matter's closing `---` line),
 * for writers of front matter of their own such as `candor draft template`; parseVersionMarkdown
 * gives back exactly `clauses`.
 *
 * @throws DomainValidationError for clauses the format cannot carry, as renderVersionMarkdown.
 */
export function renderVersionClauses(clauses: readonly ClauseInput[]): string {
  const problems: ValidationProblem[] =
    clauses.length === 0 ? [{ field: 'clauses', message: 'A version needs at least one clause.' }] : [];
  problems.push(...clauseProblems(clauses));
  if (problems.length > 0) throw new DomainValidationError(problems, 'The clauses');
  return clausesText(clauses);
}

function clausesText(clauses: readonly ClauseInput[]): string {
  return clauses.map((c) => `\n${CLAUSE_START}${c.number} ${c.heading} {#${c.key}}\n\n${c.body}\n`).join('');
}

/**
 * The hashed content of an exported version. Export files carry every input of the content
 * hash, so anyone can recompute it from the file alone.
 *
 * @throws DomainValidationError when publishedAt, effectiveAt or previousHash is not stated.
 * An imported version (source and importedAt stated) hashes as candor-imported-version/1.
 */
export function toCanonicalVersionInput(version: VersionMarkdown): CanonicalVersionInput {
  const { publishedAt, effectiveAt, previousHash } = version;
  if (publishedAt === undefined || effectiveAt === undefined || previousHash === undefined) {
    const missing = (['publishedAt', 'effectiveAt', 'previousHash'] as const).filter((k) => version[k] === undefined);
    throw new DomainValidationError(
      missing.map((field) => ({ field, message: `${field} is required in an exported version.` })),
      'The version',
    );
  }
  const { source, importedAt } = version;
  return {
    document: version.document,
    label: version.label,
    publishedAt,
    effectiveAt,
    material: version.material,
    changeNote: version.changeNote,
    previousHash,
    clauses: version.clauses,
    explanations: version.explanations,
    // parse and render refuse one without the other.
    source: source === undefined || importedAt === undefined ? null : { reference: source, importedAt },
  };
}

// ---------------------------------------------------------------------------------------------
// Field rules, shared by parse and render so that render never writes what parse would refuse.

type Rule = (value: unknown) => string | null;

const text =
  (what: string, max: number): Rule =>
  (value) => {
    if (typeof value !== 'string') return `${what} must be a string (quote it if YAML read it as something else).`;
    if (value.trim() === '') return `${what} must not be empty.`;
    if (value.length > max) return `${what} must be at most ${max} characters.`;
    return null;
  };

const optionalText =
  (what: string, max: number): Rule =>
  (value) => {
    if (typeof value !== 'string') return `${what} must be a string (quote it if YAML read it as something else).`;
    if (value.length > max) return `${what} must be at most ${max} characters.`;
    return null;
  };

const boolean =
  (what: string): Rule =>
  (value) =>
    typeof value === 'boolean' ? null : `${what} must be true or false.`;

const RULES: Record<Exclude<FrontMatterKey, 'explanations' | InstantKey>, Rule> = {
  document: (v) =>
    typeof v === 'string' && isSlug(v)
      ? null
      : 'document must be a document slug: lowercase letters and digits in words joined by "-", at most 64 characters.',
  label: (v) =>
    typeof v === 'string' && isVersionLabel(v)
      ? null
      : typeof v === 'string' && RESERVED_LABELS.includes(v)
        ? `label "${v}" is reserved: the site uses /documents/<slug>/${v}/ for every document (reserved: ${RESERVED_LABELS.join(', ')}).`
        : 'label must be 1–64 characters of a–z, 0–9, ".", "_" and "-", starting with a letter or digit (quote it if it looks like a number).',
  material: boolean('material'),
  changeNote: text('changeNote', VERSION_MARKDOWN_LIMITS.changeNoteChars),
  title: text('title', VERSION_MARKDOWN_LIMITS.titleChars),
  source: text('source', VERSION_MARKDOWN_LIMITS.sourceChars),
  contentHash: (v) =>
    typeof v === 'string' && isSha256Hex(v) ? null : 'contentHash must be 64 lowercase hexadecimal digits.',
  previousHash: (v) =>
    v === null || (typeof v === 'string' && isSha256Hex(v))
      ? null
      : 'previousHash must be null or 64 lowercase hexadecimal digits.',
};

const EXPLANATION_RULES: Record<(typeof EXPLANATION_KEYS)[number], Rule> = {
  summary: optionalText('summary', VERSION_MARKDOWN_LIMITS.explanationChars),
  whatChanges: optionalText('whatChanges', VERSION_MARKDOWN_LIMITS.explanationChars),
  affected: boolean('affected'),
};

type Segments = NonNullable<VersionMarkdownOptions['segments']>;

/** Why explanations may not name `segment`, or null when they may. */
function segmentProblem(segment: unknown, segments: Segments): string | null {
  if (segments === 'any') {
    return typeof segment === 'string' && isSegmentKey(segment)
      ? null
      : `"${String(segment)}" is not a segment key: lowercase letters and digits in words joined by "-", at most ${SEGMENT_KEY_MAX_LENGTH} characters.`;
  }
  return typeof segment === 'string' && segments.includes(segment)
    ? null
    : `"${String(segment)}" is not a segment; explanations may name ${segments.join(', ')}.`;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

function readFrontMatter(
  source: string,
  segments: Segments,
  draft: boolean,
  problems: ValidationProblem[],
): Partial<VersionMarkdown> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on the file's second line.
  const lineAt = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line + 1;
  const lineOf = (node: unknown): number => lineAt((node as Node | null)?.range?.[0]);

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.push({ field: 'frontMatter', line: lineAt(error.pos[0]), message: `YAML: ${firstLine(error.message)}` });
    }
    return {};
  }
  if (doc.contents === null) {
    for (const key of REQUIRED_KEYS) problems.push({ field: key, line: 1, message: `${key} is required.` });
    return {};
  }
  if (!isMap(doc.contents)) {
    problems.push({
      field: 'frontMatter',
      line: lineOf(doc.contents),
      message: 'The front matter must be a YAML map.',
    });
    return {};
  }
  let data: Record<string, unknown>;
  try {
    // maxAliasCount guards against alias bombs; a draft has no use for aliases anyway.
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    problems.push({ field: 'frontMatter', line: 1, message: `YAML: ${firstLine(String(error))}` });
    return {};
  }

  const result: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const pair of doc.contents.items) {
    const line = lineOf(pair.key);
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string' || !(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      problems.push({
        field: 'frontMatter',
        line,
        message: `Unknown front matter key "${String(key)}"; the keys are ${FRONT_MATTER_KEYS.join(', ')}.`,
      });
      continue;
    }
    if (draft && (EXPORT_ONLY_KEYS as readonly string[]).includes(key)) {
      problems.push({ field: key, line, message: notInDraft(key) });
      continue;
    }
    seen.add(key);
    const value = data[key];
    if (key === 'explanations') {
      result.explanations = readExplanations(pair.value, value, segments, lineOf, line, problems);
    } else if ((INSTANT_KEYS as readonly string[]).includes(key)) {
      const instant = typeof value === 'string' ? parseIsoInstant(value) : null;
      if (instant === null) {
        problems.push({
          field: key,
          line,
          message: `${key} must be an ISO 8601 instant such as 2023-08-07T00:00:00.000Z.`,
        });
      } else result[key] = instant;
    } else {
      const message = RULES[key as keyof typeof RULES](value);
      if (message === null) result[key] = value;
      else problems.push({ field: key, line, message });
    }
  }
  for (const key of REQUIRED_KEYS) {
    if (!seen.has(key)) problems.push({ field: key, line: 1, message: `${key} is required.` });
  }
  const unpaired = unpairedImportKey(seen.has('source'), seen.has('importedAt'));
  if (unpaired !== null) problems.push({ field: unpaired.field, line: 1, message: unpaired.message });
  return result as Partial<VersionMarkdown>;
}

function readExplanations(
  node: unknown,
  value: unknown,
  segments: Segments,
  lineOf: (node: unknown) => number,
  keyLine: number,
  problems: ValidationProblem[],
): CanonicalExplanation[] {
  if (value === null) return [];
  if (!isMap(node) || typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      field: 'explanations',
      line: keyLine,
      message: 'explanations must be a map from segment to { summary, whatChanges, affected }.',
    });
    return [];
  }
  const explanations: CanonicalExplanation[] = [];
  for (const pair of node.items) {
    const line = lineOf(pair.key);
    const segment = isScalar(pair.key) ? pair.key.value : undefined;
    const refused = segmentProblem(segment, segments);
    if (typeof segment !== 'string' || refused !== null) {
      problems.push({ field: 'explanations', line, message: refused as string });
      continue;
    }
    const field = `explanations.${segment}`;
    const entry = (value as Record<string, unknown>)[segment];
    if (!isMap(pair.value) || typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ field, line, message: `${field} must be a map with summary, whatChanges and affected.` });
      continue;
    }
    let valid = true;
    for (const inner of pair.value.items) {
      const name = isScalar(inner.key) ? inner.key.value : undefined;
      if (typeof name !== 'string' || !(EXPLANATION_KEYS as readonly string[]).includes(name)) {
        valid = false;
        problems.push({
          field,
          line: lineOf(inner.key),
          message: `Unknown key "${String(name)}" in ${field}; the keys are ${EXPLANATION_KEYS.join(', ')}.`,
        });
      }
    }
    for (const name of EXPLANATION_KEYS) {
      const innerValue = (entry as Record<string, unknown>)[name];
      const innerLine = lineOf(pair.value.items.find((p) => isScalar(p.key) && p.key.value === name)?.key ?? pair.key);
      const message = name in entry ? EXPLANATION_RULES[name](innerValue) : `${name} is required.`;
      if (message !== null) {
        valid = false;
        problems.push({ field: `${field}.${name}`, line: innerLine, message });
      }
    }
    if (valid) {
      const e = entry as { summary: string; whatChanges: string; affected: boolean };
      explanations.push({ segment, summary: e.summary, whatChanges: e.whatChanges, affected: e.affected });
    }
  }
  return explanations;
}

interface LocatedClause extends ClauseInput {
  line: number;
}

function readClauses(lines: readonly string[], from: number, problems: ValidationProblem[]): ClauseInput[] {
  const clauses: LocatedClause[] = [];
  let body: string[] | null = null;
  let current: LocatedClause | null = null;
  let strayReported = false;
  const finish = (): void => {
    if (current !== null && body !== null) {
      current.body = body.join('\n').trim();
      clauses.push(current);
    }
  };

  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith(CLAUSE_START)) {
      finish();
      current = readHeading(line.slice(CLAUSE_START.length), i + 1, clauses.length, problems);
      body = [];
    } else if (body !== null) {
      body.push(line);
    } else if (line.trim() !== '' && !strayReported) {
      strayReported = true;
      problems.push({
        field: 'clauses',
        line: i + 1,
        message: 'Only blank lines may come before the first clause heading "## <number> <heading> {#<key>}".',
      });
    }
  }
  finish();

  if (clauses.length === 0 && body === null) {
    problems.push({ field: 'clauses', line: lines.length, message: 'A version needs at least one clause.' });
  }
  problems.push(...clauseProblems(clauses));
  return clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }));
}

/** The parts of a heading line after `## `; a clause with blank parts when the line is malformed. */
function readHeading(rest: string, line: number, index: number, problems: ValidationProblem[]): LocatedClause | null {
  const match = HEADING_LINE.exec(rest);
  if (match === null) {
    problems.push({
      field: `clauses[${index}].key`,
      line,
      message: 'A clause heading must end with its key, as in "## 10.4 Customer Content {#10.4}".',
    });
    return null;
  }
  const front = (match[1] as string).trim();
  const number = /^\S*/.exec(front)?.[0] ?? '';
  return { key: match[2] as string, number, heading: front.slice(number.length).trim(), body: '', line };
}

/** Problems of a list of clauses, with lines when known; used by parse and render alike. */
function clauseProblems(clauses: readonly (ClauseInput & { line?: number })[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const limits = VERSION_MARKDOWN_LIMITS;
  if (clauses.length > limits.clauses) {
    problems.push({
      field: 'clauses',
      line: clauses[limits.clauses]?.line,
      message: `A version may have at most ${limits.clauses} clauses; this one has ${clauses.length}.`,
    });
  }
  const keys = new Map<string, number>();
  const numbers = new Map<string, number>();
  const at = (i: number): string => {
    const line = clauses[i]?.line;
    return line === undefined ? `clause ${i + 1}` : `line ${line}`;
  };
  clauses.forEach((clause, i) => {
    const add = (part: string, message: string): void => {
      problems.push({ field: `clauses[${i}].${part}`, line: clause.line, message });
    };
    if (typeof clause.key !== 'string' || !isClauseKey(clause.key)) {
      add('key', `Clause key "${clause.key}" must be 1–32 characters of A–Z, a–z, 0–9, ".", "_" and "-".`);
    } else if (keys.has(clause.key)) {
      add('key', `Clause key "${clause.key}" is already used by ${at(keys.get(clause.key) as number)}.`);
    } else keys.set(clause.key, i);

    if (typeof clause.number !== 'string' || clause.number === '') {
      add('number', 'A clause heading needs a number and a heading, as in "## 10.4 Customer Content {#10.4}".');
    } else if (/\s/.test(clause.number)) {
      add('number', `Clause number "${clause.number}" must not contain whitespace.`);
    } else if (numbers.has(clause.number)) {
      add('number', `Clause number "${clause.number}" is already used by ${at(numbers.get(clause.number) as number)}.`);
    } else numbers.set(clause.number, i);

    if (typeof clause.heading !== 'string' || clause.heading === '') {
      add('heading', 'A clause needs a heading after its number.');
    } else if (clause.heading !== clause.heading.trim() || /[\r\n]/.test(clause.heading)) {
      add('heading', 'A clause heading must be one line without leading or trailing whitespace.');
    } else if (clause.heading.length > limits.headingChars) {
      add('heading', `A clause heading must be at most ${limits.headingChars} characters.`);
    }

    if (typeof clause.body !== 'string' || clause.body.trim() === '') {
      add('body', 'A clause needs a body.');
    } else {
      if (clause.body.length > limits.bodyChars) {
        add('body', `A clause body must be at most ${limits.bodyChars} characters.`);
      }
      if (clause.body !== clause.body.trim()) {
        add('body', 'A clause body must not start or end with whitespace (the format trims it).');
      }
      if (clause.body.includes('\r')) {
        add('body', 'A clause body must use LF line endings (the format reads CR as a line break).');
      }
      if (clause.body.split('\n').some((l) => l.startsWith(CLAUSE_START))) {
        add('body', 'No line of a clause body may begin with "## ": that begins the next clause.');
      }
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function versionProblems(version: VersionMarkdown, segments: Segments): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const key of Object.keys(RULES) as (keyof typeof RULES)[]) {
    const value = version[key];
    if (value === undefined && !REQUIRED_KEYS.includes(key)) continue;
    const message = value === undefined ? `${key} is required.` : RULES[key](value);
    if (message !== null) problems.push({ field: key, message });
  }
  for (const key of INSTANT_KEYS) {
    const value = version[key];
    if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime()))) {
      problems.push({ field: key, message: `${key} must be a valid date.` });
    }
  }
  const unpaired = unpairedImportKey(version.source !== undefined, version.importedAt !== undefined);
  if (unpaired !== null) problems.push(unpaired);
  const seen = new Set<string>();
  (version.explanations ?? []).forEach((e, i) => {
    const refused = segmentProblem(e.segment, segments);
    if (refused !== null) {
      problems.push({ field: `explanations[${i}].segment`, message: refused });
    } else if (seen.has(e.segment)) {
      problems.push({
        field: `explanations[${i}].segment`,
        message: `Segment "${e.segment}" has more than one explanation.`,
      });
    }
    seen.add(e.segment);
    for (const name of EXPLANATION_KEYS) {
      const message = EXPLANATION_RULES[name](e[name]);
      if (message !== null) problems.push({ field: `explanations.${e.segment}.${name}`, message });
    }
  });
  const clauses = version.clauses ?? [];
  if (clauses.length === 0) problems.push({ field: 'clauses', message: 'A version needs at least one clause.' });
  problems.push(...clauseProblems(clauses));
  return problems;
}

// ---------------------------------------------------------------------------------------------

/** Key order fixed, optional members only when present, so equal versions compare equal. */
function assemble(v: VersionMarkdown): VersionMarkdown {
  const result: VersionMarkdown = {
    document: v.document,
    label: v.label,
    material: v.material,
    changeNote: v.changeNote,
    explanations: v.explanations ?? [],
    clauses: v.clauses,
  };
  if (v.title !== undefined) result.title = v.title;
  if (v.publishedAt !== undefined) result.publishedAt = v.publishedAt;
  if (v.effectiveAt !== undefined) result.effectiveAt = v.effectiveAt;
  if (v.previousHash !== undefined) result.previousHash = v.previousHash;
  if (v.contentHash !== undefined) result.contentHash = v.contentHash;
  if (v.source !== undefined) result.source = v.source;
  if (v.importedAt !== undefined) result.importedAt = v.importedAt;
  return result;
}

/** Why a draft may not carry `key`, one of EXPORT_ONLY_KEYS. */
function notInDraft(key: string): string {
  if (key === 'effectiveAt') {
    return 'effectiveAt is not read from a draft: the publisher gives the effective date when publishing ("pnpm candor publish --id ID --effective-at ISO"), where the notice period is checked. Remove this line.';
  }
  if (key === 'title') return "title is the document's and is not read from a draft. Remove this line.";
  return `${key} is written by exports and set by Candor when it publishes; a draft may not carry it. Remove this line ("pnpm candor draft template" writes a draft without it).`;
}

/** An imported version states where it came from and when it was imported, never one alone. */
function unpairedImportKey(hasSource: boolean, hasImportedAt: boolean): ValidationProblem | null {
  if (hasSource === hasImportedAt) return null;
  const [field, other] = hasSource ? ['importedAt', 'source'] : ['source', 'importedAt'];
  return { field, message: `${field} is required with ${other} (an imported version states both).` };
}

function sortByLine(problems: ValidationProblem[]): ValidationProblem[] {
  // Stable: problems on one line keep the order in which they were found.
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
