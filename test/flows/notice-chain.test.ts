/**
 * The public's e-mail notices end to end, as the README tells them, against a real API process
 * (`src/main.ts`, what `pnpm start` runs) with its production defaults — only SMTP_URL set, to a
 * real SMTP server in this process: two readers of different segments subscribe through the
 * site's form endpoint, each confirms with the link mailed to them, an editor publishes a material
 * change through GraphQL, the server's own notification worker sends exactly one notice per
 * subscriber carrying that subscriber's segment's explanation, and a mail client's one-click
 * unsubscribe (RFC 8058) deletes the address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from '../helpers/api-process.js';
import type { TestDatabase } from '../helpers/database.js';
import {
  createApprovedDraft,
  createPublishFixture,
  makeMaterial,
  PUBLISH,
  type PublishData,
  releasePublishFixture,
  TERMS,
} from '../helpers/publish-fixtures.js';
import { type ReceivedMail, type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.js';

const READERS = [
  { address: 'teacher@school.example', segment: 'education' },
  { address: 'owner@shop.example', segment: 'business' },
];

let database: TestDatabase;
let token: string;
let smtp: SmtpReceiver;
let api: ApiProcess;

const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

/** The path and query of the first link in `mail` to `path` (links carry CANDOR_SITE_URL's origin). */
function linkIn(mail: ReceivedMail | undefined, path: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${path}\\?token=[A-Za-z0-9_-]+)`).exec(mail?.text ?? '');
  if (match?.[1] === undefined) throw new Error(`no ${path} link in:\n${mail?.text}`);
  return match[1];
}

async function postForm(path: string, fields: Record<string, string>) {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location') };
}

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  smtp = await startSmtpReceiver();
  api = await startApiProcess({ databaseUrl: database.url, env: { SMTP_URL: smtp.url } });
});

afterAll(async () => {
  await releasePublishFixture(database);
  await smtp.close();
});

describe('e-mail notices, subscribe to unsubscribe', () => {
  it('sends each confirmed subscriber one notice for their segment, and one click deletes the address', async () => {
    for (const { address, segment } of READERS) {
      const answer = await postForm('/subscribe/', { email: address, segment, follow: 'everything', mode: 'material' });
      expect(answer).toEqual({ status: 303, location: '/subscribe/check-your-inbox/' });
      await expect.poll(() => mailsTo(address).length, { timeout: 20_000 }).toBe(1);
      const confirmed = await postForm(linkIn(mailsTo(address)[0], '/subscribe/confirm/'), {});
      expect(confirmed).toEqual({ status: 303, location: '/subscribe/confirmed/' });
    }
    expect(await database.prisma.subscriber.count({ where: { confirmedAt: { not: null } } })).toBe(READERS.length);

    const draftId = await createApprovedDraft(database.prisma);
    await makeMaterial(database.prisma, draftId, (segment) => ({
      summary: `Explained for ${segment.key}: meeting recordings may now train models.`,
      whatChanges: `Clause 99.1 is new for ${segment.name}.`,
    }));
    const published = await api.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    expect(published.body.data?.publishVersion.error).toBeNull();

    for (const { address } of READERS) {
      await expect.poll(() => mailsTo(address).length, { timeout: 20_000 }).toBe(2);
    }
    // The worker's round in progress ends before SIGTERM returns: a second notice would be in by then.
    await api.stop();
    expect(smtp.received).toHaveLength(READERS.length * 2);
    for (const { address, segment } of READERS) {
      const notice = mailsTo(address)[1];
      expect(notice?.text).toContain(`Explained for ${segment}:`);
      for (const other of READERS.filter((reader) => reader.segment !== segment)) {
        expect(notice?.text).not.toContain(`Explained for ${other.segment}:`);
      }
      expect(notice?.text).toContain(`/documents/${TERMS}/`);
      expect(notice?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    }

    // A mail client's one-click unsubscribe: the List-Unsubscribe URL, POSTed with its body.
    api = await startApiProcess({ databaseUrl: database.url, env: { SMTP_URL: smtp.url } });
    const [leaving, staying] = READERS;
    const header = mailsTo(leaving?.address ?? '')[1]?.headers['list-unsubscribe'] ?? '';
    const unsubscribe = new URL(/<([^>]+)>/.exec(header)?.[1] ?? 'http://missing/');
    const oneClick = await fetch(`${api.url}${unsubscribe.pathname}${unsubscribe.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await database.prisma.subscriber.count({ where: { address: leaving?.address } })).toBe(0);
    expect(await database.prisma.subscriber.count({ where: { address: staying?.address } })).toBe(1);
  });
});
