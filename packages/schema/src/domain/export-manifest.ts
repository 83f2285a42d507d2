/**
 * Exports in the manner of Open Terms Archive: one Markdown file per published version (see
 * version-markdown.ts) at `<Organisation>/<Document title>/<effective instant>.md`, plus a
 * manifest (`candor-export/1`) listing every version in chain order with its hash, and a signed
 * checkpoint (checkpoint.ts) over every chain.
 *
 * verifyExport checks such an export with no database and no network: every file must hash to
 * the manifest's hash, every version must link to the one before it, nothing may be added or
 * left out, and the manifest's checkpoint must be signed and agree with the chains. What a
 * self-consistent export cannot prove on its own (that nobody cut its tail and re-signed it
 * with a key of their own) is proved against an earlier checkpoint the verifier kept.
 */
import {
  type ChainHead,
  type Checkpoint,
  checkAgainstCheckpoint,
  parseCheckpoint,
  publicKeyId,
  verifyCheckpointSignature,
} from './checkpoint.js';
import { DomainError } from './errors.js';
import { contentHash } from './hash.js';
import { type ChainEntry, verifyChain } from './hash-chain.js';
import { isSha256Hex, isSlug, isVersionLabel } from './identifiers.js';
import { parseIsoInstant } from './instant.js';
import { parseVersionMarkdown, toCanonicalVersionInput } from './version-markdown.js';

export const EXPORT_FORMAT = 'candor-export/1';

export interface ExportVersionEntry {
  label: string;
  /** Relative to the export's root, "/"-separated, as exportPath builds it. */
  path: string;
  /** ISO 8601. */
  effectiveAt: string;
  contentHash: string;
  previousHash: string | null;
}

export interface ExportDocumentEntry {
  slug: string;
  title: string;
  /** Oldest first: chain order. */
  versions: ExportVersionEntry[];
}

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
  documents: ExportDocumentEntry[];
}

export type ExportProblemCode =
  /** The manifest is not a valid `candor-export/1` manifest; nothing else was checked. */
  | 'BAD_MANIFEST'
  | 'MISSING_FILE'
  /** A version file that parseVersionMarkdown or the hash refuse. */
  | 'INVALID_FILE'
  /** A file's front matter disagrees with the manifest on document, label, dates or link. */
  | 'METADATA_MISMATCH'
  | 'HASH_MISMATCH'
  | 'BROKEN_LINK'
  | 'UNEXPECTED_GENESIS'
  /** A version file that the manifest does not list. */
  | 'UNLISTED_FILE'
  | 'BAD_CHECKPOINT'
  | 'BAD_SIGNATURE'
  /** The manifest's checkpoint does not describe the chains in the export. */
  | 'CHECKPOINT_MISMATCH'
  /** The earlier checkpoint does not verify under the export's key. */
  | 'KEY_CHANGED'
  | 'TRUNCATED'
  | 'REWRITTEN'
  | 'DOCUMENT_MISSING';

export interface ExportProblem {
  code: ExportProblemCode;
  document?: string;
  label?: string;
  path?: string;
  message: string;
}

export interface ExportVerification {
  ok: boolean;
  /** Version entries of the manifest that were checked. */
  versionsChecked: number;
  /** The manifest carries a checkpoint whose signature verifies under its public key. */
  signed: boolean;
  /** publicKeyId of the manifest's key, to compare with the one the organisation publishes. */
  publicKeyId: string | null;
  problems: ExportProblem[];
}

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
  const iso = effectiveAt instanceof Date && !Number.isNaN(effectiveAt.getTime()) ? effectiveAt.toISOString() : '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/.exec(iso);
  if (match === null) {
    throw new DomainError('BAD_USER_INPUT', 'effectiveAt must be a valid date in years 0000–9999.', 'effectiveAt');
  }
  const stamp = `${match[1]}T${match[2]}-${match[3]}-${match[4]}Z`;
  return `${pathName(organisation, 'organisation')}/${pathName(documentTitle, 'documentTitle')}/${stamp}.md`;
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

/** The chain heads an export's checkpoint must state: count and newest hash per document. */
export function chainHeadsOf(documents: readonly ExportDocumentEntry[]): ChainHead[] {
  return documents.map((d) => ({
    document: d.slug,
    count: d.versions.length,
    headHash: d.versions.at(-1)?.contentHash ?? null,
  }));
}

/**
 * Verifies an export without a database (see the top of this file for what is checked).
 *
 * @param manifest the parsed manifest JSON, unchecked.
 * @param readFile the text of a file by its manifest path, or null when there is none.
 * @param listFiles every file in the export, relative to its root. Markdown files below the
 *   root must all be listed in the manifest; files at the root (a README) are not versions.
 * @param earlierCheckpoint a checkpoint the verifier saved from an earlier export. It must
 *   verify under this export's key (else KEY_CHANGED) and every chain must still contain what
 *   it counted (else TRUNCATED, REWRITTEN or DOCUMENT_MISSING).
 */
export function verifyExport(
  manifest: unknown,
  readFile: (path: string) => string | null,
  listFiles: () => string[],
  earlierCheckpoint?: { payload: string; signature: string } | null,
): ExportVerification {
  const checked = checkManifest(manifest);
  if (!('manifest' in checked)) {
    return { ok: false, versionsChecked: 0, signed: false, publicKeyId: null, problems: checked.problems };
  }
  const m = checked.manifest;
  const problems: ExportProblem[] = [];
  let versionsChecked = 0;

  for (const document of m.documents) {
    const entries: ChainEntry[] = [];
    const pathOf = new Map(document.versions.map((v) => [v.label, v.path]));
    for (const version of document.versions) {
      versionsChecked++;
      const at = { document: document.slug, label: version.label, path: version.path };
      const file = checkVersionFile(document, version, readFile(version.path));
      problems.push(...file.problems.map((p) => ({ ...p, ...at })));
      entries.push({
        label: version.label,
        contentHash: version.contentHash,
        previousHash: file.previousHash,
        // Unknown when the file is missing or unreadable; that problem is reported already.
        recomputedHash: file.recomputedHash ?? version.contentHash,
      });
    }
    for (const p of verifyChain(entries).problems) {
      problems.push({
        code: p.code,
        document: document.slug,
        label: p.label,
        path: pathOf.get(p.label),
        message: p.message,
      });
    }
  }

  const listed = new Set(m.documents.flatMap((d) => d.versions.map((v) => v.path)));
  for (const file of listFiles().map(normalisePath)) {
    if (file.toLowerCase().endsWith('.md') && file.includes('/') && !listed.has(file)) {
      problems.push({
        code: 'UNLISTED_FILE',
        path: file,
        message: `${file} looks like a version but the manifest does not list it.`,
      });
    }
  }

  let signed = false;
  if (m.checkpoint !== null) {
    const key = m.publicKeyPem as string; // checkManifest requires a key with a checkpoint
    signed = verifyCheckpointSignature(m.checkpoint.payload, m.checkpoint.signature, key);
    if (!signed) {
      problems.push({
        code: 'BAD_SIGNATURE',
        message: "The manifest's checkpoint is not signed by the manifest's key.",
      });
    }
    const checkpoint = readCheckpoint(m.checkpoint.payload, "The manifest's checkpoint", problems);
    if (checkpoint !== null) problems.push(...compareWithCheckpoint(m.documents, checkpoint));
  }

  if (earlierCheckpoint !== undefined && earlierCheckpoint !== null) {
    const earlier = readCheckpoint(earlierCheckpoint.payload, 'The earlier checkpoint', problems);
    const key = m.publicKeyPem;
    if (key === null) {
      problems.push({
        code: 'KEY_CHANGED',
        message: 'The export is not signed, so it cannot be tied to the earlier checkpoint.',
      });
    } else if (!verifyCheckpointSignature(earlierCheckpoint.payload, earlierCheckpoint.signature, key)) {
      problems.push({
        code: 'KEY_CHANGED',
        message: `The earlier checkpoint does not verify under this export's key (${publicKeyId(key)}): the export was signed with another key, or the earlier checkpoint is not genuine.`,
      });
    }
    if (earlier !== null) {
      const current = m.documents.map((d) => ({ document: d.slug, hashes: d.versions.map((v) => v.contentHash) }));
      for (const p of checkAgainstCheckpoint(current, earlier.chains).problems) problems.push({ ...p });
    }
  }

  return {
    ok: problems.length === 0,
    versionsChecked,
    signed,
    publicKeyId: m.publicKeyPem === null ? null : publicKeyId(m.publicKeyPem),
    problems,
  };
}

interface FileCheck {
  problems: Omit<ExportProblem, 'document' | 'label' | 'path'>[];
  /** The link the file's hashed content states (the manifest's when the file cannot be read). */
  previousHash: string | null;
  recomputedHash: string | null;
}

function checkVersionFile(document: ExportDocumentEntry, version: ExportVersionEntry, text: string | null): FileCheck {
  const fallback = { previousHash: version.previousHash, recomputedHash: null };
  if (text === null) {
    return { ...fallback, problems: [{ code: 'MISSING_FILE', message: `${version.path} is listed but missing.` }] };
  }
  let parsed: ReturnType<typeof parseVersionMarkdown>;
  let recomputed: string;
  try {
    parsed = parseVersionMarkdown(text);
    recomputed = contentHash(toCanonicalVersionInput(parsed));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ...fallback, problems: [{ code: 'INVALID_FILE', message: `${version.path}: ${error.message}` }] };
  }
  const problems: FileCheck['problems'] = [];
  const differences: string[] = [];
  const differ = (what: string, inFile: unknown, inManifest: unknown): void => {
    if (inFile !== inManifest)
      differences.push(`${what} is ${String(inFile)} in the file but ${String(inManifest)} in the manifest`);
  };
  differ('document', parsed.document, document.slug);
  differ('label', parsed.label, version.label);
  differ('effectiveAt', parsed.effectiveAt?.getTime(), parseIsoInstant(version.effectiveAt)?.getTime());
  differ('previousHash', parsed.previousHash, version.previousHash);
  if (parsed.title !== undefined) differ('title', parsed.title, document.title);
  if (differences.length > 0) {
    problems.push({ code: 'METADATA_MISMATCH', message: `${version.path}: ${differences.join('; ')}.` });
  }
  if (parsed.contentHash === undefined) {
    problems.push({ code: 'INVALID_FILE', message: `${version.path} does not state its contentHash.` });
  } else if (parsed.contentHash !== version.contentHash && recomputed === version.contentHash) {
    // When the content does not match the manifest either, verifyChain reports that instead.
    problems.push({
      code: 'HASH_MISMATCH',
      message: `${version.path} states contentHash ${parsed.contentHash}, but it and the manifest hash to ${recomputed}.`,
    });
  }
  return { problems, previousHash: parsed.previousHash ?? null, recomputedHash: recomputed };
}

function readCheckpoint(payload: string, what: string, problems: ExportProblem[]): Checkpoint | null {
  try {
    return parseCheckpoint(payload);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ code: 'BAD_CHECKPOINT', message: `${what} is invalid: ${error.message}` });
    return null;
  }
}

function compareWithCheckpoint(documents: readonly ExportDocumentEntry[], checkpoint: Checkpoint): ExportProblem[] {
  const problems: ExportProblem[] = [];
  const stated = new Map(checkpoint.chains.map((c) => [c.document, c]));
  const exported = new Set(documents.map((d) => d.slug));
  for (const head of chainHeadsOf(documents)) {
    const chain = stated.get(head.document) ?? { document: head.document, count: 0, headHash: null };
    if (chain.count !== head.count || chain.headHash !== head.headHash) {
      problems.push({
        code: 'CHECKPOINT_MISMATCH',
        document: head.document,
        message: `The checkpoint counts ${chain.count} versions of ${head.document} ending at ${chain.headHash}; the export has ${head.count} ending at ${head.headHash}.`,
      });
    }
  }
  for (const chain of checkpoint.chains) {
    if (chain.count > 0 && !exported.has(chain.document)) {
      problems.push({
        code: 'CHECKPOINT_MISMATCH',
        document: chain.document,
        message: `The checkpoint counts ${chain.count} versions of ${chain.document}, which the export does not contain.`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Manifest shape.

function checkManifest(value: unknown): { manifest: ExportManifest } | { problems: ExportProblem[] } {
  const problems: ExportProblem[] = [];
  const bad = (where: string, message: string): void => {
    problems.push({ code: 'BAD_MANIFEST', message: `${where}: ${message}` });
  };
  if (!isRecord(value)) return { problems: [{ code: 'BAD_MANIFEST', message: 'The manifest is not a JSON object.' }] };
  if (value.format !== EXPORT_FORMAT) bad('format', `must be "${EXPORT_FORMAT}".`);
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
  if (!Array.isArray(value.documents)) bad('documents', 'must be a list.');
  const slugs = new Set<string>();
  const paths = new Set<string>();
  for (const [d, document] of (Array.isArray(value.documents) ? (value.documents as unknown[]) : []).entries()) {
    const where = `documents[${d}]`;
    if (!isRecord(document)) {
      bad(where, 'must be an object.');
      continue;
    }
    if (typeof document.slug !== 'string' || !isSlug(document.slug)) bad(`${where}.slug`, 'must be a document slug.');
    else if (slugs.has(document.slug)) bad(`${where}.slug`, `"${document.slug}" is listed twice.`);
    else slugs.add(document.slug);
    if (typeof document.title !== 'string' || document.title.trim() === '') {
      bad(`${where}.title`, 'must be a non-empty string.');
    }
    if (!Array.isArray(document.versions)) {
      bad(`${where}.versions`, 'must be a list.');
      continue;
    }
    const labels = new Set<string>();
    for (const [v, version] of (document.versions as unknown[]).entries()) {
      const at = `${where}.versions[${v}]`;
      if (!isRecord(version)) {
        bad(at, 'must be an object.');
        continue;
      }
      if (typeof version.label !== 'string' || !isVersionLabel(version.label)) {
        bad(`${at}.label`, 'must be a version label.');
      } else if (labels.has(version.label)) bad(`${at}.label`, `"${version.label}" is listed twice.`);
      else labels.add(version.label);
      if (typeof version.path !== 'string' || !isSafeRelativePath(version.path)) {
        bad(`${at}.path`, 'must be a relative "/"-separated path to a .md file inside the export.');
      } else if (paths.has(version.path)) bad(`${at}.path`, `"${version.path}" is listed twice.`);
      else paths.add(version.path);
      if (typeof version.effectiveAt !== 'string' || parseIsoInstant(version.effectiveAt) === null) {
        bad(`${at}.effectiveAt`, 'must be an ISO 8601 instant.');
      }
      if (typeof version.contentHash !== 'string' || !isSha256Hex(version.contentHash)) {
        bad(`${at}.contentHash`, 'must be 64 lowercase hexadecimal digits.');
      }
      const previous = version.previousHash;
      if (previous !== null && (typeof previous !== 'string' || !isSha256Hex(previous))) {
        bad(`${at}.previousHash`, 'must be null or 64 lowercase hexadecimal digits.');
      }
    }
  }
  return problems.length > 0 ? { problems } : { manifest: value as unknown as ExportManifest };
}

/**
 * Paths come from a file anyone could have edited and are handed to the caller's readFile, so
 * only plain relative paths inside the export are accepted: no absolute path, drive letter,
 * backslash, empty, "." or ".." segment, or control character.
 */
function isSafeRelativePath(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (path.length > 1000 || !path.endsWith('.md') || /[\\:\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function normalisePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

function isPublicKey(pem: string): boolean {
  // A private key PEM would also yield a public key; it must not be mistaken for one.
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) return false;
  try {
    publicKeyId(pem);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
