import type { Plugin } from 'graphql-yoga';

export interface HealthOptions {
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
  /** Seconds to wait for the database before calling it unready. */
  timeoutSeconds?: number;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

/**
 * /healthz: the process is alive (never touches the database).
 * /readyz: the database answers within the timeout; 503 otherwise, so a load balancer stops
 * routing here until it recovers.
 */
export function useHealth({ checkDatabase, timeoutSeconds = 2 }: HealthOptions): Plugin {
  return {
    async onRequest({ request, endResponse, url }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/healthz') {
        endResponse(json(200, { status: 'ok' }));
      } else if (url.pathname === '/readyz') {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            checkDatabase(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error('timeout')), timeoutSeconds * 1000);
            }),
          ]);
          endResponse(json(200, { status: 'ready', database: 'ok' }));
        } catch {
          endResponse(json(503, { status: 'unavailable', database: 'unreachable' }));
        } finally {
          clearTimeout(timer);
        }
      }
    },
  };
}
