/**
 * Connection limits at the node level (docs/operating.md, "Connections"): a cap on the connections one client
 * address may hold and one on the whole process, and the header, request and keep-alive timeouts
 * node applies (server.ts). Each time one of them acts it is counted in
 * `candor_connections_closed_total{reason}` and logged — at most one line per reason every 10 s,
 * with the count since the last one, so a flood cannot flood the log too.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { normalizeAddress } from '../rate-limit/client-address.js';

export type ConnectionCloseReason =
  | 'per-client-cap'
  | 'process-cap'
  | 'headers-timeout'
  | 'request-timeout'
  | 'keep-alive-idle'
  | 'bad-request';

export interface ConnectionGuardOptions {
  /** Connections one peer address may hold at once; 0: no cap. */
  maxPerClient: number;
  /** Connections the process holds at once. */
  maxTotal: number;
  metrics: Pick<Metrics, 'connectionsClosed' | 'openConnections'>;
  logger: Logger;
}

/** How often (at most) one reason is logged. */
const LOG_EVERY_MS = 10_000;

/** Reasons that are part of normal operation: logged at debug level, not warn. */
const ROUTINE = new Set<ConnectionCloseReason>(['keep-alive-idle']);

interface Tracked {
  address: string;
  /** Requests received on the socket whose responses have not finished. */
  inFlight: number;
}

/** A minimal HTTP answer for a connection-level error, with a request id and a coded JSON body. */
function connectionAnswer(status: number, reason: string, code: string, message: string): string {
  const requestId = randomUUID();
  const body = JSON.stringify({ errors: [{ message, extensions: { code, requestId } }] });
  return (
    `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `x-request-id: ${requestId}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

export function guardConnections(server: Server, options: ConnectionGuardOptions): void {
  const { metrics, logger } = options;
  const byAddress = new Map<string, number>();
  const tracked = new WeakMap<Socket, Tracked>();
  let open = 0;
  const pending = new Map<ConnectionCloseReason, { count: number; loggedAt: number }>();

  const acted = (reason: ConnectionCloseReason, address: string) => {
    metrics.connectionsClosed.inc({ reason });
    const now = Date.now();
    const state = pending.get(reason) ?? { count: 0, loggedAt: 0 };
    state.count += 1;
    pending.set(reason, state);
    if (now - state.loggedAt < LOG_EVERY_MS) return;
    const fields = { reason, count: state.count, lastAddress: address, open };
    if (ROUTINE.has(reason)) logger.debug('connection closed', fields);
    else logger.warn('connection limit acted', fields);
    state.count = 0;
    state.loggedAt = now;
  };

  server.on('connection', (socket: Socket) => {
    const address = normalizeAddress(socket.remoteAddress ?? 'unknown');
    if (open >= options.maxTotal) {
      acted('process-cap', address);
      socket.destroy();
      return;
    }
    const held = byAddress.get(address) ?? 0;
    if (options.maxPerClient > 0 && held >= options.maxPerClient) {
      acted('per-client-cap', address);
      socket.destroy();
      return;
    }
    open += 1;
    byAddress.set(address, held + 1);
    metrics.openConnections.inc();
    const state: Tracked = { address, inFlight: 0 };
    tracked.set(socket, state);
    socket.once('close', () => {
      open -= 1;
      metrics.openConnections.dec();
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left <= 0) byAddress.delete(address);
      else byAddress.set(address, left);
    });
    // Node closes a kept-alive socket that stayed idle past keepAliveTimeout through its 'timeout'.
    socket.on('timeout', () => {
      if (state.inFlight === 0) acted('keep-alive-idle', address);
    });
  });

  server.on('request', (request, response) => {
    const state = tracked.get(request.socket);
    if (state === undefined) return;
    state.inFlight += 1;
    response.once('close', () => {
      state.inFlight -= 1;
    });
  });

  // With a listener here node writes nothing itself: answer as node would, with a request id.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const state = tracked.get(socket);
    const address = state?.address ?? normalizeAddress(socket.remoteAddress ?? 'unknown');
    const pendingResponse = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    const canAnswer = socket.writable && (pendingResponse === undefined || pendingResponse?.headersSent !== true);
    if (error.code === 'ECONNRESET' || !canAnswer) {
      socket.destroy();
      return;
    }
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      const reason = state !== undefined && state.inFlight > 0 ? 'request-timeout' : 'headers-timeout';
      acted(reason, address);
      socket.end(connectionAnswer(408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request was not received in time.'));
      return;
    }
    acted('bad-request', address);
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    socket.end(
      tooLarge
        ? connectionAnswer(
            431,
            'Request Header Fields Too Large',
            'HEADERS_TOO_LARGE',
            'The request headers are too large.',
          )
        : connectionAnswer(400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP.'),
    );
  });
}
