/**
 * Verifies an export (layout and manifest: export-manifest.ts) with no database and no network:
 *
 * - every listed file is present, reads back in its format (version-markdown.ts,
 *   export-records.ts), is exactly what the exporter writes for that content (NOT_CANONICAL
 *   otherwise, so not even a byte outside the hashed fields can change unseen), agrees with its
 *   manifest entry, and hashes — recomputed with contentHash (an imported version as
 *   candor-imported-version/1), revisionHash, withdrawalHash, consentReleaseHash or
 *   definitionChangeHash — to the manifest's contentHash;
 * - every record links to the one before it in its chain, the first to nothing;
 * - every withdrawal withdraws a record of the export (its recordHash is that record's hash),
 *   lies beside it, is what that record's `withdrawnBy` names, and was made before the record
 *   took effect;
 * - no file is present that the manifest does not list (at the root only manifest.json and
 *   README.md; hidden files and folders such as .git are ignored, since no export name starts
 *   with a dot);
 * - the manifest's checkpoint is signed by the manifest's key and states exactly the chains of
 *   the export;
 * - given a checkpoint kept from earlier (format 1 or 2), it verifies under the same key and every
 *   chain still holds what it counted (TRUNCATED, REWRITTEN, CHAIN_MISSING otherwise).
 *
 * What a self-consistent export cannot prove on its own (that nobody cut its tail and re-signed
 * it with a key of their own) is proved against the earlier checkpoint. Every problem names the
 * file at fault: the record's file, or manifest.json for what concerns a whole chain.
 */
import type { CanonicalVersionInput } from './canonical.js';
import { documentChain, WITHDRAWALS_CHAIN } from './chains.js';
import {
  type Checkpoint,
  checkAgainstCheckpoint,
  parseCheckpoint,
  publicKeyId,
  verifyCheckpointSignature,
} from './checkpoint.js';
import { definitionChangeHash } from './definitions.js';
import { DomainError } from './errors.js';
import {
  chainHeadsOf,
  EXPORT_MARKDOWN_OPTIONS,
  EXPORT_README_FILE,
  type ExportChain,
  type ExportDefinitionEntry,
  type ExportManifest,
  type ExportRecordEntry,
  type ExportReleaseEntry,
  type ExportRevisionEntry,
  type ExportVersionEntry,
  type ExportWithdrawalEntry,
  MANIFEST_FILE,
  readExportManifest,
  withdrawalExportPath,
} from './export-manifest.js';
import {
  firstDifferentLine,
  normaliseExportedText,
  parseConsentReleaseCsv,
  parseDefinitionChangeYaml,
  parseRevisionYaml,
  parseWithdrawalYaml,
  renderConsentReleaseCsv,
  renderDefinitionChangeYaml,
  renderRevisionYaml,
  renderWithdrawalYaml,
} from './export-records.js';
import { contentHash } from './hash.js';
import { type ChainEntry, hashOrFinding, verifyChain } from './hash-chain.js';
import { parseIsoInstant } from './instant.js';
import { consentReleaseHash, revisionHash, withdrawalHash } from './public-records.js';
import { parseVersionMarkdown, renderVersionMarkdown, toCanonicalVersionInput } from './version-markdown.js';

export type ExportProblemCode =
  /** The manifest is not a valid manifest; nothing else was checked. */
  | 'BAD_MANIFEST'
  | 'MISSING_FILE'
  /** A file its format refuses, or whose content cannot be hashed. */
  | 'INVALID_FILE'
  /** A file that reads correctly but is not byte for byte what the exporter writes for it. */
  | 'NOT_CANONICAL'
  /** A file disagrees with its manifest entry (or a withdrawal with what it withdraws) on a stated fact. */
  | 'METADATA_MISMATCH'
  | 'HASH_MISMATCH'
  | 'BROKEN_LINK'
  | 'UNEXPECTED_GENESIS'
  /** A file the manifest does not list. */
  | 'UNLISTED_FILE'
  /** A withdrawal whose recordHash is not the hash of the record it names in this export. */
  | 'UNKNOWN_RECORD'
  /** A withdrawal dated when the record it withdraws was already in effect. */
  | 'WITHDRAWN_AFTER_EFFECT'
  | 'BAD_CHECKPOINT'
  | 'BAD_SIGNATURE'
  /** The manifest's checkpoint does not describe the chains in the export. */
  | 'CHECKPOINT_MISMATCH'
  /** The earlier checkpoint does not verify under the export's key. */
  | 'KEY_CHANGED'
  | 'TRUNCATED'
  | 'REWRITTEN'
  | 'CHAIN_MISSING';

export interface ExportProblem {
  code: ExportProblemCode;
  /** The chain concerned, e.g. "document/terms-of-service". */
  chain?: string;
  /** The record concerned, e.g. "2023-08", "revision 3", "withdrawal of terms-of-service 2026-07". */
  record?: string;
  /** The file at fault, relative to the export's root (or the earlier checkpoint's name). */
  path: string;
  message: string;
}

export interface ExportRecordCounts {
  versions: number;
  revisions: number;
  withdrawals: number;
  consentReleases: number;
  definitionChanges: number;
}

export interface ExportVerification {
  ok: boolean;
  /** Records of the manifest that were checked, by kind. */
  recordsChecked: ExportRecordCounts;
  /** The manifest carries a checkpoint whose signature verifies under its public key. */
  signed: boolean;
  /** publicKeyId of the manifest's key, to compare with the one the organisation publishes. */
  publicKeyId: string | null;
  problems: ExportProblem[];
}

/**
 * @param manifest the parsed manifest JSON, unchecked.
 * @param readFile the text of a file by its manifest path, or null when there is none.
 * @param listFiles every file in the export, relative to its root.
 * @param earlierCheckpoint a checkpoint kept from earlier; `name` (e.g. its file name) is how
 *   problems with it name it.
 */
export function verifyExport(
  manifest: unknown,
  readFile: (path: string) => string | null,
  listFiles: () => string[],
  earlierCheckpoint?: { payload: string; signature: string; name?: string } | null,
): ExportVerification {
  const recordsChecked: ExportRecordCounts = {
    versions: 0,
    revisions: 0,
    withdrawals: 0,
    consentReleases: 0,
    definitionChanges: 0,
  };
  const read = readExportManifest(manifest);
  if ('problems' in read) {
    return {
      ok: false,
      recordsChecked,
      signed: false,
      publicKeyId: null,
      problems: read.problems.map((p) => ({
        code: 'BAD_MANIFEST',
        path: MANIFEST_FILE,
        message: `${p.where}: ${p.message}`,
      })),
    };
  }
  const m = read.manifest;
  const problems: ExportProblem[] = [];

  for (const chain of m.chains) {
    const entries: ChainEntry[] = [];
    const labelOf = new Map<string, string>();
    for (const record of chain.records) {
      countRecord(chain, recordsChecked);
      const label = recordLabel(chain, record);
      labelOf.set(record.path, label);
      const file = checkFile(chain, record, readFile(record.path));
      for (const p of file.problems) problems.push({ ...p, chain: chain.chain, record: label, path: record.path });
      // Labelled by path, which the manifest check made unique: chain problems then name the file.
      entries.push({
        label: record.path,
        contentHash: record.contentHash,
        previousHash: file.previousHash,
        // Unknown when the file is missing or unreadable; that problem is reported already.
        recomputedHash: file.recomputedHash ?? record.contentHash,
      });
    }
    for (const p of verifyChain(entries).problems) {
      problems.push({
        code: p.code,
        chain: chain.chain,
        record: labelOf.get(p.label),
        path: p.label,
        message: p.message,
      });
    }
  }

  problems.push(...checkWithdrawals(m.chains));
  problems.push(...unlistedFiles(m.chains, listFiles()));

  const signed = checkManifestCheckpoint(m, problems);

  if (earlierCheckpoint !== undefined && earlierCheckpoint !== null) {
    problems.push(...compareWithEarlier(m, earlierCheckpoint));
  }

  return {
    ok: problems.length === 0,
    recordsChecked,
    signed,
    publicKeyId: m.publicKeyPem === null ? null : publicKeyId(m.publicKeyPem),
    problems,
  };
}

/**
 * Checks the manifest's checkpoint: signed by the manifest's key (BAD_SIGNATURE), readable
 * (BAD_CHECKPOINT) and stating exactly the manifest's chains (CHECKPOINT_MISMATCH). Whether it is
 * signed; problems are added to `problems`.
 */
function checkManifestCheckpoint(m: ExportManifest, problems: ExportProblem[]): boolean {
  if (m.checkpoint === null || m.publicKeyPem === null) return false;
  const signed = verifyCheckpointSignature(m.checkpoint.payload, m.checkpoint.signature, m.publicKeyPem);
  if (!signed) {
    problems.push({
      code: 'BAD_SIGNATURE',
      path: MANIFEST_FILE,
      message: "The manifest's checkpoint is not signed by the manifest's key.",
    });
  }
  const checkpoint = readCheckpoint(m.checkpoint.payload, "The manifest's checkpoint", MANIFEST_FILE, problems);
  if (checkpoint !== null) problems.push(...compareWithCheckpoint(m.chains, checkpoint));
  return signed;
}

/** One published version, as a reader holds it: its content and the hashes it states. */
export interface HeldVersion extends Omit<CanonicalVersionInput, 'document'> {
  contentHash: string;
}

export interface VersionVerification {
  ok: boolean;
  /** The manifest carries a checkpoint whose signature verifies under its public key. */
  signed: boolean;
  publicKeyId: string | null;
  /** The version's content hash, recomputed. */
  recomputedHash: string;
  /** The version's file in an export (manifest path), when the manifest lists it. */
  path: string | null;
  problems: ExportProblem[];
}

/**
 * Checks one version against a published manifest (an export's manifest.json) the way
 * verifyExport checks it inside an export, with the same codes and wording: its content hashes
 * to the hash the manifest lists for it (HASH_MISMATCH), it links to the version before it and
 * the next one links to it (BROKEN_LINK, UNEXPECTED_GENESIS), and the manifest's checkpoint is
 * signed by the manifest's key and states exactly its chains (BAD_SIGNATURE, BAD_CHECKPOINT,
 * CHECKPOINT_MISMATCH). A version the manifest does not list is UNKNOWN_RECORD.
 */
export function verifyVersionAgainstManifest(
  manifest: unknown,
  document: string,
  version: HeldVersion,
): VersionVerification {
  const recomputedHash = hashOrFinding(() => contentHash({ ...version, document }));
  const read = readExportManifest(manifest);
  if ('problems' in read) {
    return {
      ok: false,
      signed: false,
      publicKeyId: null,
      recomputedHash,
      path: null,
      problems: read.problems.map((p) => ({
        code: 'BAD_MANIFEST',
        path: MANIFEST_FILE,
        message: `${p.where}: ${p.message}`,
      })),
    };
  }
  const m = read.manifest;
  const problems: ExportProblem[] = [];
  const chainName = documentChain(document);
  const chain = m.chains.find((c) => c.chain === chainName);
  const records = (chain?.records ?? []) as ExportVersionEntry[];
  const target = records.find((r) => r.label === version.label);
  if (chain === undefined || target === undefined) {
    problems.push({
      code: 'UNKNOWN_RECORD',
      chain: chainName,
      record: version.label,
      path: MANIFEST_FILE,
      message: `Version ${version.label} of ${document} is not in the manifest's chain ${chainName}.`,
    });
  } else {
    if (version.contentHash !== target.contentHash && recomputedHash === target.contentHash) {
      problems.push({
        code: 'HASH_MISMATCH',
        chain: chainName,
        record: version.label,
        path: target.path,
        message: `${target.path} states contentHash ${version.contentHash}, but it and the manifest hash to ${recomputedHash}.`,
      });
    }
    const entries: ChainEntry[] = records.map((r) =>
      r === target
        ? { label: r.path, contentHash: r.contentHash, previousHash: version.previousHash, recomputedHash }
        : { label: r.path, contentHash: r.contentHash, previousHash: r.previousHash, recomputedHash: r.contentHash },
    );
    const labelOf = new Map(records.map((r) => [r.path, r.label]));
    for (const p of verifyChain(entries).problems) {
      problems.push({
        code: p.code,
        chain: chainName,
        record: labelOf.get(p.label),
        path: p.label,
        message: p.message,
      });
    }
  }
  const signed = checkManifestCheckpoint(m, problems);
  return {
    ok: problems.length === 0,
    signed,
    publicKeyId: m.publicKeyPem === null ? null : publicKeyId(m.publicKeyPem),
    recomputedHash,
    path: target?.path ?? null,
    problems,
  };
}

function countRecord(chain: ExportChain, counts: ExportRecordCounts): void {
  if (chain.kind === 'document') counts.versions++;
  else if (chain.kind === 'feature') counts.revisions++;
  else if (chain.kind === 'withdrawals') counts.withdrawals++;
  else if (chain.kind === 'consent-releases') counts.consentReleases++;
  else counts.definitionChanges++;
}

/** How a record is named in problems: as the server's integrity.verify names it. */
function recordLabel(chain: ExportChain, record: ExportRecordEntry): string {
  if (chain.kind === 'document') return (record as ExportVersionEntry).label;
  if (chain.kind === 'feature') return `revision ${(record as ExportRevisionEntry).number}`;
  if (chain.kind === 'withdrawals') {
    const w = record as ExportWithdrawalEntry;
    return `withdrawal of ${w.subject} ${w.kind === 'revision' ? `revision ${w.record}` : w.record}`;
  }
  if (chain.kind === 'definitions') {
    const d = record as ExportDefinitionEntry;
    return `${d.subject} ${d.key} ${d.action} ${d.at}`;
  }
  const release = record as ExportReleaseEntry;
  return `${release.reason === undefined ? 'release' : 'correction'} of ${release.releasedAt}`;
}

// ---------------------------------------------------------------------------------------------
// One file

type FileProblem = Pick<ExportProblem, 'code' | 'message'>;

interface FileCheck {
  problems: FileProblem[];
  /** The link the file's hashed content states (the manifest's when the file cannot be read). */
  previousHash: string | null;
  recomputedHash: string | null;
}

/** What a file states, to compare with its manifest entry: [what, in the file, in the manifest]. */
type Facts = [string, unknown, unknown][];

interface Reading {
  /** The file as the exporter would write it for the same content. */
  rendered: string;
  recomputed: string;
  previousHash: string | null;
  /** undefined: the file does not state it (only a version may omit it, and that is refused). */
  statedHash: string | undefined;
  facts: Facts;
}

function checkFile(chain: ExportChain, record: ExportRecordEntry, raw: string | null): FileCheck {
  const path = record.path;
  const fallback = { previousHash: record.previousHash, recomputedHash: null };
  if (raw === null)
    return { ...fallback, problems: [{ code: 'MISSING_FILE', message: `${path} is listed but missing.` }] };
  const text = normaliseExportedText(raw);
  let reading: Reading;
  try {
    reading = readRecord(chain, record, text);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ...fallback, problems: [{ code: 'INVALID_FILE', message: `${path}: ${error.message}` }] };
  }
  const problems: FileProblem[] = [];
  if (reading.rendered !== text) {
    problems.push({
      code: 'NOT_CANONICAL',
      message: `${path} differs at line ${firstDifferentLine(reading.rendered, text)} from what the export writes for its own content: the file was edited.`,
    });
  }
  const differences = reading.facts
    .filter(([, inFile, inManifest]) => inFile !== inManifest)
    .map(
      ([what, inFile, inManifest]) =>
        `${what} is ${String(inFile)} in the file but ${String(inManifest)} in the manifest`,
    );
  if (differences.length > 0) {
    problems.push({ code: 'METADATA_MISMATCH', message: `${path}: ${differences.join('; ')}.` });
  }
  if (reading.statedHash === undefined) {
    problems.push({ code: 'INVALID_FILE', message: `${path} does not state its contentHash.` });
  } else if (reading.statedHash !== record.contentHash && reading.recomputed === record.contentHash) {
    // When the content does not match the manifest either, verifyChain reports that instead.
    problems.push({
      code: 'HASH_MISMATCH',
      message: `${path} states contentHash ${reading.statedHash}, but it and the manifest hash to ${reading.recomputed}.`,
    });
  }
  return { problems, previousHash: reading.previousHash, recomputedHash: reading.recomputed };
}

const time = (iso: string): number | undefined => parseIsoInstant(iso)?.getTime();

/** Parses, re-renders and hashes one record file. @throws DomainError when it cannot. */
function readRecord(chain: ExportChain, record: ExportRecordEntry, text: string): Reading {
  const subject = chain.chain.slice(chain.chain.indexOf('/') + 1);
  if (chain.kind === 'document') {
    const entry = record as ExportVersionEntry;
    const version = parseVersionMarkdown(text, EXPORT_MARKDOWN_OPTIONS);
    const facts: Facts = [
      ['document', version.document, subject],
      ['label', version.label, entry.label],
      ['effectiveAt', version.effectiveAt?.getTime(), time(entry.effectiveAt)],
      ['previousHash', version.previousHash, entry.previousHash],
    ];
    if (version.title !== undefined) facts.push(['title', version.title, chain.title]);
    return {
      rendered: renderVersionMarkdown(version, EXPORT_MARKDOWN_OPTIONS),
      recomputed: contentHash(toCanonicalVersionInput(version)),
      previousHash: version.previousHash ?? null,
      statedHash: version.contentHash,
      facts,
    };
  }
  if (chain.kind === 'feature') {
    const entry = record as ExportRevisionEntry;
    const revision = parseRevisionYaml(text);
    return {
      rendered: renderRevisionYaml(revision),
      recomputed: revisionHash(revision),
      previousHash: revision.previousHash,
      statedHash: revision.contentHash,
      facts: [
        ['feature', revision.feature, subject],
        ['number', revision.number, entry.number],
        ['effectiveAt', revision.effectiveAt.getTime(), time(entry.effectiveAt)],
        ['previousHash', revision.previousHash, entry.previousHash],
      ],
    };
  }
  if (chain.kind === 'withdrawals') {
    const entry = record as ExportWithdrawalEntry;
    const withdrawal = parseWithdrawalYaml(text);
    return {
      rendered: renderWithdrawalYaml(withdrawal),
      recomputed: withdrawalHash(withdrawal),
      previousHash: withdrawal.previousHash,
      statedHash: withdrawal.contentHash,
      facts: [
        ['kind', withdrawal.kind, entry.kind],
        ['subject', withdrawal.subject, entry.subject],
        ['record', withdrawal.record, entry.record],
        ['recordHash', withdrawal.recordHash, entry.recordHash],
        ['withdrawnAt', withdrawal.withdrawnAt.getTime(), time(entry.withdrawnAt)],
        ['previousHash', withdrawal.previousHash, entry.previousHash],
      ],
    };
  }
  if (chain.kind === 'definitions') {
    const entry = record as ExportDefinitionEntry;
    const change = parseDefinitionChangeYaml(text);
    return {
      rendered: renderDefinitionChangeYaml(change),
      recomputed: definitionChangeHash(change),
      previousHash: change.previousHash,
      statedHash: change.contentHash,
      facts: [
        ['at', change.at.getTime(), time(entry.at)],
        ['subject', change.subject, entry.subject],
        ['key', change.key, entry.key],
        ['action', change.action, entry.action],
        ['previousHash', change.previousHash, entry.previousHash],
      ],
    };
  }
  // A release's CSV holds the rows; the other inputs of its hash are the manifest's.
  const entry = record as ExportReleaseEntry;
  const rows = parseConsentReleaseCsv(text);
  const releasedAt = parseIsoInstant(entry.releasedAt) ?? new Date(Number.NaN);
  return {
    rendered: renderConsentReleaseCsv(rows),
    recomputed: consentReleaseHash({
      releasedAt,
      minimumCellSize: entry.minimumCellSize,
      previousHash: entry.previousHash,
      rows,
      reason: entry.reason ?? null,
    }),
    previousHash: entry.previousHash,
    statedHash: entry.contentHash,
    facts: [['rowCount', rows.length, entry.rowCount]],
  };
}

// ---------------------------------------------------------------------------------------------
// Across files

function checkWithdrawals(chains: readonly ExportChain[]): ExportProblem[] {
  const problems: ExportProblem[] = [];
  const withdrawals = chains.find((c) => c.kind === 'withdrawals')?.records ?? [];
  const byChain = new Map(chains.map((c) => [c.chain, c]));
  const claimed = new Set<string>();
  for (const w of withdrawals) {
    const at = { chain: WITHDRAWALS_CHAIN, record: `withdrawal of ${w.subject} ${w.record}`, path: w.path };
    const chain = byChain.get(`${w.kind === 'version' ? 'document' : 'feature'}/${w.subject}`);
    const target = (chain?.records as (ExportVersionEntry | ExportRevisionEntry)[] | undefined)?.find((r) =>
      'label' in r ? r.label === w.record : String(r.number) === w.record,
    );
    if (target === undefined || target.contentHash !== w.recordHash) {
      problems.push({
        ...at,
        code: 'UNKNOWN_RECORD',
        message:
          target === undefined
            ? `${w.path} withdraws ${w.kind} ${w.record} of ${w.subject}, which is not in the export.`
            : `${w.path} withdraws the ${w.kind} with hash ${w.recordHash}, but ${w.kind} ${w.record} of ${w.subject} in the export (${target.path}) has hash ${target.contentHash}.`,
      });
      continue;
    }
    claimed.add(target.path);
    if (target.withdrawnBy !== w.path) {
      problems.push({
        code: 'METADATA_MISMATCH',
        chain: chain?.chain,
        record: 'label' in target ? target.label : `revision ${target.number}`,
        path: target.path,
        message: `${target.path} is withdrawn by ${w.path}, but its manifest entry says withdrawnBy ${String(target.withdrawnBy)}.`,
      });
    }
    if (w.path !== withdrawalExportPath(target.path)) {
      problems.push({
        ...at,
        code: 'METADATA_MISMATCH',
        message: `${w.path} should lie beside what it withdraws, as ${withdrawalExportPath(target.path)}.`,
      });
    }
    if ((time(w.withdrawnAt) ?? 0) >= (time(target.effectiveAt) ?? 0)) {
      problems.push({
        ...at,
        code: 'WITHDRAWN_AFTER_EFFECT',
        message: `${w.path} is dated ${w.withdrawnAt}, when ${target.path} was already in effect (since ${target.effectiveAt}): only a scheduled record can be withdrawn.`,
      });
    }
  }
  for (const chain of chains) {
    if (chain.kind !== 'document' && chain.kind !== 'feature') continue;
    for (const record of chain.records) {
      if (record.withdrawnBy !== null && !claimed.has(record.path)) {
        problems.push({
          code: 'METADATA_MISMATCH',
          chain: chain.chain,
          record: 'label' in record ? record.label : `revision ${record.number}`,
          path: record.path,
          message: `${record.path} is marked withdrawn by ${record.withdrawnBy}, but no withdrawal in the export withdraws it.`,
        });
      }
    }
  }
  return problems;
}

function unlistedFiles(chains: readonly ExportChain[], files: readonly string[]): ExportProblem[] {
  const listed = new Set(chains.flatMap((c) => c.records.map((r) => r.path)));
  return files
    .map((file) => file.replaceAll('\\', '/').replace(/^(\.\/)+/, ''))
    .filter((file) => !file.split('/').some((segment) => segment.startsWith('.')))
    .filter((file) => file !== MANIFEST_FILE && file !== EXPORT_README_FILE && !listed.has(file))
    .map((file) => ({
      code: 'UNLISTED_FILE' as const,
      path: file,
      message: `${file} is in the export but the manifest does not list it.`,
    }));
}

function readCheckpoint(payload: string, what: string, path: string, problems: ExportProblem[]): Checkpoint | null {
  try {
    return parseCheckpoint(payload);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ code: 'BAD_CHECKPOINT', path, message: `${what} is invalid: ${error.message}` });
    return null;
  }
}

function compareWithCheckpoint(chains: readonly ExportChain[], checkpoint: Checkpoint): ExportProblem[] {
  const problems: ExportProblem[] = [];
  const stated = new Map(checkpoint.chains.map((c) => [c.chain, c]));
  const exported = new Map(chainHeadsOf(chains).map((c) => [c.chain, c]));
  for (const name of new Set([...exported.keys(), ...stated.keys()])) {
    const inExport = exported.get(name) ?? { count: 0, headHash: null };
    const inCheckpoint = stated.get(name) ?? { count: 0, headHash: null };
    if (inExport.count !== inCheckpoint.count || inExport.headHash !== inCheckpoint.headHash) {
      problems.push({
        code: 'CHECKPOINT_MISMATCH',
        chain: name,
        path: MANIFEST_FILE,
        message: `The checkpoint counts ${inCheckpoint.count} records of ${name} ending at ${inCheckpoint.headHash}; the export has ${inExport.count} ending at ${inExport.headHash}.`,
      });
    }
  }
  return problems;
}

function compareWithEarlier(
  m: ExportManifest,
  earlier: { payload: string; signature: string; name?: string },
): ExportProblem[] {
  const problems: ExportProblem[] = [];
  const name = earlier.name ?? 'the earlier checkpoint';
  const checkpoint = readCheckpoint(earlier.payload, 'The earlier checkpoint', name, problems);
  const key = m.publicKeyPem;
  if (key === null) {
    problems.push({
      code: 'KEY_CHANGED',
      path: name,
      message: 'The export is not signed, so it cannot be tied to the earlier checkpoint.',
    });
  } else if (!verifyCheckpointSignature(earlier.payload, earlier.signature, key)) {
    problems.push({
      code: 'KEY_CHANGED',
      path: name,
      message: `The earlier checkpoint does not verify under this export's key (${publicKeyId(key)}): the export was signed with another key, or the earlier checkpoint is not genuine.`,
    });
  }
  if (checkpoint === null) return problems;
  const byChain = new Map(m.chains.map((c) => [c.chain, c]));
  const current = m.chains.map((c) => ({ chain: c.chain, hashes: c.records.map((r) => r.contentHash) }));
  for (const p of checkAgainstCheckpoint(current, checkpoint.chains).problems) {
    const counted = checkpoint.chains.find((c) => c.chain === p.chain)?.count ?? 0;
    // A rewritten record is named by its file; a cut or missing chain by the manifest that lists it.
    const rewritten = p.code === 'REWRITTEN' ? byChain.get(p.chain)?.records[counted - 1]?.path : undefined;
    if (p.code === 'ADDED') continue;
    problems.push({ code: p.code, chain: p.chain, path: rewritten ?? MANIFEST_FILE, message: p.message });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// How a verification reads: `candor verify --export` prints these lines, and the site's
// in-browser verifier shows the same ones.

/** Problems that say the export is not consistent with the earlier checkpoint. */
const EARLIER_CODES = new Set(['TRUNCATED', 'REWRITTEN', 'CHAIN_MISSING', 'KEY_CHANGED']);

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The report of an export verification, one line each: counts, signature, each problem, the result. */
export function describeExportVerification(
  result: ExportVerification & { organisation?: string | null; isSample?: boolean | null },
  earlier: { payload: string } | null,
): string[] {
  const lines: string[] = [];
  if (result.organisation !== undefined && result.organisation !== null) {
    lines.push(`organisation: ${result.organisation}${result.isSample === true ? ' (fictional sample data)' : ''}`);
  }
  const { versions, revisions, withdrawals, consentReleases, definitionChanges } = result.recordsChecked;
  lines.push(
    `records checked: ${plural(versions, 'version')}, ${plural(revisions, 'AI-feature revision')}, ${plural(withdrawals, 'withdrawal')}, ${plural(consentReleases, 'consent release')}, ${plural(definitionChanges, 'definition change')}`,
  );
  lines.push(
    result.publicKeyId === null
      ? 'signature: none (the export is not signed)'
      : `signature: ${result.signed ? 'valid' : 'INVALID'}, key ${result.publicKeyId} (compare with the key id the organisation publishes)`,
  );
  if (earlier !== null) {
    const cut = result.problems.some((p) => EARLIER_CODES.has(p.code));
    lines.push(
      `earlier checkpoint ${safeSequence(earlier.payload)}: ${cut ? 'NOT consistent with this export' : 'every record it counted is still here, unchanged'}`,
    );
  }
  lines.push(...describeProblems(result));
  return lines;
}

/** One line per problem, then the result: the tail of every verification report. */
export function describeProblems(result: { ok: boolean; problems: readonly ExportProblem[] }): string[] {
  const lines = result.problems.map((p) => {
    const where = [p.chain, p.record, `(${p.path})`].filter(Boolean).join(' ');
    return `problem ${p.code} ${where}: ${p.message}`;
  });
  lines.push(
    result.ok
      ? 'result: OK'
      : `result: FAILED, ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`,
  );
  return lines;
}

function safeSequence(payload: string): string {
  try {
    return String(parseCheckpoint(payload).sequence);
  } catch {
    return '(unreadable)';
  }
}
