/**
 * The API's configuration: read from the environment once, here, and validated. Every variable
 * has a default that works out of the box (docs/operating.md, "Configuration").
 */
import { envFlag as bool, parseEnv, SHARED_ENV } from '@candor/schema/config';
import { z } from 'zod';

/** A points budget: a whole number, `0` or `off` (no limit, e.g. for load tests). */
const points = z
  .union([z.literal('off').transform(() => 0), z.coerce.number().int().min(0).max(1_000_000_000)])
  .describe('a whole number of points, 0 or off');

/** A comma-separated list of origins, each `scheme://host[:port]` exactly as browsers send it. */
const origins = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .refine((list) => list.every((origin) => URL.canParse(origin) && new URL(origin).origin === origin), {
    message: 'each origin must be scheme://host[:port] with no path or trailing slash, e.g. https://editor.example',
  });

const EnvSchema = z.object({
  /**
   * DATABASE_URL, CANDOR_NOW, CANDOR_MIN_CELL_SIZE, CANDOR_CONSENT_STALE_AFTER_MONTHS,
   * CANDOR_DATA_DIR, CANDOR_SIGNING_KEY, CANDOR_SITE_URL: shared with the site.
   */
  ...SHARED_ENV,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  CANDOR_GRAPHIQL: bool.default(true),
  /** Answer introspection queries (on by default: this is a transparency API). */
  CANDOR_INTROSPECTION: bool.default(true),
  /** Apply pending migrations when the server starts. */
  CANDOR_MIGRATE_ON_START: bool.default(true),
  /** Load the sample organisation when the server starts on an empty database. */
  CANDOR_SEED_ON_EMPTY: bool.default(true),
  /** Build the static site (apps/site) when the server starts. */
  CANDOR_BUILD_SITE_ON_START: bool.default(true),
  /** Serve this directory (the built site) on the API's port; `off` serves no site. */
  CANDOR_SITE_DIR: z.string().optional(),
  /** Serve Prometheus metrics at GET /metrics (docs/operating.md, "Observability"). */
  CANDOR_METRICS: bool.default(true),
  // Query limits and request guards (docs/partner-api.md, "Query limits"): each refusal has a stable code.
  /** Deepest field nesting (connection plumbing and __typename add no level). QUERY_TOO_DEEP. */
  CANDOR_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(6),
  /** Aliased fields per operation, __typename aliases included. TOO_MANY_ALIASES. */
  CANDOR_MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(15),
  /** Directive uses per operation. TOO_MANY_DIRECTIVES. */
  CANDOR_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(10_000).default(5),
  /** Tokens in the document (comments excluded), counted before parsing. TOO_MANY_TOKENS. */
  CANDOR_MAX_TOKENS: z.coerce.number().int().min(10).max(1_000_000).default(1000),
  /** Characters in the document, checked before parsing. DOCUMENT_TOO_LARGE. */
  CANDOR_MAX_DOCUMENT_CHARS: z.coerce.number().int().min(100).max(10_000_000).default(15_000),
  /** Points on the schema's cost model (persisted site operations are exempt). QUERY_TOO_COSTLY. */
  CANDOR_MAX_COST: z.coerce.number().int().min(1).max(1_000_000_000).default(50_000),
  /** Items in any list given as input (variables or literals). INPUT_LIST_TOO_LONG. */
  CANDOR_MAX_INPUT_LIST: z.coerce.number().int().min(1).max(1_000_000).default(250),
  /** Request body bytes (2 MiB); HTTP 413 PAYLOAD_TOO_LARGE. */
  CANDOR_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(2_097_152),
  /** Milliseconds an operation may execute; HTTP 503 EXECUTION_TIMEOUT. */
  CANDOR_EXECUTION_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  /** Redis (redis://…) shared by several API instances for rate limits and the response cache; unset = one instance, all in memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of every Redis key, so deployments (or test runs) can share one Redis. */
  CANDOR_REDIS_PREFIX: z.string().min(1).max(100).default('candor:'),
  /** Rate-limit points per window for anonymous requests, per client IP; `0` or `off` switches it off (ADR 0006). */
  CANDOR_RATE_LIMIT_POINTS: points.default(2000),
  /** Rate-limit points per window for requests with an API token, per token; `0` or `off` switches it off. */
  CANDOR_RATE_LIMIT_TOKEN_POINTS: points.default(10_000),
  /** Length of a rate-limit window in seconds. */
  CANDOR_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** Failed authentications (bad bearer tokens) per client IP and window before its token requests get 429; `0` or `off`. */
  CANDOR_AUTH_FAILURE_LIMIT: points.default(20),
  /** Length of the failed-authentication window in seconds. */
  CANDOR_AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * When the rate-limit store (Redis) cannot be reached: `open` serves requests uncounted, `closed`
   * refuses them with 503 (and /readyz says unavailable). The response cache always fails open.
   */
  CANDOR_REDIS_FAILURE_MODE: z.enum(['open', 'closed']).default('open'),
  /** Take the client IP from the last X-Forwarded-For entry (only behind a proxy that sets it). */
  CANDOR_TRUST_PROXY: bool.default(false),
  /** Cache anonymous query answers (in memory, or in Redis with REDIS_URL). */
  CANDOR_RESPONSE_CACHE: bool.default(true),
  /** How long a cached answer (and a CDN's copy of a GET answer) may be served, in seconds. */
  CANDOR_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** In-memory response cache bounds: entries, and megabytes of answers. */
  CANDOR_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  CANDOR_CACHE_MAX_MB: z.coerce.number().min(1).max(16_384).default(64),
  /**
   * Answer anonymous GET and JSON POST requests of the GraphQL endpoint with the node adapter of
   * the pipeline (node/graphql-adapter.ts); off: yoga's adapter answers every request.
   */
  CANDOR_NODE_ADAPTER: bool.default(true),
  /** Comma-separated origins (https://editor.example) whose pages may send a token and mutations. */
  CANDOR_EDITOR_ORIGINS: origins.default([]),
  /** Milliseconds a client may take to send a request's headers (node's headersTimeout); 408 past it. */
  CANDOR_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Milliseconds a client may take to send a whole request (node's requestTimeout); 408 past it. */
  CANDOR_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Milliseconds an idle keep-alive connection stays open between requests. */
  CANDOR_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** Connections open at once from one client address; more are closed at once. `0` or `off`: no cap. */
  CANDOR_MAX_CONNECTIONS_PER_CLIENT: points.default(128),
  /** Connections open at once in this process; more are closed at once (keep it below `ulimit -n`). */
  CANDOR_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(8192),
  /** Seconds to let in-flight requests finish on SIGTERM before closing. */
  CANDOR_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(10),
  /** Run the outbox worker in this process: partner webhooks, notice e-mails, live updates (docs/operating.md, "Webhooks"). */
  CANDOR_WEBHOOKS: bool.default(true),
  /** Let webhook targets be private, loopback or link-local addresses over plain http (tests, closed networks). */
  CANDOR_WEBHOOKS_ALLOW_PRIVATE: bool.default(false),
  /** Milliseconds between the notification worker's rounds (due events, due retries). */
  CANDOR_NOTIFY_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /**
   * Where notice e-mails go: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://… Unset:
   * each message is written as an .eml file to $CANDOR_DATA_DIR/outbox and logged.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The From address of notice e-mails. */
  CANDOR_MAIL_FROM: z.string().min(3).default('Candor notices <notices@candor.invalid>'),
  /** Subscribe requests (POST /subscribe/) per client address and hour; more get 429. `0` or `off`: no limit. */
  CANDOR_SUBSCRIBE_LIMIT: points.default(10),
  /** PostgreSQL statement_timeout (ms) on every connection: a slow statement is cancelled; 0 disables it. */
  CANDOR_PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /**
   * Testing only (fault tests): inside the publish transaction, after its first write, log
   * "publish transaction open" and wait this long, so a test can kill the process mid-publish.
   */
  CANDOR_FAULT_PUBLISH_PAUSE_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /**
   * Testing only (scale-out tests): inside the publish transaction, after reading the last
   * checkpoint sequence, log "checkpoint sequence read" and wait this long.
   */
  CANDOR_FAULT_CHECKPOINT_PAUSE_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** Testing only (fault tests): SQLite PRAGMA max_page_count on every connection, to simulate a full disk. */
  CANDOR_FAULT_SQLITE_MAX_PAGE_COUNT: z.coerce.number().int().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return parseEnv(EnvSchema, source, (problems) => new ConfigError(`Invalid configuration:\n${problems}`));
}

/** Every setting at its default: what an empty environment means. */
export const defaultEnv = (): Env => EnvSchema.parse({});

/** The clock the API answers against. */
export const clockFrom = (env: Pick<Env, 'CANDOR_NOW'>): (() => Date) => {
  const fixed = env.CANDOR_NOW;
  return fixed === undefined ? () => new Date() : () => new Date(fixed);
};
