import type { PrismaClient } from '../db/client.js';
import { providerOf } from '../db/provider-of.js';
import { type ChainHead, canonicalCheckpoint } from '../domain/checkpoint.js';
import { readChainHashes } from './public-chains.js';
import type { Signer } from './signer.js';

type Db = Parameters<typeof readChainHashes>[0] & Pick<PrismaClient, 'checkpoint' | '$queryRawUnsafe'>;

/** Every chain as it stands (services/public-chains.ts): its length and newest hash. */
export async function chainHeads(db: Db): Promise<ChainHead[]> {
  return (await readChainHashes(db)).map(({ chain, hashes }) => ({
    chain,
    count: hashes.length,
    headHash: hashes.at(-1) ?? null,
  }));
}

/** An arbitrary, fixed advisory-lock key that only checkpoint issuance uses. */
const CHECKPOINT_LOCK = 7_426_001;

/**
 * Signs and appends a checkpoint over every chain. Called in the publishing transaction, so
 * the checkpoint and the version it covers are written together or not at all; the unique
 * sequence makes two concurrent publishes conflict instead of forking.
 */
export async function issueCheckpoint(
  db: Db,
  signer: Signer,
  now: Date,
  /** Testing only: awaited between reading the last sequence and writing the next. */
  afterSequenceRead?: () => Promise<void>,
) {
  // PostgreSQL: concurrent publishes of different documents would both read the same last
  // sequence and one would fail on the unique index; this lock (held to commit) makes the later
  // one read after the earlier commits. Same-document races still conflict on the chain's unique
  // (documentId, previousHash). SQLite serialises writers already.
  if (providerOf(db) === 'postgresql')
    await db.$queryRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
  const last = await db.checkpoint.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true } });
  const sequence = (last?.sequence ?? 0) + 1;
  await afterSequenceRead?.();
  const payload = canonicalCheckpoint({ sequence, issuedAt: now, chains: await chainHeads(db) });
  return db.checkpoint.create({
    data: { sequence, issuedAt: now, payload, signature: signer.sign(payload), keyId: signer.keyId },
  });
}
