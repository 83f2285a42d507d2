import type { Plugin } from 'graphql-yoga';
import { wasCutOff } from '../limits/chunked-body.js';
import { bodyTooLarge, type LimitViolation } from '../limits/limit-error.js';
import type { Metrics } from '../observability/metrics.js';
import { requestIdOf } from './use-request-id.js';

export interface BodyLimitOptions {
  maxBytes: number;
  metrics: Pick<Metrics, 'queryLimitRejections'>;
}

/**
 * Refuses a request body over `maxBytes` with 413 PAYLOAD_TOO_LARGE before anything reads it:
 * by its Content-Length, or, for a chunked body, by the mark server.ts's guard left on a body it
 * cut off (README, "Query limits"). The connection is closed after the answer: the rest of the
 * body is never read.
 */
export function useBodyLimit({ maxBytes, metrics }: BodyLimitOptions): Plugin {
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      const declaredBytes = declared === null ? Number.NaN : Number(declared);
      const nodeRequest = (serverContext as { req?: unknown } | undefined)?.req;
      let violation: LimitViolation | undefined;
      if (declaredBytes > maxBytes) violation = bodyTooLarge(maxBytes, declaredBytes);
      else if (wasCutOff(nodeRequest)) violation = bodyTooLarge(maxBytes);
      if (violation === undefined) return;
      metrics.queryLimitRejections.inc({ code: violation.code });
      const error = {
        message: violation.message,
        extensions: { code: violation.code, limit: violation.limit, requestId: requestIdOf(request) },
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [error] }), {
          status: 413,
          headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
        }),
      );
    },
  };
}
