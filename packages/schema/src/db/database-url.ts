import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  provider: DatabaseProvider;
  /** URL as the driver wants it (absolute file path for SQLite). */
  url: string;
  /** For SQLite: absolute path of the database file. */
  filePath: string | null;
}

/** Repository root: the default data directory lives here so every command agrees on it. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The embedded default: a SQLite file under data/ (git-ignored). */
export const DEFAULT_DATABASE_URL = `file:${resolve(repositoryRoot, 'data', 'candor.db')}`;

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Picks the provider from DATABASE_URL: `file:` → SQLite (libsql), `postgres://` or
 * `postgresql://` → PostgreSQL. Relative SQLite paths resolve against the directory the
 * user ran the command from (pnpm's INIT_CWD), not the package pnpm switched into.
 */
export function parseDatabaseUrl(
  raw: string | undefined,
  baseDir = process.env.INIT_CWD ?? process.cwd(),
): DatabaseTarget {
  const value = raw === undefined || raw.trim() === '' ? DEFAULT_DATABASE_URL : raw.trim();
  if (value.startsWith('file:')) {
    const rest = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    const path = rest.split('?')[0] ?? '';
    if (path === '' || path === ':memory:') {
      throw new DatabaseUrlError('DATABASE_URL: a SQLite URL needs a file path, e.g. file:./data/candor.db');
    }
    const filePath = isAbsolute(path) ? path : resolve(baseDir, path);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new DatabaseUrlError('DATABASE_URL: not a valid PostgreSQL URL');
    }
    return { provider: 'postgresql', url: value, filePath: null };
  }
  throw new DatabaseUrlError('DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)');
}
