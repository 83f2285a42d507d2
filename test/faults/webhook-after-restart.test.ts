/**
 * Nothing lost (issue 18): the API is killed (SIGKILL) after a publish committed and before its
 * webhook went out; the event waits in the outbox, and the restarted server delivers it, once,
 * signed so the reference library verifies it. The first process runs with CANDOR_WEBHOOKS=false,
 * so the kill lands between commit and delivery every time.
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
} from '../helpers/publish-fixtures.js';
import { registerPartnerWebhook, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const { Webhook } = createRequire(new URL('../../apps/api/package.json', import.meta.url))(
  'standardwebhooks',
) as typeof import('standardwebhooks');

let database: TestDatabase;
let token: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await releasePublishFixture(database);
  await receiver.close();
});

describe('SIGKILL between a publish and its webhook', () => {
  it('delivers the event after the restart, once', async () => {
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
    const event = await database.prisma.notificationEvent.findFirstOrThrow({
      where: { subjectKey: `version:${draftId}`, type: 'version.published' },
    });
    expect(event.dispatchedAt).toBeNull();

    const restarted = await startApiProcess({
      databaseUrl: database.url,
      env: { CANDOR_WEBHOOKS_ALLOW_PRIVATE: 'true', CANDOR_NOTIFY_POLL_MS: '200' },
    });
    await receiver.until((received) => received.length > 0);
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
  });
});
