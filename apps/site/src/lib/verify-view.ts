/**
 * What /verify/ says about the two checks it reports (pure, unit-tested in verify-view.test.ts):
 * the server's `integrity.verify` (every chain of every kind, and the database compared exactly
 * with the server's latest signed checkpoint) and the build's own recomputation of the document
 * chains over the text its pages show (chain-check.ts).
 */
import { CHAIN_KINDS, type ChainKind } from '@candor/schema/domain';
import type { BuildCheck, ChainProblem, Integrity, ServerCheck } from './entry-types';

/**
 * The codes integrity.verify gives to a disagreement with a checkpoint (domain/checkpoint.ts, and
 * schema/integrity.ts for a checkpoint that cannot be read); every other code is about a record.
 */
export const CHECKPOINT_CODES: ReadonlySet<string> = new Set([
  'TRUNCATED',
  'REWRITTEN',
  'ADDED',
  'CHAIN_MISSING',
  'BAD_SIGNATURE',
  'BAD_CHECKPOINT',
]);

/** Each problem code in a few plain words, for the status column and the problem list. */
export const PROBLEM_WORDS: Readonly<Record<string, string>> = {
  HASH_MISMATCH: 'a record no longer hashes to its stored hash: it was edited',
  BROKEN_LINK: 'a record does not point at the one before it: one was removed or reordered',
  UNEXPECTED_GENESIS: 'a record claims to be the first, but another comes before it',
  UNCHAINED: 'a record that was never hashed into the chain: it was written behind the publication workflow',
  TRUNCATED: 'fewer records than the checkpoint counts: the newest were removed',
  REWRITTEN: 'a record the checkpoint covers is different now',
  ADDED: 'more records than the checkpoint counts, with no new checkpoint: added by hand',
  CHAIN_MISSING: 'a chain the checkpoint covers is gone',
  BAD_SIGNATURE: 'the checkpoint’s signature does not verify with the public key',
  BAD_CHECKPOINT: 'the checkpoint cannot be read',
};

/** What each kind of chain holds and what its hashes cover, in plain words (docs/partner-api.md, "Integrity: how to verify"). */
export const CHAIN_KIND_TEXT: Readonly<Record<ChainKind, { title: string; covers: string; format: string }>> = {
  document: {
    title: 'Terms and policies',
    covers:
      'One chain per document: its published versions, in the order they were published, withdrawn ones included. A version’s hash covers its full text, clause by clause, every per-segment explanation, its dates, change note and material flag.',
    format: 'candor-version/1',
  },
  feature: {
    title: 'AI features',
    covers:
      'One chain per AI feature: every published revision of its facts, in the order they were published, scheduled and withdrawn ones included. A revision’s hash covers the facts for every segment (what the feature reads, whether it trains models, who must consent, what a participant who does not can do …), its explanations, dates, change note and material flag.',
    format: 'candor-revision/1',
  },
  withdrawals: {
    title: 'Withdrawals',
    covers:
      'One chain for every withdrawal of a scheduled version or revision, in the order they were made: what was withdrawn and that record’s hash, when, and why. A withdrawal cannot be slipped in afterwards without breaking this chain, and the database refuses to withdraw anything already in effect.',
    format: 'candor-withdrawal/1',
  },
  'consent-releases': {
    title: 'Consent statistics releases',
    covers:
      'One chain for every release of consent statistics, in the order they were published: every monthly count exactly as the public may read it (cells too small to publish are hidden, and the hash covers them hidden), with the minimum cell size used. A correction is a record of the same chain (candor-consent-correction/1): the new figures of the months it corrects and the reason, so the figures it replaced stay on the record.',
    format: 'candor-consent-release/1',
  },
  definitions: {
    title: 'What the organisation defines',
    covers:
      'One chain for every change to what the organisation defines, in the order they were made: its profile, its segments, its documents (their kind and the segments they apply to) and its AI features, each created, changed or retired. A change’s hash covers the public fields after it, so a renamed segment or a document that stopped applying to one cannot be made to look as if it always had.',
    format: 'candor-definition/1',
  },
};

export interface ChainRow {
  chain: string;
  subject: string | null;
  count: number;
  headHash: string | null;
  /** The chain verified and no problem (a checkpoint disagreement included) names it. */
  ok: boolean;
  /** The problems that name this chain. */
  problems: ChainProblem[];
}

export interface ChainKindGroup {
  kind: ChainKind;
  title: string;
  covers: string;
  format: string;
  chains: ChainRow[];
}

export interface CheckpointComparison {
  /** The latest stored checkpoint's sequence; null when the server has issued none. */
  sequence: number | null;
  /** True when the database holds exactly what that checkpoint counts. */
  matches: boolean;
  /** The disagreements (TRUNCATED, REWRITTEN, ADDED, CHAIN_MISSING, BAD_SIGNATURE, BAD_CHECKPOINT). */
  problems: ChainProblem[];
}

export interface VerificationView {
  /** Both checks passed. */
  ok: boolean;
  server: {
    ok: boolean;
    kinds: ChainKindGroup[];
    checkpoint: CheckpointComparison;
    /** Problems with records (hashes, links, unchained records), every chain. */
    recordProblems: ChainProblem[];
  };
  build: BuildCheck;
}

export const isCheckpointProblem = (problem: ChainProblem): boolean => CHECKPOINT_CODES.has(problem.code);

/** Groups the server's chains by kind (every kind listed, even an empty one) and splits its problems. */
export function verificationView(integrity: Pick<Integrity, 'serverCheck' | 'buildCheck'>): VerificationView {
  const server: ServerCheck = integrity.serverCheck;
  const problemsOf = (chain: string) => server.problems.filter((problem) => problem.chain === chain);
  const kinds = CHAIN_KINDS.map((kind) => ({
    kind,
    ...CHAIN_KIND_TEXT[kind],
    chains: server.chains
      .filter((report) => report.kind === kind)
      .map((report) => {
        const problems = problemsOf(report.chain);
        return {
          chain: report.chain,
          subject: report.subject,
          count: report.count,
          headHash: report.headHash,
          ok: report.ok && problems.length === 0,
          problems,
        };
      }),
  }));
  const checkpointProblems = server.problems.filter(isCheckpointProblem);
  return {
    ok: server.ok && integrity.buildCheck.ok,
    server: {
      ok: server.ok,
      kinds,
      checkpoint: {
        sequence: server.checkpointSequence,
        matches: checkpointProblems.length === 0,
        problems: checkpointProblems,
      },
      recordProblems: server.problems.filter((problem) => !isCheckpointProblem(problem)),
    },
    build: integrity.buildCheck,
  };
}

/** "TRUNCATED in document/terms-of-service": where a problem is, for a list item. */
export function problemPlace(problem: ChainProblem): string {
  if (problem.chain === null) return '';
  return problem.record === null ? problem.chain : `${problem.chain}, record ${problem.record}`;
}
