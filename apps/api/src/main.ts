/**
 * `pnpm start`: migrate, seed on first start, then serve the API until SIGTERM/SIGINT.
 */
// First: graphql-js reads NODE_ENV as it loads (production-mode.ts).
import './production-mode.js';
import { ConfigError, clockFrom, loadEnv } from './env.js';
import { createLogger, describeError, redact } from './logger.js';
import { createLiveUpdates } from './notifications/live-updates.js';
import { createMailerFromEnv } from './notifications/mailer-from-env.js';
import { createNotificationWorker } from './notifications/worker.js';
import { createMetrics } from './observability/metrics.js';
import { listen } from './server.js';
import { buildSite, defaultSiteOutput, siteIsBuilt } from './site-build.js';
import { prepareDatabase, prepareSigner } from './startup.js';
import { createCandorYoga } from './yoga.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const signer = prepareSigner(env, logger, { create: true });
  const database = await prepareDatabase(env, logger, signer);
  if (env.CANDOR_BUILD_SITE_ON_START) await buildSite(env, logger);
  const siteDirectory = env.CANDOR_SITE_DIR === 'off' ? null : (env.CANDOR_SITE_DIR ?? defaultSiteOutput);
  if (siteDirectory !== null && !siteIsBuilt(siteDirectory)) logger.warn('no built site to serve', { siteDirectory });
  const metrics = createMetrics();
  // One mailer for confirmation e-mails (yoga) and notices (the worker): SMTP_URL, else the outbox.
  const mailer = createMailerFromEnv(env, logger);
  // GraphQL subscriptions, fed by the outbox worker below (through Redis with REDIS_URL).
  const liveUpdates = createLiveUpdates({
    prisma: database.prisma,
    clock: clockFrom(env),
    logger,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.CANDOR_REDIS_PREFIX,
    metrics,
  });
  const yoga = createCandorYoga({
    database,
    env,
    clock: clockFrom(env),
    logger,
    signer,
    siteDirectory,
    changes: liveUpdates.feed,
    mailer,
    metrics,
  });
  const running = await listen(yoga, {
    host: env.HOST,
    port: env.PORT,
    graceSeconds: env.CANDOR_SHUTDOWN_GRACE_SECONDS,
    logger,
    maxBodyBytes: env.CANDOR_MAX_BODY_BYTES,
  });
  // The outbox worker: partner webhooks, subscribers' notice e-mails, live updates (notifications/worker.ts).
  const webhooks = env.CANDOR_WEBHOOKS
    ? createNotificationWorker({
        prisma: database.prisma,
        clock: clockFrom(env),
        allowPrivate: env.CANDOR_WEBHOOKS_ALLOW_PRIVATE,
        pollMs: env.CANDOR_NOTIFY_POLL_MS,
        logger,
        mailer,
        siteUrl: env.CANDOR_SITE_URL,
        onDispatched: liveUpdates.onDispatched,
      })
    : null;
  webhooks?.start();
  logger.info('listening', {
    graphql: `${running.url}/graphql`,
    health: `${running.url}/healthz`,
    ready: `${running.url}/readyz`,
  });

  const shutdown = async (signal: string) => {
    logger.info('shutting down', { signal });
    liveUpdates.endSubscriptions();
    await running.close();
    await webhooks?.stop();
    await liveUpdates.close();
    mailer.close();
    // Closes what the instance holds besides the database (its Redis connection).
    await yoga.dispose();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    // Redacted: a connection error can quote DATABASE_URL with its password.
    process.stderr.write(
      `${JSON.stringify(redact({ level: 'error', msg: 'failed to start', ...describeError(error) }))}\n`,
    );
  }
  process.exit(1);
});
