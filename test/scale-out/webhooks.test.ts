/**
 * Webhooks from two API processes on one PostgreSQL database (issue 18): both run the delivery
 * worker, polling fast, so they race for every event and every delivery; row claims (FOR UPDATE
 * SKIP LOCKED) and the conditional fan-out mean each event reaches the receiver exactly once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookPolicy } from '@candor/api';
import { webhookServices } from '@candor/schema';
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

const PUBLISHES = 6;
let database: TestDatabase;
let token: string;
let receiver: Server;
let instances: ApiProcess[];
const received: string[] = [];
let allArrived: () => void;
const arrived = new Promise<void>((resolve) => {
  allArrived = resolve;
});

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.push(String(request.headers['webhook-id']));
      response.end('ok');
      if (new Set(received).size >= PUBLISHES) allArrived();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const policy = webhookPolicy({ allowPrivate: true });
  const { partner } = await webhookServices.createPartner(database.prisma, {
    name: 'Watchdog',
    contact: 'ops@example.org',
    now: TEST_NOW,
  });
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const checked = await webhookServices.checkWebhookRegistration(policy, { url, eventTypes: ['version.published'] });
  await webhookServices.registerWebhook(database.prisma, policy, { partnerId: partner.id, ...checked, now: TEST_NOW });
  const env = { CANDOR_WEBHOOKS_ALLOW_PRIVATE: 'true', CANDOR_NOTIFY_POLL_MS: '100' };
  instances = await Promise.all([
    startApiProcess({ databaseUrl: database.url, env }),
    startApiProcess({ databaseUrl: database.url, env }),
  ]);
});

afterAll(async () => {
  await releasePublishFixture(database);
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks from two instances', () => {
  it('deliver each event exactly once', async () => {
    for (let i = 0; i < PUBLISHES; i += 1) {
      const id = await createApprovedDraft(database.prisma);
      const published = await instances[i % 2]?.graphql<PublishData>(PUBLISH, { id }, { token });
      expect(published?.body.data?.publishVersion.error).toBeNull();
    }
    await arrived;
    // Both stop after their round in progress: anything sent twice would be in by then.
    await Promise.all(instances.map((instance) => instance.stop()));
    expect(received).toHaveLength(PUBLISHES);
    expect(new Set(received).size).toBe(PUBLISHES);
    const deliveries = await database.prisma.webhookDelivery.findMany();
    expect(deliveries).toHaveLength(PUBLISHES);
    expect(deliveries.every((d) => d.status === 'DELIVERED' && d.attempts === 1)).toBe(true);
  });
});
