import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEnv } from './env.js';
import { guardChunkedBody } from './limits/chunked-body.js';
import { describeError, type Logger } from './logger.js';
import { type CandorYoga, fastPathOf } from './yoga.js';

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
  const fastPathFailed = (response: ServerResponse, error: unknown): boolean => {
    options.logger.error('fast path failed; yoga answers', describeError(error));
    return response.headersSent;
  };
  const server = createServer((request, response) => {
    // While shutting down, a keep-alive connection ends after its response instead of idling
    // until Node's keep-alive timeout holds close() open.
    if (shuttingDown) response.setHeader('connection', 'close');
    const fastPath = fastPathOf(yoga);
    if (fastPath === null) {
      toYoga(request, response);
      return;
    }
    // Repeated anonymous GETs are answered from the response cache without yoga (cache/fast-path.ts):
    // synchronously with the in-memory stores (no promise per cached answer), through a promise with Redis.
    let answered: boolean | Promise<boolean>;
    try {
      answered = fastPath.handle(request, response);
    } catch (error) {
      answered = fastPathFailed(response, error);
    }
    if (answered === false) toYoga(request, response);
    if (typeof answered === 'boolean') return;
    void answered
      .catch((error: unknown) => fastPathFailed(response, error))
      .then((done) => {
        if (!done) toYoga(request, response);
      });
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
