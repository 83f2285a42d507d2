import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Only a single non-negative integer is a Content-Length (as useBodyLimit requires). */
const CONTENT_LENGTH = /^\d+$/;

/**
 * The declared length of a body the POST path may read: a sane Content-Length from 1 to
 * `maxBytes` and no Transfer-Encoding. Null for anything else, which yoga's path reads itself
 * (and refuses, when it must, with its own errors: 400, 413).
 */
export function readableLength(request: IncomingMessage, maxBytes: number): number | null {
  const declared = request.headers['content-length'];
  if (declared === undefined || request.headers['transfer-encoding'] !== undefined) return null;
  if (!CONTENT_LENGTH.test(declared)) return null;
  const length = Number(declared);
  return length > 0 && length <= maxBytes ? length : null;
}

/**
 * Reads the whole body. A client that goes away mid-body gets the bytes read so far (yoga then
 * answers a parse error to nobody, as it would have).
 */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => {
      request.off('data', onData);
      request.off('end', done);
      request.off('error', done);
      request.off('close', done);
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => chunks.push(chunk);
    request.on('data', onData);
    request.once('end', done);
    request.once('error', done);
    request.once('close', done);
  });
}

/**
 * Hands an already read body to yoga: whatwg-node takes a pre-read `body` from the request object
 * (what body-parser middleware leaves there) instead of the consumed stream. A stream, not the
 * buffer: for a buffer it would first list the buffer's keys, one per byte.
 */
export function handBodyBack(request: IncomingMessage, body: Buffer): void {
  Object.assign(request, { body: Readable.from([body], { objectMode: false }) });
}
