import { randomBytes } from 'node:crypto';
import { createLogger } from '../logger.js';
import { createMetrics } from '../observability/metrics.js';
import { connectRedis, deleteKeysWithPrefix, type SharedRedis } from './connection.js';

/** The Redis the tests use (docs/architecture.md, "Tests"): the local one unless CANDOR_TEST_REDIS_URL says otherwise. */
export const TEST_REDIS_URL = process.env.CANDOR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A unique key prefix per test run, so parallel test files never see each other's keys. */
export const randomPrefix = (): string => `candor-test:${randomBytes(6).toString('hex')}:`;

/** A connection under a fresh prefix, ready; `dispose` deletes its keys and closes it. */
export async function connectTestRedis(
  prefix: string = randomPrefix(),
): Promise<SharedRedis & { dispose(): Promise<void> }> {
  const redis = connectRedis({ url: TEST_REDIS_URL, prefix, logger: createLogger('silent'), metrics: createMetrics() });
  await new Promise<void>((resolve, reject) => {
    if (redis.client.status === 'ready') resolve();
    redis.client.once('ready', resolve);
    redis.client.once('end', () => reject(new Error(`Redis at ${TEST_REDIS_URL} is not reachable`)));
  });
  return {
    ...redis,
    async dispose() {
      await deleteKeysWithPrefix(redis);
      await redis.close();
    },
  };
}
