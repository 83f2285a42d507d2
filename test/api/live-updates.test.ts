/**
 * Live updates (issue 18) on one instance, in process (no Redis): a partner subscribes to
 * `changePublished` over Server-Sent Events on a real port, an editor publishes through the
 * GraphQL mutations, the notification worker dispatches the outbox event and hands it to the
 * live updates (`onDispatched`), and the subscriber receives it once. The worker runs on an
 * injected clock (`runOnce`), as in webhooks.test.ts; nothing waits on a timer.
 *
 * "Once" and "not received" are shown by order, not by waiting: events reach a subscriber in the
 * order they were dispatched, so when a later event arrives, a duplicate or an unfiltered earlier
 * one would already have.
 */
import {
  createCandorYoga,
  createLiveUpdates,
  createLogger,
  createNotificationWorker,
  type LiveUpdates,
  listen,
  type RunningServer,
} from '@candor/api';
import { createSegment, type PrismaClient, updateDocument } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { TEST_NOW } from '../helpers/providers.js';
import { createApprovedDraft, createPublisherToken, PUBLISH, type PublishData } from '../helpers/publish-fixtures.js';
import { type SseSubscription, subscribeSse } from '../helpers/sse-client.js';
import { TEST_ENV, testSigner } from '../helpers/testkit.js';

const PRIVACY = 'privacy-statement';
/** A segment only the privacy statement applies to (added in beforeAll). */
const ARCHIVISTS = 'archivists';

const CHANGES = `subscription Changes($segment: String, $document: String, $feature: String, $types: [ChangeEventType!]) {
  changePublished(segment: $segment, document: $document, feature: $feature, types: $types) {
    id type material occurredAt segments
    links { page changes document }
    version { id label document { slug } }
    revision { id }
    consentRelease { kind }
  }
}`;

interface ChangeData {
  changePublished: {
    id: string;
    type: string;
    material: boolean;
    occurredAt: string;
    segments: string[];
    links: { page: string; changes: string | null; document: string | null };
    version: { id: string; label: string; document: { slug: string } } | null;
    revision: { id: string } | null;
    consentRelease: { kind: string } | null;
  };
}

let database: TestDatabase;
let prisma: PrismaClient;
let live: LiveUpdates;
let server: RunningServer;
let endpoint: string;
let token: string;
const now = new Date(TEST_NOW.getTime() + 1000);
const logger = createLogger('silent');
const subscriptions: SseSubscription[] = [];

const worker = () =>
  createNotificationWorker({
    prisma,
    clock: () => now,
    allowPrivate: true,
    pollMs: 1000,
    logger,
    onDispatched: live.onDispatched,
  });

/** One round of the worker (the publish's outbox event dispatched), then its events published. */
async function dispatch(): Promise<void> {
  await worker().runOnce();
  await live.published();
}

async function subscribe(variables: Record<string, unknown> = {}, method: 'GET' | 'POST' = 'POST') {
  const listening = live.listening();
  const subscription = await subscribeSse(endpoint, CHANGES, { variables, method });
  subscriptions.push(subscription);
  expect(subscription.status).toBe(200);
  // Its listener is attached once yoga pulls the first event: before that, a publish would pass it by.
  await expect.poll(() => live.listening(), { timeout: 10_000 }).toBe(listening + 1);
  return subscription;
}

/** Publishes a new version of `document` through the mutation; returns its id and its outbox event's id. */
async function publish(document = 'terms-of-service'): Promise<{ versionId: string; eventId: string }> {
  const versionId = await createApprovedDraft(prisma, { document });
  const response = await fetch(`${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PUBLISH, variables: { id: versionId } }),
  });
  const result = (await response.json()) as { data: PublishData };
  expect(result.data.publishVersion.error).toBeNull();
  const event = await prisma.notificationEvent.findFirstOrThrow({
    where: { subjectKey: `version:${versionId}`, type: 'version.published' },
  });
  return { versionId, eventId: event.id };
}

const changesOf = (subscription: SseSubscription) =>
  subscription.results().map((result) => (result.data as unknown as ChangeData).changePublished);

const received = (subscription: SseSubscription, eventId: string) => () =>
  changesOf(subscription).some((change) => change.id === eventId);

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = database.prisma;
  token = await createPublisherToken(prisma);
  const actor = { now: TEST_NOW, signer: testSigner(), editorId: null };
  await createSegment(prisma, actor, { key: ARCHIVISTS, name: 'Archivists', description: 'Archives of record.' });
  const privacy = await prisma.document.findUniqueOrThrow({
    where: { slug: PRIVACY },
    select: { segments: { select: { segment: { select: { key: true } } } } },
  });
  await updateDocument(prisma, actor, PRIVACY, {
    segments: [...privacy.segments.map((link) => link.segment.key), ARCHIVISTS],
  });
  live = createLiveUpdates({ prisma, clock: () => now, logger });
  const yoga = createCandorYoga({
    database,
    env: { ...TEST_ENV, CANDOR_WEBHOOKS_ALLOW_PRIVATE: true },
    clock: () => TEST_NOW,
    logger,
    signer: testSigner(),
    changes: live.feed,
  });
  server = await listen(yoga, { host: '127.0.0.1', port: 0, graceSeconds: 1, logger });
  endpoint = `${server.url}/graphql`;
  // Whatever the seed left due goes out now, before anyone listens.
  await dispatch();
});

afterAll(async () => {
  for (const subscription of subscriptions) subscription.close();
  live?.endSubscriptions();
  await server?.close();
  await live?.close();
  await database?.destroy();
});

describe('changePublished over SSE, in process', () => {
  it('streams a published version once, with its record, segments and links', async () => {
    const subscription = await subscribe({ document: 'terms-of-service' });
    expect(subscription.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(subscription.headers.get('cache-control')).toMatch(/no-store/);

    const first = await publish();
    await dispatch();
    await subscription.until(received(subscription, first.eventId));
    const [change] = changesOf(subscription);
    const version = await prisma.version.findUniqueOrThrow({
      where: { id: first.versionId },
      include: { document: { include: { segments: { include: { segment: true } } } } },
    });
    expect(change).toMatchObject({
      id: first.eventId,
      type: 'VERSION_PUBLISHED',
      material: false,
      occurredAt: TEST_NOW.toISOString(),
      version: { id: first.versionId, label: version.label, document: { slug: 'terms-of-service' } },
      revision: null,
      consentRelease: null,
      links: {
        page: `/documents/terms-of-service/${version.label}/`,
        document: '/documents/terms-of-service/',
      },
    });
    expect(change?.segments).toEqual(version.document.segments.map((link) => link.segment.key).sort());

    const second = await publish();
    await dispatch();
    await subscription.until(received(subscription, second.eventId));
    expect(changesOf(subscription).map((c) => c.id)).toEqual([first.eventId, second.eventId]);
    expect(subscription.results().every((result) => result.errors === undefined)).toBe(true);
  });

  it('keeps only what a filter asks for: document, segment, types (GET and POST alike)', async () => {
    const byDocument = await subscribe({ document: PRIVACY }, 'GET');
    const bySegment = await subscribe({ segment: ARCHIVISTS });
    const byFeature = await subscribe({ feature: 'meeting-summary' });
    const everything = await subscribe({}, 'GET');

    const terms = await publish();
    const privacy = await publish(PRIVACY);
    await dispatch();
    await everything.until(received(everything, privacy.eventId));
    expect(changesOf(everything).map((c) => c.id)).toEqual([terms.eventId, privacy.eventId]);
    for (const subscription of [byDocument, bySegment]) {
      await subscription.until(received(subscription, privacy.eventId));
      // The terms' event was dispatched first: had the filter let it through, it would be here.
      expect(changesOf(subscription).map((c) => c.id)).toEqual([privacy.eventId]);
    }
    expect(changesOf(bySegment)[0]?.segments).toContain(ARCHIVISTS);
    // Neither event is about the feature (the subscribers above were handed both by now).
    expect(changesOf(byFeature)).toEqual([]);
  });

  it('refuses unknown arguments with an error naming the argument, and a subscription without SSE', async () => {
    for (const [variables, field] of [
      [{ segment: 'nobody' }, 'segment'],
      [{ document: 'no-such-document' }, 'document'],
      [{ feature: 'no-such-feature' }, 'feature'],
      [{ types: [] }, 'types'],
    ] as const) {
      const subscription = await subscribeSse(endpoint, CHANGES, { variables });
      subscriptions.push(subscription);
      await subscription.until((events) => events.some((event) => event.event === 'complete'));
      const [result] = subscription.results();
      expect(result?.data ?? null).toBeNull();
      expect(result?.errors?.[0]?.extensions).toMatchObject({ field });
      expect(result?.errors?.[0]?.message).toContain(field === 'types' ? 'types' : String(Object.values(variables)[0]));
    }

    const json = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: CHANGES }),
    });
    expect(json.status).toBe(406);
    const body = (await json.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_ACCEPTABLE');
    expect(body.errors[0]?.message).toContain('text/event-stream');
  });

  it('ends open subscriptions when asked (a shutdown), with `complete`', async () => {
    const subscription = await subscribe();
    live.endSubscriptions();
    await subscription.until((events) => events.some((event) => event.event === 'complete'));
    await expect.poll(() => subscription.ended(), { timeout: 10_000 }).toBe(true);
  });
});
