/**
 * The facts of an AI-feature revision (one FeatureFactsInput per segment): validating them as
 * they arrive from an editor, reading the file `candor feature revise --file` takes, and saying
 * in words what changed from one revision to the next.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { DomainValidationError, type ValidationProblem } from './errors.js';
import { FEATURE_FACT_FIELDS, FEATURE_FACT_LABELS, type FeatureFactField } from './feature-fact-fields.js';
import { isClauseKey, isSlug } from './identifiers.js';
import {
  type ClauseRef,
  CONSENT_PARTIES,
  DATA_CATEGORIES,
  DEFAULT_STATES,
  type ExplanationInput,
  FEATURE_AVAILABILITIES,
  type FeatureFactsInput,
  NON_CONSENT_OPTIONS,
} from './types.js';

/** Maximum lengths of the free-text fields, generous for plain language, small for a page. */
export const FEATURE_FACT_LIMITS = {
  whatItDoes: 2_000,
  vendorName: 200,
  retention: 1_000,
  humanReviewDetail: 2_000,
  nonConsentDetail: 2_000,
  governingClauses: 50,
  changeNote: 5_000,
  /** summary and whatChanges of an explanation, as for versions (version-markdown.ts). */
  explanation: 10_000,
  fileChars: 1_000_000,
} as const;

/**
 * Checks a revision's facts: an object with exactly one entry per segment, each a complete
 * FeatureFactsInput with values from the enumerations in types.ts. Beyond types it holds the
 * facts to what they claim together: a vendor is named exactly when content is shared with
 * one, and content cannot train a vendor's models without being shared with that vendor.
 *
 * @returns the facts in `segments` order, strings trimmed, a blank vendorName as null.
 * @throws DomainValidationError listing every problem, fields like `facts.education.retentionDays`.
 */
export function validateFeatureFacts(input: unknown, segments: readonly string[]): Record<string, FeatureFactsInput> {
  const problems: ValidationProblem[] = [];
  if (!isRecord(input)) {
    throw new DomainValidationError(
      [{ field: 'facts', message: 'facts must be an object with one entry per segment.' }],
      'The facts',
    );
  }
  const result: Record<string, FeatureFactsInput> = {};
  for (const segment of segments) {
    if (!Object.hasOwn(input, segment)) {
      problems.push({ field: `facts.${segment}`, message: `The facts for segment "${segment}" are missing.` });
      continue;
    }
    const facts = validateSegmentFacts(input[segment], `facts.${segment}`, problems);
    if (facts !== null) result[segment] = facts;
  }
  for (const key of Object.keys(input)) {
    if (!segments.includes(key)) {
      problems.push({
        field: `facts.${key}`,
        message: `"${key}" is not a segment; the segments are ${segments.join(', ')}.`,
      });
    }
  }
  if (problems.length > 0) throw new DomainValidationError(withLines(problems, input), 'The facts');
  return result;
}

function validateSegmentFacts(value: unknown, field: string, problems: ValidationProblem[]): FeatureFactsInput | null {
  if (!isRecord(value)) {
    problems.push({ field, message: `${field} must be an object with the fields ${FEATURE_FACT_FIELDS.join(', ')}.` });
    return null;
  }
  const before = problems.length;
  const problem = (name: string, message: string): void => {
    problems.push({ field: `${field}.${name}`, message });
  };
  const has = (name: FeatureFactField): boolean => {
    if (Object.hasOwn(value, name)) return true;
    problem(name, `${field}.${name} is required.`);
    return false;
  };
  const text = (name: FeatureFactField & keyof typeof FEATURE_FACT_LIMITS): string => {
    if (!has(name)) return '';
    const v = value[name];
    if (typeof v !== 'string' || v.trim() === '') problem(name, `${name} must be a non-empty string.`);
    else if (v.trim().length > FEATURE_FACT_LIMITS[name]) {
      problem(name, `${name} must be at most ${FEATURE_FACT_LIMITS[name]} characters.`);
    } else return v.trim();
    return '';
  };
  const flag = (name: FeatureFactField): boolean => {
    if (!has(name)) return false;
    const v = value[name];
    if (typeof v !== 'boolean') problem(name, `${name} must be true or false.`);
    return v === true;
  };
  const oneOf = <T extends string>(name: FeatureFactField, allowed: readonly T[]): T => {
    const v = has(name) ? enumValue(value[name]) : undefined;
    if (v !== undefined && !allowed.includes(v as T)) {
      problem(
        name,
        `${name} must be one of ${allowed.join(', ')} (in either casing); got ${JSON.stringify(value[name])}.`,
      );
    }
    return v as T;
  };
  const setOf = <T extends string>(name: FeatureFactField, allowed: readonly T[]): T[] => {
    if (!has(name)) return [];
    const raw = value[name];
    if (!Array.isArray(raw)) {
      problem(name, `${name} must be a list of ${allowed.join(', ')}.`);
      return [];
    }
    const v = raw.map(enumValue);
    const bad = raw.filter((_, i) => !allowed.includes(v[i] as T));
    if (bad.length > 0) {
      problem(
        name,
        `${name} may only contain ${allowed.join(', ')} (in either casing); got ${bad.map((b) => JSON.stringify(b)).join(', ')}.`,
      );
    } else if (new Set(v).size !== v.length) problem(name, `${name} must not repeat a value.`);
    return v as T[];
  };

  const facts: FeatureFactsInput = {
    whatItDoes: text('whatItDoes'),
    availability: oneOf('availability', FEATURE_AVAILABILITIES),
    dataCategories: setOf('dataCategories', DATA_CATEGORIES),
    trainsFirstPartyModels: flag('trainsFirstPartyModels'),
    sharedWithVendor: flag('sharedWithVendor'),
    vendorName: null,
    trainsVendorModels: flag('trainsVendorModels'),
    retention: text('retention'),
    retentionDays: null,
    humanReview: flag('humanReview'),
    humanReviewDetail: text('humanReviewDetail'),
    consentRequiredFrom: setOf('consentRequiredFrom', CONSENT_PARTIES),
    nonConsentOption: oneOf('nonConsentOption', NON_CONSENT_OPTIONS),
    nonConsentDetail: text('nonConsentDetail'),
    defaultState: oneOf('defaultState', DEFAULT_STATES),
    governingClauses: [],
  };

  if (has('vendorName')) {
    const v = value.vendorName;
    const name = typeof v === 'string' ? v.trim() : null;
    if (v !== null && typeof v !== 'string') problem('vendorName', 'vendorName must be a string or null.');
    else if (name !== null && name.length > FEATURE_FACT_LIMITS.vendorName) {
      problem('vendorName', `vendorName must be at most ${FEATURE_FACT_LIMITS.vendorName} characters.`);
    } else if (value.sharedWithVendor === true && (name === null || name === '')) {
      problem('vendorName', 'vendorName is required when sharedWithVendor is true.');
    } else if (value.sharedWithVendor === false && name !== null && name !== '') {
      problem('vendorName', 'vendorName must be null when sharedWithVendor is false.');
    } else facts.vendorName = name === '' ? null : name;
  }
  if (value.trainsVendorModels === true && value.sharedWithVendor === false) {
    problem('trainsVendorModels', 'trainsVendorModels cannot be true when sharedWithVendor is false.');
  }

  if (has('retentionDays')) {
    const v = value.retentionDays;
    if (v !== null && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)) {
      problem('retentionDays', 'retentionDays must be a whole number of zero or more, or null.');
    } else facts.retentionDays = v;
  }

  if (has('governingClauses'))
    facts.governingClauses = clauseRefs(value.governingClauses, `${field}.governingClauses`, problems);

  for (const name of Object.keys(value)) {
    if (!(FEATURE_FACT_FIELDS as readonly string[]).includes(name)) problem(name, `Unknown field "${name}".`);
  }
  return problems.length === before ? facts : null;
}

/**
 * An enumeration value as the domain spells it: the API writes `NOT_OFFERED` where files and the
 * domain write `not_offered`, and a file may copy either.
 */
function enumValue(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function clauseRefs(value: unknown, field: string, problems: ValidationProblem[]): ClauseRef[] {
  if (!Array.isArray(value)) {
    problems.push({ field, message: 'governingClauses must be a list of { document, key }.' });
    return [];
  }
  if (value.length > FEATURE_FACT_LIMITS.governingClauses) {
    problems.push({
      field,
      message: `governingClauses may name at most ${FEATURE_FACT_LIMITS.governingClauses} clauses.`,
    });
  }
  const refs: ClauseRef[] = [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(item)) {
      problems.push({ field: at, message: 'A governing clause must be { document, key }.' });
      return;
    }
    const document = typeof item.document === 'string' ? item.document.trim() : null;
    const key = typeof item.key === 'string' ? item.key.trim() : null;
    if (document === null || !isSlug(document)) {
      problems.push({
        field: `${at}.document`,
        message: 'document must be a document slug such as "terms-of-service".',
      });
    }
    if (key === null || !isClauseKey(key)) {
      problems.push({
        field: `${at}.key`,
        message: 'key must be a clause key: 1–32 characters of A–Z, a–z, 0–9, ".", "_" and "-".',
      });
    }
    for (const name of Object.keys(item)) {
      if (name !== 'document' && name !== 'key')
        problems.push({ field: `${at}.${name}`, message: `Unknown field "${name}".` });
    }
    if (document === null || key === null) return;
    const id = `${document}#${key}`;
    if (seen.has(id)) problems.push({ field: at, message: `${id} is listed twice.` });
    seen.add(id);
    refs.push({ document, key });
  });
  return refs;
}

// ---------------------------------------------------------------------------------------------

/** One field of one segment that differs between two revisions. */
export interface FactChange {
  segment: string;
  field: FeatureFactField;
  /** null when the segment had no facts before. */
  from: unknown;
  /** null when the segment has no facts any more. */
  to: unknown;
  /** E.g. "trains first-party models: no → yes for consumer". */
  summary: string;
}

/** Longer free text is cut in summaries; `from` and `to` keep it whole. */
const SUMMARY_TEXT_CHARS = 80;
const ENUM_FIELDS: ReadonlySet<FeatureFactField> = new Set(['availability', 'nonConsentOption', 'defaultState']);
const LIST_FIELDS: ReadonlySet<FeatureFactField> = new Set([
  'dataCategories',
  'consentRequiredFrom',
  'governingClauses',
]);

/**
 * What changed between two revisions, field by field: segments in the order of `next` (then
 * any segment only `previous` had), fields in FEATURE_FACT_FIELDS order. With no previous
 * revision every field of every segment is listed, from null. Lists are compared as sets,
 * because reordering data categories or consenting parties changes nothing for anyone.
 */
export function diffFeatureFacts(
  previous: Record<string, FeatureFactsInput> | null,
  next: Record<string, FeatureFactsInput>,
): FactChange[] {
  const segments = [...Object.keys(next), ...Object.keys(previous ?? {}).filter((s) => !Object.hasOwn(next, s))];
  const changes: FactChange[] = [];
  for (const segment of segments) {
    const before = previous !== null && Object.hasOwn(previous, segment) ? previous[segment] : undefined;
    const after = Object.hasOwn(next, segment) ? next[segment] : undefined;
    for (const field of FEATURE_FACT_FIELDS) {
      const from = before === undefined ? null : before[field];
      const to = after === undefined ? null : after[field];
      if (before !== undefined && after !== undefined && sameFactValue(field, from, to)) continue;
      changes.push({
        segment,
        field,
        from,
        to,
        summary: `${FEATURE_FACT_LABELS[field]}: ${describe(field, from)} → ${describe(field, to)} for ${segment}`,
      });
    }
  }
  return changes;
}

/**
 * Whether two values of one fact field say the same thing: lists are compared as sets (as
 * diffFeatureFacts does), everything else by value.
 */
export function sameFactValue(field: FeatureFactField, a: unknown, b: unknown): boolean {
  if (!LIST_FIELDS.has(field) || !Array.isArray(a) || !Array.isArray(b)) return a === b;
  const key = (items: unknown[]) => items.map(listItem).sort().join('\n');
  return a.length === b.length && key(a) === key(b);
}

function describe(field: FeatureFactField, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(listItem).join(', ');
  if (typeof value !== 'string') return String(value);
  if (ENUM_FIELDS.has(field)) return humanise(value);
  const text = value.length > SUMMARY_TEXT_CHARS ? `${value.slice(0, SUMMARY_TEXT_CHARS - 1).trimEnd()}…` : value;
  return `"${text}"`;
}

function listItem(item: unknown): string {
  if (isRecord(item)) return `${String(item.document)}#${String(item.key)}`;
  return humanise(String(item));
}

/** "generally_available" reads as "generally available". */
function humanise(value: string): string {
  return value.replaceAll('_', ' ');
}

// ---------------------------------------------------------------------------------------------

/** The file `candor feature revise --file` reads, before its facts are validated. */
export interface FeatureRevisionFile {
  feature: string;
  changeNote: string;
  /** Unchecked here: validateFeatureFacts needs the segments, which the database knows. */
  facts: unknown;
  /**
   * Unchecked for the same reason (validateRevisionExplanations); an object, `{}` when the file
   * has none.
   */
  explanations: unknown;
}

const REVISION_FILE_KEYS = ['feature', 'changeNote', 'facts'] as const;
/** Keys a revision file may have besides the required ones. */
const OPTIONAL_FILE_KEYS = ['explanations'] as const;
/** Keys a revision file may not have that someone might expect it to, and where they belong. */
const DECIDED_ELSEWHERE: Record<string, string> = {
  effectiveAt:
    'effectiveAt is not read from a revision file: the publisher gives the effective date when publishing ("pnpm candor feature publish --id ID --effective-at ISO"), where the notice period is checked.',
  material:
    'material is not read from a revision file: it is computed at publication, from the facts that change against the revision in force before it.',
};
const EXPLANATION_KEYS = ['summary', 'whatChanges', 'affected'] as const;

/**
 * Reads a feature revision written in YAML or JSON (JSON is read as YAML 1.2, of which it is a
 * subset): `{ feature: <slug>, changeNote: <text>, facts: { <segment>: {…}, … } }`, and
 * optionally `explanations: { <segment>: { summary, whatChanges, affected }, … }` — what the
 * revision means for a segment, in plain language, as a version's explanations; a material
 * revision needs one for every segment it changes materially (feature-governance.ts).
 * Enumeration values may be written in either casing (`not_offered` or the API's `NOT_OFFERED`).
 * A key the reader does not use is an error naming it and its line, never ignored: `effectiveAt`
 * is given when publishing, and `material` is computed then.
 *
 * The facts and explanations returned remember the file's lines, so that validateFeatureFacts
 * and validateRevisionExplanations, which run later against the segments, name lines too.
 *
 * @throws DomainValidationError for a syntax error or a wrong shape, with line numbers where
 * known.
 */
export function parseFeatureRevisionFile(text: string): FeatureRevisionFile {
  const fail = (problems: ValidationProblem[]): never => {
    throw new DomainValidationError(problems, 'The feature revision file');
  };
  if (text.length > FEATURE_FACT_LIMITS.fileChars) {
    fail([{ field: 'text', message: `The file is longer than ${FEATURE_FACT_LIMITS.fileChars} characters.` }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number => lineCounter.linePos(offset ?? 0).line;
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((e) => ({
        field: 'text',
        line: lineAt(e.pos[0]),
        message: `Syntax: ${e.message.split('\n')[0] ?? e.message}`,
      })),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    fail([{ field: 'text', message: `Syntax: ${String(error)}` }]);
  }
  if (!isRecord(data)) {
    return fail([
      { field: 'text', line: 1, message: 'The file must be an object with feature, changeNote and facts.' },
    ]);
  }

  const lineOfKey = (key: string): number | undefined => {
    if (!isMap(doc.contents)) return undefined;
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    return pair === undefined ? undefined : lineAt((pair.key as Node).range?.[0]);
  };
  const problems: ValidationProblem[] = [];
  const add = (field: string, message: string): void => {
    const line = lineOfKey(field);
    problems.push(line === undefined ? { field, message } : { field, line, message });
  };
  const allowed: readonly string[] = [...REVISION_FILE_KEYS, ...OPTIONAL_FILE_KEYS];
  for (const key of REVISION_FILE_KEYS) if (!Object.hasOwn(data, key)) add(key, `${key} is required.`);
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) {
      add(key, DECIDED_ELSEWHERE[key] ?? `Unknown key "${key}"; the keys are ${allowed.join(', ')}.`);
    }
  }
  const { feature, changeNote, facts } = data;
  // `explanations:` with nothing under it reads as null in YAML: the same as no explanations.
  const explanations = data.explanations ?? {};
  if (feature !== undefined && (typeof feature !== 'string' || !isSlug(feature))) {
    add('feature', 'feature must be a feature slug such as "meeting-summary".');
  }
  if (changeNote !== undefined) {
    if (typeof changeNote !== 'string' || changeNote.trim() === '')
      add('changeNote', 'changeNote must be a non-empty string.');
    else if (changeNote.trim().length > FEATURE_FACT_LIMITS.changeNote) {
      add('changeNote', `changeNote must be at most ${FEATURE_FACT_LIMITS.changeNote} characters.`);
    }
  }
  if (facts !== undefined && !isRecord(facts)) add('facts', 'facts must be an object with one entry per segment.');
  if (!isRecord(explanations)) {
    add('explanations', 'explanations must be a map from segment to { summary, whatChanges, affected }.');
  }
  if (problems.length > 0) fail(problems);
  // The facts and explanations are validated later, against the segments; they carry the file's
  // lines along so that those problems name their lines too.
  const lineOf = (field: string): number | undefined => lineOfField(doc, lineAt, field);
  attachLines(facts, lineOf);
  attachLines(explanations, lineOf);
  return { feature: feature as string, changeNote: (changeNote as string).trim(), facts, explanations };
}

/**
 * Where a field stands in the file it was read from: hidden on the objects parseFeatureRevisionFile
 * returns (not enumerable, so they read and compare as plain data), read by withLines.
 */
const SOURCE_LINES = Symbol('source lines');
type LineOf = (field: string) => number | undefined;

function attachLines(value: unknown, lineOf: LineOf): void {
  if (isRecord(value))
    Object.defineProperty(value, SOURCE_LINES, { value: lineOf, enumerable: false, configurable: true });
}

/** `problems` with the line of each field added, when `input` came from a file. */
function withLines(problems: ValidationProblem[], input: unknown): ValidationProblem[] {
  const lineOf = isRecord(input) ? (input as { [SOURCE_LINES]?: LineOf })[SOURCE_LINES] : undefined;
  if (lineOf === undefined) return problems;
  return problems.map((problem) => {
    const line = problem.line ?? lineOf(problem.field);
    return line === undefined ? problem : { ...problem, line };
  });
}

/**
 * The line of the key (or list item) a field path such as `facts.consumer.governingClauses[0].key`
 * names; for a field that is missing, the line of the nearest part of the path that is there.
 */
function lineOfField(doc: Document, lineAt: (offset: number | undefined) => number, field: string): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const [, name, index] of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (name !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      if (pair === undefined) break;
      line = lineAt((pair.key as Node).range?.[0]);
      node = pair.value;
    } else if (index !== undefined && isSeq(node)) {
      const item = node.items[Number(index)] as Node | undefined;
      if (item === undefined) break;
      line = lineAt(item.range?.[0]);
      node = item;
    } else break;
  }
  return line;
}

/**
 * Checks a revision's explanations: a map from segment to `{ summary, whatChanges, affected }`,
 * all three required (strings of at most FEATURE_FACT_LIMITS.explanation characters, which may
 * be empty, and true or false), as a version's. Whether a segment needs one is decided at
 * publication, against the revision then in force (assertRevisionExplanations).
 *
 * @returns the explanations in `segments` order, strings trimmed.
 * @throws DomainValidationError listing every problem, fields like `explanations.consumer.summary`.
 */
export function validateRevisionExplanations(
  input: unknown,
  segments: readonly string[],
): Record<string, ExplanationInput> {
  const problems: ValidationProblem[] = [];
  if (!isRecord(input)) {
    throw new DomainValidationError(
      [
        {
          field: 'explanations',
          message: 'explanations must be a map from segment to { summary, whatChanges, affected }.',
        },
      ],
      'The explanations',
    );
  }
  for (const key of Object.keys(input)) {
    if (!segments.includes(key)) {
      problems.push({
        field: `explanations.${key}`,
        message: `"${key}" is not a segment; the segments are ${segments.join(', ')}.`,
      });
    }
  }
  const result: Record<string, ExplanationInput> = {};
  for (const segment of segments) {
    if (!Object.hasOwn(input, segment)) continue;
    const field = `explanations.${segment}`;
    const entry = input[segment];
    if (!isRecord(entry)) {
      problems.push({ field, message: `${field} must be a map with summary, whatChanges and affected.` });
      continue;
    }
    const before = problems.length;
    for (const name of Object.keys(entry)) {
      if (!(EXPLANATION_KEYS as readonly string[]).includes(name)) {
        problems.push({
          field: `${field}.${name}`,
          message: `Unknown key "${name}" in ${field}; the keys are ${EXPLANATION_KEYS.join(', ')}.`,
        });
      }
    }
    const text = (name: 'summary' | 'whatChanges'): string => {
      const value = entry[name];
      if (!Object.hasOwn(entry, name)) problems.push({ field: `${field}.${name}`, message: `${name} is required.` });
      else if (typeof value !== 'string') {
        problems.push({
          field: `${field}.${name}`,
          message: `${name} must be a string (quote it if YAML read it as something else).`,
        });
      } else if (value.trim().length > FEATURE_FACT_LIMITS.explanation) {
        problems.push({
          field: `${field}.${name}`,
          message: `${name} must be at most ${FEATURE_FACT_LIMITS.explanation} characters.`,
        });
      } else return value.trim();
      return '';
    };
    const summary = text('summary');
    const whatChanges = text('whatChanges');
    if (!Object.hasOwn(entry, 'affected'))
      problems.push({ field: `${field}.affected`, message: 'affected is required.' });
    else if (typeof entry.affected !== 'boolean') {
      problems.push({ field: `${field}.affected`, message: 'affected must be true or false.' });
    }
    if (problems.length === before) result[segment] = { summary, whatChanges, affected: entry.affected === true };
  }
  if (problems.length > 0) throw new DomainValidationError(withLines(problems, input), 'The explanations');
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
