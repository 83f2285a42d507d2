/**
 * The notification worker (issue 18), run inside the API server process. Each round (`runOnce`):
 *
 * 1. **Fan out** due outbox events to webhook endpoints and e-mail subscribers (fan-out.ts), then
 *    hand each to `onDispatched` (live updates).
 * 2. **Claim** due deliveries of both channels (claims.ts: row claims that several instances
 *    share on PostgreSQL; an expired claim is taken again after a crash).
 * 3. **Deliver**: webhooks (webhook-delivery.ts, every attempt logged in WebhookAttempt) and
 *    e-mails (mail-delivery.ts). A failure schedules the next attempt (retry-schedule.ts) or,
 *    after MAX_ATTEMPTS, marks the delivery DEAD: a dead letter the partner can replay, a failure
 *    editors see.
 * 4. **Forget** unconfirmed subscribers whose confirmation link expired.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@candor/schema';
import type { Logger } from '../logger.js';
import { claimDue } from './claims.js';
import { type DispatchedEvent, EVENTS_PER_ROUND, fanOutDue } from './fan-out.js';
import { sendNoticeMail } from './mail-delivery.js';
import type { Mailer } from './mailer.js';
import { resolveHost } from './partners.js';
import { nextAttemptAt } from './retry-schedule.js';
import { purgeExpiredSubscribers } from './subscriber-store.js';
import { sendWebhook } from './webhook-delivery.js';

export type { DispatchedEvent } from './fan-out.js';

export interface NotificationWorkerOptions {
  prisma: PrismaClient;
  /** Scheduling clock: what is due, when to retry (tests move it past nextAttemptAt). */
  clock: () => Date;
  /** CANDOR_WEBHOOKS_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** CANDOR_NOTIFY_POLL_MS: the pause between rounds of `start()`. */
  pollMs: number;
  logger: Logger;
  /** Sends notice e-mails (SMTP or the outbox directory); without one, e-mail deliveries wait. */
  mailer?: Mailer | undefined;
  /** CANDOR_SITE_URL: the origin of the links in e-mails. */
  siteUrl?: string | undefined;
  /** Milliseconds a receiver has to answer (default 10 s). */
  timeoutMs?: number;
  /** How long a claim holds before another worker may take the delivery (default 2 min). */
  claimMs?: number;
  /** Deliveries claimed per round and channel (default 20). */
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

export interface NotificationRound {
  /** Events fanned out this round. */
  dispatched: number;
  /** Webhook deliveries attempted this round, and how they went. */
  attempted: number;
  delivered: number;
  failed: number;
  /** Notice e-mails attempted this round, and how they went. */
  mail: { attempted: number; sent: number; failed: number };
  /** The round took as much as it may take: more is probably due now, so `start()` runs the next at once. */
  full: boolean;
}

export interface NotificationWorker {
  runOnce(): Promise<NotificationRound>;
  /** Polls every `pollMs` until `stop()`. */
  start(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/** The row update after a failed attempt: retry later, or dead when out of attempts (or `final`). */
function afterFailure(attempt: number, now: Date, final: boolean, random: (() => number) | undefined) {
  const retryAt = final ? null : nextAttemptAt(attempt, now, random);
  return {
    dead: retryAt === null,
    data:
      retryAt === null
        ? { status: 'DEAD' as const, attempts: attempt, claimedBy: null, claimedUntil: null }
        : { attempts: attempt, nextAttemptAt: retryAt, claimedBy: null, claimedUntil: null },
  };
}

export function createNotificationWorker(options: NotificationWorkerOptions): NotificationWorker {
  const { prisma, logger } = options;
  const workerId = options.workerId ?? randomUUID();
  const claimMs = options.claimMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const postgres = (prisma as unknown as { _activeProvider?: string })._activeProvider === 'postgresql';
  const webhookContext = {
    prisma,
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs ?? 10_000,
    resolve: options.resolve ?? resolveHost,
    signingClock: options.signingClock ?? (() => new Date()),
  };
  const mailer = options.mailer;
  const mailContext =
    mailer === undefined ? null : { prisma, mailer, siteUrl: options.siteUrl ?? 'http://127.0.0.1:4000', workerId };

  async function deliverWebhook(id: string, now: Date): Promise<boolean> {
    const { attempts, eventId } = await prisma.webhookDelivery.findUniqueOrThrow({
      where: { id },
      select: { attempts: true, eventId: true },
    });
    const attempt = attempts + 1;
    const started = performance.now();
    const outcome = await sendWebhook(webhookContext, id, now);
    const durationMs = Math.round(performance.now() - started);
    const failure = outcome.ok ? null : afterFailure(attempt, now, outcome.final, options.random);
    await prisma.$transaction([
      prisma.webhookAttempt.create({
        data: {
          deliveryId: id,
          number: attempt,
          at: now,
          httpStatus: outcome.httpStatus,
          error: outcome.error,
          durationMs,
        },
      }),
      prisma.webhookDelivery.updateMany({
        where: { id, claimedBy: workerId },
        data:
          failure === null
            ? { status: 'DELIVERED', attempts: attempt, deliveredAt: now, claimedBy: null, claimedUntil: null }
            : failure.data,
      }),
    ]);
    if (failure !== null) {
      logger.warn('webhook delivery failed', {
        deliveryId: id,
        eventId,
        attempt,
        error: outcome.error,
        dead: failure.dead,
      });
    }
    return outcome.ok;
  }

  /** Sends one e-mail; null when nothing was attempted (the subscriber left, or the claim lapsed). */
  async function deliverMail(id: string, now: Date, shared: Map<string, Promise<unknown>>): Promise<boolean | null> {
    if (mailContext === null) return null;
    const { attempts } = await prisma.mailDelivery.findUniqueOrThrow({ where: { id }, select: { attempts: true } });
    const attempt = attempts + 1;
    const outcome = await sendNoticeMail({ ...mailContext, shared }, id);
    switch (outcome.kind) {
      case 'lost':
        return null;
      case 'gone':
        await prisma.mailDelivery.deleteMany({ where: { id, claimedBy: workerId } });
        return null;
      case 'sent':
        await prisma.mailDelivery.updateMany({
          where: { id, claimedBy: workerId },
          data: {
            status: 'DELIVERED',
            attempts: attempt,
            deliveredAt: now,
            lastError: null,
            claimedBy: null,
            claimedUntil: null,
          },
        });
        return true;
      case 'failed': {
        const failure = afterFailure(attempt, now, false, options.random);
        await prisma.mailDelivery.updateMany({
          where: { id, claimedBy: workerId },
          data: { ...failure.data, lastError: outcome.error },
        });
        logger.warn('notice e-mail failed', { deliveryId: id, attempt, error: outcome.error, dead: failure.dead });
        return false;
      }
    }
  }

  async function runOnce(): Promise<NotificationRound> {
    const now = options.clock();
    const fanned = await fanOutDue(prisma, now);
    for (const { event, sent } of fanned) {
      if (sent) options.onDispatched?.(event);
      else logger.info('notification event skipped: its record was withdrawn', { eventId: event.id });
    }
    const claim = { now, until: new Date(now.getTime() + claimMs), workerId, batchSize, postgres };
    const webhookIds = await claimDue(prisma, 'WebhookDelivery', claim);
    const mailIds = mailContext === null ? [] : await claimDue(prisma, 'MailDelivery', claim);
    const shared = new Map<string, Promise<unknown>>();
    const [webhooks, mails] = await Promise.all([
      Promise.all(webhookIds.map((id) => deliverWebhook(id, now))),
      // One round's messages share their reads of the organisation, segments and records.
      Promise.all(mailIds.map((id) => deliverMail(id, now, shared))),
    ]);
    // Double opt-in: an address whose link expired unconfirmed is not kept.
    await purgeExpiredSubscribers(prisma, now);
    const delivered = webhooks.filter(Boolean).length;
    const sent = mails.filter((result) => result === true).length;
    const mailFailed = mails.filter((result) => result === false).length;
    return {
      dispatched: fanned.length,
      attempted: webhookIds.length,
      delivered,
      failed: webhookIds.length - delivered,
      mail: { attempted: sent + mailFailed, sent, failed: mailFailed },
      full: fanned.length === EVENTS_PER_ROUND || webhookIds.length === batchSize || mailIds.length === batchSize,
    };
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  // A backlog (a notice to many subscribers) is drained round after round; the poll interval is
  // the pause when there is nothing more to do, or after a failed round.
  const tick = () => {
    let full = false;
    running = runOnce()
      .then((round) => {
        full = round.full;
      })
      .catch((error: unknown) => {
        logger.error('notification worker round failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, full ? 0 : options.pollMs);
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
