/**
 * The spellings of the identifiers that appear in URLs, file names and hashed content. They are
 * checked wherever text enters from outside (files, CSV, API input) so that a bad identifier is
 * refused at the door rather than found later in a broken link or an unverifiable export.
 */

/** A document or feature slug: lowercase words joined by single hyphens, e.g. "terms-of-service". */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;

/** A version label, unique within its document and used in URLs, e.g. "2023-08" or "v1.2". */
export const LABEL_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A clause key: stable across versions, so it is short and made of URL-safe characters. */
export const CLAUSE_KEY_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

/**
 * Names the site uses beside a document's versions (/documents/<slug>/compare/, /as-of/,
 * /clauses/): a version with such a label would have no page of its own.
 */
export const RESERVED_LABELS: readonly string[] = ['compare', 'as-of', 'clauses'];

export function isVersionLabel(value: string): boolean {
  return LABEL_PATTERN.test(value) && !RESERVED_LABELS.includes(value);
}

export function isClauseKey(value: string): boolean {
  return CLAUSE_KEY_PATTERN.test(value);
}

/** 64 lowercase hexadecimal digits: how every content hash is written. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}
