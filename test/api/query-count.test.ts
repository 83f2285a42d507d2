import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
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
  await api.current.execute(query);
  return recorder.dataStatements().length;
}

describe('nested queries resolve without N+1', () => {
  it('answers the deep document and feature query in a bounded number of statements', async () => {
    const statements = await statementsFor(DEEP_QUERY);
    // documents, versions, clauses, explanations, segments; features, revisions, facts,
    // segments, then the governing-clause loader's two batched statements.
    expect(statements).toBeLessThanOrEqual(14);
  });

  it('costs the same number of statements when there are more versions and clauses', async () => {
    const before = await statementsFor(DEEP_QUERY);
    const { prisma } = api.current.database;
    const document = await prisma.document.findUniqueOrThrow({ where: { slug: 'privacy-statement' } });
    const segments = await prisma.segment.findMany();
    for (let index = 0; index < 5; index += 1) {
      const version = await prisma.version.create({
        data: {
          documentId: document.id,
          label: `bulk-${index}`,
          // APPROVED first: the database refuses clauses added to a published version.
          status: 'APPROVED',
          publishedAt: new Date(TEST_NOW.getTime() - (10 - index) * 86_400_000),
          effectiveAt: new Date(TEST_NOW.getTime() - (10 - index) * 86_400_000),
          contentHash: `${index}`.padStart(64, '0'),
        },
      });
      await prisma.clause.createMany({
        data: Array.from({ length: 40 }, (_, n) => ({
          versionId: version.id,
          key: `b${n}`,
          number: `${n + 1}`,
          heading: `Heading ${n}`,
          body: `Body ${n}`,
          position: n,
        })),
      });
      await prisma.explanation.createMany({
        data: segments.map((segment) => ({
          versionId: version.id,
          segmentId: segment.id,
          summary: 'Bulk',
          affected: false,
        })),
      });
    }
    const after = await statementsFor(DEEP_QUERY);
    expect(after).toBe(before);
  });

  it('resolves current facts per segment at a cost that does not grow with the number of features', async () => {
    // Each alias selects the same relation with other arguments, so Pothos loads it in a separate
    // batched statement: the cost grows with the aliases in the query, never with the rows.
    const query = `{ aiFeatures { slug
      consumer: current(segment: consumer) { governingClauses { key } }
      education: current(segment: education) { governingClauses { key } }
      healthcare: current(segment: healthcare) { governingClauses { key } }
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
    const after = await statementsFor(query);
    expect(after).toBe(before);
    expect(before).toBeLessThanOrEqual(30);
  });
});
