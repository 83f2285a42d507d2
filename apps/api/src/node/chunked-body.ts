import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { readBody } from './body.js';

/**
 * The body-size guard for bodies sent without Content-Length (chunked), for requests yoga's
 * adapter answers (the node adapter reads its own): the check-request stage can only check a
 * declared length. Reads the body, counting bytes as they arrive: past `maxBytes` it resolves
 * false (server.ts has the node adapter answer 413 and drain the rest); otherwise it hands the
 * bytes read to yoga as the request's body and resolves true. Requests with a Content-Length, or
 * without a body, pass untouched: yoga streams those itself.
 */
export async function guardChunkedBody(request: IncomingMessage, maxBytes: number): Promise<boolean> {
  if (request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] === undefined) {
    return true;
  }
  const body = await readBody(request, maxBytes);
  if (body === null) return false;
  // whatwg-node takes a pre-read `body` from the request object (what body-parser middleware
  // leaves there) instead of reading the already consumed stream.
  Object.assign(request, { body: Readable.from([body], { objectMode: false }) });
  return true;
}
