/**
 * Notice e-mails (issue 18) from the worker's side, on both databases, through a real SMTP server
 * in the test process: a published change reaches each confirmed subscriber who follows it exactly
 * once, written for their segment (its explanation), with the one-click unsubscribe headers and a
 * link; unconfirmed addresses and people who follow something else hear nothing; a failing mail
 * server is retried; a subscriber who leaves before the message goes out is not written to; an
 * AI-feature revision reaches those who follow that feature; a backlog drains without waiting.
 * (The subscribe → confirm → unsubscribe endpoints are test/api/subscriptions.test.ts; the whole
 * chain over HTTP, against a real API process, is test/flows/notice-chain.test.ts.)
 */
import { createLogger, createMailer, createNotificationWorker, type Mailer } from '@candor/api';
import type { PrismaClient } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { daysAfter, FeatureWorkflow } from '../helpers/feature-revisions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { createApprovedDraft, makeMaterial, PUBLISH, type PublishData } from '../helpers/publish-fixtures.js';
import { type SmtpReceiver, startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { useTestApi } from '../helpers/testkit.js';

const SITE = 'https://candor.test';
const api = useTestApi();
let prisma: PrismaClient;
let publisherToken: string;
let smtp: SmtpReceiver;
let mailer: Mailer;
let tokens: EditorTokens;
const feature = new FeatureWorkflow(
  () => api.current,
  () => tokens,
  'meeting-coach',
);
let now = new Date(TEST_NOW.getTime() + 1000);

const worker = (overrides: { mailer?: Mailer; batchSize?: number; pollMs?: number } = {}) =>
  createNotificationWorker({
    prisma,
    clock: () => now,
    allowPrivate: true,
    pollMs: overrides.pollMs ?? 1000,
    logger: createLogger('silent'),
    mailer: overrides.mailer ?? mailer,
    siteUrl: SITE,
    random: () => 0,
    ...(overrides.batchSize === undefined ? {} : { batchSize: overrides.batchSize }),
  });

async function publishVersion(material: boolean): Promise<{ id: string; label: string }> {
  const id = await createApprovedDraft(prisma);
  const version = material
    ? await makeMaterial(prisma, id, (segment) => ({
        summary: `For ${segment.key}: recordings may now train models.`,
        whatChanges: `Clause 99.1 is new (${segment.name}).`,
      }))
    : await prisma.version.findUniqueOrThrow({ where: { id } });
  const response = await api.current.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${publisherToken}` },
    body: JSON.stringify({ query: PUBLISH, variables: { id } }),
  });
  const result = (await response.json()) as { data: PublishData };
  expect(result.data.publishVersion.error).toBeNull();
  return { id, label: version.label };
}

let subscriberCount = 0;
async function subscriber(options: {
  segmentKey: string;
  subject?: string;
  subjectKey?: string;
  mode?: 'material' | 'all';
  confirmed?: boolean;
}) {
  subscriberCount += 1;
  return prisma.subscriber.create({
    data: {
      address: `reader${subscriberCount}@school.example`,
      segmentKey: options.segmentKey,
      subject: options.subject ?? 'everything',
      subjectKey: options.subjectKey ?? '',
      mode: options.mode ?? 'material',
      createdAt: now,
      confirmedAt: options.confirmed === false ? null : now,
      confirmExpiresAt: options.confirmed === false ? new Date(now.getTime() + 86_400_000) : null,
    },
  });
}

const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

beforeAll(async () => {
  prisma = api.current.database.prisma;
  tokens = await setUpEditors(api.current);
  publisherToken = tokens.publisher;
  smtp = await startSmtpReceiver();
  mailer = createMailer({ smtpUrl: smtp.url, outboxDirectory: '/nonexistent', from: 'Notices <n@candor.test>' });
  await feature.create(30);
});

afterAll(async () => {
  mailer.close();
  await smtp.close();
});

describe('notice e-mails', () => {
  it('reach each confirmed follower once, for their segment, with one-click unsubscribe', async () => {
    const terms = await prisma.document.findUniqueOrThrow({
      where: { slug: 'terms-of-service' },
      include: { segments: { include: { segment: true } } },
    });
    const [first, second] = terms.segments.map((link) => link.segment);
    if (first === undefined || second === undefined) throw new Error('the sample terms apply to two segments or more');
    const everything = await subscriber({ segmentKey: first.key });
    const followsTerms = await subscriber({ segmentKey: second.key, subject: 'document', subjectKey: terms.slug });
    const followsOther = await subscriber({ segmentKey: first.key, subject: 'document', subjectKey: 'no-such-doc' });
    const unconfirmed = await subscriber({ segmentKey: first.key, confirmed: false });
    const allChanges = await subscriber({ segmentKey: first.key, mode: 'all' });

    const { label } = await publishVersion(true);
    const round = await worker().runOnce();
    expect(round.mail).toEqual({ attempted: 3, sent: 3, failed: 0 });
    expect(mailsTo(followsOther.address)).toHaveLength(0);
    expect(mailsTo(unconfirmed.address)).toHaveLength(0);

    const [toFirst] = mailsTo(everything.address);
    const [toSecond] = mailsTo(followsTerms.address);
    expect(mailsTo(everything.address)).toHaveLength(1);
    expect(mailsTo(followsTerms.address)).toHaveLength(1);
    expect(mailsTo(allChanges.address)).toHaveLength(1);
    // Each message explains the change for the subscriber's own segment, never another's.
    expect(toFirst?.text).toContain(`For ${first.key}: recordings may now train models.`);
    expect(toFirst?.text).not.toContain(`For ${second.key}:`);
    expect(toSecond?.text).toContain(`For ${second.key}: recordings may now train models.`);
    expect(toSecond?.text).toContain(`What changes for ${second.name}`);
    expect(toFirst?.text).toContain(`${SITE}/documents/terms-of-service/${label}/`);
    // RFC 8058 one-click unsubscribe, and the same link in the text.
    const unsubscribe = toFirst?.headers['list-unsubscribe'] ?? '';
    expect(unsubscribe).toMatch(new RegExp(`^<${SITE}/unsubscribe/\\?token=[A-Za-z0-9_-]{43}>$`));
    expect(toFirst?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(toFirst?.text).toContain(unsubscribe.slice(1, -1));
    // The idempotency key: the Message-ID is the delivery's.
    const delivery = await prisma.mailDelivery.findFirstOrThrow({ where: { subscriberId: everything.id } });
    expect(toFirst?.headers['message-id']).toBe(`<${delivery.id}@notices.candor>`);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1 });

    // Nothing is sent twice.
    const again = await worker().runOnce();
    expect(again.mail).toEqual({ attempted: 0, sent: 0, failed: 0 });
    await prisma.subscriber.deleteMany({});
  });

  it('sends a change that is not material only to those who asked for every change', async () => {
    const terms = await prisma.document.findUniqueOrThrow({
      where: { slug: 'terms-of-service' },
      include: { segments: { include: { segment: true } } },
    });
    const segmentKey = terms.segments[0]?.segment.key ?? '';
    const materialOnly = await subscriber({ segmentKey });
    const every = await subscriber({ segmentKey, mode: 'all' });
    await publishVersion(false);
    await worker().runOnce();
    expect(mailsTo(materialOnly.address)).toHaveLength(0);
    expect(mailsTo(every.address)).toHaveLength(1);
    expect(mailsTo(every.address)[0]?.headers.subject).toContain('(not a material change)');
    await prisma.subscriber.deleteMany({});
  });

  it('retries when the mail server fails, and writes to nobody who left before it was sent', async () => {
    const terms = await prisma.document.findUniqueOrThrow({
      where: { slug: 'terms-of-service' },
      include: { segments: { include: { segment: true } } },
    });
    const segmentKey = terms.segments[0]?.segment.key ?? '';
    const stays = await subscriber({ segmentKey });
    const leaves = await subscriber({ segmentKey });
    await publishVersion(true);
    // Nothing listens on port 9 (discard): the first attempt fails.
    const down = createMailer({
      smtpUrl: 'smtp://127.0.0.1:9',
      outboxDirectory: '/nonexistent',
      from: 'n@candor.test',
    });
    const failed = await worker({ mailer: down }).runOnce();
    down.close();
    expect(failed.mail).toEqual({ attempted: 2, sent: 0, failed: 2 });
    const pending = await prisma.mailDelivery.findFirstOrThrow({ where: { subscriberId: stays.id } });
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(pending.lastError).not.toBeNull();

    await prisma.subscriber.delete({ where: { id: leaves.id } });
    now = new Date((pending.nextAttemptAt as Date).getTime() + 1);
    const retried = await worker().runOnce();
    expect(retried.mail).toEqual({ attempted: 1, sent: 1, failed: 0 });
    expect(mailsTo(stays.address)).toHaveLength(1);
    expect(mailsTo(leaves.address)).toHaveLength(0);
    await prisma.subscriber.deleteMany({});
  });

  it('drains a backlog round after round, without waiting out the poll interval between full rounds', async () => {
    const terms = await prisma.document.findUniqueOrThrow({
      where: { slug: 'terms-of-service' },
      include: { segments: { include: { segment: true } } },
    });
    const segmentKey = terms.segments[0]?.segment.key ?? '';
    const followers: Awaited<ReturnType<typeof subscriber>>[] = [];
    for (let i = 0; i < 5; i += 1) followers.push(await subscriber({ segmentKey }));
    await publishVersion(true);
    // Two e-mails a round, and an hour between rounds that find nothing more to do: all five
    // arrive only if a full round is followed by the next at once.
    const draining = worker({ batchSize: 2, pollMs: 3_600_000 });
    draining.start();
    try {
      await expect
        .poll(() => followers.filter((follower) => mailsTo(follower.address).length === 1).length, { timeout: 15_000 })
        .toBe(5);
    } finally {
      await draining.stop();
    }
    expect(await prisma.mailDelivery.count({ where: { subscriberId: { in: followers.map((f) => f.id) } } })).toBe(5);
    await prisma.subscriber.deleteMany({});
  });

  it('tells an AI-feature revision to those who follow that feature, for their segment, and not to others', async () => {
    const [segmentKey] = feature.segments;
    if (segmentKey === undefined) throw new Error('the organisation has segments');
    const follows = await subscriber({ segmentKey, subject: 'feature', subjectKey: feature.slug, mode: 'all' });
    const followsOther = await subscriber({
      segmentKey,
      subject: 'feature',
      subjectKey: 'meeting-summary',
      mode: 'all',
    });
    const id = await feature.approved(feature.label(), feature.explainAll(), 'The coach now listens to every meeting.');
    const published = await feature.publish(id, daysAfter(TEST_NOW, 45));
    expect(published.error).toBeNull();
    await worker().runOnce();
    expect(mailsTo(followsOther.address)).toHaveLength(0);
    const [notice] = mailsTo(follows.address);
    expect(mailsTo(follows.address)).toHaveLength(1);
    expect(notice?.headers.subject).toContain(`Test ${feature.slug}`);
    expect(notice?.text).toContain('has a revised facts label');
    expect(notice?.text).toContain(`What the feature does with ${segmentKey} accounts' meetings, in plain words.`);
    expect(notice?.text).toContain('The coach now listens to every meeting.');
    expect(notice?.text).toContain(`${SITE}/ai-features/${feature.slug}/`);
    await prisma.subscriber.deleteMany({});
  });
});
