/**
 * Request bodies at the node level: read with a limit (a chunked body is counted as it streams),
 * and, once a too-large body has been refused, drained rather than cut: a client still sending
 * when the 413 leaves would otherwise see its connection closed under it (a broken pipe) instead of
 * the answer. Draining is bounded in bytes and time; past either the connection is destroyed.
 */
import type { IncomingMessage } from 'node:http';

/** Most bytes read and thrown away after a refusal before the connection is destroyed. */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
/** Longest a refused body is drained before the connection is destroyed. */
export const DRAIN_MAX_MS = 10_000;

/** The whole body, or null once it passed `maxBytes` (the rest is then drained: `drainRefused`). */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (value: Buffer | null) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onEnd);
      request.off('close', onEnd);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) done(null);
      else chunks.push(chunk);
    };
    // A client that goes away mid-body gets the bytes read so far (answered to nobody).
    const onEnd = () => done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onEnd);
    request.once('close', onEnd);
  });
}

/**
 * Reads and discards what is left of a refused body, so the client can finish sending and read
 * the answer; the connection stays usable once the body has ended. Past DRAIN_MAX_BYTES or
 * DRAIN_MAX_MS the connection is destroyed (that client sees a reset, as before).
 */
export function drainRefused(request: IncomingMessage, onCut: () => void = () => {}): void {
  if (request.complete || request.destroyed) return;
  let drained = 0;
  const stop = () => {
    clearTimeout(timer);
    request.off('data', onData);
    request.off('end', stop);
    request.off('close', stop);
  };
  const cut = () => {
    stop();
    onCut();
    request.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) cut();
  };
  const timer = setTimeout(cut, DRAIN_MAX_MS);
  timer.unref();
  request.on('data', onData);
  request.once('end', stop);
  request.once('close', stop);
  request.resume();
}
