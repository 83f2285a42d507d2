/**
 * Partner webhooks (issue 18) end to end, on both databases: a publish writes its events in its
 * own transaction (the outbox), the worker fans them out, signs them (Standard Webhooks) and POSTs
 * them to real HTTP receivers on 127.0.0.1; the receivers verify with the convention's reference
 * library (`standardwebhooks`), an implementation independent of ours. Time is driven by the
 * worker's injected clock; nothing waits on a timer.
 */
import { createRequire } from 'node:module';
import { createLogger, createNotificationWorker, MAX_ATTEMPTS, webhookPolicy } from '@candor/api';
import { type PrismaClient, webhookServices as partners } from '@candor/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import {
  createApprovedDraft,
  createPublisherToken,
  makeMaterial,
  PUBLISH,
  type PublishData,
} from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';
import { registerWebhook, startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

// The reference library is a devDependency of apps/api: resolved from there.
const { Webhook } = createRequire(new URL('../../apps/api/package.json', import.meta.url))(
  'standardwebhooks',
) as typeof import('standardwebhooks');

/** A receiver closed after all tests: answers each request with the next status of `statuses` (then the last). */
async function startReceiver(statuses?: number[]) {
  const receiver = await startWebhookReceiver(statuses);
  receivers.push(receiver);
  return receiver;
}

const receivers: WebhookReceiver[] = [];
const api = useTestApi({ env: { CANDOR_WEBHOOKS_ALLOW_PRIVATE: true } });
let prisma: PrismaClient;
let publisherToken: string;
let now = new Date(TEST_NOW.getTime() + 1000);
const worker = () =>
  createNotificationWorker({
    prisma,
    clock: () => now,
    allowPrivate: true,
    pollMs: 1000,
    logger: createLogger('silent'),
    random: () => 0,
  });
const resolve = async (host: string) => [host];

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await api.current.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${publisherToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data: T; errors?: unknown };
  expect(result.errors).toBeUndefined();
  return result.data;
}

/** Publishes a new version of the terms (material, with every segment's explanation); returns its id. */
async function publishVersion(material = false): Promise<string> {
  const id = await createApprovedDraft(prisma);
  if (material) {
    await makeMaterial(prisma, id, () => ({ summary: 'What changes for you.', whatChanges: 'Clause 99.1 is new.' }));
  }
  const published = await graphql<PublishData>(PUBLISH, { id });
  expect(published.publishVersion.error).toBeNull();
  return id;
}

async function newPartner(name = 'Watchdog') {
  const { partner } = await partners.createPartner(prisma, { name, contact: 'ops@example.org', now });
  return partner.id;
}

const allowing = webhookPolicy({ allowPrivate: true, resolve });
const strictPolicy = webhookPolicy({ allowPrivate: false, resolve });

/** What the registerWebhook mutation does: check everything, then write. */
const register = (partnerId: string, url: string, eventTypes: string[] = [], policy = allowing) =>
  registerWebhook(prisma, { partnerId, url, eventTypes, now, policy });

const deliveryOf = async (endpointId: string) => {
  const deliveries = await prisma.webhookDelivery.findMany({ where: { endpointId }, include: { event: true } });
  return deliveries;
};

beforeAll(async () => {
  prisma = api.current.database.prisma;
  publisherToken = await createPublisherToken(prisma);
});

afterEach(async () => {
  // Each test listens with its own endpoints.
  await prisma.webhookEndpoint.updateMany({ where: { disabledAt: null }, data: { disabledAt: now } });
});

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

describe('webhooks', () => {
  it('delivers a published material version once, signed so the reference library verifies it', async () => {
    const receiver = await startReceiver();
    const partnerId = await newPartner();
    const { endpoint, secret } = await register(partnerId, receiver.url, ['version.published']);
    const versionId = await publishVersion(true);
    const events = await prisma.notificationEvent.findMany({ where: { subjectKey: `version:${versionId}` } });
    expect(events.map((event) => event.type).sort()).toEqual(['version.in_effect', 'version.published']);

    const round = await worker().runOnce();
    expect(round).toMatchObject({ dispatched: 1, attempted: 1, delivered: 1 });
    expect(await worker().runOnce()).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    const payload = new Webhook(secret).verify(message?.body ?? '', message?.headers as Record<string, string>) as {
      type: string;
      data: { id: string; material: boolean; document: string; links: { page: string } };
    };
    expect(payload.type).toBe('version.published');
    expect(payload.data).toMatchObject({ id: versionId, material: true, document: 'terms-of-service' });
    expect(payload.data.links.page).toMatch(/^\/documents\/terms-of-service\//);
    expect(message?.headers['webhook-id']).toBe(events.find((e) => e.type === 'version.published')?.id);
    const [delivery] = await partners.listDeliveries(prisma, { partnerId, status: 'DELIVERED' });
    expect(delivery).toMatchObject({ endpointId: endpoint.id, attempts: 1 });
    expect(delivery?.log).toHaveLength(1);
    expect(delivery?.log[0]?.httpStatus).toBe(200);
  });

  it('retries a receiver that fails three times, then delivers the event once, with the same id', async () => {
    const receiver = await startReceiver([500, 503, 500, 204]);
    const { endpoint } = await register(await newPartner(), receiver.url);
    await publishVersion();
    const w = worker();
    for (let round = 0; round < 4; round += 1) {
      expect(await w.runOnce()).toMatchObject({ attempted: 1 });
      const [delivery] = await deliveryOf(endpoint.id);
      if (round < 3) {
        expect(delivery?.status).toBe('PENDING');
        // Not before its time …
        expect(await w.runOnce()).toMatchObject({ attempted: 0 });
        // … then past it.
        now = new Date((delivery?.nextAttemptAt ?? now).getTime() + 1);
      }
    }
    const [delivery] = await deliveryOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 4 });
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const log = await prisma.webhookAttempt.findMany({
      where: { deliveryId: delivery?.id },
      orderBy: { number: 'asc' },
    });
    expect(log.map((attempt) => attempt.httpStatus)).toEqual([500, 503, 500, 204]);
    expect(await w.runOnce()).toMatchObject({ attempted: 0 });
  });

  it('dead-letters after MAX_ATTEMPTS failures, shows it to the partner, and replays it on request', async () => {
    const statuses = [...Array.from({ length: MAX_ATTEMPTS }, () => 500), 200];
    const receiver = await startReceiver(statuses);
    const partnerId = await newPartner();
    const { endpoint } = await register(partnerId, receiver.url, ['version.published']);
    await publishVersion();
    const w = worker();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      expect(await w.runOnce()).toMatchObject({ attempted: 1, failed: 1 });
      const [delivery] = await deliveryOf(endpoint.id);
      now = new Date((delivery?.nextAttemptAt ?? now).getTime() + 1);
    }
    const dead = await partners.listDeliveries(prisma, { partnerId, status: 'DEAD' });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: MAX_ATTEMPTS, endpointId: endpoint.id });
    expect(dead[0]?.log).toHaveLength(MAX_ATTEMPTS);
    now = new Date(now.getTime() + 7 * 86_400_000);
    expect(await w.runOnce()).toMatchObject({ attempted: 0 });

    await partners.replayDelivery(prisma, { partnerId, id: dead[0]?.id ?? '', now });
    expect(await w.runOnce()).toMatchObject({ attempted: 1, delivered: 1 });
    const [delivered] = await partners.listDeliveries(prisma, { partnerId });
    expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 1 });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS + 1);
    // Only a dead delivery replays.
    await expect(partners.replayDelivery(prisma, { partnerId, id: delivered?.id ?? '', now })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('signs with both secrets for a day after a rotation, then with the new one only', async () => {
    const receiver = await startReceiver();
    const partnerId = await newPartner();
    const { endpoint, secret: oldSecret } = await register(partnerId, receiver.url, ['version.published']);
    const { secret: newSecret } = await partners.rotateWebhookSecret(prisma, allowing, {
      partnerId,
      id: endpoint.id,
      now,
    });
    expect(newSecret).not.toBe(oldSecret);
    await publishVersion();
    await worker().runOnce();
    const [message] = receiver.received;
    const headers = message?.headers as Record<string, string>;
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(message?.body ?? '', headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(message?.body ?? '', headers)).not.toThrow();

    now = new Date(now.getTime() + partners.ROTATION_OVERLAP_MS + 1000);
    await publishVersion();
    await worker().runOnce();
    const later = receiver.received[1];
    const laterHeaders = later?.headers as Record<string, string>;
    expect(laterHeaders['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(() => new Webhook(newSecret).verify(later?.body ?? '', laterHeaders)).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(later?.body ?? '', laterHeaders)).toThrow();
  });

  it('refuses private and loopback targets unless allowed, at registration and again at delivery', async () => {
    const partnerId = await newPartner();
    const before = await prisma.webhookEndpoint.count();
    for (const url of [
      'http://127.0.0.1:9/hooks',
      'https://127.0.0.1/hooks',
      'https://10.1.2.3/hooks',
      'https://[::1]/x',
    ]) {
      await expect(register(partnerId, url, [], strictPolicy)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'url',
      });
    }
    expect(await prisma.webhookEndpoint.count()).toBe(before);

    // Registered while allowed; the worker without the setting refuses to send to it.
    const receiver = await startReceiver();
    const { endpoint } = await register(partnerId, receiver.url);
    await publishVersion();
    const strict = createNotificationWorker({
      prisma,
      clock: () => now,
      allowPrivate: false,
      pollMs: 1000,
      logger: createLogger('silent'),
    });
    expect(await strict.runOnce()).toMatchObject({ attempted: 1, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await deliveryOf(endpoint.id);
    const [attempt] = await prisma.webhookAttempt.findMany({ where: { deliveryId: delivery?.id } });
    expect(attempt?.error).toMatch(/https|private/);
  });

  it("keeps each partner's endpoints and deliveries to itself", async () => {
    const receiver = await startReceiver();
    const owner = await newPartner('Owner');
    const other = await newPartner('Other');
    const { endpoint } = await register(owner, receiver.url);
    await publishVersion();
    await worker().runOnce();
    expect((await partners.listWebhooks(prisma, owner)).map((e) => e.id)).toEqual([endpoint.id]);
    expect(await partners.listWebhooks(prisma, other)).toEqual([]);
    expect(await partners.listDeliveries(prisma, { partnerId: other })).toEqual([]);
    const [delivery] = await partners.listDeliveries(prisma, { partnerId: owner });
    for (const attempt of [
      () => partners.rotateWebhookSecret(prisma, allowing, { partnerId: other, id: endpoint.id, now }),
      () => partners.disableWebhook(prisma, { partnerId: other, id: endpoint.id, now }),
      () => partners.replayDelivery(prisma, { partnerId: other, id: delivery?.id ?? '', now }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      disabledAt: null,
      secret: endpoint.secret,
    });
  });

  it('changes nothing on bad input: a non-URL, an unknown event type', async () => {
    const partnerId = await newPartner();
    const before = await prisma.webhookEndpoint.count();
    await expect(register(partnerId, 'not a url')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    await expect(register(partnerId, 'ftp://127.0.0.1/x')).rejects.toMatchObject({ field: 'url' });
    await expect(
      register(partnerId, 'http://127.0.0.1:9/x', ['version.published', 'version.deleted']),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventTypes' });
    expect(await prisma.webhookEndpoint.count()).toBe(before);
  });

  it('never sends "in effect" for a version withdrawn before its effective date', async () => {
    const receiver = await startReceiver();
    await register(await newPartner(), receiver.url);
    const versionId = await publishVersion();
    const withdrawn = await graphql<{ withdrawVersion: { error: unknown } }>(
      'mutation W($id: ID!) { withdrawVersion(id: $id, reason: "Published by mistake.") { error { code message } } }',
      { id: versionId },
    );
    expect(withdrawn.withdrawVersion.error).toBeNull();
    await worker().runOnce();
    const inEffect = await prisma.notificationEvent.findFirstOrThrow({
      where: { subjectKey: `version:${versionId}`, type: 'version.in_effect' },
    });
    now = new Date(inEffect.dueAt.getTime() + 1000);
    await worker().runOnce();
    // Other tests' versions take effect at the same moment: only this version's events count.
    const mine = receiver.received.map((r) => JSON.parse(r.body)).filter((p) => p.data.id === versionId);
    expect(mine.map((p) => p.type).sort()).toEqual(['version.published', 'version.withdrawn']);
    expect(await prisma.notificationEvent.findUniqueOrThrow({ where: { id: inEffect.id } })).toMatchObject({
      dispatchedAt: now,
    });
  });

  it('serves partners over GraphQL with their own token: register, list, log, disable; nothing of others', async () => {
    const asPartner = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await api.current.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the answers of this test are read loosely
      type Loose = any;
      return { status: response.status, ...((await response.json()) as { data?: Loose; errors?: Loose[] }) };
    };
    const REGISTER = `mutation R($url: String!, $types: [String!]) {
      registerWebhook(url: $url, eventTypes: $types) { secret endpoint { id url eventTypes } error { code field } }
    }`;
    const receiver = await startReceiver();
    const a = await partners.createPartner(prisma, { name: 'A', contact: 'a@example.org', now });
    const b = await partners.createPartner(prisma, { name: 'B', contact: 'b@example.org', now });
    expect(a.token).toMatch(/^cnp_/);

    const registered = await asPartner(a.token, REGISTER, { url: receiver.url, types: ['version.published'] });
    expect(registered.data.registerWebhook.error).toBeNull();
    expect(registered.data.registerWebhook.secret).toMatch(/^whsec_/);
    expect(registered.data.registerWebhook.endpoint.eventTypes).toEqual(['version.published']);
    const endpointId = registered.data.registerWebhook.endpoint.id;

    const before = await prisma.webhookEndpoint.count();
    const notUrl = await asPartner(a.token, REGISTER, { url: 'not a url' });
    expect(notUrl.data.registerWebhook).toMatchObject({
      secret: null,
      error: { code: 'BAD_USER_INPUT', field: 'url' },
    });
    const badType = await asPartner(a.token, REGISTER, { url: receiver.url, types: ['version.deleted'] });
    expect(badType.data.registerWebhook.error).toEqual({ code: 'BAD_USER_INPUT', field: 'eventTypes' });
    expect(await prisma.webhookEndpoint.count()).toBe(before);

    await publishVersion();
    await worker().runOnce();
    const LIST = '{ partnerWebhooks { id url } partnerWebhookDeliveries { status eventType log { httpStatus } } }';
    const mine = await asPartner(a.token, LIST);
    expect(mine.data.partnerWebhooks).toEqual([{ id: endpointId, url: receiver.url }]);
    expect(mine.data.partnerWebhookDeliveries).toEqual([
      { status: 'DELIVERED', eventType: 'version.published', log: [{ httpStatus: 200 }] },
    ]);
    expect((await asPartner(b.token, LIST)).data).toEqual({ partnerWebhooks: [], partnerWebhookDeliveries: [] });
    const rotated = await asPartner(
      a.token,
      'mutation R($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretUntil } error { code } } }',
      { id: endpointId },
    );
    expect(rotated.data.rotateWebhookSecret.secret).toMatch(/^whsec_/);
    expect(rotated.data.rotateWebhookSecret.secret).not.toBe(registered.data.registerWebhook.secret);
    expect(rotated.data.rotateWebhookSecret.endpoint.previousSecretUntil).not.toBeNull();
    const deliveryId = (await partners.listDeliveries(prisma, { partnerId: a.partner.id }))[0]?.id;
    const notDead = await asPartner(
      a.token,
      'mutation P($id: ID!) { replayWebhookDelivery(id: $id) { delivery { status } error { code } } }',
      { id: deliveryId },
    );
    expect(notDead.data.replayWebhookDelivery).toEqual({ delivery: null, error: { code: 'INVALID_STATE' } });
    expect((await asPartner(a.token, '{ partnerWebhookDeliveries(status: DEAD) { id } }')).data).toEqual({
      partnerWebhookDeliveries: [],
    });
    const stolen = await asPartner(b.token, 'mutation D($id: ID!) { disableWebhook(id: $id) { error { code } } }', {
      id: endpointId,
    });
    expect(stolen.data.disableWebhook.error.code).toBe('NOT_FOUND');
    const disabled = await asPartner(
      a.token,
      'mutation D($id: ID!) { disableWebhook(id: $id) { endpoint { disabledAt } error { code } } }',
      { id: endpointId },
    );
    expect(disabled.data.disableWebhook.endpoint.disabledAt).not.toBeNull();

    // A partner token is no editor's: editor mutations refuse it; a bad one is a 401.
    const publish = await asPartner(a.token, PUBLISH, { id: 'x' });
    expect(publish.data?.publishVersion?.error?.code ?? publish.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await asPartner(`${a.token.slice(0, -3)}xyz`, LIST)).status).toBe(401);
    // The public sees none of it.
    expect((await api.current.request(LIST)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('takes over a delivery whose claim expired (its process was killed mid-delivery): at least once', async () => {
    const receiver = await startReceiver();
    const { endpoint } = await register(await newPartner(), receiver.url, ['version.published']);
    await publishVersion();
    const w = worker();
    // Fan out only: a dead worker's claim on the delivery, as a killed process leaves it.
    await w.runOnce().then(() => undefined);
    receiver.received.length = 0;
    const [delivery] = await deliveryOf(endpoint.id);
    await prisma.webhookDelivery.update({
      where: { id: delivery?.id ?? '' },
      data: { status: 'PENDING', claimedBy: 'killed-process', claimedUntil: new Date(now.getTime() + 60_000) },
    });
    expect(await w.runOnce()).toMatchObject({ attempted: 0 });
    now = new Date(now.getTime() + 60_001);
    expect(await w.runOnce()).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
  });

  it('shares the work between concurrent workers without sending anything twice', async () => {
    const receiver = await startReceiver();
    await register(await newPartner(), receiver.url, ['version.published']);
    const versions = [await publishVersion(), await publishVersion(), await publishVersion()];
    const due = await prisma.notificationEvent.count({ where: { dispatchedAt: null, dueAt: { lte: now } } });
    const workers = [worker(), worker(), worker()];
    const rounds = await Promise.all(workers.map((w) => w.runOnce()));
    const more = await Promise.all(workers.map((w) => w.runOnce()));
    expect([...rounds, ...more].reduce((sum, round) => sum + round.dispatched, 0)).toBe(due);
    expect([...rounds, ...more].reduce((sum, round) => sum + round.delivered, 0)).toBe(3);
    const ids = receiver.received.map((r) => JSON.parse(r.body).data.id).sort();
    expect(ids).toEqual([...versions].sort());
  });
});
