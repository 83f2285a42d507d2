/**
 * Structured JSON logs, one object per line on stdout. Never pass request bodies, tokens or
 * secrets here: log what happened and its request id, not what was sent. As a second line of
 * defence every message and field goes through `redact` before it is written (README,
 * "Observability"), so a secret that slips into an error message still never reaches the log.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Whether lines at `level` are written: hot paths skip building what would be dropped. */
  writes(level: Exclude<LogLevel, 'silent'>): boolean;
  /**
   * An info line from JSON members the caller serialised itself (`"name":value,…`) and vouches
   * are free of secrets: the per-request access line, which would otherwise pay for an object
   * spread, a redaction pass and JSON.stringify on every request. It carries no request fields
   * from `withLogFields`: the caller writes them.
   */
  infoSerialised(message: string, members: string): void;
}

/**
 * Fields every line logged while handling one request carries (requestId, trace_id, span_id):
 * set once by the request-id plugin, so code deep in a resolver need not pass them along.
 */
const requestFields = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `fn` (and everything it starts) with `fields` added to each log line. */
export const withLogFields = <T>(fields: Record<string, unknown>, fn: () => T): T => requestFields.run(fields, fn);

/**
 * The current time as ISO 8601, formatted at most once per millisecond: under load many lines
 * share a millisecond, and formatting a Date is a measurable part of a cached answer's CPU.
 */
let formattedAt = Number.NaN;
let formatted = '';
const isoNow = (): string => {
  const now = Date.now();
  if (now !== formattedAt) {
    formattedAt = now;
    formatted = new Date(now).toISOString();
  }
  return formatted;
};

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const writes = (at: Exclude<LogLevel, 'silent'>) => ORDER[at] >= ORDER[level];
  const emit =
    (at: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (!writes(at)) return;
      const line = { time: isoNow(), level: at, msg: message, ...requestFields.getStore(), ...fields };
      write(`${JSON.stringify(redact(line))}\n`);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    writes,
    infoSerialised(message, members) {
      if (!writes('info')) return;
      write(`{"time":"${isoNow()}","level":"info","msg":${JSON.stringify(redactText(message))},${members}}\n`);
    },
  };
}

/** Error details for a log line: name, message and stack, nothing else. */
export const describeError = (error: unknown) =>
  error instanceof Error
    ? { error: { name: error.name, message: error.message, stack: error.stack } }
    : { error: String(error) };

const REDACTED = '[REDACTED]';

/**
 * API tokens (`cnd_<prefix>_<secret>`, services/tokens.ts) keep their prefix, which identifies a
 * token in listings without granting anything; anything else shaped like `cnd_…` loses it all.
 */
const TOKEN = /cnd_[A-Za-z0-9_-]+/g;
const TOKEN_WITH_PREFIX = /^cnd_([a-z0-9]{10})_[A-Za-z0-9_-]+$/;
const AUTHORIZATION = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
/** A PEM private key; one cut off before its END line is redacted to the end of the text. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
/** The password in `scheme://user:password@host` (PostgreSQL, Redis, …). */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;
/** The password in a libpq keyword string (`host=… password=…`). */
const KEYWORD_PASSWORD = /\b(password|passwd|pwd)=("[^"]*"|'[^']*'|[^\s&;]+)/gi;

/** Field names whose value is a secret whatever it looks like (compared lower-case, letters only). */
const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'secret',
  'token',
  'accesstoken',
  'refreshtoken',
  'apikey',
  'privatekey',
  'signingkey',
  'candorsigningkey',
]);

/** Removes tokens, bearer credentials, private keys and URL passwords from a text. */
export function redactText(text: string): string {
  return text
    .replace(PRIVATE_KEY, '[REDACTED PRIVATE KEY]')
    .replace(AUTHORIZATION, (_, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(TOKEN, (token) => {
      const prefix = TOKEN_WITH_PREFIX.exec(token)?.[1];
      return prefix === undefined ? `cnd_${REDACTED}` : `cnd_${prefix}_${REDACTED}`;
    })
    .replace(URL_PASSWORD, (_, head: string) => `${head}${REDACTED}@`)
    .replace(KEYWORD_PASSWORD, (_, key: string) => `${key}=${REDACTED}`);
}

const MAX_DEPTH = 8;

/** `redactText` applied to every string in a value, recursively; secret-named fields are blanked. */
export function redact(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  // `seen` holds the ancestors only: the same object twice side by side is not a cycle.
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redact(item, seen, depth + 1));
    if (value instanceof Error) return redact(describeError(value).error, seen, depth + 1);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const secret = SECRET_KEYS.has(key.toLowerCase().replace(/[^a-z]/g, ''));
      result[key] = secret ? REDACTED : redact(item, seen, depth + 1);
    }
    return result;
  } finally {
    seen.delete(value);
  }
}
