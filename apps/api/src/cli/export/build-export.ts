/**
 * Turns what the API served into an export in memory (layout and formats:
 * packages/schema/src/domain/export-manifest.ts): the domain's buildExportFromRecords, which the
 * site's archive download (apps/site) uses too, so both write the same export for the same
 * records. Pure: writing is the caller's job.
 */
import {
  buildExportFromRecords,
  chainOrder,
  DomainError,
  EXPORT_README_FILE,
  type ExportManifest,
  MANIFEST_FILE,
} from '@candor/schema/domain';
import { VerificationFailedError } from '../errors.js';
import { progress } from '../output.js';
import type { PortalSnapshot } from './fetch-history.js';

export { chainOrder, MANIFEST_FILE };
export const README_FILE = EXPORT_README_FILE;

export interface BuiltExport {
  manifest: ExportManifest;
  /** Every file to write, by "/"-separated path relative to the export's root. */
  files: Map<string, string>;
}

/**
 * The export of `snapshot`.
 *
 * @throws VerificationFailedError when a served record cannot be written in its format (a date
 * that is not an instant, a clause body the Markdown format cannot carry, a withdrawal of a record
 * the API did not serve, definition values that are not a JSON object).
 */
export function buildExport(snapshot: PortalSnapshot, exportedAt: Date): BuiltExport {
  try {
    return buildExportFromRecords(snapshot, exportedAt, progress);
  } catch (error) {
    if (error instanceof DomainError) throw new VerificationFailedError(error.message);
    throw error;
  }
}
