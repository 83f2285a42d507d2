/**
 * The API's configuration: read from the environment once, here, and validated. Every variable
 * has a default that works out of the box (README, "Configuration").
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const EnvSchema = z.object({
  /** file:… (SQLite, default data/candor.db) or postgres://… */
  DATABASE_URL: z.string().optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Consent statistics cells below this count are suppressed. */
  CANDOR_MIN_CELL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  CANDOR_GRAPHIQL: bool.default(true),
  /** Answer introspection queries (on by default: this is a transparency API). */
  CANDOR_INTROSPECTION: bool.default(true),
  /** Apply pending migrations when the server starts. */
  CANDOR_MIGRATE_ON_START: bool.default(true),
  /** Load the sample organisation when the server starts on an empty database. */
  CANDOR_SEED_ON_EMPTY: bool.default(true),
  /** Freeze the clock (ISO 8601) for demos and reproducible screenshots; unset means real time. */
  CANDOR_NOW: z.iso.datetime({ offset: true }).optional(),
  /** Where the signing key (and, by default, the SQLite file) live. */
  CANDOR_DATA_DIR: z.string().min(1).optional(),
  /** Ed25519 private key (PKCS8 PEM) that signs checkpoints; generated into the data directory when unset. */
  CANDOR_SIGNING_KEY: z.string().optional(),
  /** Build the static site (apps/site) when the server starts. */
  CANDOR_BUILD_SITE_ON_START: bool.default(true),
  /** Serve this directory (the built site) on the API's port; `off` serves no site. */
  CANDOR_SITE_DIR: z.string().optional(),
  /** Seconds to let in-flight requests finish on SIGTERM before closing. */
  CANDOR_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(10),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Every setting at its default: what an empty environment means. */
export const defaultEnv = (): Env => EnvSchema.parse({});

/** The clock the API answers against. */
export const clockFrom = (env: Pick<Env, 'CANDOR_NOW'>): (() => Date) => {
  const fixed = env.CANDOR_NOW;
  return fixed === undefined ? () => new Date() : () => new Date(fixed);
};
