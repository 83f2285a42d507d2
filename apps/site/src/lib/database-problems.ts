/**
 * Why an in-process build cannot read its database, and what to run instead. The build only reads
 * (lib/site-database.ts): a wrong DATABASE_URL must stop it with a message naming the URL it
 * tried, never become a new database with the sample in it, signed with a new key, and deployed
 * over the live site.
 */

export type DatabaseProblem =
  /** DATABASE_URL is not a URL the build understands. */
  | { kind: 'bad-url'; reason: string }
  /** SQLite: the file is not there (and the build did not create it). */
  | { kind: 'missing-file'; filePath: string }
  /** The database could not be opened or queried (PostgreSQL down, no such database, bad password…). */
  | { kind: 'unreachable'; reason: string }
  /** The database exists but holds no tables (an empty file, a new PostgreSQL database). */
  | { kind: 'no-tables' }
  /** Some migrations of this checkout are not applied to it. */
  | { kind: 'behind'; pending: readonly string[] }
  /** Migrated, but no organisation was ever set up in it. */
  | { kind: 'no-organisation' }
  /** Neither CANDOR_SIGNING_KEY nor the key file exists. */
  | { kind: 'no-key'; keyFile: string };

/** Where the build looked: the URL as configured (redacted) and, for SQLite, the file it means. */
export interface DatabaseWhere {
  /** DATABASE_URL as given, or undefined when unset (the default applies). */
  configured: string | undefined;
  /** The URL actually tried (the default when unset; SQLite paths made absolute); '' when none parsed. */
  url: string;
}

export class SiteDatabaseError extends Error {
  override name = 'SiteDatabaseError';
  constructor(
    readonly problem: DatabaseProblem,
    message: string,
  ) {
    super(message);
  }
}

const MASK = '***';

/**
 * The URL with any password masked (`postgresql://user:***@host/db`, `?password=***`), safe for a
 * build log. Anything that does not parse as a URL is returned with its user-info part masked.
 */
export function redactDatabaseUrl(url: string): string {
  if (url.startsWith('file:')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = MASK;
    for (const name of [...parsed.searchParams.keys()]) {
      if (/pass/i.test(name)) parsed.searchParams.set(name, MASK);
    }
    return parsed.toString().replaceAll(encodeURIComponent(MASK), MASK);
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, `//$1:${MASK}@`);
  }
}

/** `text` with every secret of `url` (its password) masked: driver errors may quote them. */
export function redactSecrets(text: string, url: string): string {
  let secrets: string[] = [];
  try {
    const parsed = new URL(url);
    secrets = [parsed.password, decodeURIComponent(parsed.password)];
    for (const [name, value] of parsed.searchParams) if (/pass/i.test(name)) secrets.push(value);
  } catch {}
  return secrets.filter((secret) => secret.length > 0).reduce((out, secret) => out.replaceAll(secret, MASK), text);
}

/** "DATABASE_URL=…" as configured, or the default it fell back to. */
export function describeWhere(where: DatabaseWhere): string {
  const shown = redactDatabaseUrl(where.url);
  if (where.configured === undefined) return `DATABASE_URL (unset, so the default ${shown})`;
  const configured = redactDatabaseUrl(where.configured);
  return configured === shown || shown === '' ? `DATABASE_URL=${configured}` : `DATABASE_URL=${configured} (${shown})`;
}

const CREATE_ONE = [
  'To build from the database your server uses, set DATABASE_URL (and CANDOR_DATA_DIR or',
  'CANDOR_SIGNING_KEY) exactly as the server has them. To make this one first:',
  '  pnpm candor init …   your own organisation (creates and migrates the database; docs/operating.md, "Set up your organisation")',
  '  pnpm start           the sample organisation: creates, migrates and seeds the database, then builds the site',
];

/** The whole message: what is wrong, where, that nothing was created, and what to run instead. */
export function describeDatabaseProblem(problem: DatabaseProblem, where: DatabaseWhere): string {
  const at = describeWhere(where);
  const lines = ((): string[] => {
    switch (problem.kind) {
      case 'bad-url':
        return [`${at} is not a database URL: ${problem.reason}`];
      case 'missing-file':
        return [`No database at ${at}: ${problem.filePath} does not exist.`, ...CREATE_ONE];
      case 'unreachable':
        return [
          `Cannot read the database at ${at}: ${redactSecrets(problem.reason, where.url)}`,
          'Check the URL, and that the database exists and accepts connections: the build creates none.',
          ...CREATE_ONE,
        ];
      case 'no-tables':
        return [`The database at ${at} is empty: it has no tables.`, ...CREATE_ONE];
      case 'behind':
        return [
          `The database at ${at} is behind this checkout: ${problem.pending.length} migration${problem.pending.length === 1 ? '' : 's'} not applied (${problem.pending.join(', ')}).`,
          'Apply them with "pnpm db:migrate" (same DATABASE_URL), or restart the server, which applies',
          'them on start unless CANDOR_MIGRATE_ON_START=false; then build again.',
        ];
      case 'no-organisation':
        return [
          `The database at ${at} holds no organisation.`,
          'Set one up first:',
          '  pnpm candor init …   your own organisation (docs/operating.md, "Set up your organisation")',
          '  pnpm candor db seed  the fictional sample organisation',
        ];
      case 'no-key':
        return [
          `No checkpoint signing key: CANDOR_SIGNING_KEY is unset and ${problem.keyFile} does not exist (database: ${at}).`,
          'The site publishes the public key of the key the server signs with: point CANDOR_DATA_DIR at',
          'the directory holding its signing-key.pem, or set CANDOR_SIGNING_KEY. The build never makes',
          'a key; "pnpm candor keys generate" (or the server on its first start) does.',
        ];
    }
  })();
  const [first = '', ...rest] = lines;
  return [
    first,
    'The site build only reads a database: it never creates, migrates or seeds one, nor makes a',
    'signing key, and it created nothing.',
    ...rest,
  ].join('\n');
}
