/** A Redis connection for the library benchmarks, under a fresh prefix whose keys are deleted at the end. */
import { randomBytes } from 'node:crypto';
import { connectRedis, createLogger, createMetrics, deleteKeysWithPrefix, type SharedRedis } from '@candor/api';

export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function benchRedis(): Promise<{ shared: SharedRedis; dispose(): Promise<void> }> {
  const shared = connectRedis({
    url: BENCH_REDIS_URL,
    prefix: `candor-bench:${randomBytes(4).toString('hex')}:`,
    logger: createLogger('silent'),
    metrics: createMetrics(),
  });
  await new Promise<void>((resolve, reject) => {
    if (shared.client.status === 'ready') resolve();
    shared.client.once('ready', resolve);
    shared.client.once('end', () => reject(new Error(`Redis at ${BENCH_REDIS_URL} is not reachable`)));
  });
  return {
    shared,
    async dispose() {
      await deleteKeysWithPrefix(shared);
      await shared.close();
    },
  };
}
