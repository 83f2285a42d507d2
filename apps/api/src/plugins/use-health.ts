import type { Plugin } from 'graphql-yoga';

export interface HealthOptions {
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
  /** Resolves when Redis answers, rejects otherwise; null without REDIS_URL. */
  checkRedis: (() => Promise<void>) | null;
  /** CANDOR_REDIS_FAILURE_MODE: with `closed`, an instance that cannot reach Redis is not ready. */
  redisFailureMode: 'open' | 'closed';
  /** Seconds to wait for the database (and Redis) before calling it unreachable. */
  timeoutSeconds?: number;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

const within = async (check: () => Promise<void>, seconds: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), seconds * 1000);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
};

/**
 * /healthz: the process is alive (never touches the database).
 * /readyz: the database answers within the timeout (503 otherwise, so a load balancer stops routing
 * here until it recovers) and, with REDIS_URL, whether Redis does: unreachable Redis is reported as
 * `degraded` (200: requests are served, rate limits fail open) or, with
 * CANDOR_REDIS_FAILURE_MODE=closed, `unavailable` (503: requests would be refused).
 */
export function useHealth({ checkDatabase, checkRedis, redisFailureMode, timeoutSeconds = 2 }: HealthOptions): Plugin {
  return {
    async onRequest({ request, endResponse, url }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/healthz') {
        endResponse(json(200, { status: 'ok' }));
      } else if (url.pathname === '/readyz') {
        const [database, redis] = await Promise.all([
          within(checkDatabase, timeoutSeconds),
          checkRedis === null ? Promise.resolve(null) : within(checkRedis, timeoutSeconds),
        ]);
        const body: Record<string, string> = { status: 'ready', database: database ? 'ok' : 'unreachable' };
        if (redis !== null) body.redis = redis ? 'ok' : 'unreachable';
        let status = 200;
        if (!database) {
          body.status = 'unavailable';
          status = 503;
        } else if (redis === false) {
          body.redisFailureMode = redisFailureMode;
          body.status = redisFailureMode === 'open' ? 'degraded' : 'unavailable';
          status = redisFailureMode === 'open' ? 200 : 503;
        }
        endResponse(json(status, body));
      }
    },
  };
}
