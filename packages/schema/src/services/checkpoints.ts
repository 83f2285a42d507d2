import type { PrismaClient } from '../db/client.js';
import { providerOf } from '../db/provider-of.js';
import { type ChainHead, canonicalCheckpoint } from '../domain/checkpoint.js';
import type { Signer } from './signer.js';

type Db = Pick<PrismaClient, 'document' | 'version' | 'checkpoint' | '$queryRawUnsafe'>;

/** Every document's chain as it stands: published versions in publication order. */
export async function chainHeads(db: Db): Promise<ChainHead[]> {
  const documents = await db.document.findMany({
    orderBy: { slug: 'asc' },
    select: {
      slug: true,
      versions: {
        where: { status: 'PUBLISHED' },
        orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
        select: { contentHash: true },
      },
    },
  });
  return documents.map((document) => ({
    document: document.slug,
    count: document.versions.length,
    headHash: document.versions.at(-1)?.contentHash ?? null,
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
