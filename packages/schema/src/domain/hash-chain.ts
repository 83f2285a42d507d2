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
