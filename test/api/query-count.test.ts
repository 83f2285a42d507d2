import { forgetCatalogue, forgetPublishedContent } from '@candor/schema';
import { describe, expect, it } from 'vitest';
import { publishBulkVersions } from '../helpers/bulk-versions.js';
import { useTestApi } from '../helpers/testkit.js';

// The deep query below walks every level the schema offers to prove it costs a bounded number of
// SQL statements; it is deeper and costlier than the partner query limits allow (README, "Query
// limits"), which are not what this file tests.
const api = useTestApi({ env: { CANDOR_MAX_DEPTH: 20, CANDOR_MAX_COST: 10_000_000 } });

const DEEP_QUERY = `{
  documents(first: 10) {
    edges { node {
      slug
      versions(first: 50) { edges { node {
        label contentHash
        clauses { key number heading body }
        explanations { summary whatChanges segment { key } }
      } } }
    } }
  }
  aiFeatures {
    slug
    revisions(first: 50) { edges { node {
      number
      facts { whatItDoes segment { key } governingClauses { key body } }
    } } }
  }
}`;

/** Counts the SQL statements one query sends, as recorded below Prisma (the driver adapter). */
async function statementsFor(query: string): Promise<number> {
  const { recorder } = api.current.database;
  recorder.reset();
  // execute throws on any GraphQL error: a count of a failed query would prove nothing.
  await api.current.execute(query);
  return recorder.dataStatements().length;
}

/** Clauses, explanations, facts, segments: read once per client, then from memory. */
const FROZEN_KINDS = 4;
/**
 * Reading the public catalogue (src/schema/catalogue.ts): documents, published versions with
 * their withdrawals, changelogs and rebases, features, published revisions with their
 * withdrawals and rebases, the segments and which documents apply to which. Only when it changed.
 */
const CATALOGUE_READ = 11;

/** Statements of the deep query on a first read (nothing published in memory yet), then again. */
async function coldAndWarm(): Promise<{ cold: number; warm: number }> {
  forgetPublishedContent(api.current.database.prisma);
  forgetCatalogue(api.current.database.prisma);
  const cold = await statementsFor(DEEP_QUERY);
  const warm = await statementsFor(DEEP_QUERY);
  return { cold, warm };
}

describe('nested queries resolve without N+1', () => {
  it('answers the deep document and feature query in a bounded number of statements', async () => {
    const { cold, warm } = await coldAndWarm();
    // A request reads one number, the catalogue generation; everything else is in memory while
    // nothing was published (issue 6: at most 3).
    expect(warm).toBe(1);
    // A first read adds the catalogue and what publication froze: clauses (in one or two
    // batches), explanations, facts, segments.
    expect(cold).toBeLessThanOrEqual(warm + CATALOGUE_READ + FROZEN_KINDS + 1);
  });

  it('costs the same number of statements for 12 or 120 clauses a version, and for more versions', async () => {
    const before = await coldAndWarm();
    await publishBulkVersions(api.current.database.prisma, 3, 12);
    const twelve = await coldAndWarm();
    await publishBulkVersions(api.current.database.prisma, 3, 120);
    const hundredTwenty = await coldAndWarm();
    expect(twelve.warm).toBe(before.warm);
    expect(hundredTwenty.warm).toBe(before.warm);
    // A first read's frozen content may arrive in one or two batches (DataLoader batches by tick),
    // never one per version or clause.
    for (const { cold, warm } of [twelve, hundredTwenty]) {
      expect(cold).toBeLessThanOrEqual(warm + CATALOGUE_READ + FROZEN_KINDS + 1);
    }
    // The bulk versions are really in the answer: the count did not stay flat by missing them.
    const answer = await api.current.execute<{
      document: { versions: { edges: { node: { label: string; clauses: unknown[] } }[] } };
    }>('{ document(slug: "privacy-statement") { versions(first: 50) { edges { node { label clauses { key } } } } } }');
    const versions = answer.document.versions.edges.map((edge) => edge.node);
    expect(versions.find((version) => version.label === 'bulk-120-0')?.clauses).toHaveLength(120);
    expect(versions.find((version) => version.label === 'bulk-12-0')?.clauses).toHaveLength(12);
  });

  it('resolves current facts per segment at a cost that does not grow with the number of features', async () => {
    const query = `{ aiFeatures { slug
      consumer: current(segment: "consumer") { governingClauses { key } }
      education: current(segment: "education") { governingClauses { key } }
      healthcare: current(segment: "healthcare") { governingClauses { key } }
    } }`;
    const before = await statementsFor(query);
    const { prisma } = api.current.database;
    const template = await prisma.aiFeatureFacts.findMany({
      where: { revision: { feature: { slug: 'meeting-summary' }, number: 1 } },
    });
    for (let index = 0; index < 4; index += 1) {
      const feature = await prisma.aiFeature.create({
        data: { slug: `extra-${index}`, name: `Extra ${index}`, description: 'Synthetic', position: 10 + index },
      });
      const revision = await prisma.aiFeatureRevision.create({
        data: {
          featureId: feature.id,
          number: 1,
          status: 'APPROVED',
          publishedAt: new Date('2024-01-01'),
          effectiveAt: new Date('2024-01-01'),
        },
      });
      await prisma.aiFeatureFacts.createMany({
        data: template.map(({ id: _id, revisionId: _revisionId, ...facts }) => ({ ...facts, revisionId: revision.id })),
      });
      await prisma.aiFeatureRevision.update({ where: { id: revision.id }, data: { status: 'PUBLISHED' } });
    }
    // Written behind the API's back (no mutation): the database's own generation count tells the
    // next request to read the catalogue again, which then holds the new features.
    const reload = await statementsFor(query);
    expect(reload).toBeGreaterThan(before);
    const answer = await api.current.execute<{ aiFeatures: { slug: string; consumer: unknown }[] }>(query);
    expect(answer.aiFeatures.filter((feature) => feature.slug.startsWith('extra-'))).toHaveLength(4);
    const after = await statementsFor(query);
    expect(after).toBe(before);
    expect(before).toBeLessThanOrEqual(3);
  });
});
