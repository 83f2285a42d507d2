/** How an export verification reads on the terminal. */
import { type ExportVerification, parseCheckpoint } from '@candor/schema/domain';
import { plural } from './fetch-history.js';

/** Problems that say the export is not consistent with the earlier checkpoint. */
const EARLIER_CODES = new Set(['TRUNCATED', 'REWRITTEN', 'CHAIN_MISSING', 'KEY_CHANGED']);

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
  for (const p of result.problems) {
    const where = [p.chain, p.record, `(${p.path})`].filter(Boolean).join(' ');
    lines.push(`problem ${p.code} ${where}: ${p.message}`);
  }
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
