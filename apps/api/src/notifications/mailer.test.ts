/**
 * Both ways a notice leaves: through a real SMTP server (smtp-server, in this process) and, with
 * no SMTP configured, as an .eml file in the outbox directory.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type MailMessage } from './mailer.js';

const message: MailMessage = {
  to: 'reader@school.example',
  subject: 'Terms of Service change on 1 January 2027',
  text: 'What changes for education accounts: …',
  headers: {
    'List-Unsubscribe': '<https://candor.example/unsubscribe/abc>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
};

describe('SMTP', () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends through the server named by SMTP_URL, with the unsubscribe headers', async () => {
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      outboxDirectory: '/nonexistent',
      from: 'Candor <notices@candor.example>',
    });
    const sent = await mailer.send(message);
    mailer.close();
    expect(sent.via).toBe('smtp');
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('notices@candor.example');
    expect(mail?.to).toEqual(['reader@school.example']);
    expect(mail?.raw).toContain('List-Unsubscribe: <https://candor.example/unsubscribe/abc>');
    expect(mail?.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail?.raw).toContain(`Message-ID: ${sent.messageId}`);
  });
});

describe('the outbox directory', () => {
  it('writes each message as an .eml file a mail client opens, and reports its path', async () => {
    const outbox = join(mkdtempSync(join(tmpdir(), 'candor-outbox-')), 'outbox');
    const written: string[] = [];
    const mailer = createMailer({
      smtpUrl: null,
      outboxDirectory: outbox,
      from: 'Candor <notices@candor.example>',
      onOutbox: (path) => written.push(path),
    });
    const sent = await mailer.send(message);
    await mailer.send({ ...message, to: 'other@school.example' });
    mailer.close();
    expect(sent.via).toBe('outbox');
    const files = readdirSync(outbox);
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    expect(written).toHaveLength(2);
    const raw = readFileSync(sent.path ?? '', 'utf8');
    expect(raw).toContain('To: reader@school.example');
    expect(raw).toContain('Subject: Terms of Service change on 1 January 2027');
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });
});
