/**
 * Webhooks from two API processes on one PostgreSQL database (issue 18): both run the delivery
 * worker, polling fast, so they race for every event and every delivery; row claims (FOR UPDATE
 * SKIP LOCKED) and the conditional fan-out mean each event reaches the receiver exactly once.
 */
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
} from '../helpers/publish-fixtures.js';
import { registerPartnerWebhook, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const PUBLISHES = 6;
let database: TestDatabase;
let token: string;
let receiver: WebhookReceiver;
let instances: ApiProcess[];
/** The webhook-id of each request, in the order they arrived. */
const receivedIds = () => receiver.received.map((request) => String(request.headers['webhook-id']));

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  receiver = await startWebhookReceiver();
  await registerPartnerWebhook(database.prisma, {
    url: receiver.url,
    eventTypes: ['version.published'],
    now: TEST_NOW,
  });
  const env = { CANDOR_WEBHOOKS_ALLOW_PRIVATE: 'true', CANDOR_NOTIFY_POLL_MS: '100' };
  instances = await Promise.all([
    startApiProcess({ databaseUrl: database.url, env }),
    startApiProcess({ databaseUrl: database.url, env }),
  ]);
});

afterAll(async () => {
  await releasePublishFixture(database);
  await receiver.close();
});

describe('webhooks from two instances', () => {
  it('deliver each event exactly once', async () => {
    for (let i = 0; i < PUBLISHES; i += 1) {
      const id = await createApprovedDraft(database.prisma);
      const published = await instances[i % 2]?.graphql<PublishData>(PUBLISH, { id }, { token });
      expect(published?.body.data?.publishVersion.error).toBeNull();
    }
    await receiver.until(() => new Set(receivedIds()).size >= PUBLISHES);
    // Both stop after their round in progress: anything sent twice would be in by then.
    await Promise.all(instances.map((instance) => instance.stop()));
    expect(receivedIds()).toHaveLength(PUBLISHES);
    expect(new Set(receivedIds()).size).toBe(PUBLISHES);
    const deliveries = await database.prisma.webhookDelivery.findMany();
    expect(deliveries).toHaveLength(PUBLISHES);
    expect(deliveries.every((d) => d.status === 'DELIVERED' && d.attempts === 1)).toBe(true);
  });
});
