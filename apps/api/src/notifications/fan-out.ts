/**
 * Fanning due outbox events out to their recipients: one WebhookDelivery per active endpoint whose
 * filter takes the event, one MailDelivery per confirmed subscriber who follows the change
 * (notice-recipients.ts). The event is marked dispatched by a conditional UPDATE in the same
 * transaction as the rows, so two instances never fan the same event out twice. An `*.in_effect`
 * event whose record was withdrawn before it took effect goes to nobody.
 */
import type { PrismaClient } from '@candor/schema';
import { endpointWants } from '@candor/schema/domain';
import { mailRecipients } from './notice-recipients.js';

/** An outbox event as it was fanned out. */
export interface DispatchedEvent {
  id: string;
  type: string;
  subjectKey: string;
  material: boolean;
  /** The JSON body partners receive (domain/notifications.ts). */
  payload: string;
}

/** Events fanned out per round at most; the rest wait for the next round. */
export const EVENTS_PER_ROUND = 100;

/** Withdrawn records whose `*.in_effect` events must not go out. */
async function withdrawnSubject(prisma: PrismaClient, subjectKey: string): Promise<boolean> {
  const [kind, id] = subjectKey.split(':');
  if (id === undefined) return false;
  if (kind === 'version') return (await prisma.withdrawal.count({ where: { versionId: id } })) > 0;
  if (kind === 'revision') return (await prisma.withdrawal.count({ where: { revisionId: id } })) > 0;
  return false;
}

export interface FannedOut {
  event: DispatchedEvent;
  /** False when the event was skipped (its record withdrawn before it took effect). */
  sent: boolean;
}

/** Fans out the events due at `now`; returns those this call dispatched. */
export async function fanOutDue(prisma: PrismaClient, now: Date): Promise<FannedOut[]> {
  const due = await prisma.notificationEvent.findMany({
    where: { dispatchedAt: null, dueAt: { lte: now } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: EVENTS_PER_ROUND,
    select: { id: true, type: true, subjectKey: true, material: true, payload: true },
  });
  const fanned: FannedOut[] = [];
  for (const event of due) {
    const skip = event.type.endsWith('.in_effect') && (await withdrawnSubject(prisma, event.subjectKey));
    const endpoints = skip
      ? []
      : (
          await prisma.webhookEndpoint.findMany({
            where: { disabledAt: null, partner: { disabledAt: null } },
            select: { id: true, eventTypes: true },
          })
        ).filter((endpoint) => endpointWants(endpoint.eventTypes, event.type));
    const subscribers = skip ? [] : await mailRecipients(prisma, event);
    const done = await prisma.$transaction(async (tx) => {
      const marked = await tx.notificationEvent.updateMany({
        where: { id: event.id, dispatchedAt: null },
        data: { dispatchedAt: now },
      });
      if (marked.count !== 1) return false; // another instance fanned it out
      if (endpoints.length > 0) {
        await tx.webhookDelivery.createMany({
          data: endpoints.map((endpoint) => ({
            eventId: event.id,
            endpointId: endpoint.id,
            nextAttemptAt: now,
            createdAt: now,
          })),
        });
      }
      if (subscribers.length > 0) {
        await tx.mailDelivery.createMany({
          data: subscribers.map((subscriberId) => ({
            eventId: event.id,
            subscriberId,
            nextAttemptAt: now,
            createdAt: now,
          })),
        });
      }
      return true;
    });
    if (done) fanned.push({ event, sent: !skip });
  }
  return fanned;
}
