/**
 * Claiming due deliveries, the one step the webhook and the e-mail channels share: a worker marks
 * the rows it is about to send (`claimedBy`/`claimedUntil`) so no other instance sends them too.
 * On PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` in a short transaction lets several instances
 * take disjoint batches without waiting on each other; on SQLite (one writer) a conditional UPDATE
 * per row does the same. A claim that expires (its process was killed mid-delivery) is taken
 * again: delivery is at least once, and the idempotency key (`webhook-id`, the e-mail's
 * Message-ID) lets receivers drop the duplicate.
 */
import type { PrismaClient } from '@candor/schema';

/** The delivery tables: same claim columns, one row per event and recipient. */
export type DeliveryTable = 'WebhookDelivery' | 'MailDelivery';

interface ClaimRow {
  id: string;
  claimedUntil: Date | null;
}

/** The part of a Prisma delegate the claim uses (both tables have these columns). */
interface ClaimDelegate {
  findMany(args: object): Promise<ClaimRow[]>;
  updateMany(args: object): Promise<{ count: number }>;
}

const delegateOf = (prisma: Pick<PrismaClient, 'webhookDelivery' | 'mailDelivery'>, table: DeliveryTable) =>
  (table === 'WebhookDelivery' ? prisma.webhookDelivery : prisma.mailDelivery) as unknown as ClaimDelegate;

export interface ClaimOptions {
  now: Date;
  /** When the claim lapses. */
  until: Date;
  workerId: string;
  batchSize: number;
  postgres: boolean;
}

/** Claims up to `batchSize` due PENDING rows of `table` for this worker; returns their ids. */
export async function claimDue(prisma: PrismaClient, table: DeliveryTable, options: ClaimOptions): Promise<string[]> {
  const { now, until, workerId } = options;
  if (options.postgres) {
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT "id" FROM "${table}"
          WHERE "status" = 'PENDING' AND "nextAttemptAt" <= CAST($1 AS timestamp(3))
            AND ("claimedUntil" IS NULL OR "claimedUntil" < CAST($1 AS timestamp(3)))
          ORDER BY "nextAttemptAt" LIMIT ${Number(options.batchSize)}
          FOR UPDATE SKIP LOCKED`,
        now.toISOString(),
      );
      const ids = rows.map((row) => row.id);
      if (ids.length > 0) {
        await delegateOf(tx, table).updateMany({
          where: { id: { in: ids } },
          data: { claimedBy: workerId, claimedUntil: until },
        });
      }
      return ids;
    });
  }
  const delegate = delegateOf(prisma, table);
  const candidates = await delegate.findMany({
    where: {
      status: 'PENDING',
      nextAttemptAt: { lte: now },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: 'asc' },
    take: options.batchSize,
    select: { id: true, claimedUntil: true },
  });
  const claimed: string[] = [];
  for (const candidate of candidates) {
    // Conditional on the claim read: whoever changed it first keeps it.
    const taken = await delegate.updateMany({
      where: { id: candidate.id, status: 'PENDING', claimedUntil: candidate.claimedUntil },
      data: { claimedBy: workerId, claimedUntil: until },
    });
    if (taken.count === 1) claimed.push(candidate.id);
  }
  return claimed;
}
