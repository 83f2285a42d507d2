import { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';

/**
 * The one Redis connection of an API instance (docs/operating.md, "Scale-out"). Rate limits and the response
 * cache share it. Every caller fails open: Redis is an accelerator and a shared counter, never a
 * reason to answer 5xx, so a command that fails or stalls is reported here and the caller carries
 * on as if the cache missed or the budget had room.
 */
export interface SharedRedis {
  client: Redis;
  /** Keys are `${prefix}…`, so several deployments (or test runs) can share one Redis. */
  prefix: string;
  /** Logs (at most once per 10 s) and counts a failed command; the caller then fails open. */
  reportFailure(operation: string, error: unknown): void;
  close(): Promise<void>;
}

/**
 * A request waits for Redis at most this long, then fails open. Once connected, commands also fail
 * at once while the connection is down (no offline queue); only before the first connection do they
 * wait for it, so the first requests after start-up are not needlessly uncounted and uncached.
 */
const COMMAND_TIMEOUT_MS = 500;

export function connectRedis(options: { url: string; prefix: string; logger: Logger; metrics: Metrics }): SharedRedis {
  const { url, prefix, logger, metrics } = options;
  const failures = new Counter({
    name: 'candor_redis_failures_total',
    help: 'Redis commands that failed (the caller failed open), by operation.',
    labelNames: ['operation'],
    registers: [metrics.registry],
  });
  const client = new Redis(url, {
    enableOfflineQueue: true,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // Keep trying to reconnect for as long as the instance runs; until then every caller fails open.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  const stopQueueing = () => {
    client.options.enableOfflineQueue = false;
  };
  // Whether the first attempt connects or fails, from then on commands fail at once while down.
  client.once('ready', stopQueueing);
  client.once('error', stopQueueing);
  let lastWarning = 0;
  const warn = (message: string, fields: Record<string, unknown>) => {
    const now = Date.now();
    if (now - lastWarning < 10_000) return;
    lastWarning = now;
    logger.warn(message, fields);
  };
  // Without a listener, ioredis reports connection errors as unhandled 'error' events.
  client.on('error', (error: Error) =>
    warn('redis connection error', { error: { name: error.name, message: error.message } }),
  );
  return {
    client,
    prefix,
    reportFailure(operation, error) {
      failures.inc({ operation });
      warn('redis unavailable; failing open', {
        operation,
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
    },
    async close() {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/** Deletes every key under the prefix (tests isolate themselves with a random prefix and clean up). */
export async function deleteKeysWithPrefix(redis: SharedRedis): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.client.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
