/**
 * Instants written as text in files and manifests. Strict on purpose: `Date.parse` accepts many
 * loose, engine-dependent spellings and rolls 2023-02-30 over into March, and a date that is
 * silently read differently would change a content hash or a notice period.
 */
import { DomainError } from './errors.js';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * Reads an ISO 8601 instant: "YYYY-MM-DD" (midnight UTC), or "YYYY-MM-DDTHH:MM[:SS[.sss]]"
 * followed by "Z" or an offset "±HH:MM". A time without a zone is refused because it would
 * mean a different instant in every time zone; more than millisecond precision is refused
 * because a Date could not keep it.
 *
 * @returns null when `text` is not such an instant.
 */
export function parseIsoInstant(text: string): Date | null {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone, oh = '0', om = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour, minute, second, Number(frac.padEnd(3, '0')));
  const sign = zone?.startsWith('-') ? -1 : 1;
  return new Date(date.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/**
 * parseIsoInstant for a named input.
 *
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function requireIsoInstant(text: string, field: string): Date {
  const date = parseIsoInstant(text);
  if (date === null) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${field} must be an ISO 8601 instant such as 2023-08-07T00:00:00Z, got "${text}".`,
      field,
    );
  }
  return date;
}
