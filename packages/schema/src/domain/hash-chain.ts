import type { CanonicalVersionInput } from './canonical.js';
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

export interface ChainReport {
  document: string;
  count: number;
  headHash: string | null;
  ok: boolean;
}

export interface DocumentChainProblem extends ChainProblem {
  document: string;
}

/**
 * Recomputes every version's hash and checks every link, for documents whose versions are given
 * in chain order (publication order, ADR 0002). Content that cannot even be canonicalised (a
 * malformed stored hash, say, written behind the database's back) is a finding, reported as a
 * mismatch with the reason, never a failure of the check itself.
 */
export function verifyChains(documents: readonly { slug: string; versions: readonly StoredVersion[] }[]): {
  ok: boolean;
  chains: ChainReport[];
  problems: DocumentChainProblem[];
} {
  const problems: DocumentChainProblem[] = [];
  const chains = documents.map(({ slug, versions }) => {
    const entries = versions.map((version) => ({
      label: version.label,
      contentHash: version.contentHash,
      previousHash: version.previousHash,
      recomputedHash: recomputedHash({ ...version, document: slug }),
    }));
    const result = verifyChain(entries);
    for (const problem of result.problems) problems.push({ document: slug, ...problem });
    return { document: slug, count: entries.length, headHash: entries.at(-1)?.contentHash ?? null, ok: result.ok };
  });
  return { ok: problems.length === 0, chains, problems };
}

function recomputedHash(input: CanonicalVersionInput): string {
  try {
    return contentHash(input);
  } catch (error) {
    if (error instanceof DomainError) return `(nothing: ${error.message})`;
    throw error;
  }
}
