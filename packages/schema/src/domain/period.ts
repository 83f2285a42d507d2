/**
 * Calendar months ("YYYY-MM", the period of consent statistics) and calendar dates
 * ("YYYY-MM-DD", how the public asks for "the terms on date D"). Everything is UTC: a portal
 * read worldwide cannot pick one local time zone, and stored instants are UTC already.
 */
import { DomainError } from './errors.js';

export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

/** The longest range monthRange will build: a hundred years, far beyond any real query. */
export const MAX_MONTH_RANGE = 1200;

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @throws DomainError BAD_USER_INPUT, naming `field`, unless `s` is exactly "YYYY-MM" with a month 01–12. */
export function parseMonth(s: string, field = 'month'): YearMonth {
  const match = MONTH.exec(s);
  const month = Number(match?.[2]);
  if (match === null || month < 1 || month > 12) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be a month written YYYY-MM, got "${s}".`, field);
  }
  return { year: Number(match[1]), month };
}

export function formatMonth({ year, month }: YearMonth): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. Both must be "YYYY-MM". */
export function compareMonths(a: string, b: string): number {
  return Math.sign(monthIndex(parseMonth(a, 'a')) - monthIndex(parseMonth(b, 'b')));
}

/**
 * Every month from `from` to `to`, both included.
 *
 * @throws DomainError BAD_USER_INPUT for a malformed month, `from` after `to`, or a range
 * longer than MAX_MONTH_RANGE (a guard against requests that would build huge lists).
 */
export function monthRange(from: string, to: string): string[] {
  const start = monthIndex(parseMonth(from, 'from'));
  const end = monthIndex(parseMonth(to, 'to'));
  if (start > end) throw new DomainError('BAD_USER_INPUT', `from (${from}) must not be after to (${to}).`, 'from');
  if (end - start + 1 > MAX_MONTH_RANGE) {
    throw new DomainError('BAD_USER_INPUT', `A month range may span at most ${MAX_MONTH_RANGE} months.`, 'to');
  }
  const months: string[] = [];
  for (let i = start; i <= end; i++) months.push(formatMonth({ year: Math.floor(i / 12), month: (i % 12) + 1 }));
  return months;
}

function monthIndex({ year, month }: YearMonth): number {
  return year * 12 + (month - 1);
}

/**
 * Parses a calendar date "YYYY-MM-DD" strictly (2023-02-30 is rejected, not rolled over) and
 * returns the START of that day in UTC.
 *
 * Start rather than end of day, so the value is the date itself and round-trips through
 * toISOString().slice(0, 10). A question about a whole day ("the terms on date D") must
 * include versions effective at any moment of D: pass endOfDayUtc(parseDateOnly(D)) to
 * versionInForce for that.
 *
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function parseDateOnly(s: string, field: string): Date {
  const match = DATE_ONLY.exec(s);
  if (match !== null) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const date = new Date(0);
    // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
  }
  throw new DomainError('BAD_USER_INPUT', `${field} must be a calendar date written YYYY-MM-DD, got "${s}".`, field);
}

/** The last millisecond (23:59:59.999 UTC) of the UTC day containing `d`. */
export function endOfDayUtc(d: Date): Date {
  const end = new Date(d.getTime());
  end.setUTCHours(23, 59, 59, 999);
  return end;
}
