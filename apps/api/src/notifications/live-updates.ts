/**
 * Live updates (issue 18): the GraphQL subscription `changePublished` is fed from the outbox. The
 * notification worker hands each event it dispatched to `onDispatched` once, on the one instance
 * that dispatched it, after its transaction committed (worker.ts); that instance works out the
 * event's scope (change-scope.ts) and publishes it. Without REDIS_URL it goes to this process's
 * subscribers (graphql-yoga's in-process pubsub); with it, through a Redis channel under
 * CANDOR_REDIS_PREFIX to every instance's subscribers — the publishing instance's own included,
 * which hear it from Redis like the others (the Redis event target does not dispatch locally), so
 * each subscriber anywhere gets each event once.
 *
 * Events a subscriber's instance misses (not connected to Redis at that moment, or not running)
 * are not replayed: a subscription tells what happens while it is open; the outbox's webhooks are
 * the channel that retries.
 */
import type { PrismaClient } from '@candor/schema';
import type { ChangeFeed, LiveChange } from '@candor/schema/domain';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSubEventTarget, Repeater } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { describeError, type Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { changeScopeOf } from './change-scope.js';
import type { DispatchedEvent } from './worker.js';

export interface LiveUpdates {
  /** What the GraphQL context's `changes` subscribes to (yoga.ts). */
  feed: ChangeFeed;
  /** The notification worker's hook: publishes one dispatched event (in dispatch order). */
  onDispatched(event: DispatchedEvent): void;
  /** Subscriptions listening on this instance right now (tests wait for theirs before publishing). */
  listening(): number;
  /** Resolves once every event handed over so far is published (tests; shutdown). */
  published(): Promise<void>;
  /**
   * Ends every open subscription of this instance (each SSE stream sends `complete` and closes), so
   * a shutdown need not wait out its grace period for them; clients reconnect to another instance.
   */
  endSubscriptions(): void;
  /** Publishes what is pending, then closes the Redis connections, if any. */
  close(): Promise<void>;
}

export interface LiveUpdatesOptions {
  prisma: PrismaClient;
  /** Stamps each event's dispatch: subscribers answer it as of then. */
  clock: () => Date;
  logger: Logger;
  /** REDIS_URL; absent: in this process only. */
  redisUrl?: string | undefined;
  /** CANDOR_REDIS_PREFIX: the channel is `${prefix}live-updates`. */
  redisPrefix?: string;
  /** The instance's metrics: `candor_live_subscriptions` follows the subscriptions listening. */
  metrics?: Pick<Metrics, 'liveSubscriptions'>;
}

type Topics = Record<string, [LiveChange]>;

/** The pubsub's one topic (its Redis channel name, with the prefix). */
const TOPIC = 'live-updates';

/**
 * ioredis connections for pub/sub that never give up: commands wait while Redis is away (no retry
 * limit, offline queue kept) instead of failing, and the subscriber re-subscribes on reconnect.
 */
const connect = (url: string, logger: Logger, role: string) => {
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let lastWarning = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    logger.warn('live updates: redis connection error', { role, error: { name: error.name, message: error.message } });
  });
  return client;
};

/**
 * The Redis event target calls `publish`, `subscribe` and `unsubscribe` without handling their
 * promises (@graphql-yoga/redis-event-target 3.0.4, src/index.ts); one that rejects — the
 * connection closing at shutdown — would be an unhandled rejection, which ends the process. This
 * view of the client catches and logs them.
 */
function catching(client: Redis, logger: Logger, commands: readonly ('publish' | 'subscribe' | 'unsubscribe')[]) {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !(commands as readonly PropertyKey[]).includes(property)) return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((error: unknown) => {
          logger.warn('live updates: redis command failed', { command: String(property), ...describeError(error) });
        });
    },
  });
}

/** An event target that counts the listeners added to it and not yet removed (one per subscription). */
function counting(
  target: PubSubEventTarget<Topics>,
  count: { value: number },
  metrics: LiveUpdatesOptions['metrics'],
): PubSubEventTarget<Topics> {
  return {
    addEventListener(type, callback, options) {
      count.value += 1;
      metrics?.liveSubscriptions.inc();
      target.addEventListener(type, callback, options);
    },
    removeEventListener(type, callback, options) {
      count.value -= 1;
      metrics?.liveSubscriptions.dec();
      target.removeEventListener(type, callback, options);
    },
    dispatchEvent: (event) => target.dispatchEvent(event),
  };
}

export function createLiveUpdates(options: LiveUpdatesOptions): LiveUpdates {
  const { prisma, clock, logger } = options;
  const clients =
    options.redisUrl === undefined
      ? null
      : {
          publish: connect(options.redisUrl, logger, 'publish'),
          subscribe: connect(options.redisUrl, logger, 'subscribe'),
        };
  const topic = clients === null ? TOPIC : `${options.redisPrefix ?? ''}${TOPIC}`;
  const listeners = { value: 0 };
  const target: PubSubEventTarget<Topics> =
    clients === null
      ? // What createPubSub uses when given none; given here to be counted.
        (new EventTarget() as PubSubEventTarget<Topics>)
      : createRedisEventTarget({
          publishClient: catching(clients.publish, logger, ['publish']),
          subscribeClient: catching(clients.subscribe, logger, ['subscribe', 'unsubscribe']),
        });
  const pubsub = createPubSub<Topics>({ eventTarget: counting(target, listeners, options.metrics) });

  // One after another, so subscribers see events in the order the worker dispatched them.
  let queue: Promise<void> = Promise.resolve();
  const publish = async (event: DispatchedEvent) => {
    const change: LiveChange = {
      id: event.id,
      type: event.type as LiveChange['type'],
      subjectKey: event.subjectKey,
      material: event.material,
      payload: event.payload,
      dispatchedAt: clock().toISOString(),
      scope: await changeScopeOf(prisma, event.subjectKey),
    };
    pubsub.publish(topic, change);
  };

  const open = new Set<() => void>();
  const subscribe = (keep: (change: LiveChange) => boolean) =>
    new Repeater<LiveChange>(async (push, stop) => {
      const source = pubsub.subscribe(topic);
      const end = () => stop();
      open.add(end);
      // Stopped by the client going away (yoga returns the iterator) or by endSubscriptions.
      void stop.then(() => {
        open.delete(end);
        void source.return();
      });
      for await (const change of source) if (keep(change)) await push(change);
    });

  return {
    feed: { subscribe },
    onDispatched(event) {
      queue = queue.then(() =>
        publish(event).catch((error: unknown) => {
          logger.warn('live updates: could not publish an event', { eventId: event.id, ...describeError(error) });
        }),
      );
    },
    listening: () => listeners.value,
    endSubscriptions() {
      for (const end of [...open]) end();
    },
    published: () => queue,
    async close() {
      await queue;
      if (clients === null) return;
      await Promise.all(
        [clients.publish, clients.subscribe].map((client) => client.quit().catch(() => client.disconnect())),
      );
    },
  };
}
