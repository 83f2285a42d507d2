/** @candor/api: the HTTP edge, for tests and tools that embed the server. */

export { ConfigError, clockFrom, type Env, loadEnv } from './env.js';
export { createLogger, type Logger } from './logger.js';
export { createLiveUpdates, type LiveUpdates } from './notifications/live-updates.js';
export { createMailer, type Mailer, type MailMessage } from './notifications/mailer.js';
export { resolveHost, webhookPolicy } from './notifications/partners.js';
export { MAX_ATTEMPTS } from './notifications/retry-schedule.js';
export {
  createNotificationWorker,
  type DispatchedEvent,
  type NotificationWorker,
  type NotificationWorkerOptions,
} from './notifications/worker.js';
export { createMetrics, type Metrics } from './observability/metrics.js';
export { isPersistedDocument, MANIFEST_PATH, sha256Hex, sitePersistedOperations } from './persisted/manifest.js';
export { connectRedis, deleteKeysWithPrefix, type SharedRedis } from './redis/connection.js';
export { listen, type RunningServer } from './server.js';
export { describeTarget, prepareDatabase } from './startup.js';
export { type CandorYoga, createCandorYoga } from './yoga.js';
