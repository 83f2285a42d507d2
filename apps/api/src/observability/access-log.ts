/**
 * The access line every request writes (docs/operating.md, "Observability"): who (request id, trace and
 * span), what (method, path without the query string), the status and the duration; never the
 * body or headers, which can hold tokens and mutation inputs. Serialised here rather than by the
 * logger's generic path, which spreads, redacts and stringifies every field of every request.
 */
import { type Logger, redactText } from '../logger.js';

export interface AccessLogEntry {
  requestId: string;
  /** True when the id is the caller's X-Request-Id: only then can it hold something to redact. */
  requestIdFromClient: boolean;
  traceId: string;
  spanId: string;
  method: string;
  /** The path without the query string, as the client sent it (it is redacted here). */
  path: string;
  status: number;
  startedAt: number;
  /** Which adapter of the pipeline answered: yoga's plugins, or the node adapter (node/graphql-adapter.ts). */
  adapter: 'yoga' | 'node';
}

/** The standard methods, serialised once; any other (yoga.fetch accepts any token) is redacted each time. */
const METHOD_MEMBERS = new Map(
  ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => [method, `"method":"${method}"`]),
);
const methodMember = (method: string): string =>
  METHOD_MEMBERS.get(method) ?? `"method":${JSON.stringify(redactText(method))}`;

/** `"path":"…"` for a path known in advance (the GraphQL endpoint), serialised once. */
export const serialisedPath = (path: string): string => `"path":${JSON.stringify(redactText(path))}`;

/**
 * Writes the access line. Trace and span ids are lower-case hex (trace-context.ts) and need no
 * escaping; a path serialised by `serialisedPath` may be passed instead of `path` to skip its
 * redaction on every request.
 */
export function logAccess(logger: Logger, entry: AccessLogEntry, pathMember?: string): void {
  if (!logger.writes('info')) return;
  const requestId = entry.requestIdFromClient ? redactText(entry.requestId) : entry.requestId;
  const durationMs = Math.round((performance.now() - entry.startedAt) * 10) / 10;
  logger.infoSerialised(
    'request',
    `"requestId":${JSON.stringify(requestId)},"trace_id":"${entry.traceId}","span_id":"${entry.spanId}",` +
      `${methodMember(entry.method)},${pathMember ?? serialisedPath(entry.path)},` +
      `"status":${entry.status},"durationMs":${durationMs},"adapter":"${entry.adapter}"`,
  );
}
