import { baseForNewVersion, baseOf } from '../domain/change-base.js';
import { compareClauses } from '../domain/clause-diff.js';
import { contentHash } from '../domain/hash.js';
import { assertExplanationsComplete, checkEffectiveDate } from '../domain/workflow.js';
import type { SampleSegmentKey } from '../sample/segment-keys.js';
import type { SampleDocument, SampleVersion } from '../sample/types.js';
import {
  assertPublicationOrder,
  type PendingWithdrawal,
  required,
  type SeedIds,
  type Tx,
  validated,
  withdrawnBy,
} from './seed-tx.js';

interface Published {
  id: string;
  publishedAt: Date;
  effectiveAt: Date;
  sample: SampleVersion;
  /** The version its stored changelog compares it with. */
  baseId: string | null;
}

/**
 * Publishes a document's versions as publishVersion does, oldest publication first: the notice
 * period and explanations are checked, each version is hashed and linked to the one published
 * before it, and its changelog compares it with the version in force right before it takes
 * effect (domain/change-base.ts: withdrawn versions skipped). Returns the withdrawals to append.
 */
export async function seedDocument(tx: Tx, document: SampleDocument, ids: SeedIds): Promise<PendingWithdrawal[]> {
  const { versions, ...fields } = document;
  assertPublicationOrder(versions, `document ${document.slug}`);
  // The definition itself was created through services/definitions.ts (seed-sample.ts).
  const row = await tx.document.findUniqueOrThrow({ where: { slug: fields.slug } });
  const segments = [...ids.segments.keys()];
  const published: Published[] = [];
  const withdrawals: PendingWithdrawal[] = [];
  let previousHash: string | null = null;
  for (const version of versions) {
    const publishedAt = new Date(version.publishedAt);
    const effectiveAt = new Date(version.effectiveAt);
    const explanations = Object.entries(version.explanations).map(([segment, explanation]) => ({
      segment,
      ...explanation,
    }));
    const where = `sample version ${document.slug} ${version.label}`;
    validated(where, () => {
      checkEffectiveDate({
        material: version.material,
        noticePeriodDays: document.noticePeriodDays,
        now: publishedAt,
        effectiveAt,
      });
      assertExplanationsComplete({ material: version.material, segments, explanations });
    });
    // What was in force right before it, as the publisher saw the timeline when publishing it.
    const base = baseForNewVersion(
      published.map((p) => ({ ...p, withdrawn: withdrawnBy(p.sample.withdrawal, publishedAt) })),
      effectiveAt,
    );
    const hash = contentHash({
      document: document.slug,
      label: version.label,
      publishedAt,
      effectiveAt,
      material: version.material,
      changeNote: version.changeNote,
      previousHash,
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
        authorId: ids.editors.get(version.author) ?? null,
        publishedAt,
        effectiveAt,
        contentHash: hash,
        previousHash,
      },
    });
    await tx.clause.createMany({
      data: version.clauses.map((clause, index) => ({ ...clause, versionId: created.id, position: index })),
    });
    await tx.explanation.createMany({
      data: explanations.map(({ segment, ...explanation }) => ({
        ...explanation,
        versionId: created.id,
        segmentId: required(ids.segments, segment as SampleSegmentKey, 'segment'),
      })),
    });
    await tx.version.update({ where: { id: created.id }, data: { status: 'PUBLISHED' } });
    await tx.changelog.create({
      data: {
        versionId: created.id,
        fromVersionId: base?.id ?? null,
        changesJson: JSON.stringify(compareClauses(base?.sample.clauses ?? [], version.clauses)),
      },
    });
    published.push({ id: created.id, publishedAt, effectiveAt, sample: version, baseId: base?.id ?? null });
    if (version.withdrawal !== undefined) {
      withdrawals.push({
        ...version.withdrawal,
        kind: 'version',
        id: created.id,
        label: `${document.slug} ${version.label}`,
      });
    }
    previousHash = hash;
  }
  assertNoRebase(document.slug, published);
  return withdrawals;
}

/**
 * The seed writes no ChangeRebase: a later withdrawal or publication must not change what any
 * sample version is compared with (publish the sample in the order it happened).
 */
function assertNoRebase(slug: string, published: readonly Published[]): void {
  const timeline = published.map((p) => ({ ...p, withdrawn: p.sample.withdrawal !== undefined }));
  for (const version of timeline) {
    // A withdrawn version is never rebased: it will never be read as a change.
    if (version.withdrawn) continue;
    const now = baseOf(timeline, version)?.id ?? null;
    if (now !== version.baseId) {
      throw new Error(
        `sample version ${slug} ${version.sample.label} would need a rebase: its comparison changed after it was published`,
      );
    }
  }
}
