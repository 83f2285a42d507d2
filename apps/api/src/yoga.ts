import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Database, type Signer, schema } from '@candor/schema';
import { useDisableIntrospection } from '@envelop/disable-introspection';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createFastPath } from './cache/fast-path.js';
import { createResponseCacheCore } from './cache/response-cache.js';
import { anonymousContext, buildContext, type ContextOptions } from './context.js';
import { defaultEnv, type Env } from './env.js';
import { faultHooksFrom } from './fault-injection.js';
import { queryLimitsFrom } from './limits/query-limits-from-env.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { sitePersistedOperations } from './persisted/manifest.js';
import { useBodyLimit } from './plugins/use-body-limit.js';
import { useCorsPolicy } from './plugins/use-cors-policy.js';
import { useErrorMasking } from './plugins/use-error-masking.js';
import { useExecutionTimeout } from './plugins/use-execution-timeout.js';
import { useHealth } from './plugins/use-health.js';
import { useHideSuggestions } from './plugins/use-hide-suggestions.js';
import { useHttpCaching } from './plugins/use-http-caching.js';
import { METRICS_PATH, useMetrics } from './plugins/use-metrics.js';
import { usePersistedOperations } from './plugins/use-persisted-operations.js';
import { useQueryLimits } from './plugins/use-query-limits.js';
import { useRateLimit } from './plugins/use-rate-limit.js';
import { useRequestId } from './plugins/use-request-id.js';
import { useResponseCache } from './plugins/use-response-cache.js';
import { useSecurityHeaders } from './plugins/use-security-headers.js';
import { useStaticSite } from './plugins/use-static-site.js';
import { createPostPath } from './post-path/post-path.js';
import { createRateLimiter } from './rate-limit/rate-limiter.js';
import { createSharedState } from './redis/shared-state.js';

export interface CandorYogaOptions {
  database: Database;
  /** Settings not given take their documented defaults (env.ts). */
  env: Partial<Env>;
  clock: () => Date;
  logger: Logger;
  signer: Signer;
  /** The built static site to serve on the same port; null serves none. */
  siteDirectory?: string | null;
  /** The instance's metrics registry (one per instance; tests may pass their own to read it). */
  metrics?: Metrics;
  /**
   * Testing seam: plugins appended after Candor's own (tests use one to make a resolver throw
   * and read what reaches the log). Production code passes none.
   */
  extraPlugins?: Plugin[];
  /**
   * Documents exempt from the cost limit (only that limit): the site's persisted operations,
   * whose bulk reads cost far more than any partner query should (README, "Query limits").
   */
  isTrustedDocument?: (document: string) => boolean;
}

/** Any one of these headers marks a GET request as not forgeable by a cross-site form or link. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] as const;

export type CandorYoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

/**
 * A node-level handler server.ts tries before yoga: answers and returns true, or returns false
 * (at once, or through a promise) for the next one, and finally yoga, to answer.
 */
export interface NodePath {
  handle(request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean>;
}

/**
 * Each instance's node-level paths (server.ts): repeated anonymous GETs from the response cache
 * (cache/fast-path.ts), anonymous JSON POSTs of queries (post-path/). Kept beside the instance, not
 * on it: yoga's instance is a proxy that does not keep arbitrary properties.
 */
const nodePaths = new WeakMap<object, readonly NodePath[]>();

/** The node-level paths of an instance, in the order to try them; empty when all are off. */
export const nodePathsOf = (yoga: CandorYoga): readonly NodePath[] => nodePaths.get(yoga) ?? [];

const EXAMPLE_QUERY = `# Candor: public terms, AI features and consent statistics.
# See the README for more example queries.
{
  organization { name isSample sampleNotice }
  document(slug: "terms-of-service") {
    current { label effectiveAt changeNote }
    upcoming { label effectiveAt }
  }
}
`;

/** Builds the GraphQL server (no listening here: server.ts does that, tests call yoga.fetch). */
export function createCandorYoga({
  database,
  env: givenEnv,
  clock,
  logger,
  signer,
  siteDirectory = null,
  metrics = createMetrics(),
  extraPlugins = [],
  isTrustedDocument,
}: CandorYogaOptions): CandorYoga {
  const env: Env = { ...defaultEnv(), ...givenEnv };
  const faults = faultHooksFrom(env, logger);
  // Rate-limit windows and the response cache: in memory, or in Redis with REDIS_URL (one
  // connection per instance, closed on yoga.dispose()).
  const shared = createSharedState(env, logger, metrics);
  const persisted = sitePersistedOperations();
  const limiter = createRateLimiter({
    store: shared.rateLimitStore,
    ip: { points: env.CANDOR_RATE_LIMIT_POINTS, windowSeconds: env.CANDOR_RATE_LIMIT_WINDOW_SECONDS },
    token: { points: env.CANDOR_RATE_LIMIT_TOKEN_POINTS, windowSeconds: env.CANDOR_RATE_LIMIT_WINDOW_SECONDS },
    trustProxy: env.CANDOR_TRUST_PROXY,
    metrics,
    onStoreFailure: (error) => shared.reportFailure('rate-limit.consume', error),
  });
  const trusted = isTrustedDocument ?? ((document: string) => persisted.hashOf(document) !== undefined);
  const limits = queryLimitsFrom(env);
  const contextOptions: ContextOptions = {
    prisma: database.prisma,
    clock,
    minimumCellSize: env.CANDOR_MIN_CELL_SIZE,
    signer,
    faults,
  };
  const fastPath =
    shared.responseCacheStore === null
      ? null
      : createFastPath({
          store: shared.responseCacheStore,
          ttlSeconds: env.CANDOR_CACHE_TTL_SECONDS,
          clock,
          limiter,
          trustProxy: env.CANDOR_TRUST_PROXY,
          editorOrigins: env.CANDOR_EDITOR_ORIGINS,
          csrfHeaders: CSRF_HEADERS,
          graphqlEndpoint: '/graphql',
          metrics,
          logger,
        });
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // CORS is useCorsPolicy's: yoga's default echoes any origin and allows credentials.
    cors: false,
    graphiql: env.CANDOR_GRAPHIQL ? { title: 'Candor GraphQL', defaultQuery: EXAMPLE_QUERY } : false,
    // The bundled GraphiQL: yoga's default page loads its scripts from a CDN, which air-gapped
    // installations cannot reach.
    renderGraphiQL,
    // Masking is done by useErrorMasking, which also tags every error with the request id.
    maskedErrors: false,
    // Bodies are limited by useBodyLimit and server.ts's chunked-body guard (use-body-limit.ts).
    maxRequestBodySize: false,
    logging: {
      debug: (...args) => logger.debug(String(args[0])),
      info: (...args) => logger.info(String(args[0])),
      warn: (...args) => logger.warn(String(args[0])),
      error: (...args) => logger.error(String(args[0])),
    },
    context: async ({ request }) => (await buildContext(contextOptions, request)) as unknown as Record<string, unknown>,
    plugins: [
      useRequestId(logger),
      ...(env.CANDOR_METRICS ? [useMetrics({ metrics, servesSite: siteDirectory !== null })] : []),
      useSecurityHeaders(),
      // A GET, form or text/plain request (which browsers send cross-site without a preflight)
      // must carry one of these headers; JSON POSTs are preflighted already.
      useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] }),
      // Resolves a persisted hash to its document before any plugin reads the document.
      usePersistedOperations(persisted),
      useBodyLimit({ maxBytes: env.CANDOR_MAX_BODY_BYTES, metrics }),
      // Before any plugin that reads operationFactsOf (rate limiting, response cache).
      useQueryLimits({ limits, metrics, isTrustedDocument: trusted }),
      useExecutionTimeout({ timeoutMs: env.CANDOR_EXECUTION_TIMEOUT_MS, metrics }),
      useHideSuggestions(),
      ...(env.CANDOR_INTROSPECTION ? [] : [useDisableIntrospection()]),
      useHealth({
        checkDatabase: async () => {
          await database.prisma.$queryRawUnsafe('SELECT 1');
        },
      }),
      useErrorMasking(logger),
      // After useErrorMasking, so the errors these stop execution with are tagged with the request
      // id; CORS refuses a foreign mutation before it is charged, the charge comes before execution.
      useCorsPolicy({
        editorOrigins: env.CANDOR_EDITOR_ORIGINS,
        publicRequestHeaders: ['content-type', ...CSRF_HEADERS, 'if-none-match', 'x-request-id', 'traceparent'],
      }),
      useRateLimit(limiter),
      useResponseCache({
        store: shared.responseCacheStore,
        ttlSeconds: env.CANDOR_CACHE_TTL_SECONDS,
        clock,
        limiter,
        persisted,
        metrics,
        onStoreFailure: shared.reportFailure,
      }),
      useHttpCaching('/graphql'),
      { onDispose: () => shared.close() },
      ...(siteDirectory === null
        ? []
        : [useStaticSite({ root: siteDirectory, reserved: ['/graphql', '/healthz', '/readyz', METRICS_PATH] })]),
      ...extraPlugins,
      // Last: it records the headers every other plugin gave a stored answer.
      ...(fastPath === null ? [] : [fastPath.plugin]),
    ],
  });
  // Plugins given from outside (a test's) may change execution, which the POST path would not see.
  const postPath =
    env.CANDOR_POST_FAST_PATH && extraPlugins.length === 0
      ? createPostPath({
          schema,
          graphqlEndpoint: '/graphql',
          maxBodyBytes: env.CANDOR_MAX_BODY_BYTES,
          limits,
          introspection: env.CANDOR_INTROSPECTION,
          isTrustedDocument: trusted,
          persisted,
          cache:
            shared.responseCacheStore === null
              ? null
              : createResponseCacheCore({
                  store: shared.responseCacheStore,
                  ttlSeconds: env.CANDOR_CACHE_TTL_SECONDS,
                  clock,
                  metrics,
                  onStoreFailure: shared.reportFailure,
                }),
          clock,
          limiter,
          trustProxy: env.CANDOR_TRUST_PROXY,
          editorOrigins: env.CANDOR_EDITOR_ORIGINS,
          timeoutMs: env.CANDOR_EXECUTION_TIMEOUT_MS,
          metrics,
          countRequests: env.CANDOR_METRICS,
          logger,
          context: () => anonymousContext(contextOptions),
          yoga,
        })
      : null;
  nodePaths.set(yoga, [...(fastPath === null ? [] : [fastPath]), ...(postPath === null ? [] : [postPath])]);
  return yoga as unknown as CandorYoga;
}
