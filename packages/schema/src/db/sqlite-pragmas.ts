/**
 * Per-connection SQLite settings. libsql hands its connection to every interactive transaction
 * and opens a fresh one for what follows, and a fresh connection starts with SQLite's defaults
 * (busy_timeout 0: a concurrent writer fails at once with SQLITE_BUSY). So the settings are applied
 * to each transaction and to the first statement after it, not once at start-up.
 */

/** Applied on every connection; journal_mode=WAL is persistent and set once (client.ts). */
export const SQLITE_CONNECTION_PRAGMAS = [
  'PRAGMA busy_timeout = 5000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = FULL',
];

interface Executor {
  executeRaw(query: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<unknown>;
}

type AnyFunction = (...args: unknown[]) => unknown;

async function applyPragmas(target: Executor, pragmas: readonly string[]): Promise<void> {
  for (const sql of pragmas) await target.executeRaw({ sql, args: [], argTypes: [] });
}

function pragmaAdapter<T extends object>(adapter: T, extra: readonly string[]): T {
  const connectionPragmas = [...SQLITE_CONNECTION_PRAGMAS, ...extra];
  let fresh = true;
  return new Proxy(adapter, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as AnyFunction;
      if (property === 'queryRaw' || property === 'executeRaw') {
        return async (...args: unknown[]) => {
          if (fresh) {
            fresh = false;
            await applyPragmas(object as unknown as Executor, connectionPragmas);
          }
          return method.apply(object, args);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: unknown[]) => {
          const transaction = (await method.apply(object, args)) as Executor;
          // The transaction took the connection; the next statement outside it opens a new one.
          fresh = true;
          // Inside a transaction SQLite only accepts the busy timeout; foreign_keys and
          // synchronous=FULL are libsql's defaults on a new connection anyway.
          await applyPragmas(transaction, [
            ...SQLITE_CONNECTION_PRAGMAS.filter((sql) => sql.includes('busy_timeout')),
            ...extra,
          ]);
          return transaction;
        };
      }
      return method.bind(object);
    },
  });
}

/**
 * Wraps a libsql adapter factory so every connection it uses gets SQLITE_CONNECTION_PRAGMAS, plus
 * `extra` ones (openDatabase's testing-only max_page_count), inside transactions too.
 */
export function withSqlitePragmas<F extends { connect(): Promise<object> }>(
  factory: F,
  extra: readonly string[] = [],
): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (property === 'connect') {
        return async () => pragmaAdapter(await (value as () => Promise<object>).call(object), extra);
      }
      return typeof value === 'function' ? (value as AnyFunction).bind(object) : value;
    },
  });
}
