import { type Database, type Signer, schema } from '@candor/schema';
import { useDisableIntrospection } from '@envelop/disable-introspection';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { buildContext } from './context.js';
import { defaultEnv, type Env } from './env.js';
import type { Logger } from './logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { useErrorMasking } from './plugins/use-error-masking.js';
import { useHealth } from './plugins/use-health.js';
import { useHideSuggestions } from './plugins/use-hide-suggestions.js';
import { useRequestId } from './plugins/use-request-id.js';
import { useSecurityHeaders } from './plugins/use-security-headers.js';
import { useStaticSite } from './plugins/use-static-site.js';

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
}

/** Any one of these headers marks a GET request as not forgeable by a cross-site form or link. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] as const;

export type CandorYoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

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
}: CandorYogaOptions): CandorYoga {
  const env: Env = { ...defaultEnv(), ...givenEnv };
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: env.CANDOR_GRAPHIQL ? { title: 'Candor GraphQL', defaultQuery: EXAMPLE_QUERY } : false,
    // The bundled GraphiQL: yoga's default page loads its scripts from a CDN, which air-gapped
    // installations cannot reach.
    renderGraphiQL,
    // Masking is done by useErrorMasking, which also tags every error with the request id.
    maskedErrors: false,
    logging: {
      debug: (...args) => logger.debug(String(args[0])),
      info: (...args) => logger.info(String(args[0])),
      warn: (...args) => logger.warn(String(args[0])),
      error: (...args) => logger.error(String(args[0])),
    },
    context: async ({ request }) =>
      (await buildContext(
        { prisma: database.prisma, clock, minimumCellSize: env.CANDOR_MIN_CELL_SIZE, signer },
        request,
      )) as unknown as Record<string, unknown>,
    plugins: [
      useRequestId(logger),
      useSecurityHeaders(),
      // A GET, form or text/plain request (which browsers send cross-site without a preflight)
      // must carry one of these headers; JSON POSTs are preflighted already.
      useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] }),
      useHideSuggestions(),
      ...(env.CANDOR_INTROSPECTION ? [] : [useDisableIntrospection()]),
      useHealth({
        checkDatabase: async () => {
          await database.prisma.$queryRawUnsafe('SELECT 1');
        },
      }),
      useErrorMasking(logger),
      ...(siteDirectory === null
        ? []
        : [useStaticSite({ root: siteDirectory, reserved: ['/graphql', '/healthz', '/readyz'] })]),
    ],
  }) as unknown as CandorYoga;
}
