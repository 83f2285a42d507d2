/**
 * The label `candor draft template` suggests for a document's next version. Only a suggestion:
 * the editor may write any label, and createDraft refuses one already taken (CONFLICT).
 */
import { isVersionLabel } from '@candor/schema/domain';

/** Labels that are a date: `2026-07` (a month) or `2026-07-15` (a day). */
const MONTH = /^\d{4}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TRAILING_NUMBER = /^(.*?)(\d+)$/;

/**
 * The next label after `latest` that no version in `taken` has:
 * - a date label (or none yet) gives today's date in the same shape (`2026-07` → `2027-02`),
 *   unless that is not later than `latest`, which is then counted on (`2027-02.2`);
 * - a label ending in a number counts it on, keeping its width (`v3` → `v4`, `1.9` → `1.10`,
 *   `r009` → `r010`);
 * - any other label gets `-2` (`initial` → `initial-2`).
 * A label in `taken` is counted on until a free one is found.
 */
export function suggestNextLabel(latest: string | null, taken: ReadonlySet<string>, today: Date): string {
  const iso = today.toISOString();
  const dated = latest === null || MONTH.test(latest) ? iso.slice(0, 7) : DAY.test(latest) ? iso.slice(0, 10) : null;
  let candidate: string;
  if (dated !== null && (latest === null || dated > latest)) candidate = dated;
  else candidate = countOn(latest as string);
  while (taken.has(candidate)) candidate = countOn(candidate);
  // A label at the length limit cannot grow: fall back to the month, counted on as needed.
  if (!isVersionLabel(candidate)) return suggestNextLabel(null, taken, today);
  return candidate;
}

function countOn(label: string): string {
  // A date counts on after a dot, so that `2026-07` never turns into the month `2026-08`.
  if (MONTH.test(label) || DAY.test(label)) return `${label}.2`;
  const match = TRAILING_NUMBER.exec(label);
  if (match === null) return `${label}-2`;
  const [, prefix, digits] = match as unknown as [string, string, string];
  // BigInt: a long run of digits must still count on, not round to itself.
  return `${prefix}${(BigInt(digits) + 1n).toString().padStart(digits.length, '0')}`;
}
