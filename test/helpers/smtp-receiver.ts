/**
 * A real SMTP server in the test process (the `smtp-server` package), for the e-mail acceptance
 * tests: it takes every message on 127.0.0.1 and keeps what arrived, parsed just enough to assert
 * on (envelope, headers, text body).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The raw message as it arrived (RFC 5322). */
  raw: string;
  /** Header name in lower case → unfolded value (the first of each name). */
  headers: Record<string, string>;
  /** The body with quoted-printable soft breaks and escapes undone. */
  text: string;
}

export interface SmtpReceiver {
  /** SMTP_URL for nodemailer: plain SMTP on the server's port. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** Undoes quoted-printable (nodemailer's encoding for long or non-ASCII text lines). */
function decodeQuotedPrintable(body: string): string {
  return Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

export function parseMail(raw: string, to: string[] = []): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (colon > 0 && headers[name] === undefined) headers[name] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const quoted = (headers['content-transfer-encoding'] ?? '').toLowerCase() === 'quoted-printable';
  return { to, raw, headers, text: quoted ? decodeQuotedPrintable(body) : body };
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((rcpt) => rcpt.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
