import type { PrismaClient } from '../db/client.js';
import { sha256Hex } from '../domain/hash.js';
import { sampleConsentCsv } from '../sample/consent.js';
import type { SampleSegmentKey } from '../sample/segment-keys.js';
import type { SampleData } from '../sample/types.js';
import { issueCheckpoint } from '../services/checkpoints.js';
import { createDocument, createFeature, createSegment, defineOrganization } from '../services/definitions.js';
import { appendConsentRelease, appendWithdrawal } from '../services/public-chains.js';
import type { Signer } from '../services/signer.js';
import { seedDocument } from './seed-documents.js';
import { seedFeature } from './seed-features.js';
import { type PendingWithdrawal, required, type SeedIds, type Tx } from './seed-tx.js';

type Progress = (message: string) => void;

/** The API's default CANDOR_MIN_CELL_SIZE, used when the caller has no configured value. */
export const DEFAULT_SEED_MINIMUM_CELL_SIZE = 10;

/** True when the database holds no organisation yet (first start). */
export async function isEmptyDatabase(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.organization.count()) === 0;
}

export interface SeedOptions {
  /** Signs the checkpoint issued over the seeded chains. */
  signer: Signer;
  /**
   * The minimum cell size the consent release is published (and hashed) with: pass the API's
   * CANDOR_MIN_CELL_SIZE so the seeded release is suppressed as the API serves it. Default 10.
   */
  minimumCellSize?: number;
  progress?: Progress;
}

/**
 * Loads the sample organisation in one transaction: all of it or nothing. Every public record is
 * written exactly as its workflow writes it, so a freshly seeded database verifies with no
 * problem: versions and AI-feature revisions checked (notice, explanations), hashed and chained
 * with their stored comparisons; withdrawals appended to the withdrawals chain; the consent
 * statistics sealed as one consent release; and one signed checkpoint over every chain.
 */
export async function seedSampleData(prisma: PrismaClient, data: SampleData, options: SeedOptions): Promise<void> {
  const progress = options.progress ?? (() => {});
  await prisma.$transaction(
    async (tx) => {
      if ((await tx.organization.count()) > 0)
        throw new Error('the database already holds an organisation; seed only an empty database');
      const ids: SeedIds = {
        segments: await seedDefinitions(tx, data, options.signer),
        editors: await seedEditors(tx, data),
      };
      const withdrawals: PendingWithdrawal[] = [];
      for (const document of data.documents) {
        withdrawals.push(...(await seedDocument(tx, document, ids)));
        progress(`document ${document.slug}: ${document.versions.length} versions`);
      }
      const featureIds = new Map<string, string>();
      for (const feature of data.features) {
        const seeded = await seedFeature(tx, feature, ids);
        featureIds.set(feature.slug, seeded.featureId);
        withdrawals.push(...seeded.withdrawals);
        progress(`AI feature ${feature.slug}: ${feature.revisions.length} revisions`);
      }
      await seedWithdrawals(tx, withdrawals, ids);
      progress(`withdrawals: ${withdrawals.length}`);
      await seedConsentRelease(tx, data, {
        featureIds,
        ids,
        minimumCellSize: options.minimumCellSize ?? DEFAULT_SEED_MINIMUM_CELL_SIZE,
      });
      progress(`consent statistics: ${data.consent.length} rows in one release`);
      const checkpoint = await issueCheckpoint(tx, options.signer, new Date());
      progress(`signed checkpoint ${checkpoint.sequence}`);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * The organisation, its segments, documents and features, defined as any organisation defines
 * them (services/definitions.ts), so the sample's definitions have their public history too.
 * Returns the segments' ids by key.
 */
async function seedDefinitions(tx: Tx, data: SampleData, signer: Signer): Promise<Map<SampleSegmentKey, string>> {
  const actor = { now: new Date(), signer, editorId: null };
  const once = { checkpoint: false };
  const { isSample, ...profile } = data.organization;
  const organization = await defineOrganization(tx, actor, profile, once);
  await tx.organization.update({ where: { id: organization.id }, data: { isSample } });
  const ids = new Map<SampleSegmentKey, string>();
  for (const [position, segment] of data.segments.entries()) {
    const row = await createSegment(tx, actor, { ...segment, position }, once);
    ids.set(segment.key, row.id);
  }
  for (const [position, { versions: _versions, ...document }] of data.documents.entries()) {
    await createDocument(tx, actor, { ...document, position, segments: data.segments.map((s) => s.key) }, once);
  }
  for (const [position, { revisions: _revisions, ...feature }] of data.features.entries()) {
    await createFeature(tx, actor, { ...feature, position }, once);
  }
  return ids;
}

async function seedEditors(tx: Tx, data: SampleData): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const editor of data.editors) {
    const row = await tx.editor.create({
      data: {
        email: editor.email,
        name: editor.name,
        role: editor.role === 'admin' ? 'ADMIN' : editor.role === 'publisher' ? 'PUBLISHER' : 'EDITOR',
      },
    });
    ids.set(editor.email, row.id);
  }
  return ids;
}

/**
 * Appends the withdrawals in the order they happened (one chain across documents and features),
 * each at its own withdrawnAt as the withdraw workflow would at that moment. The database
 * refuses one made at or after the record's effectiveAt.
 */
async function seedWithdrawals(tx: Tx, withdrawals: readonly PendingWithdrawal[], ids: SeedIds): Promise<void> {
  const ordered = [...withdrawals].sort((a, b) => Date.parse(a.withdrawnAt) - Date.parse(b.withdrawnAt));
  for (const withdrawal of ordered) {
    const reason = withdrawal.reason.trim();
    if (reason === '') throw new Error(`sample withdrawal of ${withdrawal.label}: a reason is required`);
    await appendWithdrawal(tx, {
      kind: withdrawal.kind,
      id: withdrawal.id,
      reason,
      editorId: ids.editors.get(withdrawal.editor) ?? null,
      now: new Date(withdrawal.withdrawnAt),
    });
  }
}

/**
 * The consent statistics as one release, as an import publishes it (appendConsentRelease): its
 * fileHash is the SHA-256 of the CSV those rows make (sampleConsentCsv), and it is hashed into the
 * consent-releases chain as published at the minimum cell size.
 */
async function seedConsentRelease(
  tx: Tx,
  data: SampleData,
  context: { featureIds: Map<string, string>; ids: SeedIds; minimumCellSize: number },
): Promise<void> {
  if (data.consent.length === 0) return;
  await appendConsentRelease(tx, {
    rows: data.consent.map((row) => ({
      ...row,
      featureId: required(context.featureIds, row.feature, 'feature'),
      segmentId: required(context.ids.segments, row.segment, 'segment'),
    })),
    releasedAt: new Date(data.consentRelease.releasedAt),
    minimumCellSize: context.minimumCellSize,
    editorId: context.ids.editors.get(data.consentRelease.editor) ?? null,
    fileHash: sha256Hex(sampleConsentCsv(data.consent)),
  });
}
