/**
 * Where notice e-mails go. With SMTP_URL set, nodemailer sends them through that server
 * (smtp://user:pass@host:587, smtps://… for implicit TLS). Without it — the embedded default, so
 * `pnpm start` needs no mail server — each message is written as an .eml file (RFC 5322, the
 * exact bytes SMTP would have carried) to the outbox directory under the data directory and
 * logged: a person can open it in any mail client, and tests can read it.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra header fields, e.g. List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string> | undefined;
  /** `<id@domain>`; nodemailer makes one up when absent. A resent message keeps its Message-ID. */
  messageId?: string | undefined;
}

export interface SentMail {
  /** The Message-ID the message went out with. */
  messageId: string;
  /** SMTP: the server took it; outbox: written to `path`. */
  via: 'smtp' | 'outbox';
  path?: string | undefined;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  /** SMTP_URL; null for the outbox directory. */
  smtpUrl: string | null;
  /** Where the outbox writes .eml files (CANDOR_DATA_DIR/outbox). */
  outboxDirectory: string;
  /** The From address (CANDOR_MAIL_FROM). */
  from: string;
  /** Called once per message written to the outbox, e.g. to log its path. */
  onOutbox?: ((path: string, message: MailMessage) => void) | undefined;
}

/** A file name that sorts by time and cannot collide: 20260601T120000Z-<uuid>.eml. */
function outboxFileName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomUUID()}.eml`;
}

export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl !== null) {
    // Pooled: a notice to thousands of subscribers reuses a few connections instead of opening
    // one per message. Options in SMTP_URL's query (?pool=false, ?maxConnections=2) win.
    const transport = nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 5 });
    return {
      async send(message) {
        const info = await transport.sendMail({ from: options.from, ...message });
        return { messageId: info.messageId, via: 'smtp' };
      },
      close: () => transport.close(),
    };
  }
  // streamTransport renders the message as SMTP would send it, without sending it anywhere.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      await mkdir(options.outboxDirectory, { recursive: true });
      const path = join(options.outboxDirectory, outboxFileName(new Date()));
      // Written under a temporary name and renamed: a reader never sees half a message.
      await writeFile(`${path}.partial`, info.message as Buffer);
      await rename(`${path}.partial`, path);
      options.onOutbox?.(path, message);
      return { messageId: info.messageId, via: 'outbox', path };
    },
    close: () => transport.close(),
  };
}
