/**
 * The site's configuration: the one module that reads `process.env`, validated once (convention 3).
 * Every variable is optional; the defaults build the site in-process from the local database,
 * which the build only reads: it never creates, migrates or seeds one (lib/site-database.ts).
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const EnvSchema = z.object({
  /** Public origin the site is served from; absolute URLs (sitemap, feeds, OpenGraph) use it. */
  CANDOR_SITE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4000'),
  /** When set, operations are POSTed to `${CANDOR_API_URL}/graphql` instead of running in-process. */
  CANDOR_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** With CANDOR_API_URL: an API token the build sends, so it spends that token's budget, not its IP's (ADR 0006). */
  CANDOR_TOKEN: z.string().min(1).optional(),
  /** file:… (SQLite) or postgres://…, read by @candor/schema exactly as the API reads it. */
  DATABASE_URL: z.string().min(1).optional(),
  /** Freezes the clock the data is computed against (ISO 8601), for reproducible builds. */
  CANDOR_NOW: z.iso.datetime({ offset: true }).optional(),
  /** Consent statistics cells below this count are suppressed (in-process builds only). */
  CANDOR_MIN_CELL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Where the checkpoint signing key lives (`signing-key.pem`); defaults to <repo>/data. */
  CANDOR_DATA_DIR: z.string().min(1).optional(),
  /** Ed25519 private key (PKCS8 PEM); overrides the key file. */
  CANDOR_SIGNING_KEY: z.string().optional(),
  /**
   * Read no data and make empty collections: for `astro check` (the typecheck script), which needs
   * the collections' types but not their entries, so type-checking needs no database.
   */
  CANDOR_SITE_NO_DATA: bool.default(false),
});

export type SiteEnv = z.infer<typeof EnvSchema>;

/** Parses the environment; a bad value stops the build with a message naming the variable. */
export function loadSiteEnv(source: NodeJS.ProcessEnv = process.env): SiteEnv {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid site configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
