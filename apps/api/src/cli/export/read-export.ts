/**
 * Verifies an export directory with node:fs alone: no database, no API. verifyExport does the
 * checking; this file only gives it the directory's files.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type ExportVerification, verifyExport } from '@candor/schema/domain';
import { UsageError } from '../errors.js';
import { listFilesBelow, reason } from '../files.js';
import { MANIFEST_FILE } from './build-export.js';

export interface DirectoryVerification extends ExportVerification {
  /** The manifest's organisation and sample flag, when it could be read. */
  organisation: string | null;
  isSample: boolean | null;
}

/**
 * @param root the export's directory (absolute).
 * @throws UsageError when `root` is not a directory or has no readable manifest.json.
 */
export function verifyExportDirectory(
  root: string,
  earlierCheckpoint: { payload: string; signature: string; name?: string } | null,
  topic: string,
): DirectoryVerification {
  try {
    if (!statSync(root).isDirectory()) throw new UsageError(`--export: ${root} is not a directory`, topic);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--export: cannot read ${root}: ${reason(error)}`, topic);
  }
  let manifestText: string;
  try {
    manifestText = readFileSync(resolve(root, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw new UsageError(
      `--export: cannot read ${resolve(root, MANIFEST_FILE)}: ${reason(error)}; is ${root} an export?`,
      topic,
    );
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    // verifyExport reports it as BAD_MANIFEST, like any other broken manifest.
    manifest = null;
  }
  const result = verifyExport(
    manifest,
    (path) => readInside(root, path),
    () => listFilesBelow(root),
    earlierCheckpoint,
  );
  const record = typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : {};
  return {
    ...result,
    organisation: typeof record.organisation === 'string' ? record.organisation : null,
    isSample: typeof record.isSample === 'boolean' ? record.isSample : null,
  };
}

/**
 * A file by its manifest path, or null when there is none. verifyExport only passes paths it
 * has checked to be plain relative paths; the containment check is a second line of defence.
 */
function readInside(root: string, path: string): string | null {
  const full = resolve(root, ...path.split('/'));
  const inside = relative(root, full);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  try {
    return readFileSync(full, 'utf8');
  } catch {
    return null;
  }
}
