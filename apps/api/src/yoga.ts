import { type Database, type Signer, schema } from '@candor/schema';
import type { ChangeFeed } from '@candor/schema/domain';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { ContextOptions } from './context.js';
import { defaultEnv, type Env } from './env.js';
import { faultHooksFrom } from './fault-injection.js';
import { queryLimitsFrom } from './limits/query-limits-from-env.js';
import type { Logger } from './logger.js';
import { createNodeAdapter, type NodeAdapter } from './node/graphql-adapter.js';
import type { Mailer } from './notifications/mailer.js';
import { createMailerFromEnv } from './notifications/mailer-from-env.js';
import { webhookPolicy } from './notifications/partners.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { sitePersistedOperations } from './persisted/manifest.js';
import { exchangeOf } from './pipeline/exchange.js';
import { createPipeline, type Pipeline, STAGES, type Stage } from './pipeline/index.js';
import { METRICS_PATH } from './pipeline/record.js';
import { CSRF_HEADERS } from './pipeline/request-checks.js';
import { useAccessLog } from './plugins/use-access-log.js';
import { useCorsPolicy } from './plugins/use-cors-policy.js';
import { useErrorMasking } from './plugins/use-error-masking.js';
import { useExecutionTimeout } from './plugins/use-execution-timeout.js';
import { useGraphQLParams } from './plugins/use-graphql-params.js';
import { useHealth } from './plugins/use-health.js';
import { useMetrics } from './plugins/use-metrics.js';
import { useParseValidate } from './plugins/use-parse-validate.js';
import { usePersistedOperations } from './plugins/use-persisted-operations.js';
import { useQueryLimits } from './plugins/use-query-limits.js';
import { useRateLimit, useRateLimitSettlement } from './plugins/use-rate-limit.js';
import { useRequestChecks } from './plugins/use-request-checks.js';
import { useRequestId } from './plugins/use-request-id.js';
import { useResponseCache } from './plugins/use-response-cache.js';
import { useResponseHeaders } from './plugins/use-response-headers.js';
import { useSiteForms } from './plugins/use-site-forms.js';
import { useStaticSite } from './plugins/use-static-site.js';
import { useSubscriptionForms } from './plugins/use-subscription-forms.js';
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
   * and read what reaches the log). Production code passes none; with any, the node adapter is off.
   */
  extraPlugins?: Plugin[];
  /**
   * Documents exempt from the cost limit (only that limit): the site's persisted operations,
   * whose bulk reads cost far more than any partner query should (docs/partner-api.md, "Query limits").
   */
  isTrustedDocument?: (document: string) => boolean;
  /** Where confirmation e-mails go; by default one made from env (SMTP_URL, else the outbox), closed on dispose. */
  mailer?: Mailer;
  /**
   * What subscriptions (`changePublished`) listen to: the live updates the notification worker
   * publishes to (notifications/live-updates.ts, made and closed by the caller). Without it
   * subscriptions are refused (SERVICE_UNAVAILABLE).
   */
  changes?: ChangeFeed;
}

export type CandorYoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

/**
 * What server.ts needs of an instance besides yoga itself: the node adapter and whether it answers
 * GraphQL requests, and the settings of the connection guards. Kept beside the instance, not on it: yoga's instance is a
 * proxy that does not keep arbitrary properties.
 */
export interface NodeEdge {
  adapter: NodeAdapter;
  /** CANDOR_NODE_ADAPTER (and no test plugins): whether the node adapter answers GraphQL requests itself. */
  answersGraphQL: boolean;
  pipeline: Pipeline;
  env: Env;
}

const edges = new WeakMap<object, NodeEdge>();

/** The node edge of an instance built by createCandorYoga. */
export const nodeEdgeOf = (yoga: CandorYoga): NodeEdge | undefined => edges.get(yoga);

const EXAMPLE_QUERY = `# Candor: public terms, AI features and consent statistics.
# See docs/partner-api.md for more example queries.
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
  mailer: givenMailer,
  changes,
}: CandorYogaOptions): CandorYoga {
  const env: Env = { ...defaultEnv(), ...givenEnv };
  const mailer = givenMailer ?? createMailerFromEnv(env, logger);
  const graphqlEndpoint = '/graphql';
  // Rate-limit windows and the response cache: in memory, or in Redis with REDIS_URL (one
  // connection per instance, closed on yoga.dispose()).
  const shared = createSharedState(env, logger, metrics);
  const persisted = sitePersistedOperations();
  const contextOptions: ContextOptions = {
    prisma: database.prisma,
    clock,
    minimumCellSize: env.CANDOR_MIN_CELL_SIZE,
    signer,
    faults: faultHooksFrom(env, logger),
    webhooks: webhookPolicy({ allowPrivate: env.CANDOR_WEBHOOKS_ALLOW_PRIVATE }),
    ...(changes === undefined ? {} : { changes }),
  };
  const window = env.CANDOR_RATE_LIMIT_WINDOW_SECONDS;
  const pipeline = createPipeline({
    schema,
    graphqlEndpoint,
    limits: queryLimitsFrom(env),
    maxBodyBytes: env.CANDOR_MAX_BODY_BYTES,
    introspection: env.CANDOR_INTROSPECTION,
    persisted,
    isTrustedDocument: isTrustedDocument ?? ((document) => persisted.hashOf(document) !== undefined),
    rateLimitStore: shared.rateLimitStore,
    responseCacheStore: shared.responseCacheStore,
    budgets: {
      ip: { points: env.CANDOR_RATE_LIMIT_POINTS, windowSeconds: window },
      token: { points: env.CANDOR_RATE_LIMIT_TOKEN_POINTS, windowSeconds: window },
      authFailures: { points: env.CANDOR_AUTH_FAILURE_LIMIT, windowSeconds: env.CANDOR_AUTH_FAILURE_WINDOW_SECONDS },
      failureMode: env.CANDOR_REDIS_FAILURE_MODE,
    },
    trustProxy: env.CANDOR_TRUST_PROXY,
    editorOrigins: env.CANDOR_EDITOR_ORIGINS,
    ttlSeconds: env.CANDOR_CACHE_TTL_SECONDS,
    timeoutMs: env.CANDOR_EXECUTION_TIMEOUT_MS,
    context: contextOptions,
    clock,
    metrics,
    countRequests: env.CANDOR_METRICS,
    servesSite: siteDirectory !== null,
    logger,
    onStoreFailure: shared.reportFailure,
  });

  // One thin adapter per stage, in the pipeline's order (pipeline/index.ts, STAGES).
  const stagePlugins: Record<Stage, Plugin[]> = {
    identify: [useRequestId(pipeline)],
    'check-request': [useRequestChecks(pipeline)],
    params: [useGraphQLParams(pipeline)],
    'pre-parse-limits': [useQueryLimits(pipeline)],
    admit: [useRateLimit(pipeline)],
    'cache-lookup': [useResponseCache(pipeline)],
    'parse-validate': [useParseValidate(pipeline)],
    execute: [useExecutionTimeout(pipeline)],
    mask: [useErrorMasking(pipeline)],
    settle: [useRateLimitSettlement(pipeline)],
    headers: [useResponseHeaders(pipeline)],
    // The store stage is the cache-lookup adapter's result processor (the answer it serialises).
    store: [],
    log: [useAccessLog(pipeline)],
  };
  // Endpoints that are not GraphQL requests answer before the GraphQL stages (after identify).
  const endpoints: Plugin[] = [
    ...(env.CANDOR_METRICS ? [useMetrics({ metrics })] : []),
    useHealth({
      checkDatabase: async () => {
        await database.prisma.$queryRawUnsafe('SELECT 1');
      },
      checkRedis: shared.checkRedis,
      redisFailureMode: env.CANDOR_REDIS_FAILURE_MODE,
    }),
    usePersistedOperations(persisted),
    useSubscriptionForms({
      database,
      mailer,
      clock,
      logger,
      siteUrl: env.CANDOR_SITE_URL,
      rateLimitStore: shared.rateLimitStore,
      perClientPerHour: env.CANDOR_SUBSCRIBE_LIMIT,
    }),
    useCorsPolicy({
      editorOrigins: env.CANDOR_EDITOR_ORIGINS,
      publicRequestHeaders: ['content-type', ...CSRF_HEADERS, 'if-none-match', 'x-request-id', 'traceparent'],
      headers: pipeline.headers,
    }),
    ...(siteDirectory === null
      ? []
      : [
          useSiteForms({ root: siteDirectory, database, clock }),
          useStaticSite({ root: siteDirectory, reserved: ['/graphql', '/healthz', '/readyz', METRICS_PATH] }),
        ]),
  ];
  const [identify, ...graphqlStages] = STAGES;
  const yoga = createYoga({
    schema,
    graphqlEndpoint,
    landingPage: false,
    // CORS is the headers stage's and useCorsPolicy's: yoga's default echoes any origin and allows credentials.
    cors: false,
    graphiql: env.CANDOR_GRAPHIQL ? { title: 'Candor GraphQL', defaultQuery: EXAMPLE_QUERY } : false,
    // The bundled GraphiQL: yoga's default page loads its scripts from a CDN, which air-gapped
    // installations cannot reach.
    renderGraphiQL,
    // Masking is the mask stage's (use-error-masking.ts), which also tags every error with the request id.
    maskedErrors: false,
    // Bodies are limited by the check-request stage and server.ts's chunked-body guard.
    maxRequestBodySize: false,
    // Documents are parsed and validated once per string by the pipeline's document cache.
    parserAndValidationCache: false,
    logging: {
      debug: (...args) => logger.debug(String(args[0])),
      info: (...args) => logger.info(String(args[0])),
      warn: (...args) => logger.warn(String(args[0])),
      error: (...args) => logger.error(String(args[0])),
    },
    context: ({ request }) => pipeline.context(exchangeOf(request) ?? pipeline.identify(viewOf(request))),
    plugins: [
      ...stagePlugins[identify],
      ...endpoints,
      ...graphqlStages.flatMap((stage) => stagePlugins[stage]),
      { onDispose: () => shared.close() },
      ...(givenMailer === undefined ? [{ onDispose: () => mailer.close() }] : []),
      ...extraPlugins,
    ],
  });
  edges.set(yoga, {
    adapter: createNodeAdapter(pipeline, yoga),
    answersGraphQL: env.CANDOR_NODE_ADAPTER && extraPlugins.length === 0,
    pipeline,
    env,
  });
  return yoga as unknown as CandorYoga;
}

/** A request no identify adapter saw (none in practice): identified now. */
const viewOf = (request: Request) => ({
  method: request.method,
  path: new URL(request.url).pathname,
  header: (name: string) => request.headers.get(name),
  peerAddress: undefined,
  adapter: 'yoga' as const,
});
