/**
 * Nothing lost (issue 18): the API is killed (SIGKILL) after a publish committed and before its
 * notices went out; the event waits in the outbox, and the restarted server delivers it, once:
 * the partner's webhook, signed so the reference library verifies it, and the subscriber's e-mail
 * (a real SMTP server in this process). The first process runs with CANDOR_WEBHOOKS=false (no
 * notification worker), so the kill lands between commit and delivery every time.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess } from '../helpers/api-process.js';
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
import { registerPartnerWebhook, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const { Webhook } = createRequire(new URL('../../apps/api/package.json', import.meta.url))(
  'standardwebhooks',
) as typeof import('standardwebhooks');

let database: TestDatabase;
let token: string;
let receiver: WebhookReceiver;
let smtp: SmtpReceiver;
const READER = 'reader@school.example';

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  receiver = await startWebhookReceiver();
  smtp = await startSmtpReceiver();
});

afterAll(async () => {
  await releasePublishFixture(database);
  await receiver.close();
  await smtp.close();
});

describe('SIGKILL between a publish and its notices', () => {
  it('delivers the webhook and the e-mail after the restart, once each', async () => {
    const terms = await database.prisma.document.findUniqueOrThrow({
      where: { slug: TERMS },
      select: { segments: { select: { segment: { select: { key: true } } } } },
    });
    await database.prisma.subscriber.create({
      data: {
        address: READER,
        segmentKey: terms.segments[0]?.segment.key ?? 'missing',
        subject: 'document',
        subjectKey: TERMS,
        mode: 'all',
        createdAt: TEST_NOW,
        confirmedAt: TEST_NOW,
      },
    });
    const { secret } = await registerPartnerWebhook(database.prisma, {
      url: receiver.url,
      eventTypes: ['version.published'],
      now: TEST_NOW,
    });
    const draftId = await createApprovedDraft(database.prisma);

    const doomed = await startApiProcess({ databaseUrl: database.url, env: { CANDOR_WEBHOOKS: 'false' } });
    const published = await doomed.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    expect(published.body.data?.publishVersion.error).toBeNull();
    doomed.signal('SIGKILL');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(receiver.received).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);
    const event = await database.prisma.notificationEvent.findFirstOrThrow({
      where: { subjectKey: `version:${draftId}`, type: 'version.published' },
    });
    expect(event.dispatchedAt).toBeNull();

    const restarted = await startApiProcess({
      databaseUrl: database.url,
      env: { CANDOR_WEBHOOKS_ALLOW_PRIVATE: 'true', CANDOR_NOTIFY_POLL_MS: '200', SMTP_URL: smtp.url },
    });
    await receiver.until((received) => received.length > 0);
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const delivery = await database.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: event.id } });
    // SIGTERM waits for the worker's round in progress: the attempt is recorded.
    await restarted.stop();
    expect(await restarted.exited).toEqual({ code: 0, signal: null });

    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    expect(message?.headers['webhook-id']).toBe(event.id);
    const payload = new Webhook(secret).verify(message?.body ?? '', message?.headers as Record<string, string>) as {
      type: string;
      data: { id: string };
    };
    expect(payload).toMatchObject({ type: 'version.published', data: { id: draftId } });
    expect(await database.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
    });

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual([READER]);
    expect(smtp.received[0]?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(await database.prisma.mailDelivery.findMany({ where: { eventId: event.id } })).toMatchObject([
      { status: 'DELIVERED', attempts: 1 },
    ]);
  });
});
