/**
 * Integrity for partners: the public key, the signed checkpoints, and a live verification of
 * every hash chain (optionally against a checkpoint the partner kept from earlier).
 */
import { checkAgainstCheckpoint, verifyCheckpointSignature } from '../domain/checkpoint.js';
import { type ChainReport, verifyChains } from '../domain/hash-chain.js';
import { builder } from './builder.js';
import { pageSize } from './pagination.js';

builder.prismaObject('Checkpoint', {
  description: 'A signed statement of every chain’s length and head hash, issued at every publish.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    payload: t.exposeString('payload', { description: 'Canonical JSON (candor-checkpoint/1): the signed bytes.' }),
    signature: t.exposeString('signature', { description: 'Base64 Ed25519 signature over payload.' }),
    keyId: t.exposeString('keyId'),
  }),
});

interface IntegrityProblem {
  document: string | null;
  label: string | null;
  code: string;
  message: string;
}
interface VerificationReport {
  ok: boolean;
  chains: ChainReport[];
  problems: IntegrityProblem[];
}

const ChainReportRef = builder.objectRef<ChainReport>('ChainReport').implement({
  fields: (t) => ({
    document: t.exposeString('document'),
    count: t.exposeInt('count'),
    headHash: t.exposeString('headHash', { nullable: true }),
    ok: t.exposeBoolean('ok'),
  }),
});
const IntegrityProblemRef = builder.objectRef<IntegrityProblem>('IntegrityProblem').implement({
  fields: (t) => ({
    document: t.exposeString('document', { nullable: true }),
    label: t.exposeString('label', { nullable: true }),
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});
const VerificationRef = builder.objectRef<VerificationReport>('IntegrityVerification').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    chains: t.field({ type: [ChainReportRef], resolve: (report) => report.chains }),
    problems: t.field({ type: [IntegrityProblemRef], resolve: (report) => report.problems }),
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
        'Recomputes every published version’s hash and every chain link now, and, given an earlier checkpoint, checks that no version it covered was removed or rewritten.',
      args: { checkpoint: t.arg({ type: CheckpointInput }) },
      resolve: async (_root, args, ctx) => {
        // Read from the database, never from the in-memory caches: this is the check that what is
        // stored still hashes to the chain. Only the hashed columns are read (each row costs its cells).
        const documents = await ctx.prisma.document.findMany({
          orderBy: { slug: 'asc' },
          select: {
            slug: true,
            versions: {
              where: { status: 'PUBLISHED' },
              orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
              select: {
                label: true,
                publishedAt: true,
                effectiveAt: true,
                material: true,
                changeNote: true,
                contentHash: true,
                previousHash: true,
                clauses: {
                  orderBy: { position: 'asc' },
                  select: { key: true, number: true, heading: true, body: true },
                },
                explanations: {
                  select: { summary: true, whatChanges: true, affected: true, segment: { select: { key: true } } },
                },
              },
            },
          },
        });
        const { chains, problems: chainProblems } = verifyChains(
          documents.map(({ slug, versions }) => ({
            slug,
            versions: versions.map((version) => ({
              ...version,
              contentHash: version.contentHash ?? '',
              publishedAt: version.publishedAt ?? new Date(0),
              effectiveAt: version.effectiveAt ?? new Date(0),
              explanations: version.explanations.map(({ segment, ...explanation }) => ({
                segment: segment.key,
                ...explanation,
              })),
            })),
          })),
        );
        const problems: IntegrityProblem[] = [...chainProblems];
        if (args.checkpoint != null) {
          if (!verifyCheckpointSignature(args.checkpoint.payload, args.checkpoint.signature, ctx.signer.publicKeyPem)) {
            problems.push({
              document: null,
              label: null,
              code: 'BAD_SIGNATURE',
              message: 'The checkpoint’s signature does not verify with this key',
            });
          } else {
            const earlier = (
              JSON.parse(args.checkpoint.payload) as {
                chains: { document: string; count: number; headHash: string | null }[];
              }
            ).chains;
            const current = documents.map((d) => ({
              document: d.slug,
              hashes: d.versions.map((v) => v.contentHash ?? ''),
            }));
            for (const problem of checkAgainstCheckpoint(current, earlier).problems)
              problems.push({ label: null, ...problem });
          }
        }
        return { ok: problems.length === 0, chains, problems };
      },
    }),
  }),
});

builder.queryField('integrity', (t) =>
  t.field({
    type: Integrity,
    description: 'Public key, signed checkpoints and chain verification.',
    resolve: () => ({}),
  }),
);
