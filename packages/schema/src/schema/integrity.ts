/**
 * Integrity for partners: the public key, the signed checkpoints, and a live verification of
 * every hash chain (optionally against a checkpoint the partner kept from earlier).
 */
import { parseChainName } from '../domain/chains.js';
import {
  type ChainHashes,
  type ChainHead,
  checkAgainstCheckpoint,
  parseCheckpoint,
  verifyCheckpointSignature,
} from '../domain/checkpoint.js';
import { type ChainReport, verifyRecordChains } from '../domain/hash-chain.js';
import { readStoredChains } from '../services/public-chains.js';
import { builder } from './builder.js';
import { listEstimate } from './cost.js';
import { pageSize } from './pagination.js';

builder.prismaObject('Checkpoint', {
  description: 'A signed statement of every chain’s length and head hash, issued at every publish.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    payload: t.exposeString('payload', { description: 'Canonical JSON (candor-checkpoint/2): the signed bytes.' }),
    signature: t.exposeString('signature', { description: 'Base64 Ed25519 signature over payload.' }),
    keyId: t.exposeString('keyId'),
  }),
});

interface IntegrityProblem {
  chain: string | null;
  record: string | null;
  code: string;
  message: string;
}
interface VerificationReport {
  ok: boolean;
  chains: ChainReport[];
  problems: IntegrityProblem[];
  checkpointSequence: number | null;
}

const ChainReportRef = builder.objectRef<ChainReport>('ChainReport').implement({
  description:
    'One chain of public records (a document’s versions, a feature’s revisions, the withdrawals, the consent releases).',
  fields: (t) => ({
    chain: t.exposeString('chain', {
      description:
        'document/<slug>, feature/<slug>, withdrawals or consent-releases (docs/partner-api.md, “Integrity: how to verify”).',
    }),
    kind: t.string({
      description: 'document, feature, withdrawals or consent-releases.',
      resolve: (report) => parseChainName(report.chain)?.kind ?? 'unknown',
    }),
    count: t.exposeInt('count', { description: 'Records in the chain.' }),
    headHash: t.exposeString('headHash', { nullable: true }),
    ok: t.exposeBoolean('ok'),
  }),
});
const IntegrityProblemRef = builder.objectRef<IntegrityProblem>('IntegrityProblem').implement({
  fields: (t) => ({
    chain: t.exposeString('chain', { nullable: true }),
    record: t.exposeString('record', { nullable: true, description: 'The record at fault, e.g. a version label.' }),
    code: t.exposeString('code', {
      description:
        'HASH_MISMATCH, BROKEN_LINK, UNEXPECTED_GENESIS, UNCHAINED, TRUNCATED, REWRITTEN, ADDED, CHAIN_MISSING, BAD_SIGNATURE or BAD_CHECKPOINT.',
    }),
    message: t.exposeString('message'),
  }),
});
const VerificationRef = builder.objectRef<VerificationReport>('IntegrityVerification').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    chains: t.field({ type: [ChainReportRef], extensions: listEstimate(10), resolve: (report) => report.chains }),
    problems: t.field({
      type: [IntegrityProblemRef],
      extensions: listEstimate(10),
      resolve: (report) => report.problems,
    }),
    checkpointSequence: t.exposeInt('checkpointSequence', {
      nullable: true,
      description: 'The server’s latest stored checkpoint, which the database was compared with exactly.',
    }),
  }),
});

const CheckpointInput = builder.inputType('CheckpointInput', {
  description: 'A checkpoint you kept earlier (payload and signature exactly as served).',
  fields: (t) => ({ payload: t.string({ required: true }), signature: t.string({ required: true }) }),
});

const Integrity = builder.objectRef<Record<string, never>>('Integrity');
Integrity.implement({
  description: 'How to check that nothing published was rewritten or removed.',
  fields: (t) => ({
    publicKeyPem: t.string({
      description: 'Ed25519 public key (SPKI PEM) that signs checkpoints.',
      resolve: (_r, _a, ctx) => ctx.signer.publicKeyPem,
    }),
    keyId: t.string({ resolve: (_r, _a, ctx) => ctx.signer.keyId }),
    latestCheckpoint: t.prismaField({
      type: 'Checkpoint',
      nullable: true,
      resolve: (query, _r, _a, ctx) => ctx.prisma.checkpoint.findFirst({ ...query, orderBy: { sequence: 'desc' } }),
    }),
    checkpoints: t.prismaConnection({
      type: 'Checkpoint',
      cursor: 'id',
      ...pageSize,
      description: 'Every checkpoint, newest first.',
      resolve: (query, _r, _a, ctx) => ctx.prisma.checkpoint.findMany({ ...query, orderBy: { sequence: 'desc' } }),
    }),
    verify: t.field({
      type: VerificationRef,
      description:
        'Recomputes the hash of every public record (versions, AI-feature revisions, withdrawals, consent releases) and every chain link now, compares the database exactly with the server’s latest signed checkpoint, and, given an earlier checkpoint, checks that no record it covered was removed or rewritten.',
      args: { checkpoint: t.arg({ type: CheckpointInput }) },
      resolve: async (_root, args, ctx) => {
        // Read from the database, never from the in-memory caches: this is the check that what is
        // stored still hashes to the chain.
        const stored = await readStoredChains(ctx.prisma);
        const { chains, problems: chainProblems } = verifyRecordChains(stored);
        const problems: IntegrityProblem[] = chainProblems.map(({ chain, label, code, message }) => ({
          chain,
          record: label,
          code,
          message,
        }));
        const current = stored.map(({ chain, records }) => ({
          chain,
          hashes: records.flatMap((r) => (r.contentHash === null ? [] : [r.contentHash])),
        }));
        // Every public write issues a checkpoint in its own transaction, so the latest one must
        // describe the database exactly: fewer records is a cut tail, more is a record added by hand.
        const latest = await ctx.prisma.checkpoint.findFirst({ orderBy: { sequence: 'desc' } });
        problems.push(
          ...compareWithCheckpoint(current, latest, ctx.signer.publicKeyPem, { exact: true, whose: 'latest stored' }),
        );
        if (args.checkpoint != null) {
          problems.push(
            ...compareWithCheckpoint(current, args.checkpoint, ctx.signer.publicKeyPem, {
              exact: false,
              whose: 'given',
            }),
          );
        }
        return { ok: problems.length === 0, chains, problems, checkpointSequence: latest?.sequence ?? null };
      },
    }),
  }),
});

function compareWithCheckpoint(
  current: ChainHashes[],
  checkpoint: { payload: string; signature: string } | null,
  publicKeyPem: string,
  options: { exact: boolean; whose: string },
): IntegrityProblem[] {
  const problem = (code: string, message: string): IntegrityProblem => ({ chain: null, record: null, code, message });
  if (checkpoint === null) {
    return current.some((c) => c.hashes.length > 0)
      ? [problem('ADDED', 'There are published records but no checkpoint: the checkpoints were removed.')]
      : [];
  }
  if (!verifyCheckpointSignature(checkpoint.payload, checkpoint.signature, publicKeyPem)) {
    return [problem('BAD_SIGNATURE', `The ${options.whose} checkpoint’s signature does not verify with this key.`)];
  }
  let earlier: ChainHead[];
  try {
    earlier = parseCheckpoint(checkpoint.payload).chains;
  } catch (error) {
    return [problem('BAD_CHECKPOINT', (error as Error).message)];
  }
  return checkAgainstCheckpoint(current, earlier, { exact: options.exact }).problems.map(
    ({ chain, code, message }) => ({
      chain,
      record: null,
      code,
      message: `Against the ${options.whose} checkpoint: ${message}`,
    }),
  );
}

builder.queryField('integrity', (t) =>
  t.field({
    type: Integrity,
    description: 'Public key, signed checkpoints and chain verification.',
    resolve: () => ({}),
  }),
);
