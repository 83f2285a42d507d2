import type { PrismaClient } from '../db/client.js';
import { type ChainHead, canonicalCheckpoint } from '../domain/checkpoint.js';
import type { Signer } from './signer.js';

type Db = Pick<PrismaClient, 'document' | 'version' | 'checkpoint'>;

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

/**
 * Signs and appends a checkpoint over every chain. Called in the publishing transaction, so
 * the checkpoint and the version it covers are written together or not at all; the unique
 * sequence makes two concurrent publishes conflict instead of forking.
 */
export async function issueCheckpoint(db: Db, signer: Signer, now: Date) {
  const last = await db.checkpoint.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true } });
  const sequence = (last?.sequence ?? 0) + 1;
  const payload = canonicalCheckpoint({ sequence, issuedAt: now, chains: await chainHeads(db) });
  return db.checkpoint.create({
    data: { sequence, issuedAt: now, payload, signature: signer.sign(payload), keyId: signer.keyId },
  });
}
