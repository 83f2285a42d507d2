/**
 * Canonical form of a published version, format `candor-version/1`.
 *
 * The content hash of a version is the lowercase hex SHA-256 of the UTF-8 bytes of this text:
 * one line of JSON (RFC 8259), with no whitespace outside strings, members in exactly this order:
 *
 *   {"format":"candor-version/1","document":S,"label":S,"publishedAt":D,"effectiveAt":D,
 *    "material":B,"changeNote":S,"previousHash":H,"clauses":[C,…],"explanations":[E,…]}
 *
 * (shown wrapped here; the real text has no line break), where
 *
 *   C = {"key":S,"number":S,"heading":S,"body":S}
 *       one per clause, in the version's reading order.
 *   E = {"segment":S,"summary":S,"whatChanges":S,"affected":B}
 *       one per explanation, sorted by segment in UTF-16 code unit order (after normalisation);
 *       segments are unique.
 *   S = a string, normalised: every CRLF and every lone CR becomes LF, then Unicode NFC.
 *       Encoded as ECMAScript JSON.stringify does: `"` and `\` escaped with a backslash,
 *       U+0008 U+0009 U+000A U+000C U+000D as \b \t \n \f \r, other U+0000–U+001F as \u00xx
 *       (lowercase hex), lone surrogates as \udxxx, every other character literally.
 *       No trimming or other whitespace change.
 *   D = an instant as ISO 8601 UTC with milliseconds, e.g. "2023-08-07T00:00:00.000Z"
 *       (Date.prototype.toISOString).
 *   B = true or false.
 *   H = null for the first published version of a document, otherwise the contentHash
 *       (64 lowercase hex digits) of the previous published version of the same document.
 *
 * Empty lists are written []. Any change to this format must get a new `format` value so that
 * hashes computed under the old one stay verifiable.
 *
 * ## Imported versions: `candor-imported-version/1`
 *
 * A version imported from a history that predates Candor (`candor import git`, `candor import
 * ota`) is hashed the same way with `"format":"candor-imported-version/1"` and two more members
 * right after "changeNote":
 *
 *   …,"changeNote":S,"source":S,"importedAt":D,"previousHash":H,…
 *
 * where `source` names where the text came from (e.g. "git:<commit>:<path>") and `importedAt` is
 * when Candor imported it. Its publishedAt and effectiveAt are the source's dates, not Candor's
 * own publication: the hash commits to that statement.
 */
import { indexClausesByKey } from './clause-keys.js';
import { DomainError } from './errors.js';
import type { ClauseInput, ExplanationInput } from './types.js';

export const CANONICAL_FORMAT = 'candor-version/1';
export const IMPORTED_VERSION_FORMAT = 'candor-imported-version/1';

/** Where an imported version came from; absent for versions published in Candor. */
export interface VersionSource {
  /** e.g. "git:<commit>:<path>" or "ota:<path>". */
  reference: string;
  importedAt: Date;
}

export interface CanonicalExplanation extends ExplanationInput {
  segment: string;
}

export interface CanonicalVersionInput {
  /** The document's slug, e.g. "terms-of-service". */
  document: string;
  label: string;
  publishedAt: Date;
  effectiveAt: Date;
  material: boolean;
  changeNote: string;
  previousHash: string | null;
  /** In reading order; the order is part of the content. */
  clauses: readonly ClauseInput[];
  /** Any order; sorted by segment in the canonical form. */
  explanations: readonly CanonicalExplanation[];
  /** Set for imported versions only (format candor-imported-version/1). */
  source?: VersionSource | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The canonical text of a version (format described at the top of this file).
 *
 * @throws DomainError BAD_USER_INPUT for an invalid date, a malformed previousHash, or a
 * repeated clause key or segment, any of which would make the hash ambiguous.
 */
export function canonicalVersion(input: CanonicalVersionInput): string {
  indexClausesByKey(input.clauses, 'clauses');
  if (input.previousHash !== null && !SHA256_HEX.test(input.previousHash)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'previousHash must be 64 lowercase hexadecimal digits or null.',
      'previousHash',
    );
  }
  const explanations = input.explanations
    .map((e) => ({
      segment: normaliseText(e.segment),
      summary: normaliseText(e.summary),
      whatChanges: normaliseText(e.whatChanges),
      affected: e.affected,
    }))
    .sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
  explanations.forEach((e, i) => {
    if (i > 0 && explanations[i - 1]?.segment === e.segment) {
      throw new DomainError('BAD_USER_INPUT', `Segment "${e.segment}" has more than one explanation.`, 'explanations');
    }
  });

  // Object literals keep insertion order in JSON.stringify, which is what fixes the member order.
  const source = input.source ?? null;
  return JSON.stringify({
    format: source === null ? CANONICAL_FORMAT : IMPORTED_VERSION_FORMAT,
    document: normaliseText(input.document),
    label: normaliseText(input.label),
    publishedAt: isoInstant(input.publishedAt, 'publishedAt'),
    effectiveAt: isoInstant(input.effectiveAt, 'effectiveAt'),
    material: input.material,
    changeNote: normaliseText(input.changeNote),
    ...(source === null
      ? {}
      : { source: normaliseText(source.reference), importedAt: isoInstant(source.importedAt, 'importedAt') }),
    previousHash: input.previousHash,
    clauses: input.clauses.map((c) => ({
      key: normaliseText(c.key),
      number: normaliseText(c.number),
      heading: normaliseText(c.heading),
      body: normaliseText(c.body),
    })),
    explanations,
  });
}

/** Line endings to LF, then NFC, so the same text typed on another system hashes the same. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

function isoInstant(date: Date, field: string): string {
  if (Number.isNaN(date.getTime())) throw new DomainError('BAD_USER_INPUT', `${field} is not a valid date.`, field);
  return date.toISOString();
}
