/**
 * Exports in the manner of Open Terms Archive: every public record as a file a person can read,
 * plus a manifest that lists every record of every chain (chains.ts) in chain order and carries
 * the portal's signed checkpoint (checkpoint.ts). export-verify.ts checks an export with no
 * database and no network.
 *
 * ## Layout (all paths relative to the export's root, "/"-separated)
 *
 *   manifest.json                                            the manifest (below)
 *   README.md                                                what the files are, how to verify
 *   <Organisation>/<Document title>/<effective>.md           one published version (Version Markdown)
 *   <Organisation>/<Document title>/<effective>.withdrawal.yaml
 *                                                            the withdrawal of that version, if any
 *   <Organisation>/AI features/<Feature name>/<effective>.yaml
 *                                                            one published AI-feature revision
 *   <Organisation>/AI features/<Feature name>/<effective>.withdrawal.yaml
 *                                                            the withdrawal of that revision, if any
 *   <Organisation>/Consent statistics/<released>.csv         one consent-statistics release
 *   <Organisation>/Definitions/<at> <subject> <key>.yaml     one change to what the organisation
 *                                                            defines (its profile, a segment, a
 *                                                            document, an AI feature), e.g.
 *                                                            `2026-12-04T20-37-18Z segment business.yaml`
 *
 * `<effective>`, `<released>` and `<at>` are instants written `YYYY-MM-DDTHH-MM-SSZ` (UTC, colons as
 * hyphens, no milliseconds), e.g. `2023-08-07T00-00-00Z`; names are cleaned by exportPath's rules.
 * When two records would get the same name (two versions of a document taking effect in the same
 * second), the later one in chain order gets ` <label>` (versions), ` revision <number>`
 * (revisions), ` release <position>` (releases, counted from 1) or ` change <position>`
 * (definition changes, counted from 1) before the extension. The record files are specified in
 * version-markdown.ts and export-records.ts.
 *
 * ## Manifest, format `candor-export/3` (JSON)
 *
 *   { "format": "candor-export/3", "organisation": S, "isSample": B, "exportedAt": D,
 *     "publicKeyPem": S|null, "checkpoint": {"payload": S, "signature": S}|null,
 *     "chains": [C, …] }
 *
 *   C, one per chain, each listing its records oldest first (chain order):
 *     {"chain": "document/<slug>", "kind": "document", "title": S, "records": [V, …]}
 *     {"chain": "feature/<slug>", "kind": "feature", "name": S, "records": [R, …]}
 *     {"chain": "withdrawals", "kind": "withdrawals", "records": [W, …]}
 *     {"chain": "consent-releases", "kind": "consent-releases", "records": [L, …]}
 *     {"chain": "definitions", "kind": "definitions", "records": [F, …]}
 *   Every record: "path", "contentHash" (64 hex digits) and "previousHash" (64 hex digits or null).
 *   V adds "label", "effectiveAt" and "withdrawnBy" (the path of its withdrawal file, or null);
 *   R adds "number", "effectiveAt" and "withdrawnBy";
 *   W adds "kind" ("version"|"revision"), "subject", "record", "recordHash" and "withdrawnAt";
 *   L adds "releasedAt", "rowCount" and "minimumCellSize" — with previousHash, the inputs of the
 *     release's hash that its CSV file does not carry — and, for a published correction of
 *     earlier figures (candor-consent-correction/1), "reason";
 *   F adds "at", "subject" ("organization"|"segment"|"document"|"feature"), "key" (the slug or
 *     segment key) and "action" ("created"|"updated"|"retired"), as its file states them.
 *
 * A version imported from a history that predates Candor states `source` and `importedAt` in its
 * front matter and is hashed as `candor-imported-version/1` (canonical.ts); the manifest lists it
 * like any other version.
 *
 * `checkpoint` is the portal's latest signed checkpoint when the export was made (format
 * `candor-checkpoint/2`, or 1 from a portal that signed nothing since), `publicKeyPem` the key
 * that signed it. Older manifests are still read: `candor-export/2` (the same without the
 * `definitions` chain) and `candor-export/1` (documents only: `"documents": [{"slug", "title",
 * "versions": [V without withdrawnBy]}]`).
 */

import {
  type ChainKind,
  type CONSENT_RELEASES_CHAIN,
  type DEFINITIONS_CHAIN,
  documentChain,
  parseChainName,
  type WITHDRAWALS_CHAIN,
} from './chains.js';
import { type ChainHead, publicKeyId as publicKeyIdOf } from './checkpoint.js';
import {
  DEFINITION_ACTIONS,
  DEFINITION_SUBJECTS,
  type DefinitionAction,
  type DefinitionSubject,
} from './definitions.js';
import { DomainError } from './errors.js';
import { isSha256Hex, isSlug, isVersionLabel } from './identifiers.js';
import { parseIsoInstant } from './instant.js';
import { WITHDRAWAL_KINDS, type WithdrawalKind } from './public-records.js';
import type { VersionMarkdownOptions } from './version-markdown.js';

export const EXPORT_FORMAT = 'candor-export/3';
/** The format before the definitions chain; read, never written. */
export const EXPORT_FORMAT_V2 = 'candor-export/2';
/** The documents-only format of earlier releases; read, never written. */
export const EXPORT_FORMAT_V1 = 'candor-export/1';
export const MANIFEST_FILE = 'manifest.json';
export const EXPORT_README_FILE = 'README.md';
export const AI_FEATURES_FOLDER = 'AI features';
export const CONSENT_STATISTICS_FOLDER = 'Consent statistics';
export const DEFINITIONS_FOLDER = 'Definitions';
export const WITHDRAWAL_SUFFIX = '.withdrawal.yaml';
/**
 * How an export writes and reads Version Markdown: explanations may name any segment the
 * organisation defined (its definitions chain lists them), not only the sample's.
 */
export const EXPORT_MARKDOWN_OPTIONS: VersionMarkdownOptions = { segments: 'any' };

interface RecordEntry {
  /** Relative to the export's root, "/"-separated. */
  path: string;
  contentHash: string;
  previousHash: string | null;
}

export interface ExportVersionEntry extends RecordEntry {
  label: string;
  /** ISO 8601. */
  effectiveAt: string;
  /** Path of the withdrawal file when the version was withdrawn before it took effect. */
  withdrawnBy: string | null;
}

export interface ExportRevisionEntry extends RecordEntry {
  number: number;
  /** ISO 8601. */
  effectiveAt: string;
  withdrawnBy: string | null;
}

export interface ExportWithdrawalEntry extends RecordEntry {
  kind: WithdrawalKind;
  /** Document or feature slug. */
  subject: string;
  /** Version label, or revision number in decimal. */
  record: string;
  /** contentHash of the withdrawn record. */
  recordHash: string;
  /** ISO 8601. */
  withdrawnAt: string;
}

export interface ExportReleaseEntry extends RecordEntry {
  /** ISO 8601. */
  releasedAt: string;
  rowCount: number;
  minimumCellSize: number;
  /** Only for a correction (hashed as candor-consent-correction/1): why it corrects. */
  reason?: string;
}

export interface ExportDefinitionEntry extends RecordEntry {
  /** ISO 8601. */
  at: string;
  subject: DefinitionSubject;
  /** The organisation's slug, the segment key, or the document's or feature's slug. */
  key: string;
  action: DefinitionAction;
}

export interface ExportDocumentChain {
  chain: string;
  kind: 'document';
  title: string;
  records: ExportVersionEntry[];
}
export interface ExportFeatureChain {
  chain: string;
  kind: 'feature';
  name: string;
  records: ExportRevisionEntry[];
}
export interface ExportWithdrawalsChain {
  chain: typeof WITHDRAWALS_CHAIN;
  kind: 'withdrawals';
  records: ExportWithdrawalEntry[];
}
export interface ExportReleasesChain {
  chain: typeof CONSENT_RELEASES_CHAIN;
  kind: 'consent-releases';
  records: ExportReleaseEntry[];
}
export interface ExportDefinitionsChain {
  chain: typeof DEFINITIONS_CHAIN;
  kind: 'definitions';
  records: ExportDefinitionEntry[];
}
export type ExportChain =
  | ExportDocumentChain
  | ExportFeatureChain
  | ExportWithdrawalsChain
  | ExportReleasesChain
  | ExportDefinitionsChain;
export type ExportRecordEntry = ExportChain['records'][number];

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  organisation: string;
  /** The fictional sample organisation: every reader of the export must be told. */
  isSample: boolean;
  /** ISO 8601. */
  exportedAt: string;
  /** SPKI PEM of the key that signed `checkpoint`; null for an unsigned export. */
  publicKeyPem: string | null;
  checkpoint: { payload: string; signature: string } | null;
  /** Oldest record first in each chain. */
  chains: ExportChain[];
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Longest folder name written, in code points; file systems allow 255 bytes per name. */
const MAX_NAME_CHARS = 120;

/**
 * Where an export stores a version: `<Organisation>/<Document title>/<YYYY-MM-DDTHH-MM-SSZ>.md`,
 * e.g. `Northwind Meetings (sample)/Terms of Service/2023-08-07T00-00-00Z.md`.
 *
 * The names must unpack on every common file system, so `/` and `\` (separators), the
 * characters Windows forbids (`: * ? " < > |`) and control characters are replaced, runs of
 * whitespace become one space, and leading dots (hidden files, `..`) and trailing dots and
 * spaces (dropped by Windows) are removed. The colons of the ISO time are written as `-` for
 * the same reason: Windows forbids `:` in file names and macOS shows it as `/`. Sorting the
 * file names still sorts by time. Milliseconds are left out: two versions of one document are
 * not expected to take effect within the same second.
 *
 * @throws DomainError BAD_USER_INPUT when a name is empty once cleaned or the date is invalid
 * or outside years 0000–9999.
 */
export function exportPath(organisation: string, documentTitle: string, effectiveAt: Date): string {
  return `${pathName(organisation, 'organisation')}/${pathName(documentTitle, 'documentTitle')}/${stamp(effectiveAt, 'effectiveAt')}.md`;
}

/** Where an export stores an AI-feature revision: `<Organisation>/AI features/<Feature name>/<effective>.yaml`. */
export function revisionExportPath(organisation: string, featureName: string, effectiveAt: Date): string {
  return `${pathName(organisation, 'organisation')}/${AI_FEATURES_FOLDER}/${pathName(featureName, 'featureName')}/${stamp(effectiveAt, 'effectiveAt')}.yaml`;
}

/** Where an export stores a consent release: `<Organisation>/Consent statistics/<released>.csv`. */
export function consentReleaseExportPath(organisation: string, releasedAt: Date): string {
  return `${pathName(organisation, 'organisation')}/${CONSENT_STATISTICS_FOLDER}/${stamp(releasedAt, 'releasedAt')}.csv`;
}

/**
 * Where an export stores a change to the organisation's definitions:
 * `<Organisation>/Definitions/<at> <subject> <key>.yaml`.
 */
export function definitionChangeExportPath(organisation: string, at: Date, subject: string, key: string): string {
  return `${pathName(organisation, 'organisation')}/${DEFINITIONS_FOLDER}/${pathName(`${stamp(at, 'at')} ${subject} ${key}`, 'key')}.yaml`;
}

/** Where the withdrawal of the version or revision at `withdrawnPath` goes: beside it. */
export function withdrawalExportPath(withdrawnPath: string): string {
  return withdrawnPath.replace(/\.(md|yaml)$/, '') + WITHDRAWAL_SUFFIX;
}

/**
 * `path`, or — when another record already took it — `path` with ` <suffix>` before its
 * extension (the layout's rule for two records in the same second).
 */
export function uniqueExportPath(taken: { has(path: string): boolean }, path: string, suffix: string): string {
  if (!taken.has(path)) return path;
  const dot = path.lastIndexOf('.');
  return `${path.slice(0, dot)} ${suffix}${path.slice(dot)}`;
}

function stamp(at: Date, field: string): string {
  const iso = at instanceof Date && !Number.isNaN(at.getTime()) ? at.toISOString() : '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/.exec(iso);
  if (match === null) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be a valid date in years 0000–9999.`, field);
  }
  return `${match[1]}T${match[2]}-${match[3]}-${match[4]}Z`;
}

function pathName(name: string, field: string): string {
  const cleaned = name
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[/\\:*?"<>|]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  const short = Array.from(cleaned)
    .slice(0, MAX_NAME_CHARS)
    .join('')
    .replace(/[. ]+$/, '');
  if (short === '') throw new DomainError('BAD_USER_INPUT', `${field} gives an empty file name.`, field);
  return short;
}

/** The chain heads an export's checkpoint must state: each chain's length and newest hash. */
export function chainHeadsOf(chains: readonly ExportChain[]): ChainHead[] {
  return chains.map((c) => ({
    chain: c.chain,
    count: c.records.length,
    headHash: c.records.at(-1)?.contentHash ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Reading a manifest

/** One thing wrong with a manifest: where (e.g. `chains[0].records[2].path`) and what. */
export interface ManifestProblem {
  where: string;
  message: string;
}

/**
 * Checks a parsed manifest's shape (`candor-export/3`, or `/2` and `/1` read as the same chains) before
 * any file is read: every path a plain relative path with the extension of its kind, listed
 * once; chain names, kinds, hashes, dates and counts well formed.
 */
export function readExportManifest(value: unknown): { manifest: ExportManifest } | { problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const bad = (where: string, message: string): void => {
    problems.push({ where, message });
  };
  if (!isRecord(value)) return { problems: [{ where: 'manifest', message: 'is not a JSON object.' }] };
  const v1 = value.format === EXPORT_FORMAT_V1;
  const v2 = value.format === EXPORT_FORMAT_V2;
  if (value.format !== EXPORT_FORMAT && !v1 && !v2) {
    bad(
      'format',
      `must be "${EXPORT_FORMAT}" (or "${EXPORT_FORMAT_V2}", "${EXPORT_FORMAT_V1}" from earlier releases).`,
    );
  }
  if (typeof value.organisation !== 'string' || value.organisation.trim() === '')
    bad('organisation', 'must be a non-empty string.');
  if (typeof value.isSample !== 'boolean') bad('isSample', 'must be true or false.');
  if (typeof value.exportedAt !== 'string' || parseIsoInstant(value.exportedAt) === null) {
    bad('exportedAt', 'must be an ISO 8601 instant.');
  }
  const key = value.publicKeyPem;
  if (key !== null && (typeof key !== 'string' || !isPublicKey(key)))
    bad('publicKeyPem', 'must be null or a PEM public key.');
  const checkpoint = value.checkpoint;
  if (checkpoint !== null) {
    if (!isRecord(checkpoint) || typeof checkpoint.payload !== 'string' || typeof checkpoint.signature !== 'string') {
      bad('checkpoint', 'must be null or { payload, signature } strings.');
    } else if (key === null) bad('checkpoint', 'a signed checkpoint needs publicKeyPem.');
  }

  const names = v1 ? { chains: 'documents', records: 'versions' } : { chains: 'chains', records: 'records' };
  const rawChains = v1 ? value.documents : value.chains;
  if (!Array.isArray(rawChains)) bad(names.chains, 'must be a list.');
  const chains: ExportChain[] = [];
  const chainNames = new Set<string>();
  const paths = new Set<string>();
  for (const [c, raw] of (Array.isArray(rawChains) ? (rawChains as unknown[]) : []).entries()) {
    const where = `${names.chains}[${c}]`;
    if (!isRecord(raw)) {
      bad(where, 'must be an object.');
      continue;
    }
    const chain = v1 ? fromV1(raw) : raw;
    const parsed = typeof chain.chain === 'string' ? parseChainName(chain.chain) : null;
    const nameWhere = v1 ? `${where}.slug` : `${where}.chain`;
    if (
      parsed === null ||
      (parsed.subject !== null && !isSlug(parsed.subject)) ||
      (v2 && parsed.kind === 'definitions')
    ) {
      bad(
        nameWhere,
        v1
          ? 'must be a document slug.'
          : `must be document/<slug>, feature/<slug>, withdrawals${v2 ? ' or consent-releases' : ', consent-releases or definitions'}.`,
      );
    } else if (chainNames.has(chain.chain as string))
      bad(nameWhere, `"${String(v1 ? raw.slug : chain.chain)}" is listed twice.`);
    else chainNames.add(chain.chain as string);
    if (parsed !== null && chain.kind !== parsed.kind) bad(`${where}.kind`, `must be "${parsed.kind}".`);
    if (parsed?.kind === 'document' && !nonEmpty(chain.title)) bad(`${where}.title`, 'must be a non-empty string.');
    if (parsed?.kind === 'feature' && !nonEmpty(chain.name)) bad(`${where}.name`, 'must be a non-empty string.');
    if (!Array.isArray(chain.records)) {
      bad(`${where}.${names.records}`, 'must be a list.');
      continue;
    }
    const labels = new Set<string>();
    for (const [r, record] of (chain.records as unknown[]).entries()) {
      const at = `${where}.${names.records}[${r}]`;
      if (!isRecord(record)) {
        bad(at, 'must be an object.');
        continue;
      }
      checkRecord(parsed?.kind ?? null, record, at, bad, labels);
      const extension = extensionOf(parsed?.kind ?? null);
      if (typeof record.path !== 'string' || !isSafeRelativePath(record.path, extension)) {
        bad(`${at}.path`, `must be a relative "/"-separated path to a ${extension} file inside the export.`);
      } else if (paths.has(record.path)) bad(`${at}.path`, `"${record.path}" is listed twice.`);
      else paths.add(record.path);
      if (typeof record.contentHash !== 'string' || !isSha256Hex(record.contentHash)) {
        bad(`${at}.contentHash`, 'must be 64 lowercase hexadecimal digits.');
      }
      const previous = record.previousHash;
      if (previous !== null && (typeof previous !== 'string' || !isSha256Hex(previous))) {
        bad(`${at}.previousHash`, 'must be null or 64 lowercase hexadecimal digits.');
      }
    }
    chains.push(chain as unknown as ExportChain);
  }
  if (problems.length > 0) return { problems };
  return {
    manifest: {
      format: EXPORT_FORMAT,
      organisation: value.organisation as string,
      isSample: value.isSample as boolean,
      exportedAt: value.exportedAt as string,
      publicKeyPem: key as string | null,
      checkpoint: checkpoint as ExportManifest['checkpoint'],
      chains,
    },
  };
}

/** A `candor-export/1` document as the chain it is in format 2. */
function fromV1(document: Record<string, unknown>): Record<string, unknown> {
  const slug = typeof document.slug === 'string' ? document.slug : '';
  return {
    chain: documentChain(slug),
    kind: 'document',
    title: document.title,
    records: Array.isArray(document.versions)
      ? document.versions.map((v) => (isRecord(v) ? { ...v, withdrawnBy: null } : v))
      : document.versions,
  };
}

function checkRecord(
  kind: ChainKind | null,
  record: Record<string, unknown>,
  at: string,
  bad: (where: string, message: string) => void,
  labels: Set<string>,
): void {
  const instant = (field: string): void => {
    if (typeof record[field] !== 'string' || parseIsoInstant(record[field] as string) === null) {
      bad(`${at}.${field}`, 'must be an ISO 8601 instant.');
    }
  };
  const count = (field: string, minimum: number): void => {
    if (!Number.isSafeInteger(record[field]) || (record[field] as number) < minimum) {
      bad(`${at}.${field}`, `must be a whole number of ${minimum} or more.`);
    }
  };
  const unique = (field: string, label: string): void => {
    if (labels.has(label)) bad(`${at}.${field}`, `"${label}" is listed twice.`);
    else labels.add(label);
  };
  const withdrawnBy = (): void => {
    const by = record.withdrawnBy;
    if (by !== null && (typeof by !== 'string' || !isSafeRelativePath(by, WITHDRAWAL_SUFFIX))) {
      bad(`${at}.withdrawnBy`, `must be null or the path of a ${WITHDRAWAL_SUFFIX} file.`);
    }
  };
  if (kind === 'document') {
    if (typeof record.label !== 'string' || !isVersionLabel(record.label))
      bad(`${at}.label`, 'must be a version label.');
    else unique('label', record.label);
    instant('effectiveAt');
    withdrawnBy();
  } else if (kind === 'feature') {
    count('number', 1);
    if (Number.isSafeInteger(record.number)) unique('number', String(record.number));
    instant('effectiveAt');
    withdrawnBy();
  } else if (kind === 'withdrawals') {
    if (!WITHDRAWAL_KINDS.includes(record.kind as WithdrawalKind))
      bad(`${at}.kind`, 'must be "version" or "revision".');
    if (typeof record.subject !== 'string' || !isSlug(record.subject)) bad(`${at}.subject`, 'must be a slug.');
    if (!nonEmpty(record.record)) bad(`${at}.record`, 'must be a non-empty string.');
    if (typeof record.recordHash !== 'string' || !isSha256Hex(record.recordHash)) {
      bad(`${at}.recordHash`, 'must be 64 lowercase hexadecimal digits.');
    }
    instant('withdrawnAt');
  } else if (kind === 'consent-releases') {
    instant('releasedAt');
    count('rowCount', 0);
    count('minimumCellSize', 0);
    if (record.reason !== undefined && !nonEmpty(record.reason)) bad(`${at}.reason`, 'must be a non-empty string.');
  } else if (kind === 'definitions') {
    instant('at');
    if (!DEFINITION_SUBJECTS.includes(record.subject as DefinitionSubject))
      bad(`${at}.subject`, `must be one of ${DEFINITION_SUBJECTS.join(', ')}.`);
    if (typeof record.key !== 'string' || !isSlug(record.key)) bad(`${at}.key`, 'must be a slug or segment key.');
    if (!DEFINITION_ACTIONS.includes(record.action as DefinitionAction))
      bad(`${at}.action`, `must be one of ${DEFINITION_ACTIONS.join(', ')}.`);
  }
}

function extensionOf(kind: ChainKind | null): string {
  return kind === 'feature' || kind === 'definitions'
    ? '.yaml'
    : kind === 'withdrawals'
      ? WITHDRAWAL_SUFFIX
      : kind === 'consent-releases'
        ? '.csv'
        : '.md';
}

/**
 * Paths come from a file anyone could have edited and are handed to the caller's readFile, so
 * only plain relative paths inside the export are accepted: no absolute path, drive letter,
 * backslash, empty, "." or ".." segment, or control character; and only with the extension of
 * the record's kind (a revision must not hide behind a withdrawal's name).
 */
export function isSafeRelativePath(path: string, extension: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (path.length > 1000 || !path.endsWith(extension) || /[\\:\u0000-\u001f\u007f]/.test(path)) return false;
  if (extension === '.yaml' && path.endsWith(WITHDRAWAL_SUFFIX)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

function isPublicKey(pem: string): boolean {
  // A private key PEM would also yield a public key; it must not be mistaken for one.
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) return false;
  try {
    publicKeyIdOf(pem);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
