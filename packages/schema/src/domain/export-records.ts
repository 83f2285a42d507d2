/**
 * The files an export (export-manifest.ts) writes for the public records other than versions
 * (versions are Version Markdown, version-markdown.ts): one YAML file per AI-feature revision, one
 * YAML file per withdrawal, one CSV file per consent release and one YAML file per change to the
 * organisation's definitions. Each carries every input of its record's hash except what the
 * manifest states for it (see below), so anyone can recompute the hash with `revisionHash`,
 * `withdrawalHash`, `consentReleaseHash` (public-records.ts) or `definitionChangeHash`
 * (definitions.ts).
 *
 * Every file is UTF-8 with LF line endings and ends with a newline. A verifier reads it back
 * (CRLF or a byte order mark, as a Windows checkout may add, are read as LF and nothing) and
 * renders it again: a file that is not exactly what the exporter writes for its content is
 * refused (NOT_CANONICAL), so that even a byte outside the hashed fields (a comment, a space)
 * cannot change unseen.
 *
 * ## Revision file: `<Organisation>/AI features/<Feature name>/<effective instant>.yaml`
 *
 *     # Revision 3 of the AI feature meeting-summary, as published (candor-revision/1).
 *     # contentHash = SHA-256 of the canonical form of every field below except contentHash;
 *     # previousHash = contentHash of the feature's revision published before it.
 *     format: "candor-revision/1"
 *     feature: "meeting-summary"
 *     number: 3
 *     publishedAt: "2026-05-01T00:00:00.000Z"
 *     effectiveAt: "2026-06-01T00:00:00.000Z"
 *     material: true
 *     changeNote: "…"
 *     previousHash: "64 hex digits" (or null for the first revision)
 *     contentHash: "64 hex digits"
 *     facts:
 *       consumer:
 *         whatItDoes: "…"
 *         availability: "generally_available"
 *         dataCategories: ["audio", "transcripts"]
 *         trainsFirstPartyModels: false
 *         sharedWithVendor: true
 *         vendorName: "…" (or null)
 *         trainsVendorModels: false
 *         retention: "…"
 *         retentionDays: 30 (or null)
 *         humanReview: false
 *         humanReviewDetail: "…"
 *         consentRequiredFrom: ["account_owner"]
 *         nonConsentOption: "leave_only"
 *         nonConsentDetail: "…"
 *         defaultState: "off"
 *         governingClauses:
 *           - document: "terms-of-service"
 *             key: "10.4"
 *       business: …
 *     explanations:
 *       consumer:
 *         summary: "…"
 *         whatChanges: "…"
 *         affected: true
 *
 * One `facts` entry per segment, one `explanations` entry per segment the revision explains
 * itself to (`explanations: {}` when none); empty lists are `[]`. Enumeration values are
 * lowercase as in types.ts.
 *
 * ## Withdrawal file: beside what it withdraws, `<withdrawn file without .md/.yaml>.withdrawal.yaml`
 *
 *     # Withdrawal of terms-of-service version 2026-07 before it took effect (candor-withdrawal/1).
 *     # contentHash = SHA-256 of the canonical form of every field below except contentHash;
 *     # previousHash = contentHash of the withdrawal made before it (one chain for all withdrawals).
 *     format: "candor-withdrawal/1"
 *     kind: "version" (or "revision")
 *     subject: "terms-of-service" (the document's or feature's slug)
 *     record: "2026-07" (the version label, or the revision number)
 *     recordHash: "64 hex digits" (the contentHash of the withdrawn version or revision)
 *     withdrawnAt: "2026-06-01T12:00:00.000Z"
 *     reason: "…"
 *     previousHash: "64 hex digits" (or null for the first withdrawal)
 *     contentHash: "64 hex digits"
 *
 * ## Consent release file: `<Organisation>/Consent statistics/<release instant>.csv`
 *
 *     feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft
 *     meeting-summary,business,2026-05,1200,suppressed,500,400,,
 *
 * The header, then one row per feature × segment × month sorted by feature, segment, period
 * (UTF-16 code unit order): a count in decimal, `suppressed` for a cell hidden by small-cell
 * suppression at the release's minimum cell size, nothing for a count that is not known. No
 * quoting (slugs, segment keys and months never need it). The release's `releasedAt`,
 * `minimumCellSize`, `previousHash` and `contentHash` are in the manifest.
 *
 * ## Definition change file: `<Organisation>/Definitions/<instant> <subject> <key>.yaml`
 *
 *     # Change to the organisation's definitions: segment business updated (candor-definition/1).
 *     # contentHash = SHA-256 of the canonical form of every field below except contentHash;
 *     # previousHash = contentHash of the change made before it (one chain for all definitions).
 *     format: "candor-definition/1"
 *     at: "2026-12-04T20:37:18.000Z"
 *     subject: "segment" (or "organization", "document", "feature")
 *     key: "business" (the segment key, or the organisation's, document's or feature's slug)
 *     action: "updated" (or "created", "retired")
 *     previousHash: "64 hex digits" (or null for the first change)
 *     contentHash: "64 hex digits"
 *     values:
 *       description: "Teams and companies."
 *       key: "business"
 *       name: "Business"
 *       position: 1
 *       retiredAt: null
 *
 * `values` are the subject's public fields after the change, sorted by name (UTF-16 code units),
 * one per line: a string, a whole number, true or false, null, or a list of strings (a
 * document's segments) written `["a", "b"]`; `values: {}` when there are none.
 *
 * Strings in the YAML files are written as JSON strings (ECMAScript JSON.stringify), which YAML
 * reads back exactly; map keys (segment keys, field names) are written bare when YAML reads them
 * back as the same string (a letter, then letters, digits, `_` and `-`; not true, false, null,
 * yes, no, on or off in any case), otherwise as JSON strings.
 */
import { isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { CONSENT_COUNT_FIELDS } from './consent-counts.js';
import {
  type CanonicalDefinitionChangeInput,
  DEFINITION_ACTIONS,
  DEFINITION_FORMAT,
  DEFINITION_SUBJECTS,
  type DefinitionValues,
} from './definitions.js';
import { DomainValidationError, type ValidationProblem } from './errors.js';
import { FEATURE_FACT_FIELDS } from './feature-fact-fields.js';
import { isSha256Hex, isSlug } from './identifiers.js';
import { parseIsoInstant } from './instant.js';
import {
  type CanonicalRevisionInput,
  type CanonicalWithdrawalInput,
  REVISION_FORMAT,
  type ReleasedRow,
  type ReleasedValue,
  WITHDRAWAL_FORMAT,
  WITHDRAWAL_KINDS,
} from './public-records.js';
import {
  CONSENT_PARTIES,
  DATA_CATEGORIES,
  DEFAULT_STATES,
  type ExplanationInput,
  FEATURE_AVAILABILITIES,
  type FeatureFactsInput,
  NON_CONSENT_OPTIONS,
} from './types.js';

/** A revision as its file states it: the hash inputs and the hash. */
export interface RevisionFile extends CanonicalRevisionInput {
  contentHash: string;
}

/** A withdrawal as its file states it: the hash inputs and the hash. */
export interface WithdrawalFile extends CanonicalWithdrawalInput {
  contentHash: string;
}

/** A change to the organisation's definitions as its file states it: the hash inputs and the hash. */
export interface DefinitionChangeFile extends CanonicalDefinitionChangeInput {
  contentHash: string;
}

/** What a verifier does to a file before reading it: a byte order mark dropped, CRLF and CR as LF. */
export function normaliseExportedText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The 1-based number of the first line where two texts differ, for NOT_CANONICAL messages. */
export function firstDifferentLine(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Writing

const str = (value: string): string => JSON.stringify(value);
const nullable = <T>(value: T | null, write: (v: T) => string): string => (value === null ? 'null' : write(value));
const list = (values: readonly string[]): string => `[${values.map(str).join(', ')}]`;

const YAML_WORDS = ['true', 'false', 'null', 'yes', 'no', 'on', 'off'];

/** A map key: bare when YAML reads it back as the same string, else as a JSON string. */
function key(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_-]*$/.test(name) && !YAML_WORDS.includes(name.toLowerCase()) ? name : str(name);
}

/** The revision file (format at the top of this file). */
export function renderRevisionYaml(revision: RevisionFile): string {
  const lines = [
    `# Revision ${revision.number} of the AI feature ${revision.feature}, as published (${REVISION_FORMAT}).`,
    '# contentHash = SHA-256 of the canonical form of every field below except contentHash;',
    "# previousHash = contentHash of the feature's revision published before it.",
    `format: ${str(REVISION_FORMAT)}`,
    `feature: ${str(revision.feature)}`,
    `number: ${revision.number}`,
    `publishedAt: ${str(revision.publishedAt.toISOString())}`,
    `effectiveAt: ${str(revision.effectiveAt.toISOString())}`,
    `material: ${revision.material}`,
    `changeNote: ${str(revision.changeNote)}`,
    `previousHash: ${nullable(revision.previousHash, str)}`,
    `contentHash: ${str(revision.contentHash)}`,
  ];
  const facts = Object.entries(revision.facts);
  lines.push(facts.length === 0 ? 'facts: {}' : 'facts:');
  for (const [segment, f] of facts) {
    lines.push(
      `  ${key(segment)}:`,
      `    whatItDoes: ${str(f.whatItDoes)}`,
      `    availability: ${str(f.availability)}`,
      `    dataCategories: ${list(f.dataCategories)}`,
      `    trainsFirstPartyModels: ${f.trainsFirstPartyModels}`,
      `    sharedWithVendor: ${f.sharedWithVendor}`,
      `    vendorName: ${nullable(f.vendorName, str)}`,
      `    trainsVendorModels: ${f.trainsVendorModels}`,
      `    retention: ${str(f.retention)}`,
      `    retentionDays: ${nullable(f.retentionDays, String)}`,
      `    humanReview: ${f.humanReview}`,
      `    humanReviewDetail: ${str(f.humanReviewDetail)}`,
      `    consentRequiredFrom: ${list(f.consentRequiredFrom)}`,
      `    nonConsentOption: ${str(f.nonConsentOption)}`,
      `    nonConsentDetail: ${str(f.nonConsentDetail)}`,
      `    defaultState: ${str(f.defaultState)}`,
    );
    if (f.governingClauses.length === 0) lines.push('    governingClauses: []');
    else {
      lines.push('    governingClauses:');
      for (const ref of f.governingClauses) {
        lines.push(`      - document: ${str(ref.document)}`, `        key: ${str(ref.key)}`);
      }
    }
  }
  const explanations = Object.entries(revision.explanations);
  lines.push(explanations.length === 0 ? 'explanations: {}' : 'explanations:');
  for (const [segment, e] of explanations) {
    lines.push(
      `  ${key(segment)}:`,
      `    summary: ${str(e.summary)}`,
      `    whatChanges: ${str(e.whatChanges)}`,
      `    affected: ${e.affected}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The withdrawal file (format at the top of this file). */
export function renderWithdrawalYaml(withdrawal: WithdrawalFile): string {
  const what = withdrawal.kind === 'version' ? 'version' : 'revision';
  return `${[
    `# Withdrawal of ${withdrawal.subject} ${what} ${withdrawal.record} before it took effect (${WITHDRAWAL_FORMAT}).`,
    '# contentHash = SHA-256 of the canonical form of every field below except contentHash;',
    '# previousHash = contentHash of the withdrawal made before it (one chain for all withdrawals).',
    `format: ${str(WITHDRAWAL_FORMAT)}`,
    `kind: ${str(withdrawal.kind)}`,
    `subject: ${str(withdrawal.subject)}`,
    `record: ${str(withdrawal.record)}`,
    `recordHash: ${str(withdrawal.recordHash)}`,
    `withdrawnAt: ${str(withdrawal.withdrawnAt.toISOString())}`,
    `reason: ${str(withdrawal.reason)}`,
    `previousHash: ${nullable(withdrawal.previousHash, str)}`,
    `contentHash: ${str(withdrawal.contentHash)}`,
  ].join('\n')}\n`;
}

/** The definition change file (format at the top of this file). */
export function renderDefinitionChangeYaml(change: DefinitionChangeFile): string {
  const lines = [
    `# Change to the organisation's definitions: ${change.subject} ${change.key} ${change.action} (${DEFINITION_FORMAT}).`,
    '# contentHash = SHA-256 of the canonical form of every field below except contentHash;',
    '# previousHash = contentHash of the change made before it (one chain for all definitions).',
    `format: ${str(DEFINITION_FORMAT)}`,
    `at: ${str(change.at.toISOString())}`,
    `subject: ${str(change.subject)}`,
    `key: ${str(change.key)}`,
    `action: ${str(change.action)}`,
    `previousHash: ${nullable(change.previousHash, str)}`,
    `contentHash: ${str(change.contentHash)}`,
  ];
  const names = Object.keys(change.values).sort(compare);
  lines.push(names.length === 0 ? 'values: {}' : 'values:');
  const problems: ValidationProblem[] = [];
  for (const name of names) {
    const value = change.values[name];
    const written =
      typeof value === 'string'
        ? str(value)
        : typeof value === 'boolean' || value === null
          ? String(value)
          : Number.isSafeInteger(value)
            ? String(value)
            : Array.isArray(value) && value.every((item) => typeof item === 'string')
              ? list(value)
              : undefined;
    if (written === undefined) {
      problems.push({
        field: `values.${name}`,
        message: `values.${name} must be a string, a whole number, true, false, null or a list of strings.`,
      });
    } else lines.push(`  ${key(name)}: ${written}`);
  }
  if (problems.length > 0) throw new DomainValidationError(problems, 'The definition change');
  return `${lines.join('\n')}\n`;
}

export const CONSENT_RELEASE_CSV_HEADER = ['feature', 'segment', 'period', ...CONSENT_COUNT_FIELDS].join(',');

/** The consent release file (format at the top of this file): rows sorted, one line each. */
export function renderConsentReleaseCsv(rows: readonly ReleasedRow[]): string {
  const cell = (value: ReleasedValue): string => (value === null ? '' : String(value));
  const sorted = [...rows].sort(
    (a, b) => compare(a.feature, b.feature) || compare(a.segment, b.segment) || compare(a.period, b.period),
  );
  const lines = sorted.map((row) =>
    [row.feature, row.segment, row.period, ...CONSENT_COUNT_FIELDS.map((field) => cell(row[field]))].join(','),
  );
  return `${[CONSENT_RELEASE_CSV_HEADER, ...lines].join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Reads a revision file. Checks the types and spellings the hash depends on; it does not judge
 * the facts (that was done when they were published).
 *
 * @throws DomainValidationError listing every problem, fields like `facts.consumer.retentionDays`.
 */
export function parseRevisionYaml(text: string): RevisionFile {
  const data = readYamlMap(text, 'The revision file');
  const p = new Fields(data, '');
  p.exactKeys([
    'format',
    'feature',
    'number',
    'publishedAt',
    'effectiveAt',
    'material',
    'changeNote',
    'previousHash',
    'contentHash',
    'facts',
    'explanations',
  ]);
  if (data.format !== REVISION_FORMAT) p.problem('format', `must be "${REVISION_FORMAT}".`);
  const feature = p.slug('feature');
  const number = p.wholeNumber('number', 1);
  const publishedAt = p.instant('publishedAt');
  const effectiveAt = p.instant('effectiveAt');
  const material = p.boolean('material');
  const changeNote = p.string('changeNote');
  const previousHash = p.hash('previousHash', true);
  const contentHash = p.hash('contentHash', false) ?? '';
  const facts: Record<string, FeatureFactsInput> = {};
  for (const [segment, value] of p.map('facts')) {
    const f = new Fields(value, `facts.${segment}`, p.problems);
    f.exactKeys(FEATURE_FACT_FIELDS);
    facts[segment] = {
      whatItDoes: f.string('whatItDoes'),
      availability: f.oneOf('availability', FEATURE_AVAILABILITIES),
      dataCategories: f.listOf('dataCategories', DATA_CATEGORIES),
      trainsFirstPartyModels: f.boolean('trainsFirstPartyModels'),
      sharedWithVendor: f.boolean('sharedWithVendor'),
      vendorName: f.string('vendorName', true),
      trainsVendorModels: f.boolean('trainsVendorModels'),
      retention: f.string('retention'),
      retentionDays: f.wholeNumber('retentionDays', 0, true),
      humanReview: f.boolean('humanReview'),
      humanReviewDetail: f.string('humanReviewDetail'),
      consentRequiredFrom: f.listOf('consentRequiredFrom', CONSENT_PARTIES),
      nonConsentOption: f.oneOf('nonConsentOption', NON_CONSENT_OPTIONS),
      nonConsentDetail: f.string('nonConsentDetail'),
      defaultState: f.oneOf('defaultState', DEFAULT_STATES),
      governingClauses: f.clauseRefs('governingClauses'),
    };
  }
  const explanations: Record<string, ExplanationInput> = {};
  for (const [segment, value] of p.map('explanations')) {
    const e = new Fields(value, `explanations.${segment}`, p.problems);
    e.exactKeys(['summary', 'whatChanges', 'affected']);
    explanations[segment] = {
      summary: e.string('summary'),
      whatChanges: e.string('whatChanges'),
      affected: e.boolean('affected'),
    };
  }
  p.throwIfAny('The revision file');
  return {
    feature,
    number,
    publishedAt,
    effectiveAt,
    material,
    changeNote,
    previousHash,
    contentHash,
    facts,
    explanations,
  };
}

/** Reads a withdrawal file. @throws DomainValidationError listing every problem. */
export function parseWithdrawalYaml(text: string): WithdrawalFile {
  const data = readYamlMap(text, 'The withdrawal file');
  const p = new Fields(data, '');
  p.exactKeys([
    'format',
    'kind',
    'subject',
    'record',
    'recordHash',
    'withdrawnAt',
    'reason',
    'previousHash',
    'contentHash',
  ]);
  if (data.format !== WITHDRAWAL_FORMAT) p.problem('format', `must be "${WITHDRAWAL_FORMAT}".`);
  const result: WithdrawalFile = {
    kind: p.oneOf('kind', WITHDRAWAL_KINDS),
    subject: p.slug('subject'),
    record: p.string('record'),
    recordHash: p.hash('recordHash', false) ?? '',
    withdrawnAt: p.instant('withdrawnAt'),
    reason: p.string('reason'),
    previousHash: p.hash('previousHash', true),
    contentHash: p.hash('contentHash', false) ?? '',
  };
  p.throwIfAny('The withdrawal file');
  return result;
}

/**
 * Reads a definition change file. Checks the types and spellings the hash depends on; it does not
 * judge the values (that was done when the change was made).
 *
 * @throws DomainValidationError listing every problem, fields like `values.position`.
 */
export function parseDefinitionChangeYaml(text: string): DefinitionChangeFile {
  const data = readYamlMap(text, 'The definition change file');
  const p = new Fields(data, '');
  p.exactKeys(['format', 'at', 'subject', 'key', 'action', 'previousHash', 'contentHash', 'values']);
  if (data.format !== DEFINITION_FORMAT) p.problem('format', `must be "${DEFINITION_FORMAT}".`);
  const values: Record<string, DefinitionValues[string]> = {};
  for (const [name, value] of p.map('values', 'must be a map of field names to values.')) {
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      value === null ||
      Number.isSafeInteger(value) ||
      (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    ) {
      values[name] = value as DefinitionValues[string];
    } else p.problem(`values.${name}`, 'must be a string, a whole number, true, false, null or a list of strings.');
  }
  const result: DefinitionChangeFile = {
    at: p.instant('at'),
    subject: p.oneOf('subject', DEFINITION_SUBJECTS),
    key: p.slug('key'),
    action: p.oneOf('action', DEFINITION_ACTIONS),
    values,
    previousHash: p.hash('previousHash', true),
    contentHash: p.hash('contentHash', false) ?? '',
  };
  p.throwIfAny('The definition change file');
  return result;
}

const COUNT = /^(?:0|[1-9][0-9]{0,15})$/;
const MONTH_PATTERN = /^[0-9]{4}-(?:0[1-9]|1[0-2])$/;

/**
 * Reads a consent release file: the rows as released, in file order.
 *
 * @throws DomainValidationError listing every problem with its line.
 */
export function parseConsentReleaseCsv(text: string): ReleasedRow[] {
  const problems: ValidationProblem[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else problems.push({ field: 'file', line: lines.length, message: 'The file must end with a newline.' });
  if (lines[0] !== CONSENT_RELEASE_CSV_HEADER) {
    problems.push({ field: 'header', line: 1, message: `The first line must be ${CONSENT_RELEASE_CSV_HEADER}` });
  }
  const rows: ReleasedRow[] = [];
  lines.slice(1).forEach((line, i) => {
    const at = i + 2;
    const cells = line.split(',');
    if (cells.length !== 3 + CONSENT_COUNT_FIELDS.length) {
      problems.push({
        field: 'row',
        line: at,
        message: `has ${cells.length} fields, not ${3 + CONSENT_COUNT_FIELDS.length}.`,
      });
      return;
    }
    const [feature = '', segment = '', period = '', ...counts] = cells;
    if (!isSlug(feature)) problems.push({ field: 'feature', line: at, message: `"${feature}" is not a feature slug.` });
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(segment)) {
      problems.push({ field: 'segment', line: at, message: `"${segment}" is not a segment key.` });
    }
    if (!MONTH_PATTERN.test(period))
      problems.push({ field: 'period', line: at, message: `"${period}" is not a month (YYYY-MM).` });
    const row = { feature, segment, period } as ReleasedRow;
    CONSENT_COUNT_FIELDS.forEach((field, c) => {
      const value = counts[c] ?? '';
      if (value === '') row[field] = null;
      else if (value === 'suppressed') row[field] = 'suppressed';
      else if (COUNT.test(value)) row[field] = Number(value);
      else {
        problems.push({
          field,
          line: at,
          message: `"${value}" is not a count, "suppressed" or empty.`,
        });
      }
    });
    rows.push(row);
  });
  if (problems.length > 0) throw new DomainValidationError(problems, 'The consent release file');
  return rows;
}

// ---------------------------------------------------------------------------------------------
// YAML helpers

function readYamlMap(text: string, what: string): Record<string, unknown> {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const errors = [...document.errors, ...document.warnings];
  if (errors.length > 0) {
    throw new DomainValidationError(
      errors.map((error) => ({
        field: 'file',
        line: error.linePos?.[0]?.line,
        message: error.message.split('\n')[0] ?? error.message,
      })),
      what,
    );
  }
  if (!isMap(document.contents)) {
    throw new DomainValidationError([{ field: 'file', message: 'must be a YAML map of fields.' }], what);
  }
  if (hasAlias(document.contents)) {
    throw new DomainValidationError([{ field: 'file', message: 'must not use YAML anchors or aliases.' }], what);
  }
  return document.toJS() as Record<string, unknown>;
}

function hasAlias(node: Node | null): boolean {
  if (node === null) return false;
  if (isMap(node)) return node.items.some((pair) => hasAlias(pair.key as Node) || hasAlias(pair.value as Node | null));
  if (isSeq(node)) return node.items.some((item) => hasAlias(item as Node));
  return !isScalar(node);
}

/** Typed reads of one YAML map's fields, collecting every problem instead of stopping at the first. */
class Fields {
  constructor(
    private readonly data: unknown,
    private readonly prefix: string,
    readonly problems: ValidationProblem[] = [],
  ) {
    if (!isRecord(data)) this.problem('', 'must be a map of fields.');
  }

  private get record(): Record<string, unknown> {
    return isRecord(this.data) ? this.data : {};
  }

  problem(name: string, message: string): void {
    const field = [this.prefix, name].filter((s) => s !== '').join('.') || 'file';
    this.problems.push({ field, message: `${field} ${message}` });
  }

  throwIfAny(what: string): void {
    if (this.problems.length > 0) throw new DomainValidationError(this.problems, what);
  }

  exactKeys(names: readonly string[]): void {
    for (const name of names) if (!Object.hasOwn(this.record, name)) this.problem(name, 'is missing.');
    for (const name of Object.keys(this.record))
      if (!names.includes(name)) this.problem(name, 'is not a field of this file.');
  }

  string(name: string): string;
  string(name: string, orNull: true): string | null;
  string(name: string, orNull = false): string | null {
    const value = this.record[name];
    if (typeof value === 'string') return value;
    if (orNull && value === null) return null;
    this.problem(name, orNull ? 'must be a string or null.' : 'must be a string.');
    return '';
  }

  slug(name: string): string {
    const value = this.string(name);
    if (value !== '' && !isSlug(value)) this.problem(name, 'must be a slug (lowercase words joined by hyphens).');
    return value;
  }

  boolean(name: string): boolean {
    const value = this.record[name];
    if (typeof value === 'boolean') return value;
    this.problem(name, 'must be true or false.');
    return false;
  }

  wholeNumber(name: string, minimum: number): number;
  wholeNumber(name: string, minimum: number, orNull: true): number | null;
  wholeNumber(name: string, minimum: number, orNull = false): number | null {
    const value = this.record[name];
    if (Number.isSafeInteger(value) && (value as number) >= minimum) return value as number;
    if (orNull && value === null) return null;
    this.problem(name, `must be a whole number of ${minimum} or more${orNull ? ', or null' : ''}.`);
    return minimum;
  }

  instant(name: string): Date {
    const value = this.record[name];
    const date = typeof value === 'string' ? parseIsoInstant(value) : null;
    if (date !== null) return date;
    this.problem(name, 'must be an ISO 8601 instant, e.g. "2026-06-01T00:00:00.000Z".');
    return new Date(0);
  }

  hash(name: string, orNull: boolean): string | null {
    const value = this.record[name];
    if (typeof value === 'string' && isSha256Hex(value)) return value;
    if (orNull && value === null) return null;
    this.problem(name, `must be 64 lowercase hexadecimal digits${orNull ? ' or null' : ''}.`);
    return null;
  }

  oneOf<const T extends readonly string[]>(name: string, values: T): T[number] {
    const value = this.record[name];
    if (typeof value === 'string' && values.includes(value)) return value;
    this.problem(name, `must be one of ${values.join(', ')}.`);
    return values[0] as T[number];
  }

  listOf<const T extends readonly string[]>(name: string, values: T): T[number][] {
    const value = this.record[name];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string' && values.includes(item))) {
      return value as T[number][];
    }
    this.problem(name, `must be a list of ${values.join(', ')}.`);
    return [];
  }

  clauseRefs(name: string): { document: string; key: string }[] {
    const value = this.record[name];
    if (
      Array.isArray(value) &&
      value.every(
        (ref) =>
          isRecord(ref) &&
          Object.keys(ref).join(',') === 'document,key' &&
          typeof ref.document === 'string' &&
          typeof ref.key === 'string',
      )
    ) {
      return (value as { document: string; key: string }[]).map(({ document, key }) => ({ document, key }));
    }
    this.problem(name, 'must be a list of { document, key } strings.');
    return [];
  }

  /** The entries of a map field, each key a segment unless `what` says otherwise. */
  map(name: string, what = 'must be a map by segment.'): [string, unknown][] {
    const value = this.record[name];
    if (!isRecord(value)) {
      this.problem(name, what);
      return [];
    }
    return Object.entries(value);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
