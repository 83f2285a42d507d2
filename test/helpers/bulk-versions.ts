import type { PrismaClient } from '@candor/schema';
import { TEST_NOW } from './providers.js';

/**
 * Publishes `count` versions of `clauses` clauses each (with an explanation per segment) of the
 * sample's privacy statement straight into the database, for tests that show a cost does not grow
 * with the data. Labels are `bulk-<clauses>-<n>`.
 */
export async function publishBulkVersions(prisma: PrismaClient, count: number, clauses: number): Promise<void> {
  const document = await prisma.document.findUniqueOrThrow({ where: { slug: 'privacy-statement' } });
  const segments = await prisma.segment.findMany();
  for (let index = 0; index < count; index += 1) {
    // An hour apart, all before TEST_NOW: published and in force by then.
    const at = new Date(TEST_NOW.getTime() - (count - index) * 3_600_000);
    const version = await prisma.version.create({
      data: {
        documentId: document.id,
        label: `bulk-${clauses}-${index}`,
        // APPROVED first: the database refuses clauses added to a published version.
        status: 'APPROVED',
        publishedAt: at,
        effectiveAt: at,
        contentHash: `${clauses}${index}`.padStart(64, '0'),
      },
    });
    await prisma.clause.createMany({
      data: Array.from({ length: clauses }, (_, n) => ({
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
    await prisma.version.update({ where: { id: version.id }, data: { status: 'PUBLISHED' } });
  }
}
