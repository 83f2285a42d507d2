import type { PrismaClient } from '../db/client.js';
import { compareClauses } from '../domain/clause-diff.js';
import { diffFeatureFacts } from '../domain/feature-facts.js';
import { contentHash } from '../domain/hash.js';
import type { SegmentKey } from '../domain/types.js';
import type { SampleData, SampleDocument, SampleFeature } from '../sample/types.js';
import { issueCheckpoint } from '../services/checkpoints.js';
import { factsToRow } from '../services/feature-facts-row.js';
import type { Signer } from '../services/signer.js';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
type Progress = (message: string) => void;

/** True when the database holds no organisation yet (first start). */
export async function isEmptyDatabase(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.organization.count()) === 0;
}

/**
 * Loads the sample organisation in one transaction: all of it or nothing. Published versions
 * get their content hash and hash chain exactly as the publish workflow computes them, and
 * their stored changelog, so the sample data verifies like real data.
 */
export interface SeedOptions {
  /** Signs the checkpoint issued over the seeded chains. */
  signer: Signer;
  progress?: Progress;
}

export async function seedSampleData(prisma: PrismaClient, data: SampleData, options: SeedOptions): Promise<void> {
  const progress = options.progress ?? (() => {});
  await prisma.$transaction(
    async (tx) => {
      if ((await tx.organization.count()) > 0)
        throw new Error('the database already holds an organisation; seed only an empty database');
      await tx.organization.create({ data: data.organization });
      const segmentIds = await seedSegments(tx, data);
      const editorIds = await seedEditors(tx, data);
      for (const [position, document] of data.documents.entries()) {
        await seedDocument(tx, document, position, segmentIds, editorIds);
        progress(`document ${document.slug}: ${document.versions.length} versions`);
      }
      const featureIds = new Map<string, string>();
      for (const [position, feature] of data.features.entries()) {
        featureIds.set(feature.slug, await seedFeature(tx, feature, position, segmentIds, editorIds));
        progress(`AI feature ${feature.slug}: ${feature.revisions.length} revisions`);
      }
      await tx.consentStat.createMany({
        data: data.consent.map(({ feature, segment, ...counts }) => ({
          ...counts,
          featureId: required(featureIds, feature, 'feature'),
          segmentId: required(segmentIds, segment, 'segment'),
        })),
      });
      progress(`consent statistics: ${data.consent.length} rows`);
      const checkpoint = await issueCheckpoint(tx, options.signer, new Date());
      progress(`signed checkpoint ${checkpoint.sequence}`);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`sample data refers to an unknown ${what}: ${String(key)}`);
  return value;
}

async function seedSegments(tx: Tx, data: SampleData): Promise<Map<SegmentKey, string>> {
  const ids = new Map<SegmentKey, string>();
  for (const [position, segment] of data.segments.entries()) {
    const row = await tx.segment.create({ data: { ...segment, position } });
    ids.set(segment.key, row.id);
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

async function seedDocument(
  tx: Tx,
  document: SampleDocument,
  position: number,
  segmentIds: Map<SegmentKey, string>,
  editorIds: Map<string, string>,
): Promise<void> {
  const { versions, ...fields } = document;
  const row = await tx.document.create({ data: { ...fields, position } });
  let previous: { id: string; hash: string; clauses: SampleDocument['versions'][number]['clauses'] } | null = null;
  for (const version of versions) {
    const publishedAt = new Date(version.publishedAt);
    const effectiveAt = new Date(version.effectiveAt);
    const explanations = Object.entries(version.explanations).map(([segment, explanation]) => ({
      segment,
      ...explanation,
    }));
    const hash = contentHash({
      document: document.slug,
      label: version.label,
      publishedAt,
      effectiveAt,
      material: version.material,
      changeNote: version.changeNote,
      previousHash: previous?.hash ?? null,
      clauses: version.clauses,
      explanations,
    });
    const created: { id: string } = await tx.version.create({
      data: {
        documentId: row.id,
        label: version.label,
        // Written as APPROVED and flipped to PUBLISHED last, exactly like the publish workflow:
        // the database refuses clauses and explanations added to a published version.
        status: 'APPROVED',
        material: version.material,
        changeNote: version.changeNote,
        authorId: editorIds.get(version.author) ?? null,
        publishedAt,
        effectiveAt,
        contentHash: hash,
        previousHash: previous?.hash ?? null,
      },
    });
    await tx.clause.createMany({
      data: version.clauses.map((clause, index) => ({ ...clause, versionId: created.id, position: index })),
    });
    await tx.explanation.createMany({
      data: explanations.map(({ segment, ...explanation }) => ({
        ...explanation,
        versionId: created.id,
        segmentId: required(segmentIds, segment as SegmentKey, 'segment'),
      })),
    });
    await tx.version.update({ where: { id: created.id }, data: { status: 'PUBLISHED' } });
    await tx.changelog.create({
      data: {
        versionId: created.id,
        fromVersionId: previous?.id ?? null,
        changesJson: JSON.stringify(compareClauses(previous?.clauses ?? [], version.clauses)),
      },
    });
    previous = { id: created.id, hash, clauses: version.clauses };
  }
}

async function seedFeature(
  tx: Tx,
  feature: SampleFeature,
  position: number,
  segmentIds: Map<SegmentKey, string>,
  editorIds: Map<string, string>,
): Promise<string> {
  const { revisions, ...fields } = feature;
  const row = await tx.aiFeature.create({ data: { ...fields, position } });
  let previousFacts: SampleFeature['revisions'][number]['facts'] | null = null;
  for (const revision of revisions) {
    const created = await tx.aiFeatureRevision.create({
      data: {
        featureId: row.id,
        number: revision.number,
        status: 'APPROVED',
        changeNote: revision.changeNote,
        authorId: editorIds.get(revision.author) ?? null,
        publishedAt: new Date(revision.publishedAt),
        effectiveAt: new Date(revision.effectiveAt),
        diffJson: JSON.stringify(diffFeatureFacts(previousFacts, revision.facts)),
      },
    });
    previousFacts = revision.facts;
    await tx.aiFeatureFacts.createMany({
      data: Object.entries(revision.facts).map(([segment, facts]) => ({
        ...factsToRow(facts),
        revisionId: created.id,
        segmentId: required(segmentIds, segment as SegmentKey, 'segment'),
      })),
    });
    await tx.aiFeatureRevision.update({ where: { id: created.id }, data: { status: 'PUBLISHED' } });
  }
  return row.id;
}
