/**
 * The logger's per-request cost (ADR 0010): the access line every request writes, and a warning
 * with fields (a failed Redis command: an error and a connection URL holding a password), each
 * redacted, written as one JSON line to a sink that only counts bytes.
 *
 * - ours: logAccess (members serialised by hand, only the client-supplied parts redacted) and
 *   Logger.warn (request fields from AsyncLocalStorage, redact() over every string, JSON.stringify).
 * - pino 10 with ISO time and level labels, the request fields bound on a child logger:
 *   - with `redact.paths` only: fast-redact blanks named fields, but nothing inside strings — a
 *     token in a message or a password in a URL is written as is, so it does not cover our rules;
 *   - with our redact()/redactText() in its `formatters.log` and `hooks.logMethod`: the same rules.
 */
import {
  createLogger,
  type Logger,
  logAccess,
  redact,
  redactText,
  serialisedPath,
  withLogFields,
} from '@candor/api/benchmarked';
import { pino } from 'pino';
import { compare } from './compare.js';

let bytes = 0;
const sink = {
  write: (line: string): void => {
    bytes += line.length;
  },
};

const requestFields = {
  requestId: '0b7c1e4e-7d0a-4f55-9a57-1f6c1c3b2d10',
  trace_id: 'a'.repeat(32),
  span_id: 'b'.repeat(16),
};
const failure = new Error('Connection to redis://candor:s3cret@10.0.0.5:6379 lost: ECONNRESET');
const warning = { operation: 'cache.lookup', url: 'redis://candor:s3cret@10.0.0.5:6379/0', error: failure };

const ours: Logger = createLogger('info', sink.write);
const ourPath = serialisedPath('/graphql');

const SECRET_PATHS = ['authorization', 'password', 'token', 'apiKey', 'privateKey', '*.authorization', '*.password'];
const base = {
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label: string) => ({ level: label }) },
  base: undefined,
};
const pinoPaths = pino({ ...base, redact: { paths: SECRET_PATHS, censor: '[REDACTED]' } }, sink);
const pinoSame = pino(
  {
    ...base,
    formatters: {
      ...base.formatters,
      log: (object: Record<string, unknown>) => redact(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const [first, second, ...rest] = args as unknown[];
        if (typeof second === 'string') return method.apply(this, [first, redactText(second), ...rest] as never);
        return method.apply(this, args);
      },
    },
  },
  sink,
);

// A literal entry, as pipeline/record.ts builds it (spreading into it would put V8's object in
// dictionary mode and time that instead of the logger).
const oursAccess = () => {
  logAccess(
    ours,
    {
      requestId: requestFields.requestId,
      requestIdFromClient: false,
      traceId: requestFields.trace_id,
      spanId: requestFields.span_id,
      method: 'POST',
      path: '/graphql',
      status: 200,
      startedAt: performance.now() - 3.4,
      adapter: 'node',
    },
    ourPath,
  );
};
const pinoAccess = (logger: typeof pinoPaths) => () => {
  logger
    .child(requestFields)
    .info(
      { method: 'POST', path: '/graphql', status: 200, durationMs: Math.round(3.4 * 10) / 10, adapter: 'node' },
      'request',
    );
};
const oursWarning = () => withLogFields(requestFields, () => ours.warn('Redis command failed', warning));
const pinoWarning = (logger: typeof pinoPaths) => () => {
  logger.child(requestFields).warn(warning, 'Redis command failed');
};

await compare('Log lines with redaction (`bench/src/libraries/logger.bench.ts`)', [
  {
    name: 'access line (every request)',
    perCall: 1000,
    ours: { name: 'ours (logAccess)', run: oursAccess },
    theirs: [
      { name: 'pino, redact.paths only', run: pinoAccess(pinoPaths) },
      { name: 'pino + our redaction rules', run: pinoAccess(pinoSame) },
    ],
  },
  {
    name: 'warning with an error and a URL',
    perCall: 1000,
    ours: { name: 'ours (Logger.warn)', run: oursWarning },
    theirs: [
      { name: 'pino, redact.paths only (password left in)', run: pinoWarning(pinoPaths) },
      { name: 'pino + our redaction rules', run: pinoWarning(pinoSame) },
    ],
  },
]);
if (bytes === 0) throw new Error('nothing was written');
