import { describe, expect, it } from 'vitest';
import { describeDatabaseProblem, describeWhere, redactDatabaseUrl, redactSecrets } from './database-problems';

const PG = 'postgresql://candor:s3cr%40t@db.example:5432/candor?sslmode=require';

describe('redactDatabaseUrl', () => {
  it('masks a PostgreSQL password and keeps user, host, port, database and options', () => {
    expect(redactDatabaseUrl(PG)).toBe('postgresql://candor:***@db.example:5432/candor?sslmode=require');
    expect(redactDatabaseUrl('postgres://u:pw@h/d?password=other')).toBe('postgres://u:***@h/d?password=***');
  });

  it('leaves URLs without a password, and SQLite URLs, as they are', () => {
    expect(redactDatabaseUrl('postgresql://postgres@127.0.0.1:5432/x')).toBe('postgresql://postgres@127.0.0.1:5432/x');
    expect(redactDatabaseUrl('file:/srv/candor/data/candor.db')).toBe('file:/srv/candor/data/candor.db');
  });

  it('masks the password of a URL that does not parse', () => {
    expect(redactDatabaseUrl('postgres://u:p w@[bad/d')).toBe('postgres://u:***@[bad/d');
  });
});

describe('redactSecrets', () => {
  it('masks the password, as written and decoded, wherever a driver message quotes it', () => {
    expect(redactSecrets('auth failed for s3cr%40t and s3cr@t', PG)).toBe('auth failed for *** and ***');
    expect(redactSecrets('nothing secret', 'file:/x.db')).toBe('nothing secret');
  });
});

describe('describeWhere', () => {
  it('names the URL tried, the default when DATABASE_URL is unset, and both when they differ', () => {
    expect(describeWhere({ configured: undefined, url: 'file:/repo/data/candor.db' })).toBe(
      'DATABASE_URL (unset, so the default file:/repo/data/candor.db)',
    );
    expect(describeWhere({ configured: 'file:./x.db', url: 'file:/home/me/x.db' })).toBe(
      'DATABASE_URL=file:./x.db (file:/home/me/x.db)',
    );
    expect(describeWhere({ configured: 'mysql://x', url: '' })).toBe('DATABASE_URL=mysql://x');
    expect(describeWhere({ configured: PG, url: PG })).toBe(
      'DATABASE_URL=postgresql://candor:***@db.example:5432/candor?sslmode=require',
    );
  });
});

describe('describeDatabaseProblem', () => {
  const where = { configured: PG, url: PG };

  it('names the URL (never the password), says nothing was created and what to run instead', () => {
    const message = describeDatabaseProblem({ kind: 'no-tables' }, where);
    expect(message.split('\n')[0]).toBe(
      'The database at DATABASE_URL=postgresql://candor:***@db.example:5432/candor?sslmode=require is empty: it has no tables.',
    );
    expect(message).toContain('created nothing');
    expect(message).toContain('pnpm candor init');
    expect(message).toContain('pnpm start');
    expect(message).not.toContain('s3cr');
  });

  it('sends a database behind this checkout to pnpm db:migrate, listing the migrations', () => {
    const message = describeDatabaseProblem({ kind: 'behind', pending: ['20260101_a', '20260102_b'] }, where);
    expect(message).toContain('2 migrations not applied (20260101_a, 20260102_b)');
    expect(message).toContain('pnpm db:migrate');
  });

  it('names the missing file, the missing key file, and masks secrets in driver messages', () => {
    const file = { configured: 'file:/srv/x.db', url: 'file:/srv/x.db' };
    expect(describeDatabaseProblem({ kind: 'missing-file', filePath: '/srv/x.db' }, file)).toMatch(
      /^No database at DATABASE_URL=file:\/srv\/x\.db: \/srv\/x\.db does not exist\./,
    );
    const key = describeDatabaseProblem({ kind: 'no-key', keyFile: '/srv/keys/signing-key.pem' }, file);
    expect(key).toContain('/srv/keys/signing-key.pem does not exist');
    expect(key).toContain('pnpm candor keys generate');
    const down = describeDatabaseProblem({ kind: 'unreachable', reason: 'password s3cr@t rejected' }, where);
    expect(down).toContain('password *** rejected');
    expect(describeDatabaseProblem({ kind: 'no-organisation' }, where)).toContain('pnpm candor db seed');
  });
});
