/**
 * How every benchmark server process listens: a free port on 127.0.0.1, announced as one JSON
 * line `{ "port": N }` on stdout (what script-server.ts waits for), long keep-alive so autocannon's
 * connections are never closed under it, and a clean exit on SIGTERM.
 */
import type { Server } from 'node:http';

export function serveForBench(server: Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`,
    );
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
