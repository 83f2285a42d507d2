import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEnv } from './env.js';
import { guardChunkedBody } from './limits/chunked-body.js';
import { describeError, type Logger } from './logger.js';
import { type CandorYoga, type NodePath, nodePathsOf } from './yoga.js';

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
    /** Request body limit for chunked bodies (CANDOR_MAX_BODY_BYTES); yoga checks declared lengths. */
    maxBodyBytes?: number;
  },
): Promise<RunningServer> {
  const maxBodyBytes = options.maxBodyBytes ?? defaultEnv().CANDOR_MAX_BODY_BYTES;
  // A chunked body is counted as it streams and cut off past the limit (useBodyLimit answers 413).
  let shuttingDown = false;
  const toYoga = (request: IncomingMessage, response: ServerResponse) =>
    void guardChunkedBody(request, maxBodyBytes).then(() => yoga(request, response));
  const pathFailed = (response: ServerResponse, error: unknown): boolean => {
    options.logger.error('fast path failed; yoga answers', describeError(error));
    return response.headersSent;
  };
  const paths = nodePathsOf(yoga);
  // The node-level paths in order (yoga.ts): cached anonymous GETs from the response cache
  // (cache/fast-path.ts), synchronously with the in-memory stores (no promise per cached answer);
  // anonymous JSON POSTs of queries (post-path/). Each answers or declines; yoga answers the rest.
  const tryPaths = (from: number, request: IncomingMessage, response: ServerResponse): void => {
    for (let index = from; index < paths.length; index += 1) {
      const path = paths[index] as NodePath;
      let answered: boolean | Promise<boolean>;
      try {
        answered = path.handle(request, response);
      } catch (error) {
        answered = pathFailed(response, error);
      }
      if (answered === true) return;
      if (answered === false) continue;
      void answered
        .catch((error: unknown) => pathFailed(response, error))
        .then((done) => {
          if (!done) tryPaths(index + 1, request, response);
        });
      return;
    }
    toYoga(request, response);
  };
  const server = createServer((request, response) => {
    // While shutting down, a keep-alive connection ends after its response instead of idling
    // until Node's keep-alive timeout holds close() open.
    if (shuttingDown) response.setHeader('connection', 'close');
    tryPaths(0, request, response);
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
