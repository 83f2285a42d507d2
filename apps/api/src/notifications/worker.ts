/**
 * The webhook delivery worker (issue 18), run inside the API server process. Each round
 * (`runOnce`):
 *
 * 1. **Fan out** due outbox events (NotificationEvent with `dueAt` reached and not yet
 *    dispatched) to the active endpoints whose filter takes them: one WebhookDelivery each. The
 *    event is marked dispatched by a conditional UPDATE in the same transaction, so two instances
 *    never fan the same event out twice. An `*.in_effect` event whose record was withdrawn before
 *    it took effect is dispatched to nobody.
 * 2. **Claim** due deliveries: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED` in a short
 *    transaction that sets `claimedBy`/`claimedUntil`, so several instances share the work; on
 *    SQLite (one writer) a conditional UPDATE per row. A claim that expires (its process was
 *    killed mid-delivery) is taken again: delivery is at least once, and `webhook-id` (the event's
 *    id) lets receivers drop the duplicate.
 * 3. **Deliver**: the target is checked again (DNS, then target-policy.ts), the JSON body is POSTed
 *    with the Standard Webhooks headers (every active secret signs during a rotation) under a
 *    timeout, redirects not followed. Every attempt is logged (WebhookAttempt); a 2xx delivers,
 *    anything else schedules the next attempt (retry-schedule.ts) or, after MAX_ATTEMPTS, marks
 *    the delivery DEAD (dead letter, replayable by the partner).
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@candor/schema';
import { endpointWants } from '@candor/schema/domain';
import type { Logger } from '../logger.js';
import { resolveHost } from './partners.js';
import { nextAttemptAt } from './retry-schedule.js';
import { signWebhook } from './standard-webhooks.js';
import { checkWebhookTarget } from './target-policy.js';

export interface NotificationWorkerOptions {
  prisma: PrismaClient;
  /** Scheduling clock: what is due, when to retry (tests move it past nextAttemptAt). */
  clock: () => Date;
  /** CANDOR_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** CANDOR_NOTIFY_POLL_MS: the pause between rounds of `start()`. */
  pollMs: number;
  logger: Logger;
  /** Milliseconds a receiver has to answer (default 10 s). */
  timeoutMs?: number;
  /** How long a claim holds before another worker may take the delivery (default 2 min). */
  claimMs?: number;
  /** Deliveries claimed per round (default 20). */
  batchSize?: number;
  /** This worker's name in `claimedBy` (default a random UUID). */
  workerId?: string;
  /** Host name → addresses (default node's DNS lookup). */
  resolve?: (hostname: string) => Promise<string[]>;
  /** The retry jitter source (retry-schedule.ts). */
  random?: () => number;
  /** The time stamped into `webhook-timestamp` (default real time: receivers compare it with theirs). */
  signingClock?: () => Date;
  /**
   * Called once per event, by the one instance that fanned it out, after that commits: live
   * updates (GraphQL subscriptions) publish it from here, so they follow the outbox too.
   */
  onDispatched?: (event: DispatchedEvent) => void;
}

/** An outbox event as it was fanned out. */
export interface DispatchedEvent {
  id: string;
  type: string;
  subjectKey: string;
  material: boolean;
  /** The JSON body partners receive (domain/notifications.ts). */
  payload: string;
}

export interface NotificationRound {
  /** Events fanned out this round. */
  dispatched: number;
  /** Deliveries attempted this round. */
  attempted: number;
  delivered: number;
  failed: number;
}

export interface NotificationWorker {
  runOnce(): Promise<NotificationRound>;
  /** Polls every `pollMs` until `stop()`. */
  start(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/** Withdrawn records whose `*.in_effect` events must not go out. */
async function withdrawnSubject(prisma: PrismaClient, subjectKey: string): Promise<boolean> {
  const [kind, id] = subjectKey.split(':');
  if (id === undefined) return false;
  if (kind === 'version') return (await prisma.withdrawal.count({ where: { versionId: id } })) > 0;
  if (kind === 'revision') return (await prisma.withdrawal.count({ where: { revisionId: id } })) > 0;
  return false;
}

export function createNotificationWorker(options: NotificationWorkerOptions): NotificationWorker {
  const { prisma, logger } = options;
  const workerId = options.workerId ?? randomUUID();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const claimMs = options.claimMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const resolve = options.resolve ?? resolveHost;
  const signingClock = options.signingClock ?? (() => new Date());
  const postgres = (prisma as unknown as { _activeProvider?: string })._activeProvider === 'postgresql';

  async function fanOut(now: Date): Promise<number> {
    const due = await prisma.notificationEvent.findMany({
      where: { dispatchedAt: null, dueAt: { lte: now } },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take: 100,
      select: { id: true, type: true, subjectKey: true, material: true, payload: true },
    });
    let dispatched = 0;
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
        return true;
      });
      if (done) dispatched += 1;
      if (done && !skip) options.onDispatched?.(event);
      if (done && skip) logger.info('webhook event skipped: its record was withdrawn', { eventId: event.id });
    }
    return dispatched;
  }

  async function claim(now: Date): Promise<string[]> {
    const until = new Date(now.getTime() + claimMs);
    if (postgres) {
      return prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
          `SELECT "id" FROM "WebhookDelivery"
            WHERE "status" = 'PENDING' AND "nextAttemptAt" <= CAST($1 AS timestamp(3))
              AND ("claimedUntil" IS NULL OR "claimedUntil" < CAST($1 AS timestamp(3)))
            ORDER BY "nextAttemptAt" LIMIT ${Number(batchSize)}
            FOR UPDATE SKIP LOCKED`,
          now.toISOString(),
        );
        const ids = rows.map((row) => row.id);
        if (ids.length > 0) {
          await tx.webhookDelivery.updateMany({
            where: { id: { in: ids } },
            data: { claimedBy: workerId, claimedUntil: until },
          });
        }
        return ids;
      });
    }
    const candidates = await prisma.webhookDelivery.findMany({
      where: {
        status: 'PENDING',
        nextAttemptAt: { lte: now },
        OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
      },
      orderBy: { nextAttemptAt: 'asc' },
      take: batchSize,
      select: { id: true, claimedUntil: true },
    });
    const claimed: string[] = [];
    for (const candidate of candidates) {
      // Conditional on the claim read: whoever changed it first keeps it.
      const taken = await prisma.webhookDelivery.updateMany({
        where: { id: candidate.id, status: 'PENDING', claimedUntil: candidate.claimedUntil },
        data: { claimedBy: workerId, claimedUntil: until },
      });
      if (taken.count === 1) claimed.push(candidate.id);
    }
    return claimed;
  }

  async function deliver(id: string, now: Date): Promise<boolean> {
    const delivery = await prisma.webhookDelivery.findUniqueOrThrow({
      where: { id },
      include: { event: true, endpoint: { include: { partner: { select: { disabledAt: true } } } } },
    });
    const { endpoint, event } = delivery;
    const number = delivery.attempts + 1;
    const started = performance.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    if (endpoint.disabledAt !== null || endpoint.partner.disabledAt !== null) {
      error = 'the endpoint was disabled';
    } else {
      const problem = checkWebhookTarget(endpoint.url, await resolve(new URL(endpoint.url).hostname), {
        allowPrivate: options.allowPrivate,
      });
      if (problem !== null) {
        error = `${problem.code}: ${problem.message}`;
      } else {
        const secrets = [endpoint.secret];
        if (
          endpoint.previousSecret !== null &&
          endpoint.previousSecretUntil !== null &&
          endpoint.previousSecretUntil > now
        ) {
          secrets.push(endpoint.previousSecret);
        }
        const headers = signWebhook({ secrets, id: event.id, timestamp: signingClock(), body: event.payload });
        try {
          const response = await fetch(endpoint.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': 'Candor-Webhooks/1', ...headers },
            body: event.payload,
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
          });
          httpStatus = response.status;
          await response.body?.cancel().catch(() => undefined);
        } catch (cause) {
          error =
            cause instanceof Error && cause.name === 'TimeoutError'
              ? `no answer within ${timeoutMs} ms`
              : `request failed: ${cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause)}`;
        }
      }
    }
    const durationMs = Math.round(performance.now() - started);
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    if (!ok && error === null) error = `HTTP ${httpStatus}`;
    const retryAt = ok || error === 'the endpoint was disabled' ? null : nextAttemptAt(number, now, options.random);
    await prisma.$transaction([
      prisma.webhookAttempt.create({
        data: { deliveryId: id, number, at: now, httpStatus, error: ok ? null : error, durationMs },
      }),
      prisma.webhookDelivery.updateMany({
        where: { id, claimedBy: workerId },
        data: ok
          ? { status: 'DELIVERED', attempts: number, deliveredAt: now, claimedBy: null, claimedUntil: null }
          : retryAt === null
            ? { status: 'DEAD', attempts: number, claimedBy: null, claimedUntil: null }
            : { attempts: number, nextAttemptAt: retryAt, claimedBy: null, claimedUntil: null },
      }),
    ]);
    if (!ok) {
      logger.warn('webhook delivery failed', {
        deliveryId: id,
        eventId: event.id,
        attempt: number,
        error,
        dead: retryAt === null,
      });
    }
    return ok;
  }

  async function runOnce(): Promise<NotificationRound> {
    const now = options.clock();
    const dispatched = await fanOut(now);
    const claimed = await claim(now);
    const results = await Promise.all(claimed.map((id) => deliver(id, now)));
    const delivered = results.filter(Boolean).length;
    return { dispatched, attempted: claimed.length, delivered, failed: claimed.length - delivered };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    running = runOnce()
      .catch((error: unknown) => {
        logger.error('webhook worker round failed', { error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };

  return {
    runOnce,
    start() {
      if (timer !== null || running !== null) return;
      stopped = false;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
