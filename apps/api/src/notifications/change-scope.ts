/**
 * What an outbox event is about, as live-update filters see it (domain/live-changes.ts): worked
 * out once, by the instance that publishes the event, so that no subscriber anywhere reads the
 * database to filter. Segments include retired ones: their keys still name what was published.
 */
import type { PrismaClient } from '@candor/schema';
import { type ChangeScope, subjectOf } from '@candor/schema/domain';

const NOTHING: ChangeScope = { documents: [], features: [], segments: [] };

const distinct = (values: Iterable<string>) => [...new Set(values)].sort();

export async function changeScopeOf(prisma: PrismaClient, subjectKey: string): Promise<ChangeScope> {
  const subject = subjectOf(subjectKey);
  if (subject === null) return NOTHING;
  switch (subject.kind) {
    case 'version': {
      const version = await prisma.version.findUnique({
        where: { id: subject.id },
        select: { document: { select: { slug: true, segments: { select: { segment: { select: { key: true } } } } } } },
      });
      if (version === null) return NOTHING;
      const { slug, segments } = version.document;
      return { documents: [slug], features: [], segments: distinct(segments.map((link) => link.segment.key)) };
    }
    case 'revision': {
      const revision = await prisma.aiFeatureRevision.findUnique({
        where: { id: subject.id },
        select: { feature: { select: { slug: true } }, facts: { select: { segment: { select: { key: true } } } } },
      });
      if (revision === null) return NOTHING;
      return {
        documents: [],
        features: [revision.feature.slug],
        segments: distinct(revision.facts.map((facts) => facts.segment.key)),
      };
    }
    case 'consent_release': {
      const rows = await prisma.consentStat.findMany({
        where: { importId: subject.id },
        distinct: ['featureId', 'segmentId'],
        select: { feature: { select: { slug: true } }, segment: { select: { key: true } } },
      });
      return {
        documents: [],
        features: distinct(rows.map((row) => row.feature.slug)),
        segments: distinct(rows.map((row) => row.segment.key)),
      };
    }
  }
}
