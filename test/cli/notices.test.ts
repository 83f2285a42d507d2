/**
 * `candor notices failures` as a child process against a real HTTP server: an editor sees the
 * webhook and e-mail notices that did not get through (a dead webhook with its last HTTP status, a
 * dead e-mail with the mail server's error), with the record each was about and never an e-mail
 * address; an empty list says so; anonymous callers are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { registerPartnerWebhook } from '../helpers/webhook-receiver.js';
import { describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
let tokens: EditorTokens;
const SLOW = { timeout: 180_000 };
const ADDRESS = 'private.reader@school.example';

const cli = (args: readonly string[], token?: string) =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...(token === undefined ? {} : { CANDOR_TOKEN: token }) });

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

/** A published version's event with a dead webhook delivery (HTTP 500) and a dead e-mail. */
async function failedNotices(): Promise<{ label: string; slug: string }> {
  const { prisma } = api.current.database;
  const version = await prisma.version.findFirstOrThrow({
    where: { status: 'PUBLISHED' },
    select: { id: true, label: true, document: { select: { slug: true } } },
  });
  const event = await prisma.notificationEvent.create({
    data: {
      type: 'version.published',
      subjectKey: `version:${version.id}`,
      material: true,
      payload: '{}',
      occurredAt: TEST_NOW,
      dueAt: TEST_NOW,
      dispatchedAt: TEST_NOW,
    },
  });
  const { endpoint } = await registerPartnerWebhook(prisma, {
    name: 'Consumer Watch',
    url: 'http://127.0.0.1:9/candor',
    now: TEST_NOW,
  });
  const webhook = await prisma.webhookDelivery.create({
    data: {
      eventId: event.id,
      endpointId: endpoint.id,
      status: 'DEAD',
      attempts: 8,
      nextAttemptAt: TEST_NOW,
      createdAt: TEST_NOW,
    },
  });
  await prisma.webhookAttempt.create({
    data: { deliveryId: webhook.id, number: 8, at: TEST_NOW, httpStatus: 500, error: null, durationMs: 12 },
  });
  const subscriber = await prisma.subscriber.create({
    data: {
      address: ADDRESS,
      segmentKey: 'education',
      subject: 'everything',
      subjectKey: '',
      mode: 'material',
      createdAt: TEST_NOW,
      confirmedAt: TEST_NOW,
    },
  });
  await prisma.mailDelivery.create({
    data: {
      eventId: event.id,
      subscriberId: subscriber.id,
      status: 'DEAD',
      attempts: 8,
      nextAttemptAt: TEST_NOW,
      createdAt: TEST_NOW,
      lastError: '550 mailbox unavailable',
    },
  });
  return { label: version.label, slug: version.document.slug };
}

describe('candor notices failures', () => {
  it('says when nothing failed', SLOW, async () => {
    const run = await cli(['notices', 'failures'], tokens.editor);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('No notice failed');
  });

  it(
    'lists dead webhooks and e-mails to an editor, with the record and the error, never the address',
    SLOW,
    async () => {
      const { label, slug } = await failedNotices();
      const run = await cli(['notices', 'failures'], tokens.editor);
      expect(run.code, describeRun(run)).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(2);
      const webhook = lines.find((line) => line.includes('\tWEBHOOK\t'))?.split('\t');
      const mail = lines.find((line) => line.includes('\tEMAIL\t'))?.split('\t');
      expect(webhook).toEqual([
        TEST_NOW.toISOString(),
        'WEBHOOK',
        'DEAD',
        'version.published',
        `${slug}/${label}`,
        '8',
        '—',
        'Consumer Watch http://127.0.0.1:9/candor',
        'HTTP 500',
      ]);
      expect(mail?.slice(1)).toEqual([
        'EMAIL',
        'DEAD',
        'version.published',
        `${slug}/${label}`,
        '8',
        '—',
        '—',
        '550 mailbox unavailable',
      ]);
      expect(run.stdout).not.toContain(ADDRESS);
      expect(run.stderr).toContain('2 notices not delivered');

      const json = await cli(['notices', 'failures', '--json', '--first', '1'], tokens.editor);
      expect(json.code, describeRun(json)).toBe(0);
      expect(JSON.parse(json.stdout)).toHaveLength(1);
    },
  );

  it('refuses without a token, and a bad --first', SLOW, async () => {
    const anonymous = await cli(['notices', 'failures']);
    expect(anonymous.code, describeRun(anonymous)).toBe(3);
    const bad = await cli(['notices', 'failures', '--first', '0'], tokens.editor);
    expect(bad.code, describeRun(bad)).toBe(2);
    expect(bad.stderr).toContain('--first');
  });
});
