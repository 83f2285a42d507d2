import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEnv } from './env.js';
import type { Logger } from './logger.js';
import { drainRefused } from './node/body.js';
import { guardChunkedBody } from './node/chunked-body.js';
import { guardConnections } from './node/connections.js';
import { createMetrics } from './observability/metrics.js';
import { type CandorYoga, nodeEdgeOf } from './yoga.js';

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting connections, lets in-flight requests finish (up to the grace period). */
  close(): Promise<void>;
}

/** The only place that listens. Port 0 picks a free port (tests). */
export async function listen(
  yoga: CandorYoga,
  options: {
    host: string;
    port: number;
    graceSeconds: number;
    logger: Logger;
    /** Request body limit (CANDOR_MAX_BODY_BYTES); the instance's setting when not given. */
    maxBodyBytes?: number;
  },
): Promise<RunningServer> {
  const edge = nodeEdgeOf(yoga);
  const env = edge?.env ?? defaultEnv();
  const maxBodyBytes = options.maxBodyBytes ?? env.CANDOR_MAX_BODY_BYTES;
  let shuttingDown = false;
  const adapter = edge?.answersGraphQL === true ? edge.adapter : null;
  const toYoga = (request: IncomingMessage, response: ServerResponse) => {
    // A declared body over the limit is refused by the check-request stage without being read:
    // drain it (bounded) so the client reads the 413 instead of a broken pipe.
    if (Number(request.headers['content-length']) > maxBodyBytes) drainRefused(request);
    // A chunked body is counted as it streams; past the limit the node adapter refuses it.
    void guardChunkedBody(request, maxBodyBytes).then((withinLimit) => {
      if (withinLimit) yoga(request, response);
      else if (edge !== undefined) edge.adapter.refuseBodyTooLarge(request, response);
      else response.writeHead(413).end();
    });
  };
  const headersTimeout = Math.min(env.CANDOR_HEADERS_TIMEOUT_MS, env.CANDOR_REQUEST_TIMEOUT_MS);
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: env.CANDOR_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: env.CANDOR_KEEP_ALIVE_TIMEOUT_MS,
      // How often node looks for connections past those timeouts (30 s by default, which let an
      // idle connection that never sent a byte live 30 s whatever the timeouts said).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4))),
    },
    (request, response) => {
      // While shutting down, a keep-alive connection ends after its response instead of idling
      // until Node's keep-alive timeout holds close() open.
      if (shuttingDown) response.setHeader('connection', 'close');
      // The node adapter of the pipeline answers what it takes (node/graphql-adapter.ts), yoga the rest.
      if (adapter === null) {
        toYoga(request, response);
        return;
      }
      const answered = adapter.handle(request, response);
      if (answered === false) toYoga(request, response);
      else if (answered !== true) void answered.then((done) => (done ? undefined : toYoga(request, response)));
    },
  );
  guardConnections(server, {
    maxPerClient: env.CANDOR_MAX_CONNECTIONS_PER_CLIENT,
    maxTotal: env.CANDOR_MAX_CONNECTIONS,
    metrics: edge?.pipeline.options.metrics ?? createMetrics(),
    logger: options.logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    shuttingDown = true;
    closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        options.logger.warn('grace period over; closing remaining connections');
        server.closeAllConnections();
      }, options.graceSeconds * 1000);
      force.unref();
      // Keep-alive sockets with no request in flight would otherwise hold close() open; those
      // whose response was already on its way when shutdown began go idle later.
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      server.close(() => {
        clearTimeout(force);
        clearInterval(idle);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { server, url, close };
}
