/**
 * What the in-browser verifier on /verify/ checks (src/scripts/verify.ts), kept pure so the tests
 * run the very same code in Node: a downloaded archive, read from its tar, goes through the
 * domain's verifyExport exactly as `candor verify --export` does, and one version's JSON download
 * is checked against the published manifest with verifyVersionAgainstManifest. Both report with
 * the domain's wording (describeExportVerification, describeProblems), the CLI's lines.
 *
 * Hashes and signatures are computed by the domain's crypto backend (node:crypto in Node,
 * WebCrypto in a browser); wrap each call in settleCrypto.
 */
import {
  describeExportVerification,
  describeProblems,
  type ExportVerification,
  type HeldVersion,
  MANIFEST_FILE,
  type VersionVerification,
  verifyExport,
  verifyVersionAgainstManifest,
} from '@candor/schema/domain';
import { readTar, type TarFile } from './tar';

const decoder = new TextDecoder('utf-8');

/**
 * The export inside an archive's files: its root is the folder holding manifest.json (the archive
 * has one top folder; an archive of the export's contents alone works too).
 */
export function exportFromTar(files: readonly TarFile[]): { root: string; files: Map<string, string> } {
  const manifests = files
    .map((file) => file.path.replace(/^(\.\/)+/, ''))
    .filter((path) => path === MANIFEST_FILE || path.endsWith(`/${MANIFEST_FILE}`))
    .sort((a, b) => a.length - b.length);
  const root = manifests[0]?.slice(0, -MANIFEST_FILE.length) ?? '';
  const inside = new Map<string, string>();
  for (const file of files) {
    const path = file.path.replace(/^(\.\/)+/, '');
    if (path.startsWith(root)) inside.set(path.slice(root.length), decoder.decode(file.content));
  }
  return { root: root.replace(/\/$/, ''), files: inside };
}

export interface ArchiveReport extends ExportVerification {
  organisation: string | null;
  isSample: boolean | null;
  /** The report, line by line, as `candor verify --export` prints it. */
  lines: string[];
}

/** verifyExport over the files of an export, as the CLI's verifyExportDirectory gives them. */
export function verifyExportFiles(files: ReadonlyMap<string, string>): ArchiveReport {
  let manifest: unknown = null;
  try {
    manifest = JSON.parse(files.get(MANIFEST_FILE) ?? 'null');
  } catch {
    // verifyExport reports it as BAD_MANIFEST, like any other broken manifest.
  }
  const result = verifyExport(
    manifest,
    (path) => files.get(path) ?? null,
    () => [...files.keys()],
    null,
  );
  const record = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : {};
  const report = {
    ...result,
    organisation: typeof record.organisation === 'string' ? record.organisation : null,
    isSample: typeof record.isSample === 'boolean' ? record.isSample : null,
  };
  return { ...report, lines: describeExportVerification(report, null) };
}

/** Verifies an uncompressed tar archive of an export. @throws Error when it is not a tar archive. */
export function verifyTarArchive(tar: Uint8Array): ArchiveReport {
  return verifyExportFiles(exportFromTar(readTar(tar)).files);
}

/** A version JSON download, read back: its document and what the hash covers. */
export function versionFromJson(text: string): { document: string; version: HeldVersion } {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error('This file is not JSON: it is not a version download of this site.');
  }
  const field = <T>(value: unknown, check: (v: unknown) => boolean, name: string): T => {
    if (!check(value))
      throw new Error(`This file is not a version download of this site: "${name}" is missing or wrong.`);
    return value as T;
  };
  const isString = (v: unknown) => typeof v === 'string';
  const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const document = field<{ slug: string }>(
    data.document,
    (v) => typeof v === 'object' && v !== null && isString((v as { slug?: unknown }).slug),
    'document',
  ).slug;
  const clauses = field<{ key: string; number: string; heading: string; body: string; position?: number }[]>(
    data.clauses,
    Array.isArray,
    'clauses',
  );
  const explanations = field<{ segment: { key: string }; summary: string; whatChanges: string; affected: boolean }[]>(
    data.explanations,
    Array.isArray,
    'explanations',
  );
  const importSource = data.importSource ?? null;
  const importedAt = data.importedAt ?? null;
  return {
    document,
    version: {
      label: field<string>(data.label, isString, 'label'),
      publishedAt: new Date(field<string>(data.publishedAt, isDate, 'publishedAt')),
      effectiveAt: new Date(field<string>(data.effectiveAt, isDate, 'effectiveAt')),
      material: field<boolean>(data.material, (v) => typeof v === 'boolean', 'material'),
      changeNote: field<string>(data.changeNote, isString, 'changeNote'),
      previousHash: field<string | null>(data.previousHash, (v) => v === null || isString(v), 'previousHash'),
      contentHash: field<string>(data.contentHash, isString, 'contentHash'),
      source:
        typeof importSource === 'string' && typeof importedAt === 'string'
          ? { reference: importSource, importedAt: new Date(importedAt) }
          : null,
      // The download lists clauses in reading order (position); the order is part of the hash.
      clauses: [...clauses]
        .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
        .map(({ key, number, heading, body }) => ({ key, number, heading, body })),
      explanations: explanations.map(({ segment, summary, whatChanges, affected }) => ({
        segment: segment?.key,
        summary,
        whatChanges,
        affected,
      })),
    },
  };
}

export interface VersionReport extends VersionVerification {
  document: string;
  label: string;
  lines: string[];
}

/** One version JSON download checked against the published manifest (its chain and checkpoint). */
export function verifyVersionJson(text: string, manifest: unknown): VersionReport {
  const { document, version } = versionFromJson(text);
  const result = verifyVersionAgainstManifest(manifest, document, version);
  const lines = [
    `version: ${document} ${version.label}${result.path === null ? '' : ` (${result.path} in the archive)`}`,
    `content hash: recomputed ${result.recomputedHash}; stated ${version.contentHash}`,
    result.publicKeyId === null
      ? 'signature: none (the manifest is not signed)'
      : `signature: ${result.signed ? 'valid' : 'INVALID'}, key ${result.publicKeyId} (compare with the key id the organisation publishes)`,
    ...describeProblems(result),
  ];
  return { ...result, document, label: version.label, lines };
}
