/**
 * Canonical forms of the public records other than terms versions (canonical.ts): AI-feature
 * revisions, withdrawals and consent-statistics releases. Each one's content hash is the
 * lowercase hex SHA-256 of the UTF-8 bytes of its canonical text, which — like a version's —
 * includes `previousHash`, the hash of the record before it in its chain (chains.ts), so every
 * record commits to everything published before it in that chain.
 *
 * Every canonical text is one line of JSON (RFC 8259), no whitespace outside strings, members in
 * exactly the order shown; S, D, B and H are written as in canonical.ts (normalised strings,
 * ISO 8601 UTC instants with milliseconds, true/false, null or 64 lowercase hex digits); N is a
 * whole number written in decimal.
 *
 * `candor-revision/1` (one published AI-feature revision):
 *
 *   {"format":"candor-revision/1","feature":S,"number":N,"publishedAt":D,"effectiveAt":D,
 *    "material":B,"changeNote":S,"previousHash":H,"facts":[F,…],"explanations":[E,…]}
 *
 *   F = {"segment":S,"whatItDoes":S,"availability":S,"dataCategories":[S,…],
 *        "trainsFirstPartyModels":B,"sharedWithVendor":B,"vendorName":S|null,
 *        "trainsVendorModels":B,"retention":S,"retentionDays":N|null,"humanReview":B,
 *        "humanReviewDetail":S,"consentRequiredFrom":[S,…],"nonConsentOption":S,
 *        "nonConsentDetail":S,"defaultState":S,"governingClauses":[{"document":S,"key":S},…]}
 *       one per segment, sorted by segment; enumeration values lowercase as in types.ts; lists
 *       in the order the revision states them.
 *   E = {"segment":S,"summary":S,"whatChanges":S,"affected":B} as for versions, sorted by segment.
 *
 * `candor-withdrawal/1` (a scheduled version or revision withdrawn before it took effect):
 *
 *   {"format":"candor-withdrawal/1","kind":"version"|"revision","subject":S,"record":S,
 *    "recordHash":H,"withdrawnAt":D,"reason":S,"previousHash":H}
 *
 *   subject = the document slug (kind version) or feature slug (kind revision);
 *   record = the version label, or the revision number in decimal;
 *   recordHash = the contentHash of the withdrawn record (never null).
 *
 * `candor-consent-release/1` (one release of consent statistics, as the public may read it):
 *
 *   {"format":"candor-consent-release/1","releasedAt":D,"minimumCellSize":N,"previousHash":H,
 *    "rows":[R,…]}
 *
 *   R = {"feature":S,"segment":S,"period":S,"accountsEligible":V,"ownersEnabled":V,
 *        "ownersDisabled":V,"ownersUndecided":V,"participantsJoined":V,"participantsLeft":V}
 *       one per feature × segment × month, sorted by feature, then segment, then period;
 *   V = a count N, null when the count is not known, or the string "suppressed" for a cell hidden
 *       by small-cell suppression (suppression.ts) at minimumCellSize.
 *
 * A release is hashed as published (suppressed cells hidden), never with the raw counts, so the
 * exported file can be checked by anyone while no small group can be singled out.
 *
 * `candor-consent-correction/1` (a published correction of figures released before; the same
 * chain, `consent-releases`):
 *
 *   {"format":"candor-consent-correction/1","releasedAt":D,"minimumCellSize":N,"previousHash":H,
 *    "reason":S,"rows":[R,…]}
 *
 *   rows = the corrected figures, each replacing the figure of the same feature × segment × month
 *   published by an earlier record of the chain (which stays there, unchanged); reason = why.
 *
 * Any change to a format gets a new `format` value so that hashes computed under the old one
 * stay verifiable.
 */
import { normaliseText } from './canonical.js';
import { CONSENT_COUNT_FIELDS, type ConsentCountField } from './consent-counts.js';
import { DomainError } from './errors.js';
import { mapFacts } from './feature-fact-fields.js';
import { sha256Hex } from './hash.js';
import { isSha256Hex } from './identifiers.js';
import { suppressRow } from './suppression.js';
import type { ClauseRef, ConsentCounts, ExplanationInput, FeatureFactsInput } from './types.js';

export const REVISION_FORMAT = 'candor-revision/1';
export const WITHDRAWAL_FORMAT = 'candor-withdrawal/1';
export const CONSENT_RELEASE_FORMAT = 'candor-consent-release/1';
export const CONSENT_CORRECTION_FORMAT = 'candor-consent-correction/1';

export interface CanonicalRevisionInput {
  /** The feature's slug, e.g. "meeting-summary". */
  feature: string;
  number: number;
  publishedAt: Date;
  effectiveAt: Date;
  material: boolean;
  changeNote: string;
  previousHash: string | null;
  /** Keyed by segment key; sorted in the canonical form. */
  facts: Readonly<Record<string, FeatureFactsInput>>;
  /** Keyed by segment key; only segments the revision explains itself to. */
  explanations: Readonly<Record<string, ExplanationInput>>;
}

/** One segment's facts in canonical form: table order, every sentence and reference normalised. */
function canonicalFacts(facts: FeatureFactsInput): Record<string, unknown> {
  return mapFacts(facts, (value, kind) => {
    switch (kind) {
      case 'text':
        return normaliseText(value as string);
      case 'optionalText':
        return value === null ? null : normaliseText(value as string);
      case 'choices':
        return [...(value as readonly string[])];
      case 'clauseRefs':
        return (value as readonly ClauseRef[]).map((ref) => ({
          document: normaliseText(ref.document),
          key: normaliseText(ref.key),
        }));
      default:
        return value;
    }
  });
}

/** The canonical text of a revision (format `candor-revision/1`, above). */
export function canonicalRevision(input: CanonicalRevisionInput): string {
  if (!Number.isSafeInteger(input.number) || input.number < 1) {
    throw new DomainError('BAD_USER_INPUT', 'A revision number is a whole number of 1 or more.', 'number');
  }
  return JSON.stringify({
    format: REVISION_FORMAT,
    feature: normaliseText(input.feature),
    number: input.number,
    publishedAt: isoInstant(input.publishedAt, 'publishedAt'),
    effectiveAt: isoInstant(input.effectiveAt, 'effectiveAt'),
    material: input.material,
    changeNote: normaliseText(input.changeNote),
    previousHash: checkedHash(input.previousHash, 'previousHash'),
    facts: sortedEntries(input.facts).map(([segment, f]) => ({
      segment: normaliseText(segment),
      ...canonicalFacts(f),
    })),
    explanations: sortedEntries(input.explanations).map(([segment, e]) => ({
      segment: normaliseText(segment),
      summary: normaliseText(e.summary),
      whatChanges: normaliseText(e.whatChanges),
      affected: e.affected,
    })),
  });
}

export const WITHDRAWAL_KINDS = ['version', 'revision'] as const;
export type WithdrawalKind = (typeof WITHDRAWAL_KINDS)[number];

export interface CanonicalWithdrawalInput {
  kind: WithdrawalKind;
  /** Document slug (version) or feature slug (revision). */
  subject: string;
  /** Version label, or revision number in decimal. */
  record: string;
  /** contentHash of the withdrawn record. */
  recordHash: string;
  withdrawnAt: Date;
  reason: string;
  previousHash: string | null;
}

/** The canonical text of a withdrawal (format `candor-withdrawal/1`, above). */
export function canonicalWithdrawal(input: CanonicalWithdrawalInput): string {
  if (!WITHDRAWAL_KINDS.includes(input.kind)) {
    throw new DomainError('BAD_USER_INPUT', 'A withdrawal withdraws a "version" or a "revision".', 'kind');
  }
  const recordHash = checkedHash(input.recordHash, 'recordHash');
  if (recordHash === null) {
    throw new DomainError('BAD_USER_INPUT', 'A withdrawal must name the hash of what it withdraws.', 'recordHash');
  }
  return JSON.stringify({
    format: WITHDRAWAL_FORMAT,
    kind: input.kind,
    subject: normaliseText(input.subject),
    record: normaliseText(input.record),
    recordHash,
    withdrawnAt: isoInstant(input.withdrawnAt, 'withdrawnAt'),
    reason: normaliseText(input.reason),
    previousHash: checkedHash(input.previousHash, 'previousHash'),
  });
}

/** A published cell of a release: a count, null (not known) or hidden by suppression. */
export type ReleasedValue = number | null | 'suppressed';
export type ReleasedRow = { feature: string; segment: string; period: string } & {
  [F in ConsentCountField]: ReleasedValue;
};

export interface CanonicalConsentReleaseInput {
  releasedAt: Date;
  minimumCellSize: number;
  previousHash: string | null;
  /** As published (see releasedRows); any order, sorted in the canonical form. */
  rows: readonly ReleasedRow[];
  /** Why, for a correction (format candor-consent-correction/1); null or absent for a release. */
  reason?: string | null;
}

/**
 * The rows of a release as the public may read them: every cell suppressRow hides at
 * `minimumCellSize` becomes "suppressed".
 */
export function releasedRows(
  rows: readonly ({ feature: string; segment: string; period: string } & ConsentCounts)[],
  minimumCellSize: number,
): ReleasedRow[] {
  return rows.map((row) => {
    const cells = suppressRow(row, minimumCellSize);
    const released = { feature: row.feature, segment: row.segment, period: row.period } as ReleasedRow;
    for (const field of CONSENT_COUNT_FIELDS) {
      const cell = cells[field];
      released[field] = cell.suppressed ? 'suppressed' : cell.value;
    }
    return released;
  });
}

/**
 * The canonical text of a consent release (format `candor-consent-release/1`, above), or of a
 * correction when `reason` is given (`candor-consent-correction/1`).
 */
export function canonicalConsentRelease(input: CanonicalConsentReleaseInput): string {
  if (!Number.isSafeInteger(input.minimumCellSize) || input.minimumCellSize < 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'minimumCellSize must be a whole number of zero or more.',
      'minimumCellSize',
    );
  }
  const rows = input.rows
    .map((row) => {
      const out: Record<string, string | ReleasedValue> = {
        feature: normaliseText(row.feature),
        segment: normaliseText(row.segment),
        period: normaliseText(row.period),
      };
      for (const field of CONSENT_COUNT_FIELDS) {
        const value = row[field];
        if (!(value === null || value === 'suppressed' || (Number.isSafeInteger(value) && value >= 0))) {
          throw new DomainError('BAD_USER_INPUT', `${field} must be a count, null or "suppressed".`, field);
        }
        out[field] = value;
      }
      return out;
    })
    .sort((a, b) => compareKeys(releaseRowKey(a), releaseRowKey(b)));
  rows.forEach((row, i) => {
    if (i > 0 && compareKeys(releaseRowKey(rows[i - 1] ?? {}), releaseRowKey(row)) === 0) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `${row.feature} × ${row.segment} × ${row.period} appears more than once in the release.`,
        'rows',
      );
    }
  });
  const releasedAt = isoInstant(input.releasedAt, 'releasedAt');
  const previousHash = checkedHash(input.previousHash, 'previousHash');
  if (input.reason === undefined || input.reason === null) {
    return JSON.stringify({
      format: CONSENT_RELEASE_FORMAT,
      releasedAt,
      minimumCellSize: input.minimumCellSize,
      previousHash,
      rows,
    });
  }
  const reason = normaliseText(input.reason);
  if (reason.trim() === '') throw new DomainError('BAD_USER_INPUT', 'A correction must give its reason.', 'reason');
  return JSON.stringify({
    format: CONSENT_CORRECTION_FORMAT,
    releasedAt,
    minimumCellSize: input.minimumCellSize,
    previousHash,
    reason,
    rows,
  });
}

export const revisionHash = (input: CanonicalRevisionInput): string => sha256Hex(canonicalRevision(input));
export const withdrawalHash = (input: CanonicalWithdrawalInput): string => sha256Hex(canonicalWithdrawal(input));
export const consentReleaseHash = (input: CanonicalConsentReleaseInput): string =>
  sha256Hex(canonicalConsentRelease(input));

function releaseRowKey(row: Record<string, unknown>): string[] {
  return [String(row.feature), String(row.segment), String(row.period)];
}

/** UTF-16 code unit order, member by member (as every canonical sort in Candor). */
function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => compareKeys([normaliseText(a)], [normaliseText(b)]));
}

function checkedHash(value: string | null, field: string): string | null {
  if (value !== null && !isSha256Hex(value)) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be 64 lowercase hexadecimal digits or null.`, field);
  }
  return value;
}

function isoInstant(date: Date, field: string): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new DomainError('BAD_USER_INPUT', `${field} is not a valid date.`, field);
  }
  return date.toISOString();
}
