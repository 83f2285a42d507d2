import type { CanonicalVersionInput } from './canonical.js';
import { documentChain } from './chains.js';
import { DomainError } from './errors.js';
import { contentHash } from './hash.js';

/** One published version as found in an export: what it claims and what its content hashes to. */
export interface ChainEntry {
  label: string;
  /** The hash stored with the version. */
  contentHash: string;
  previousHash: string | null;
  /** contentHash() of the version's content as received. */
  recomputedHash: string;
}

export type ChainProblemCode = 'HASH_MISMATCH' | 'BROKEN_LINK' | 'UNEXPECTED_GENESIS';

export interface ChainProblem {
  label: string;
  code: ChainProblemCode;
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  problems: ChainProblem[];
}

/**
 * Checks a document's published versions, oldest first: each one's content must hash to its
 * stored hash, and each must point at the stored hash of the one before it (only the first
 * points at nothing). An edited version fails its own hash, or, if its hash was rewritten
 * too, breaks the next link; a removed or reordered version breaks a link. Rewriting the
 * newest version together with its hash can only be caught against a copy of the chain made
 * earlier, which is why exports are worth keeping.
 */
export function verifyChain(entries: readonly ChainEntry[]): ChainVerification {
  const problems: ChainProblem[] = [];
  entries.forEach((entry, index) => {
    if (entry.recomputedHash !== entry.contentHash) {
      problems.push({
        label: entry.label,
        code: 'HASH_MISMATCH',
        message: `The content of ${entry.label} hashes to ${entry.recomputedHash}, not to its stored hash ${entry.contentHash}.`,
      });
    }
    const previous = index > 0 ? entries[index - 1] : undefined;
    if (previous === undefined) {
      if (entry.previousHash !== null) {
        problems.push({
          label: entry.label,
          code: 'BROKEN_LINK',
          message: `${entry.label} is the oldest version here but links to ${entry.previousHash}: an earlier version is missing.`,
        });
      }
    } else if (entry.previousHash === null) {
      problems.push({
        label: entry.label,
        code: 'UNEXPECTED_GENESIS',
        message: `${entry.label} claims to be the first version, but ${previous.label} comes before it.`,
      });
    } else if (entry.previousHash !== previous.contentHash) {
      problems.push({
        label: entry.label,
        code: 'BROKEN_LINK',
        message: `${entry.label} links to ${entry.previousHash}, but the version before it (${previous.label}) has hash ${previous.contentHash}.`,
      });
    }
  });
  return { ok: problems.length === 0, problems };
}

/** A published version as stored or as published: its content and the hashes it claims. */
export interface StoredVersion extends Omit<CanonicalVersionInput, 'document'> {
  contentHash: string;
}

/** One chain's state after verification (chains.ts names the chains). */
export interface ChainReport {
  chain: string;
  count: number;
  headHash: string | null;
  ok: boolean;
}

export type RecordProblemCode = ChainProblemCode | 'UNCHAINED';

export interface RecordChainProblem {
  chain: string;
  label: string;
  code: RecordProblemCode;
  message: string;
}

/** A record as stored: what it claims, and what its content hashes to now. */
export interface ChainRecord {
  label: string;
  /** null: the record was never hashed into the chain (written behind the workflow's back). */
  contentHash: string | null;
  previousHash: string | null;
  recomputedHash: string;
}

export interface RecordChainsVerification {
  ok: boolean;
  chains: ChainReport[];
  problems: RecordChainProblem[];
}

/**
 * Verifies chains of any kind of public record, each given in chain order. A record with no
 * stored hash is UNCHAINED (it appeared without going through publication, e.g. an INSERT by
 * hand) and is left out of the links, so it is named once instead of breaking its neighbours.
 */
export function verifyRecordChains(
  chains: readonly { chain: string; records: readonly ChainRecord[] }[],
): RecordChainsVerification {
  const problems: RecordChainProblem[] = [];
  const reports = chains.map(({ chain, records }) => {
    const entries: ChainEntry[] = [];
    for (const record of records) {
      if (record.contentHash === null) {
        problems.push({
          chain,
          label: record.label,
          code: 'UNCHAINED',
          message: `${record.label} in ${chain} has no content hash: it was not published through the chain.`,
        });
      } else entries.push({ ...record, contentHash: record.contentHash });
    }
    const result = verifyChain(entries);
    for (const problem of result.problems) problems.push({ chain, ...problem });
    const ok = result.ok && entries.length === records.length;
    return { chain, count: entries.length, headHash: entries.at(-1)?.contentHash ?? null, ok };
  });
  return { ok: problems.length === 0, chains: reports, problems };
}

/**
 * Recomputes every version's hash and checks every link, for documents whose versions are given
 * in chain order (publication order, ADR 0002). Content that cannot even be canonicalised (a
 * malformed stored hash, say, written behind the database's back) is a finding, reported as a
 * mismatch with the reason, never a failure of the check itself.
 */
export function verifyChains(
  documents: readonly { slug: string; versions: readonly StoredVersion[] }[],
): RecordChainsVerification {
  return verifyRecordChains(
    documents.map(({ slug, versions }) => ({
      chain: documentChain(slug),
      records: versions.map((version) => ({
        label: version.label,
        contentHash: version.contentHash,
        previousHash: version.previousHash,
        recomputedHash: hashOrFinding(() => contentHash({ ...version, document: slug })),
      })),
    })),
  );
}

/** A hash, or — for content that cannot be canonicalised — a string no hash can equal, saying why. */
export function hashOrFinding(hash: () => string): string {
  try {
    return hash();
  } catch (error) {
    if (error instanceof DomainError) return `(nothing: ${error.message})`;
    throw error;
  }
}
