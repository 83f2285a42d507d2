/**
 * Notices that did not get through (issue 18, "editors see failures"): webhook and e-mail
 * deliveries that are dead (out of attempts) or still pending after several failed attempts, newest
 * first, across both tables. E-mails name no subscriber: editors see that a notice failed and why,
 * never to whom (the address is the subscriber's, and is deleted when they leave).
 */
import type { PrismaClient } from '../db/client.js';
import type { NoticeChannel } from '../domain/proof-of-notice.js';

/**
 * A pending delivery counts as failing from this many failed attempts: by then it has failed for
 * about five minutes (the retry schedule, apps/api/src/notifications/retry-schedule.ts: at once,
 * 5 s, 5 min, …), past what a receiver's brief restart explains.
 */
export const FAILING_AFTER_ATTEMPTS = 3;

export interface NoticeFailure {
  /** The delivery's id (a WebhookDelivery's or a MailDelivery's). */
  id: string;
  channel: NoticeChannel;
  status: 'PENDING' | 'DEAD';
  /** When the notice was fanned out to this endpoint or subscriber (the order of the list). */
  createdAt: Date;
  eventId: string;
  eventType: string;
  /** `version:<id>`, `revision:<id>` or `consent_release:<id>`. */
  subjectKey: string;
  attempts: number;
  lastError: string | null;
  /** Webhooks only: the last answer's HTTP status (null when none came). */
  lastHttpStatus: number | null;
  /**
   * Webhooks: the last logged attempt. E-mails log no attempts one by one: for a dead one, when
   * its last attempt was due; null for a pending one.
   */
  lastAttemptAt: Date | null;
  /** When a pending delivery is tried next; null once dead. */
  nextAttemptAt: Date | null;
  /** Webhooks only: the partner and the endpoint it registered. */
  partnerName: string | null;
  endpointUrl: string | null;
}

/** A position in the list: the newest-first order is (createdAt, id) descending. */
export interface FailureCursor {
  createdAt: Date;
  id: string;
}

export interface FailurePage {
  /** Newer-first rows strictly after this position (`after`) … */
  after?: FailureCursor | undefined;
  /** … and strictly before this one (`before`). */
  before?: FailureCursor | undefined;
  limit: number;
  /** Read from the oldest end (a `last` page); the rows come oldest first. */
  inverted: boolean;
}

const failing = {
  OR: [{ status: 'DEAD' as const }, { status: 'PENDING' as const, attempts: { gte: FAILING_AFTER_ATTEMPTS } }],
};

/** (createdAt, id) strictly older (`lt`) or newer (`gt`) than a cursor. */
const beyond = (cursor: FailureCursor, direction: 'lt' | 'gt') => ({
  OR: [
    { createdAt: { [direction]: cursor.createdAt } },
    { createdAt: cursor.createdAt, id: { [direction]: cursor.id } },
  ],
});

export async function listNoticeFailures(prisma: PrismaClient, page: FailurePage): Promise<NoticeFailure[]> {
  const where = {
    AND: [
      failing,
      ...(page.after === undefined ? [] : [beyond(page.after, 'lt')]),
      ...(page.before === undefined ? [] : [beyond(page.before, 'gt')]),
    ],
  };
  const direction = page.inverted ? ('asc' as const) : ('desc' as const);
  const orderBy = [{ createdAt: direction }, { id: direction }];
  const event = { select: { id: true, type: true, subjectKey: true } };
  // Each table gives at most `limit`; the merge keeps the first `limit` of both.
  const [webhooks, mails] = await Promise.all([
    prisma.webhookDelivery.findMany({
      where,
      orderBy,
      take: page.limit,
      select: {
        id: true,
        status: true,
        createdAt: true,
        attempts: true,
        nextAttemptAt: true,
        event,
        endpoint: { select: { url: true, partner: { select: { name: true } } } },
        log: { orderBy: { number: 'desc' }, take: 1, select: { at: true, httpStatus: true, error: true } },
      },
    }),
    prisma.mailDelivery.findMany({
      where,
      orderBy,
      take: page.limit,
      select: {
        id: true,
        status: true,
        createdAt: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        event,
      },
    }),
  ]);
  const rows: NoticeFailure[] = [
    ...webhooks.map((row) => {
      const last = row.log[0];
      return {
        id: row.id,
        channel: 'webhook' as const,
        status: row.status as NoticeFailure['status'],
        createdAt: row.createdAt,
        eventId: row.event.id,
        eventType: row.event.type,
        subjectKey: row.event.subjectKey,
        attempts: row.attempts,
        lastError: last?.error ?? null,
        lastHttpStatus: last?.httpStatus ?? null,
        lastAttemptAt: last?.at ?? null,
        nextAttemptAt: row.status === 'DEAD' ? null : row.nextAttemptAt,
        partnerName: row.endpoint.partner.name,
        endpointUrl: row.endpoint.url,
      };
    }),
    ...mails.map((row) => ({
      id: row.id,
      channel: 'email' as const,
      status: row.status as NoticeFailure['status'],
      createdAt: row.createdAt,
      eventId: row.event.id,
      eventType: row.event.type,
      subjectKey: row.event.subjectKey,
      attempts: row.attempts,
      lastError: row.lastError,
      lastHttpStatus: null,
      // A dead delivery keeps the nextAttemptAt its last attempt was made at (the worker leaves it).
      lastAttemptAt: row.status === 'DEAD' ? row.nextAttemptAt : null,
      nextAttemptAt: row.status === 'DEAD' ? null : row.nextAttemptAt,
      partnerName: null,
      endpointUrl: null,
    })),
  ];
  const sign = page.inverted ? 1 : -1;
  rows.sort(
    (a, b) => sign * (a.createdAt.getTime() - b.createdAt.getTime()) || sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return rows.slice(0, page.limit);
}
