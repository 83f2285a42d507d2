/**
 * Proof of notice (issue 18) end to end, on both databases: a material version published with a
 * partner's webhook registered and subscribers following it; the real worker fans the notice out,
 * sends it to a real HTTP receiver and a real SMTP server (the subscribers are written directly,
 * as confirmed ones); `Version.notice` shows pending, then delivered counts, the first delivery
 * and the days of notice; a receiver and a mail server that always fail end dead, counted as
 * failed and listed to editors by `noticeFailures`, never to the public. Time is the worker's
 * injected clock; nothing waits on a timer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLogger,
  createMailer,
  createNotificationWorker,
  MAX_ATTEMPTS,
  type Mailer,
  webhookPolicy,
} from '@candor/api';
import { type PrismaClient, webhookServices as partners } from '@candor/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { daysAfter, FeatureWorkflow } from '../helpers/feature-revisions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { createApprovedDraft, makeMaterial, PUBLISH, type PublishData } from '../helpers/publish-fixtures.js';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { useTestApi } from '../helpers/testkit.js';

const DAY_MS = 86_400_000;
/** PUBLISH's effective date (publish-fixtures.ts): a year after TEST_NOW. */
const EFFECTIVE_AT = new Date(TEST_NOW.getTime() + 365 * DAY_MS);

const api = useTestApi({ env: { CANDOR_WEBHOOKS_ALLOW_PRIVATE: true } });
let prisma: PrismaClient;
let tokens: EditorTokens;
let smtp: SmtpReceiver;
let mailer: Mailer;
let now = new Date(TEST_NOW.getTime() + 1000);
const receivers: Server[] = [];
const feature = new FeatureWorkflow(
  () => api.current,
  () => tokens,
  'notice-summary',
);

const worker = (options: { mailer?: Mailer | undefined; at?: () => Date } = {}) =>
  createNotificationWorker({
    prisma,
    clock: options.at ?? (() => now),
    allowPrivate: true,
    pollMs: 1000,
    logger: createLogger('silent'),
    mailer: 'mailer' in options ? options.mailer : mailer,
    random: () => 0,
  });

/** A webhook receiver on 127.0.0.1 answering the statuses in turn (then the last). */
async function startReceiver(statuses: number[]) {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.statusCode = statuses[Math.min(count, statuses.length - 1)] ?? 200;
      count += 1;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receivers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

async function registerPartner(name: string, url: string) {
  const { partner } = await partners.createPartner(prisma, { name, contact: 'ops@example.org', now });
  const policy = webhookPolicy({ allowPrivate: true, resolve: async (host: string) => [host] });
  const checked = await partners.checkWebhookRegistration(policy, { url, eventTypes: [] });
  return partners.registerWebhook(prisma, policy, { partnerId: partner.id, ...checked, now });
}

let subscriberCount = 0;
/** Confirmed subscribers to everything, for a segment the terms apply to. */
async function subscribe(count: number) {
  const terms = await prisma.document.findUniqueOrThrow({
    where: { slug: 'terms-of-service' },
    include: { segments: { include: { segment: true } } },
  });
  const segmentKey = terms.segments[0]?.segment.key ?? '';
  for (let index = 0; index < count; index += 1) {
    subscriberCount += 1;
    await prisma.subscriber.create({
      data: {
        address: `reader${subscriberCount}@notice.example`,
        segmentKey,
        subject: 'everything',
        mode: 'material',
        createdAt: now,
        confirmedAt: now,
      },
    });
  }
}

/** Publishes a material version of the terms (explained for every segment); returns its label. */
async function publishMaterialVersion(): Promise<string> {
  const id = await createApprovedDraft(prisma);
  const version = await makeMaterial(prisma, id, () => ({
    summary: 'Recordings may now train models.',
    whatChanges: 'Clause 99.1 is new.',
  }));
  const published = await asToken<PublishData>(api.current, tokens.publisher, PUBLISH, { id });
  expect(published.body.data?.publishVersion.error).toBeNull();
  return version.label;
}

interface Notice {
  dispatchedAt: string | null;
  firstDeliveredAt: string | null;
  lastDeliveredAt: string | null;
  subscribers: { delivered: number; failed: number; pending: number };
  webhooks: { delivered: number; failed: number; pending: number };
  daysBeforeEffective: number | null;
  noticePeriodDays: number | null;
  withinNoticePeriod: boolean | null;
}

const NOTICE_FIELDS = `dispatchedAt firstDeliveredAt lastDeliveredAt
  subscribers { delivered failed pending } webhooks { delivered failed pending }
  daysBeforeEffective noticePeriodDays withinNoticePeriod`;

/** The public's view of a version's notice (no token). */
async function noticeOf(label: string): Promise<Notice | null> {
  const data = await api.current.execute<{ document: { version: { notice: Notice | null } } }>(
    `query N($label: String!) { document(slug: "terms-of-service") { version(label: $label) { notice { ${NOTICE_FIELDS} } } } }`,
    { label },
  );
  return data.document.version.notice;
}

const FAILURES = `query F($first: Int, $after: String) {
  noticeFailures(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      channel status eventType attempts lastError lastHttpStatus lastAttemptAt nextAttemptAt
      partnerName endpointUrl version { label } revision { number }
    } }
  }
}`;

interface FailureNode {
  channel: 'WEBHOOK' | 'EMAIL';
  status: 'PENDING' | 'DEAD';
  eventType: string;
  attempts: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  partnerName: string | null;
  endpointUrl: string | null;
  version: { label: string } | null;
  revision: { number: number } | null;
}
interface FailuresData {
  noticeFailures: {
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { node: FailureNode }[];
  };
}

beforeAll(async () => {
  prisma = api.current.database.prisma;
  tokens = await setUpEditors(api.current);
  smtp = await startSmtpReceiver();
  mailer = createMailer({ smtpUrl: smtp.url, outboxDirectory: '/nonexistent', from: 'Notices <n@candor.test>' });
  await feature.create(30);
});

afterEach(async () => {
  // Each test has its own endpoints and subscribers.
  await prisma.webhookEndpoint.updateMany({ where: { disabledAt: null }, data: { disabledAt: now } });
  await prisma.subscriber.deleteMany({});
});

afterAll(async () => {
  mailer.close();
  await smtp.close();
  await Promise.all(receivers.map((server) => new Promise((done) => server.close(done))));
});

describe('proof of notice', () => {
  it('shows a material version’s notice queued, pending, then delivered, with the days before it takes effect', async () => {
    // The receiver is down for the first attempt.
    await registerPartner('Watchdog', await startReceiver([503, 200]));
    await subscribe(2);
    const label = await publishMaterialVersion();

    // Written with the publication, not yet fanned out.
    expect(await noticeOf(label)).toMatchObject({
      dispatchedAt: null,
      firstDeliveredAt: null,
      subscribers: { delivered: 0, failed: 0, pending: 0 },
      webhooks: { delivered: 0, failed: 0, pending: 0 },
      daysBeforeEffective: null,
      noticePeriodDays: 30,
      withinNoticePeriod: null,
    });

    // Fanned out; the webhook fails once and e-mails wait for a mail server.
    const first = await worker({ mailer: undefined }).runOnce();
    expect(first).toMatchObject({ dispatched: 1, attempted: 1, failed: 1 });
    const pending = await noticeOf(label);
    expect(pending).toMatchObject({
      dispatchedAt: now.toISOString(),
      firstDeliveredAt: null,
      subscribers: { delivered: 0, failed: 0, pending: 2 },
      webhooks: { delivered: 0, failed: 0, pending: 1 },
      daysBeforeEffective: null,
      withinNoticePeriod: null,
    });

    const retry = await prisma.webhookDelivery.findFirstOrThrow({
      where: { event: { type: 'version.published' }, status: 'PENDING' },
    });
    now = new Date(retry.nextAttemptAt.getTime() + 1);
    const second = await worker().runOnce();
    expect(second).toMatchObject({ delivered: 1, mail: { sent: 2 } });
    const delivered = await noticeOf(label);
    expect(delivered).toEqual({
      dispatchedAt: pending?.dispatchedAt,
      firstDeliveredAt: now.toISOString(),
      lastDeliveredAt: now.toISOString(),
      subscribers: { delivered: 2, failed: 0, pending: 0 },
      webhooks: { delivered: 1, failed: 0, pending: 0 },
      daysBeforeEffective: Math.floor((EFFECTIVE_AT.getTime() - now.getTime()) / DAY_MS),
      noticePeriodDays: 30,
      withinNoticePeriod: true,
    });
    expect(delivered?.daysBeforeEffective).toBe(364);

    // Subscribers who leave afterwards were still told: the proof keeps counting them.
    await prisma.subscriber.deleteMany({});
    expect((await noticeOf(label))?.subscribers).toEqual({ delivered: 2, failed: 0, pending: 0 });
  });

  it('says when notice came too late for the notice period', async () => {
    await subscribe(1);
    const label = await publishMaterialVersion();
    // The worker was down until ten days before the change takes effect.
    const late = new Date(EFFECTIVE_AT.getTime() - 10 * DAY_MS);
    expect(await worker({ at: () => late }).runOnce()).toMatchObject({ mail: { sent: 1 } });
    expect(await noticeOf(label)).toMatchObject({
      firstDeliveredAt: late.toISOString(),
      daysBeforeEffective: 10,
      noticePeriodDays: 30,
      withinNoticePeriod: false,
    });
  });

  it('counts what never got through as failed, and lists it to editors only', async () => {
    const url = await startReceiver([500]);
    await registerPartner('Broken Archive', url);
    await subscribe(1);
    const label = await publishMaterialVersion();
    // Nothing listens on port 9 (discard): every e-mail attempt fails too.
    const down = createMailer({
      smtpUrl: 'smtp://127.0.0.1:9',
      outboxDirectory: '/nonexistent',
      from: 'n@candor.test',
    });
    const failing = worker({ mailer: down });
    let listedWhilePending = false;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await failing.runOnce()).toMatchObject({ attempted: 1, failed: 1, mail: { failed: 1 } });
      if (attempt === 3) {
        // Still retried, but failing for a while: editors see it already.
        const mid = await asToken<FailuresData>(api.current, tokens.editor, FAILURES, { first: 10 });
        const mine = mid.body.data?.noticeFailures.edges.filter((edge) => edge.node.version?.label === label) ?? [];
        expect(mine.map((edge) => edge.node.status)).toEqual(['PENDING', 'PENDING']);
        listedWhilePending = true;
      }
      const next = await prisma.webhookDelivery.findFirstOrThrow({ where: { endpoint: { url } } });
      now = new Date(next.nextAttemptAt.getTime() + 1000);
    }
    down.close();
    expect(listedWhilePending).toBe(true);

    expect(await noticeOf(label)).toMatchObject({
      firstDeliveredAt: null,
      subscribers: { delivered: 0, failed: 1, pending: 0 },
      webhooks: { delivered: 0, failed: 1, pending: 0 },
      daysBeforeEffective: null,
      withinNoticePeriod: null,
    });

    const listed = await asToken<FailuresData>(api.current, tokens.editor, FAILURES, { first: 10 });
    expect(listed.body.errors).toBeUndefined();
    const mine = listed.body.data?.noticeFailures.edges.map((edge) => edge.node) ?? [];
    const webhook = mine.find((node) => node.channel === 'WEBHOOK');
    const email = mine.find((node) => node.channel === 'EMAIL');
    expect(webhook).toMatchObject({
      status: 'DEAD',
      eventType: 'version.published',
      attempts: MAX_ATTEMPTS,
      lastHttpStatus: 500,
      partnerName: 'Broken Archive',
      endpointUrl: url,
      nextAttemptAt: null,
      version: { label },
      revision: null,
    });
    expect(webhook?.lastAttemptAt).not.toBeNull();
    expect(email).toMatchObject({
      status: 'DEAD',
      attempts: MAX_ATTEMPTS,
      partnerName: null,
      endpointUrl: null,
      lastHttpStatus: null,
      version: { label },
    });
    expect(email?.lastError).toBeTruthy();
    // No subscriber's address, anywhere in the answer.
    expect(JSON.stringify(listed.body)).not.toContain('@notice.example');

    // One at a time, by cursor: the same two, newest first, then no more.
    const page1 = await asToken<FailuresData>(api.current, tokens.editor, FAILURES, { first: 1 });
    const cursor = page1.body.data?.noticeFailures.pageInfo.endCursor;
    expect(page1.body.data?.noticeFailures.pageInfo.hasNextPage).toBe(true);
    const page2 = await asToken<FailuresData>(api.current, tokens.editor, FAILURES, { first: 1, after: cursor });
    const both = [page1, page2].flatMap((page) => page.body.data?.noticeFailures.edges ?? []);
    expect(both.map((edge) => edge.node.channel).sort()).toEqual(['EMAIL', 'WEBHOOK']);
    const bad = await asToken(api.current, tokens.editor, FAILURES, { first: 1, after: 'not-a-cursor' });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });

    // The public and partners see counts, never the failures themselves.
    const anonymous = await api.current.request(FAILURES, { first: 10 });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.noticeFailures ?? null).toBeNull();
  });

  it('shows an AI-feature revision’s notice, against the feature’s notice period', async () => {
    await registerPartner('Revision Watch', await startReceiver([200]));
    const id = await feature.approved(feature.label(), feature.explainAll(), 'First label.');
    const published = await feature.publish(id, daysAfter(TEST_NOW, 45));
    expect(published.error).toBeNull();
    await worker().runOnce();
    const data = await api.current.execute<{
      aiFeature: { revisions: { edges: { node: { material: boolean; notice: Notice | null } }[] } };
    }>(
      `{ aiFeature(slug: "${feature.slug}") { revisions(first: 5) { edges { node { material notice { ${NOTICE_FIELDS} } } } } } }`,
    );
    const [revision] = data.aiFeature.revisions.edges.map((edge) => edge.node);
    expect(revision?.notice).toMatchObject({
      firstDeliveredAt: now.toISOString(),
      webhooks: { delivered: 1, failed: 0, pending: 0 },
      noticePeriodDays: revision?.material ? 30 : null,
      withinNoticePeriod: revision?.material ? true : null,
    });
  });

  it('has no notice for versions Candor never announced (the seeded sample)', async () => {
    const data = await api.current.execute<{
      document: { versions: { edges: { node: { notice: Notice | null } }[] } };
    }>(
      '{ document(slug: "privacy-statement") { versions(first: 50) { edges { node { notice { dispatchedAt } } } } } }',
    );
    expect(data.document.versions.edges.length).toBeGreaterThan(0);
    expect(data.document.versions.edges.every((edge) => edge.node.notice === null)).toBe(true);
  });

  it('reads the notice of any number of versions in a constant number of statements', async () => {
    const QUERY = `{ document(slug: "terms-of-service") { versions(first: 100) { edges { node { label notice { ${NOTICE_FIELDS} } } } } } }`;
    const WITHOUT = '{ document(slug: "terms-of-service") { versions(first: 100) { edges { node { label } } } } }';
    const { recorder } = api.current.database;
    const statements = async (query: string) => {
      await api.current.execute(query);
      recorder.reset();
      await api.current.execute(query);
      return recorder.dataStatements().length;
    };
    const base = await statements(WITHOUT);
    const before = await statements(QUERY);
    // The events, then both delivery tables grouped.
    expect(before - base).toBe(3);
    await subscribe(1);
    for (let index = 0; index < 3; index += 1) await publishMaterialVersion();
    await worker().runOnce();
    expect((await statements(QUERY)) - (await statements(WITHOUT))).toBe(3);
  });
});
