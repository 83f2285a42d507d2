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
