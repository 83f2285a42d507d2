import type { Plugin } from 'graphql-yoga';
import { wasCutOff } from '../limits/chunked-body.js';
import { bodyTooLarge, type LimitViolation } from '../limits/limit-error.js';
import type { Metrics } from '../observability/metrics.js';
import { requestIdOf } from './use-request-id.js';

export interface BodyLimitOptions {
  maxBytes: number;
  metrics: Pick<Metrics, 'queryLimitRejections'>;
}

/** Only a single non-negative integer is a Content-Length (comma-joined values smell of smuggling). */
const CONTENT_LENGTH = /^\d+$/;

/**
 * Refuses a request body over `maxBytes` with 413 PAYLOAD_TOO_LARGE before anything reads it:
 * by its Content-Length, or, for a chunked body, by the mark server.ts's guard left on a body it
 * cut off (README, "Query limits"). The connection is closed after the answer: the rest of the
 * body is never read. This is the only body limit: yoga's own (maxRequestBodySize, off in yoga.ts)
 * pipes every body through a counting web stream, a large share of a small request's CPU, to
 * catch what server.ts's guard already catches before yoga. Like yoga's, it refuses a malformed
 * Content-Length with 400 (node's parser already does on a real socket).
 */
export function useBodyLimit({ maxBytes, metrics }: BodyLimitOptions): Plugin {
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      // The connection is closed after a refusal: the rest of the body is never read.
      const refuse = (status: number, extensions: Record<string, unknown>, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions }] }), {
            status,
            headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
          }),
        );
      const declared = request.headers.get('content-length');
      if (declared !== null && !CONTENT_LENGTH.test(declared)) {
        refuse(400, { code: 'BAD_REQUEST', requestId: requestIdOf(request) }, 'Content-Length header is invalid.');
        return;
      }
      const declaredBytes = declared === null ? Number.NaN : Number(declared);
      const nodeRequest = (serverContext as { req?: unknown } | undefined)?.req;
      let violation: LimitViolation | undefined;
      if (declaredBytes > maxBytes) violation = bodyTooLarge(maxBytes, declaredBytes);
      else if (wasCutOff(nodeRequest)) violation = bodyTooLarge(maxBytes);
      if (violation === undefined) return;
      metrics.queryLimitRejections.inc({ code: violation.code });
      refuse(413, { code: violation.code, limit: violation.limit, requestId: requestIdOf(request) }, violation.message);
    },
  };
}
