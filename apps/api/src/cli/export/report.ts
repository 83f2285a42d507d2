/** How an export verification reads on the terminal. */
import { type ExportVerification, parseCheckpoint } from '@candor/schema/domain';

export function describeExportVerification(
  result: ExportVerification & { organisation?: string | null; isSample?: boolean | null },
  earlier: { payload: string } | null,
): string[] {
  const lines: string[] = [];
  if (result.organisation !== undefined && result.organisation !== null) {
    lines.push(`organisation: ${result.organisation}${result.isSample === true ? ' (fictional sample data)' : ''}`);
  }
  lines.push(`versions checked: ${result.versionsChecked}`);
  lines.push(
    result.publicKeyId === null
      ? 'signature: none (the export is not signed)'
      : `signature: ${result.signed ? 'valid' : 'INVALID'}, key ${result.publicKeyId} (compare with the key id the organisation publishes)`,
  );
  if (earlier !== null) {
    const sequence = safeSequence(earlier.payload);
    const cut = result.problems.some((p) =>
      ['TRUNCATED', 'REWRITTEN', 'DOCUMENT_MISSING', 'KEY_CHANGED'].includes(p.code),
    );
    lines.push(
      `earlier checkpoint ${sequence}: ${cut ? 'NOT consistent with this export' : 'every version it counted is still here, unchanged'}`,
    );
  }
  for (const p of result.problems) {
    const where = [p.document, p.label, p.path === undefined ? undefined : `(${p.path})`].filter(Boolean).join(' ');
    lines.push(`problem ${p.code}${where === '' ? '' : ` ${where}`}: ${p.message}`);
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
