import type { PrismaClient } from '../db/client.js';
import { type NotificationEventType, type NotificationSubject, notificationEvent } from '../domain/notifications.js';

export type OutboxDb = Pick<PrismaClient, 'notificationEvent'>;

/**
 * Writes the notification events of a change into the outbox (NotificationEvent), in the
 * caller's transaction: they commit with the change or not at all. The delivery worker
 * (apps/api/src/notifications/worker.ts) sends them.
 */
export async function recordNotifications(
  db: OutboxDb,
  subject: NotificationSubject,
  types: readonly NotificationEventType[],
  occurredAt: Date,
): Promise<void> {
  await db.notificationEvent.createMany({ data: types.map((type) => notificationEvent(type, subject, occurredAt)) });
}

/** The dates a version or revision was published with and takes effect on. */
export interface PublishedDates {
  publishedAt: Date;
  effectiveAt: Date;
}

/**
 * The dates on a published row. Both are set once a record is published; `now` stands in for a
 * missing one so that the event is written all the same.
 */
export const publishedDates = (
  row: { publishedAt: Date | null; effectiveAt: Date | null },
  now: Date,
): PublishedDates => ({ publishedAt: row.publishedAt ?? now, effectiveAt: row.effectiveAt ?? now });

/**
 * A document version as the subject of its events; `comparedWith` is the label its changes page
 * compares it with (null: the payload links no changes page).
 */
export const versionSubject = (
  version: { id: string; label: string; material: boolean; document: { slug: string } },
  dates: PublishedDates,
  comparedWith: string | null = null,
): NotificationSubject => ({
  kind: 'version',
  id: version.id,
  document: version.document.slug,
  label: version.label,
  comparedWith,
  material: version.material,
  ...dates,
});

/** An AI-feature revision as the subject of its events. */
export const revisionSubject = (
  revision: { id: string; number: number; material: boolean; feature: { slug: string } },
  dates: PublishedDates,
): NotificationSubject => ({
  kind: 'revision',
  id: revision.id,
  feature: revision.feature.slug,
  number: revision.number,
  material: revision.material,
  ...dates,
});
