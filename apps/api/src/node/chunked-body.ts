import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { drainRefused } from './body.js';

const cutOff = new WeakSet<IncomingMessage>();

/** True when guardChunkedBody stopped reading this request's body because it passed the limit. */
export const wasCutOff = (request: unknown): boolean =>
  request !== null && typeof request === 'object' && cutOff.has(request as IncomingMessage);

/**
 * The body-size guard for bodies sent without Content-Length (chunked), for requests yoga's
 * adapter answers (the node adapter reads its own: node/body.ts): the check-request stage can
 * only check a declared length. Reads the body, counting bytes as they arrive; past `maxBytes` it
 * marks the request (the check-request adapter answers 413) and drains the rest, bounded, so the
 * client reads the answer; otherwise it hands the bytes read to yoga as the request's body.
 * Requests with a Content-Length, or without a body, pass untouched: yoga streams those itself.
 */
export async function guardChunkedBody(request: IncomingMessage, maxBytes: number): Promise<void> {
  if (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] === undefined) return;
  const chunks: Buffer[] = [];
  let received = 0;
  await new Promise<void>((resolve) => {
    const stop = () => {
      request.off('data', onData);
      request.off('end', stop);
      request.off('error', stop);
      request.off('close', stop);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        cutOff.add(request);
        stop();
        drainRefused(request);
      } else chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', stop);
    request.once('error', stop);
    // A client that goes away mid-body: yoga then answers (a parse error) to nobody.
    request.once('close', stop);
  });
  if (!cutOff.has(request)) {
    // whatwg-node takes a pre-read `body` from the request object (what body-parser middleware
    // leaves there) instead of reading the already consumed stream.
    Object.assign(request, { body: Readable.from([Buffer.concat(chunks)], { objectMode: false }) });
  }
}
