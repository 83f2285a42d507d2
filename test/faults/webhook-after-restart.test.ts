/**
 * Nothing lost (issue 18): the API is killed (SIGKILL) after a publish committed and before its
 * webhook went out; the event waits in the outbox, and the restarted server delivers it, once,
 * signed so the reference library verifies it. The first process runs with CANDOR_WEBHOOKS=false,
 * so the kill lands between commit and delivery every time.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { webhookPolicy } from '@candor/api';
import { webhookServices } from '@candor/schema';
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

const { Webhook } = createRequire(new URL('../../apps/api/package.json', import.meta.url))(
  'standardwebhooks',
) as typeof import('standardwebhooks');

let database: TestDatabase;
let token: string;
let receiver: Server;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let arrived: () => void;
const firstArrival = new Promise<void>((resolve) => {
  arrived = resolve;
});

beforeAll(async () => {
  ({ database, token } = await createPublishFixture());
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.end('ok');
      arrived();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await releasePublishFixture(database);
  await new Promise((resolve) => receiver.close(resolve));
});

describe('SIGKILL between a publish and its webhook', () => {
  it('delivers the event after the restart, once', async () => {
    const policy = webhookPolicy({ allowPrivate: true });
    const { partner } = await webhookServices.createPartner(database.prisma, {
      name: 'Watchdog',
      contact: 'ops@example.org',
      now: TEST_NOW,
    });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const checked = await webhookServices.checkWebhookRegistration(policy, { url, eventTypes: ['version.published'] });
    const { secret } = await webhookServices.registerWebhook(database.prisma, policy, {
      partnerId: partner.id,
      ...checked,
      now: TEST_NOW,
    });
    const draftId = await createApprovedDraft(database.prisma);

    const doomed = await startApiProcess({ databaseUrl: database.url, env: { CANDOR_WEBHOOKS: 'false' } });
    const published = await doomed.graphql<PublishData>(PUBLISH, { id: draftId }, { token });
    expect(published.body.data?.publishVersion.error).toBeNull();
    doomed.signal('SIGKILL');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(received).toHaveLength(0);
    const event = await database.prisma.notificationEvent.findFirstOrThrow({
      where: { subjectKey: `version:${draftId}`, type: 'version.published' },
    });
    expect(event.dispatchedAt).toBeNull();

    const restarted = await startApiProcess({
      databaseUrl: database.url,
      env: { CANDOR_WEBHOOKS_ALLOW_PRIVATE: 'true', CANDOR_NOTIFY_POLL_MS: '200' },
    });
    await firstArrival;
    const delivery = await database.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId: event.id } });
    // SIGTERM waits for the worker's round in progress: the attempt is recorded.
    await restarted.stop();
    expect(await restarted.exited).toEqual({ code: 0, signal: null });

    expect(received).toHaveLength(1);
    const [message] = received;
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
