/**
 * The site's configuration: the one module that reads `process.env`, validated once (convention 3).
 * Every variable is optional; the defaults build the site in-process from the local database,
 * which the build only reads: it never creates, migrates or seeds one (lib/site-database.ts).
 */
import { envFlag as bool, parseEnv, SHARED_ENV } from '@candor/schema/config';
import { z } from 'zod';

const EnvSchema = z.object({
  /**
   * DATABASE_URL, CANDOR_NOW, CANDOR_MIN_CELL_SIZE (in-process builds only), CANDOR_DATA_DIR,
   * CANDOR_SIGNING_KEY and CANDOR_SITE_URL: shared with the API, read the same way.
   */
  ...SHARED_ENV,
  /** When set, operations are POSTed to `${CANDOR_API_URL}/graphql` instead of running in-process. */
  CANDOR_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** With CANDOR_API_URL: an API token the build sends, so it spends that token's budget, not its IP's (ADR 0006). */
  CANDOR_TOKEN: z.string().min(1).optional(),
  /**
   * Read no data and make empty collections: for `astro check` (the typecheck script), which needs
   * the collections' types but not their entries, so type-checking needs no database.
   */
  CANDOR_SITE_NO_DATA: bool.default(false),
});

export type SiteEnv = z.infer<typeof EnvSchema>;

/** Parses the environment; a bad value stops the build with a message naming the variable. */
export function loadSiteEnv(source: NodeJS.ProcessEnv = process.env): SiteEnv {
  return parseEnv(EnvSchema, source, (problems) => new Error(`Invalid site configuration:\n${problems}`));
}
