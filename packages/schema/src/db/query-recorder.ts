/**
 * Records every SQL statement a Prisma client sends, by wrapping its driver adapter.
 * Tests use it to assert bounded statement counts for nested queries (no N+1), and the
 * benchmark uses it to count statements per operation. Recording happens below Prisma, so a
 * Prisma operation that fans out into several statements is counted as several.
 */

export interface RecordedQuery {
  sql: string;
  inTransaction: boolean;
}

export interface QueryRecorder {
  readonly queries: RecordedQuery[];
  /** Forget what was recorded so far. */
  reset(): void;
  /** Statements that read or write data (skips BEGIN/COMMIT/PRAGMA bookkeeping). */
  dataStatements(): RecordedQuery[];
}

export function createQueryRecorder(): QueryRecorder {
  const queries: RecordedQuery[] = [];
  return {
    queries,
    reset: () => {
      queries.length = 0;
    },
    dataStatements: () => queries.filter((q) => /^\s*(select|insert|update|delete|with)\b/i.test(q.sql)),
  };
}

type AnyFunction = (...args: unknown[]) => unknown;
interface SqlQueryLike {
  sql: string;
}

/** Wraps an adapter (or transaction) so queryRaw/executeRaw calls are recorded. */
function recordingQueryable<T extends object>(target: T, recorder: QueryRecorder, inTransaction: boolean): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as AnyFunction;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (query: SqlQueryLike, ...rest: unknown[]) => {
          recorder.queries.push({ sql: query.sql, inTransaction });
          return method.call(object, query, ...rest);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => {
          const transaction = (await method.apply(object, args)) as object;
          return recordingQueryable(transaction, recorder, true);
        };
      }
      return method.bind(object);
    },
  });
}

/** Wraps a driver adapter factory so every adapter it connects records into `recorder`. */
export function recordingAdapterFactory<F extends { connect(): Promise<object> }>(
  factory: F,
  recorder: QueryRecorder,
): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (property === 'connect' || property === 'connectToShadowDb') {
        return async () => recordingQueryable(await (value as () => Promise<object>).call(object), recorder, false);
      }
      return typeof value === 'function' ? (value as AnyFunction).bind(object) : value;
    },
  });
}
