/**
 * The evidence behind each published record's proof of notice (issue 18): what became of its
 * `*.published` event — when the worker fanned it out, and its webhook and e-mail deliveries,
 * counted by status. Never cached beyond the request: deliveries change after publication (they
 * are retried, delivered, dead-lettered), unlike the record itself.
 *
 * However many versions and revisions a query asks about, one batch costs three statements: the
 * events, then the two delivery tables grouped in the database (a change told to thousands of
 * subscribers is counted there, not read row by row).
 */
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.js';
import type { NotificationSubject } from '../domain/notifications.js';
import { subjectKeyOf } from '../domain/notifications.js';
import type { NoticeChannel, NoticeTally } from '../domain/proof-of-notice.js';

/** What became of one record's publication notice. */
export interface NoticeEvidence {
  /**
   * When the worker fanned the event out to the endpoints and subscribers registered then; null
   * while it has not yet.
   */
  dispatchedAt: Date | null;
  tallies: readonly NoticeTally[];
}

/** A record whose notice is asked for. */
export interface NoticeSubject {
  kind: Extract<NotificationSubject['kind'], 'version' | 'revision'>;
  id: string;
}

/** The event that announced a record's publication: its deliveries are the notice given. */
const PUBLISHED_EVENT: Record<NoticeSubject['kind'], string> = {
  version: 'version.published',
  revision: 'revision.published',
};

interface GroupRow {
  eventId: string;
  status: NoticeTally['status'];
  _count: { _all: number };
  _min: { deliveredAt: Date | null };
  _max: { deliveredAt: Date | null };
}

const tallyOf = (channel: NoticeChannel, row: GroupRow): NoticeTally => ({
  channel,
  status: row.status,
  count: row._count._all,
  firstDeliveredAt: row._min.deliveredAt,
  lastDeliveredAt: row._max.deliveredAt,
});

/**
 * Per-request loader: a record's evidence, or null when no publication event was ever written
 * for it (published before notices existed, imported, or written behind the workflow's back).
 */
export function noticeLoader(prisma: PrismaClient): DataLoader<NoticeSubject, NoticeEvidence | null, string> {
  return new DataLoader(
    async (subjects) => {
      const keys = subjects.map(subjectKeyOf);
      const events = await prisma.notificationEvent.findMany({
        where: { type: { in: Object.values(PUBLISHED_EVENT) }, subjectKey: { in: keys } },
        select: { id: true, subjectKey: true, dispatchedAt: true },
      });
      const eventIds = events.map((event) => event.id);
      const where = { eventId: { in: eventIds } };
      const [webhooks, mails]: [GroupRow[], GroupRow[]] =
        eventIds.length === 0
          ? [[], []]
          : await Promise.all([
              prisma.webhookDelivery.groupBy({
                by: ['eventId', 'status'],
                where,
                _count: { _all: true },
                _min: { deliveredAt: true },
                _max: { deliveredAt: true },
              }),
              prisma.mailDelivery.groupBy({
                by: ['eventId', 'status'],
                where,
                _count: { _all: true },
                _min: { deliveredAt: true },
                _max: { deliveredAt: true },
              }),
            ]);
      const talliesByEvent = new Map<string, NoticeTally[]>(eventIds.map((id) => [id, []]));
      for (const row of webhooks) talliesByEvent.get(row.eventId)?.push(tallyOf('webhook', row));
      for (const row of mails) talliesByEvent.get(row.eventId)?.push(tallyOf('email', row));
      const byKey = new Map<string, NoticeEvidence>();
      for (const event of events) {
        // One publication event per record; were there two, their deliveries all told someone.
        const known = byKey.get(event.subjectKey);
        const tallies = talliesByEvent.get(event.id) ?? [];
        byKey.set(event.subjectKey, {
          dispatchedAt: earliest(known?.dispatchedAt ?? null, event.dispatchedAt),
          tallies: [...(known?.tallies ?? []), ...tallies],
        });
      }
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { cacheKeyFn: subjectKeyOf },
  );
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
