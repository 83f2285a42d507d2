import { diffFeatureFacts } from '../domain/feature-facts.js';
import { assertRevisionExplanations, materialChanges } from '../domain/feature-governance.js';
import { revisionHash } from '../domain/public-records.js';
import { type PlacedRevision, revisionBefore } from '../domain/revision-base.js';
import type { ExplanationInput, FeatureFactsInput } from '../domain/types.js';
import { checkEffectiveDate } from '../domain/workflow.js';
import type { SampleSegmentKey } from '../sample/segment-keys.js';
import type { SampleFeature, SampleFeatureRevision } from '../sample/types.js';
import { factsToRow, rowToFacts } from '../services/feature-facts-row.js';
import {
  assertPublicationOrder,
  type PendingWithdrawal,
  required,
  type SeedIds,
  type Tx,
  validated,
  withdrawnBy,
} from './seed-tx.js';

interface Published extends PlacedRevision {
  sample: SampleFeatureRevision;
  /** The facts as stored (what the chain hashes and later comparisons read). */
  facts: Record<string, FeatureFactsInput>;
  baseId: string | null;
}

/**
 * Publishes a feature's revisions as publishRevision does, oldest publication first: each is
 * compared with the revision in force right before it takes effect (domain/revision-base.ts),
 * which decides whether it is material (domain/feature-governance.ts); a material one must give
 * the feature's notice period and explain itself to every segment it changes materially. Each
 * is hashed (candor-revision/1) and linked to the one published before it. Returns the
 * feature's id and the withdrawals to append.
 */
export async function seedFeature(
  tx: Tx,
  feature: SampleFeature,
  ids: SeedIds,
): Promise<{ featureId: string; withdrawals: PendingWithdrawal[] }> {
  const { revisions, ...fields } = feature;
  assertPublicationOrder(revisions, `feature ${feature.slug}`);
  // The definition itself was created through services/definitions.ts (seed-sample.ts).
  const row = await tx.aiFeature.findUniqueOrThrow({ where: { slug: fields.slug } });
  const published: Published[] = [];
  const withdrawals: PendingWithdrawal[] = [];
  let previousHash: string | null = null;
  for (const revision of revisions) {
    const publishedAt = new Date(revision.publishedAt);
    const effectiveAt = new Date(revision.effectiveAt);
    const placed = { id: '', number: revision.number, publishedAt, effectiveAt, withdrawn: false };
    // What was in force right before it, as the publisher saw the timeline when publishing it.
    const base = revisionBefore(
      published.map((p) => ({ ...p, withdrawn: withdrawnBy(p.sample.withdrawal, publishedAt) })),
      placed,
    );
    const facts = storedFacts(revision.facts);
    const explanations = definedExplanations(revision.explanations);
    const changes = materialChanges(base?.facts ?? null, facts);
    const material = changes.size > 0;
    validated(`sample revision ${feature.slug} ${revision.number}`, () => {
      checkEffectiveDate({ material, noticePeriodDays: feature.noticePeriodDays, now: publishedAt, effectiveAt });
      if (material) assertRevisionExplanations(changes, explanations);
    });
    const contentHash = revisionHash({
      feature: feature.slug,
      number: revision.number,
      publishedAt,
      effectiveAt,
      material,
      changeNote: revision.changeNote,
      previousHash,
      facts,
      explanations,
    });
    const created = await tx.aiFeatureRevision.create({
      data: {
        featureId: row.id,
        number: revision.number,
        // APPROVED first, PUBLISHED last, as for versions: the database refuses facts and
        // explanations added to a published revision.
        status: 'APPROVED',
        material,
        changeNote: revision.changeNote,
        authorId: ids.editors.get(revision.author) ?? null,
        publishedAt,
        effectiveAt,
        fromRevisionId: base?.id ?? null,
        diffJson: JSON.stringify(diffFeatureFacts(base?.facts ?? null, facts)),
        contentHash,
        previousHash,
      },
    });
    await tx.aiFeatureFacts.createMany({
      data: Object.entries(revision.facts).map(([segment, segmentFacts]) => ({
        ...factsToRow(segmentFacts),
        revisionId: created.id,
        segmentId: required(ids.segments, segment as SampleSegmentKey, 'segment'),
      })),
    });
    await tx.revisionExplanation.createMany({
      data: Object.entries(explanations).map(([segment, explanation]) => ({
        ...explanation,
        revisionId: created.id,
        segmentId: required(ids.segments, segment as SampleSegmentKey, 'segment'),
      })),
    });
    await tx.aiFeatureRevision.update({ where: { id: created.id }, data: { status: 'PUBLISHED' } });
    published.push({
      id: created.id,
      number: revision.number,
      publishedAt,
      effectiveAt,
      withdrawn: false,
      sample: revision,
      facts,
      baseId: base?.id ?? null,
    });
    if (revision.withdrawal !== undefined) {
      withdrawals.push({
        ...revision.withdrawal,
        kind: 'revision',
        id: created.id,
        label: `${feature.slug} revision ${revision.number}`,
      });
    }
    previousHash = contentHash;
  }
  assertNoRebase(feature.slug, published);
  return { featureId: row.id, withdrawals };
}

/** Facts exactly as the database gives them back, so the seed hashes what verify will rehash. */
function storedFacts(facts: Readonly<Record<string, FeatureFactsInput>>): Record<string, FeatureFactsInput> {
  return Object.fromEntries(Object.entries(facts).map(([segment, f]) => [segment, rowToFacts(factsToRow(f))]));
}

function definedExplanations(
  explanations: Readonly<Partial<Record<string, ExplanationInput>>>,
): Record<string, ExplanationInput> {
  const result: Record<string, ExplanationInput> = {};
  for (const [segment, explanation] of Object.entries(explanations)) {
    if (explanation !== undefined) result[segment] = explanation;
  }
  return result;
}

/**
 * The seed writes no ChangeRebase: a later withdrawal or publication must not change what any
 * sample revision is compared with (publish the sample in the order it happened).
 */
function assertNoRebase(slug: string, published: readonly Published[]): void {
  const timeline = published.map((p) => ({ ...p, withdrawn: p.sample.withdrawal !== undefined }));
  for (const revision of timeline) {
    if (revision.withdrawn) continue;
    if ((revisionBefore(timeline, revision)?.id ?? null) !== revision.baseId) {
      throw new Error(
        `sample revision ${slug} ${revision.number} would need a rebase: its comparison changed after it was published`,
      );
    }
  }
}
