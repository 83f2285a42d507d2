/**
 * The process's mailer, from its configuration: SMTP with SMTP_URL, else the outbox directory
 * under the data directory, each file it writes logged (the only way a person running
 * `pnpm start` without a mail server learns where the messages went).
 */
import { join } from 'node:path';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { dataDirectory } from '../startup.js';
import { createMailer, type Mailer } from './mailer.js';

/** `<data dir>/outbox`: where messages go without SMTP_URL. */
export const outboxDirectory = (env: Pick<Env, 'CANDOR_DATA_DIR'>): string => join(dataDirectory(env), 'outbox');

export function createMailerFromEnv(
  env: Pick<Env, 'SMTP_URL' | 'CANDOR_MAIL_FROM' | 'CANDOR_DATA_DIR'>,
  logger: Logger,
): Mailer {
  return createMailer({
    smtpUrl: env.SMTP_URL ?? null,
    outboxDirectory: outboxDirectory(env),
    from: env.CANDOR_MAIL_FROM,
    // The path and the subject, never the address: logs are kept longer than subscriptions.
    onOutbox: (path, message) => logger.info('mail written to the outbox', { path, subject: message.subject }),
  });
}
