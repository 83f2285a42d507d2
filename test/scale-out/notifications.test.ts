/**
 * Notifications from two API processes on one PostgreSQL database and one Redis (issue 18). Both
 * run the notification worker, polling fast, so they race for every event and every delivery: row
 * claims (FOR UPDATE SKIP LOCKED) and the conditional fan-out mean each event reaches the webhook
 * receiver exactly once and each e-mail subscriber exactly once (a real SMTP server in this
 * process), and live updates go through Redis, so an SSE subscriber on either instance receives
 * each event once, whichever instance dispatched it. Every publish goes through instance A; the
 * subscriber on B is the one "on the other instance".
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, startApiProcess } from '../helpers/api-process.js';
import type { TestDatabase } from '../helpers/database.js';
import { TEST_NOW } from '../helpers/providers.js';
import {
  createApprovedDraft,
  createPublishFixture,
  PUBLISH,
  type PublishData,
  releasePublishFixture,
  TERMS,
} from '../helpers/publish-fixtures.js';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { type SseSubscription, subscribeSse } from '../helpers/sse-client.js';
import { registerPartnerWebhook, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const PUBLISHES = 6;
const REDIS_URL = process.env.CANDOR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const READERS = ['reader1@school.example', 'reader2@school.example'];
const CHANGES = `subscription { changePublished(document: "${TERMS}", types: [VERSION_PUBLISHED]) { id version { id } } }`;

let database: TestDatabase;
let token: string;
let receiver: WebhookReceiver;
let smtp: SmtpReceiver;
let a: ApiProcess;
let b: ApiProcess;
const streams: SseSubscription[] = [];

/** The webhook-id of each request, in the order they arrived. */
const receivedIds = () => receiver.received.map((request) => String(request.headers['webhook-id']));
const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
const changeIds = (stream: SseSubscription) =>
  stream.results().map((result) => (result.data as { changePublished: { id: string } }).changePublished.id);

/** What an instance's /metrics says of the subscriptions listening on it. */
async function listeningOn(instance: ApiProcess): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  return Number(/^candor_live_subscriptions (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/** An SSE subscriber on `instance`, once its listener is attached (a publish before would pass it by). */
async function follow(instance: ApiProcess): Promise<SseSubscription> {
  const stream = await subscribeSse(`${instance.url}/graphql`, CHANGES);
  streams.push(stream);
  expect(stream.status).toBe(200);
  await expect.poll(() => listeningOn(instance), { timeout: 10_000 }).toBe(1);
  return stream;
}

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  receiver = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
  await registerPartnerWebhook(database.prisma, {
    url: receiver.url,
    eventTypes: ['version.published'],
    now: TEST_NOW,
  });
  const terms = await database.prisma.document.findUniqueOrThrow({
    where: { slug: TERMS },
    select: { segments: { select: { segment: { select: { key: true } } } } },
  });
  const segmentKey = terms.segments[0]?.segment.key ?? 'missing';
  await database.prisma.subscriber.createMany({
    data: READERS.map((address) => ({
      address,
      segmentKey,
      subject: 'document',
      subjectKey: TERMS,
      mode: 'all',
      createdAt: TEST_NOW,
      confirmedAt: TEST_NOW,
    })),
  });
  const env = {
    CANDOR_WEBHOOKS_ALLOW_PRIVATE: 'true',
    CANDOR_NOTIFY_POLL_MS: '100',
    REDIS_URL,
    CANDOR_REDIS_PREFIX: `candor-test-${randomBytes(4).toString('hex')}:`,
    SMTP_URL: smtp.url,
  };
  [a, b] = await Promise.all([
    startApiProcess({ databaseUrl: database.url, env }),
    startApiProcess({ databaseUrl: database.url, env }),
  ]);
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await releasePublishFixture(database);
  await receiver.close();
  await smtp.close();
});

describe('notifications from two instances on PostgreSQL and Redis', () => {
  it('deliver each event once by webhook and by e-mail, and live to subscribers on either instance', async () => {
    const onA = await follow(a);
    const onB = await follow(b);
    const published: string[] = [];
    for (let i = 0; i < PUBLISHES; i += 1) {
      const id = await createApprovedDraft(database.prisma);
      const answer = await a.graphql<PublishData>(PUBLISH, { id }, { token });
      expect(answer.body.data?.publishVersion.error).toBeNull();
      published.push(id);
    }
    await receiver.until(() => new Set(receivedIds()).size >= PUBLISHES);
    await Promise.all(streams.map((stream) => stream.until(() => changeIds(stream).length >= PUBLISHES)));
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(PUBLISHES * 2);
    // Both stop after their round in progress: anything sent twice would be in by then.
    await Promise.all([a.stop(), b.stop()]);

    expect(receivedIds()).toHaveLength(PUBLISHES);
    expect(new Set(receivedIds()).size).toBe(PUBLISHES);
    const deliveries = await database.prisma.webhookDelivery.findMany();
    expect(deliveries).toHaveLength(PUBLISHES);
    expect(deliveries.every((d) => d.status === 'DELIVERED' && d.attempts === 1)).toBe(true);

    for (const address of READERS) {
      const mails = mailsTo(address);
      expect(mails).toHaveLength(PUBLISHES);
      expect(new Set(mails.map((mail) => mail.headers['message-id'])).size).toBe(PUBLISHES);
    }

    const events = await database.prisma.notificationEvent.findMany({
      where: { type: 'version.published', subjectKey: { in: published.map((id) => `version:${id}`) } },
      select: { id: true },
    });
    const eventIds = events.map((event) => event.id).sort();
    expect(eventIds).toHaveLength(PUBLISHES);
    // Each subscriber, on the publishing instance or the other, heard each event exactly once.
    for (const stream of [onA, onB]) expect([...changeIds(stream)].sort()).toEqual(eventIds);
  });
});
