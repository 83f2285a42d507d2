import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, DEFAULT_DATABASE_URL, parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded SQLite file under data/', () => {
    const target = parseDatabaseUrl(undefined);
    expect(target.provider).toBe('sqlite');
    expect(`file:${target.filePath}`).toBe(DEFAULT_DATABASE_URL);
    expect(target.filePath).toMatch(/data\/candor\.db$/);
  });

  it('resolves relative SQLite paths against the base directory', () => {
    expect(parseDatabaseUrl('file:./x/y.db', '/srv/candor').filePath).toBe('/srv/candor/x/y.db');
    expect(parseDatabaseUrl('file:/abs/z.db', '/srv').filePath).toBe('/abs/z.db');
  });

  it.each(['postgres://u@h:5432/db', 'postgresql://u@h/db?sslmode=disable'])('picks PostgreSQL for %s', (url) => {
    expect(parseDatabaseUrl(url)).toEqual({ provider: 'postgresql', url, filePath: null });
  });

  it.each(['mysql://h/db', 'file:', 'file::memory:', 'http://x'])(
    'refuses %s with a message naming DATABASE_URL',
    (url) => {
      expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
      expect(() => parseDatabaseUrl(url)).toThrow(/DATABASE_URL/);
    },
  );
});
