/**
 * The configuration both apps read, defined once: the variables the API and the site share (same
 * name, meaning and rule), the flag syntax, and the loader that validates an environment and
 * names every bad variable. Each app adds its own variables (apps/api/src/env.ts,
 * apps/site/src/lib/env.ts); docs/operating.md, "Configuration", lists them all.
 */
import { z } from 'zod';

/** A yes/no setting, spelled the ways operators write it. */
export const envFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

/** The variables the API and the site both read. */
export const SHARED_ENV = {
  /** file:… (SQLite, default data/candor.db) or postgres://…, read by @candor/schema's database client. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Freezes the clock (ISO 8601) for demos, reproducible builds and screenshots; unset means real time. */
  CANDOR_NOW: z.iso.datetime({ offset: true }).optional(),
  /** Consent statistics cells below this count are suppressed. */
  CANDOR_MIN_CELL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * Consent statistics whose latest month is more than this many months before now (the build's
   * now, for the site) are flagged as out of date on the pages that show them.
   */
  CANDOR_CONSENT_STALE_AFTER_MONTHS: z.coerce.number().int().min(1).max(120).default(3),
  /** Where the signing key (and, by default, the SQLite file) live; defaults to <repo>/data. */
  CANDOR_DATA_DIR: z.string().min(1).optional(),
  /** Ed25519 private key (PKCS8 PEM) that signs checkpoints; overrides the key file in the data directory. */
  CANDOR_SIGNING_KEY: z.string().optional(),
  /**
   * The public origin the site is served from: absolute URLs in the sitemap, feeds and OpenGraph
   * tags (site), and in notice e-mails and webhook payloads (API).
   */
  CANDOR_SITE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000'),
} as const;

/**
 * Validates `source` against `schema`. Unset and empty variables both mean "use the default", so
 * `FOO=` in a shell or a compose file never turns into an invalid empty value.
 *
 * @throws the error `fail` makes of a message listing each bad variable and why.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: Readonly<Record<string, string | undefined>>,
  fail: (message: string) => Error,
): z.infer<Schema> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}
