/**
 * Who is e-mailed about an outbox event: the confirmed subscribers whose subscription takes the
 * change (subscriptions.ts `subscriptionWants`: their segment is one the change applies to, they
 * follow everything, its document or its feature, and it is material or they asked for every
 * change). Only publications are e-mailed — a notice says what will change and when; the
 * `*.in_effect` reminders, withdrawals and consent releases go to partners' webhooks and feeds.
 */
import type { PrismaClient } from '@candor/schema';
import { subjectOf } from '@candor/schema/domain';
import { type ChangeNotice, type SubscriptionScope, subscriptionWants } from './subscriptions.js';

const E_MAILED_TYPES = new Set(['version.published', 'revision.published']);

/** The change an event announces, as subscriptions see it; null for events nobody is e-mailed. */
async function changeOf(
  prisma: PrismaClient,
  event: { type: string; subjectKey: string },
): Promise<ChangeNotice | null> {
  if (!E_MAILED_TYPES.has(event.type)) return null;
  const subject = subjectOf(event.subjectKey);
  if (subject?.kind === 'version') {
    const version = await prisma.version.findUnique({
      where: { id: subject.id },
      select: {
        material: true,
        document: {
          select: {
            slug: true,
            segments: { where: { segment: { retiredAt: null } }, select: { segment: { select: { key: true } } } },
          },
        },
      },
    });
    if (version === null) return null;
    return {
      material: version.material,
      document: version.document.slug,
      segments: version.document.segments.map((link) => link.segment.key),
    };
  }
  if (subject?.kind === 'revision') {
    const revision = await prisma.aiFeatureRevision.findUnique({
      where: { id: subject.id },
      select: {
        material: true,
        feature: { select: { slug: true } },
        facts: { where: { segment: { retiredAt: null } }, select: { segment: { select: { key: true } } } },
      },
    });
    if (revision === null) return null;
    return {
      material: revision.material,
      feature: revision.feature.slug,
      segments: revision.facts.map((facts) => facts.segment.key),
    };
  }
  return null;
}

/** The ids of the subscribers to e-mail about `event` (none for events that are not e-mailed). */
export async function mailRecipients(
  prisma: PrismaClient,
  event: { type: string; subjectKey: string },
): Promise<string[]> {
  const change = await changeOf(prisma, event);
  if (change === null || change.segments.length === 0) return [];
  const subscribers = await prisma.subscriber.findMany({
    where: { confirmedAt: { not: null }, segmentKey: { in: [...change.segments] } },
    select: { id: true, segmentKey: true, subject: true, subjectKey: true, mode: true },
  });
  return subscribers
    .filter((subscriber) =>
      subscriptionWants(
        {
          segment: subscriber.segmentKey,
          subject: subscriber.subject as SubscriptionScope['subject'],
          key: subscriber.subjectKey,
          mode: subscriber.mode as SubscriptionScope['mode'],
        },
        change,
      ),
    )
    .map((subscriber) => subscriber.id);
}
