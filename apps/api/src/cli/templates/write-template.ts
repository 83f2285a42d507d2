/** Where a template goes: the file `--out` names (never over an existing one), else stdout. */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { resolvePath, writeTextFile } from '../files.js';

/**
 * Writes `text` to `out`, or to stdout when `out` is undefined.
 *
 * @returns the full path written, or null for stdout.
 * @throws UsageError when `out` exists: a template written over a file would lose its edits.
 */
export function writeTemplate(text: string, out: string | undefined, topic: string): string | null {
  if (out === undefined) {
    process.stdout.write(text);
    return null;
  }
  const full = resolvePath(out);
  if (existsSync(full)) {
    throw new UsageError(`--out: ${full} exists; choose a new file (a template never overwrites one)`, topic);
  }
  writeTextFile(full, text);
  return full;
}
