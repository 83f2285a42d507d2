/**
 * What a database error means for the caller, whichever provider raised it. Prisma's JS engine
 * reports driver errors as `meta.driverAdapterError.cause` ({ kind, originalCode, … }); errors
 * the adapters do not recognise (pg's "Connection terminated unexpectedly") arrive as they are.
 */
export type DatabaseErrorKind =
  /** Serialization failure, deadlock or SQLite busy/locked: the same work may succeed if run again. */
  | 'retryable'
  /** Unique constraint: someone else wrote the same key first. Running again would not help. */
  | 'unique-violation'
  /** The database cannot be reached or dropped the connection. */
  | 'unavailable'
  /** A statement ran past PostgreSQL's statement_timeout and was cancelled. */
  | 'statement-timeout'
  /** The disk (or SQLite's max_page_count) is full. */
  | 'storage-full'
  | 'other';

interface Facts {
  prismaCode: string | null;
  adapterKind: string | null;
  /** SQLSTATE (PostgreSQL) or the numeric extended result code (SQLite), as a string. */
  driverCode: string | null;
  socketCode: string | null;
  messages: string[];
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_FULL = 13;

const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'TooManyConnections']);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /server closed the connection/i,
  /can't reach database server/i,
  /client has encountered a connection error/i,
  /connection is closed/i,
];

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;

const asString = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/** Gathers the codes an error carries, following `cause` and Prisma's driverAdapterError. */
function factsOf(error: unknown): Facts {
  const facts: Facts = { prismaCode: null, adapterKind: null, driverCode: null, socketCode: null, messages: [] };
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    const record = asRecord(value);
    if (record === null || seen.has(record) || depth > 6) return;
    seen.add(record);
    const code = asString(record.code);
    if (typeof record.message === 'string') facts.messages.push(record.message);
    if (code !== null && /^P\d{4}$/.test(code)) facts.prismaCode ??= code;
    else if (code !== null && typeof record.syscall === 'string') facts.socketCode ??= code;
    if (typeof record.kind === 'string') {
      facts.adapterKind ??= record.kind;
      facts.driverCode ??= asString(record.originalCode) ?? asString(record.code) ?? asString(record.extendedCode);
    } else if (code !== null && /^[0-9A-Z]{5}$/.test(code) && typeof record.severity === 'string') {
      facts.driverCode ??= code; // a raw pg DatabaseError
    }
    const meta = asRecord(record.meta);
    visit(meta?.driverAdapterError, depth + 1);
    visit(record.cause, depth + 1);
  };
  visit(error, 0);
  return facts;
}

/**
 * The SQLite primary result code (the low byte of an extended code), or null. SQLite's codes have
 * at most four digits; PostgreSQL's SQLSTATEs always have five characters, some all digits.
 */
function sqlitePrimaryCode(facts: Facts): number | null {
  if (facts.driverCode === null || !/^\d{1,4}$/.test(facts.driverCode)) return null;
  return Number(facts.driverCode) & 0xff;
}

export function classifyDatabaseError(error: unknown): DatabaseErrorKind {
  const facts = factsOf(error);
  const sqliteCode = sqlitePrimaryCode(facts);
  const message = facts.messages.join('\n');
  if (facts.prismaCode === 'P2002' || facts.adapterKind === 'UniqueConstraintViolation') return 'unique-violation';
  if (facts.driverCode === '40001' || facts.driverCode === '40P01' || facts.adapterKind === 'TransactionWriteConflict')
    return 'retryable';
  if (facts.prismaCode === 'P2034') return 'retryable';
  if (sqliteCode === SQLITE_BUSY || sqliteCode === SQLITE_LOCKED || /database (table )?is locked/i.test(message))
    return 'retryable';
  if (sqliteCode === SQLITE_FULL || facts.driverCode === '53100' || /database or disk is full/i.test(message))
    return 'storage-full';
  if (facts.driverCode === '57014' && /statement timeout/i.test(message)) return 'statement-timeout';
  if (
    (facts.prismaCode !== null && UNAVAILABLE_PRISMA_CODES.has(facts.prismaCode)) ||
    (facts.adapterKind !== null && UNAVAILABLE_ADAPTER_KINDS.has(facts.adapterKind)) ||
    (facts.adapterKind === 'SocketTimeout' && facts.driverCode === null) ||
    (facts.socketCode !== null && UNAVAILABLE_SOCKET_CODES.has(facts.socketCode)) ||
    // Class 08: connection exception; 57P01–57P03: the server is shutting down or starting up.
    (facts.driverCode !== null && /^(08...|57P0[1-3])$/.test(facts.driverCode)) ||
    UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))
  )
    return 'unavailable';
  return 'other';
}

export const isRetryableDatabaseError = (error: unknown) => classifyDatabaseError(error) === 'retryable';
