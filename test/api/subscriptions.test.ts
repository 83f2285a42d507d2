/**
 * E-mail subscriptions of the public over real HTTP (apps/api/src/plugins/use-subscription-forms.ts,
 * notifications/subscriber-store.ts), with the embedded outbox mailer writing .eml files to a
 * temporary data directory: subscribe → one confirmation message with a confirm link → confirm;
 * the same answer for an address already subscribed; bad fields named and nothing stored; the
 * per-client limit (429) and the per-address one (silent); one-click unsubscribe (RFC 8058)
 * deletes the address; unknown links answer like good ones; expired unconfirmed addresses are
 * purged.
 *
 * Each test speaks from its own client address (X-Forwarded-For, trusted here), so the per-client
 * budgets of the tests do not add up.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeExpiredSubscribers } from '../../apps/api/src/notifications/subscriber-store.js';
import { newLinkToken, tokenHash } from '../../apps/api/src/notifications/subscriptions.js';
import {
  CONFIRM_PATH,
  CONFIRMATIONS_PER_ADDRESS_PER_DAY,
  UNSUBSCRIBE_PATH,
} from '../../apps/api/src/plugins/use-subscription-forms.js';
import { scratchDirectory, TEST_NOW } from '../helpers/providers.js';
import { parseMail } from '../helpers/smtp-receiver.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

mkdirSync(scratchDirectory(), { recursive: true });
const dataDirectory = mkdtempSync(join(scratchDirectory(), 'subscriptions-'));
const outbox = join(dataDirectory, 'outbox');
const SITE_URL = 'https://candor.example';
const PER_CLIENT = 10;

const api = useTestApi({
  env: {
    CANDOR_DATA_DIR: dataDirectory,
    CANDOR_SITE_URL: SITE_URL,
    CANDOR_TRUST_PROXY: true,
    CANDOR_SUBSCRIBE_LIMIT: PER_CLIENT,
  },
});
const server = useListeningServer(() => api.current.yoga);

afterAll(() => {
  rmSync(dataDirectory, { recursive: true, force: true });
});

let clients = 0;
/** A fresh client address for a test. */
const newClient = () => `198.51.100.${++clients}`;

const outboxFiles = (): string[] => {
  try {
    return readdirSync(outbox)
      .filter((file) => file.endsWith('.eml'))
      .sort();
  } catch {
    return [];
  }
};

/** Runs `action` and returns the messages it wrote to the outbox. */
async function mailsDuring(action: () => Promise<unknown>) {
  const before = new Set(outboxFiles());
  await action();
  return outboxFiles()
    .filter((file) => !before.has(file))
    .map((file) => parseMail(readFileSync(join(outbox, file), 'utf8')));
}

async function post(path: string, fields: Record<string, string>, client: string) {
  const response = await fetch(`${server.current.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

const form = (email: string, overrides: Record<string, string> = {}) => ({
  email,
  segment: 'education',
  follow: 'document:terms-of-service',
  mode: 'material',
  ...overrides,
});

/** The path and query of the one link in `text` that starts with SITE_URL + path. */
function linkIn(text: string, path: string): string {
  const match = new RegExp(`${SITE_URL.replace(/\./g, '\\.')}${path}\\?token=[A-Za-z0-9_-]+`).exec(text);
  if (match === null) throw new Error(`no ${path} link in:\n${text}`);
  return match[0].slice(SITE_URL.length);
}

const rowsOf = (address: string) => api.current.database.prisma.subscriber.findMany({ where: { address } });

describe('subscribing', () => {
  it('stores a pending subscription, mails one confirmation link, and confirms it on POST only', async () => {
    const client = newClient();
    const address = 'reader@Example.ORG';
    let answer: Awaited<ReturnType<typeof post>> | undefined;
    const mails = await mailsDuring(async () => {
      answer = await post('/subscribe/', form(address), client);
    });
    expect(answer).toMatchObject({ status: 303, location: '/subscribe/check-your-inbox/' });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.headers.to).toBe('reader@example.org');
    expect(mail?.headers.subject).toContain('material changes to the Terms of Service for Education');
    expect(mail?.headers['list-unsubscribe']).toMatch(new RegExp(`^<${SITE_URL}/unsubscribe/\\?token=`));
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const confirm = linkIn(mail?.text ?? '', CONFIRM_PATH);

    const [pending] = await rowsOf('reader@example.org');
    expect(pending).toMatchObject({
      segmentKey: 'education',
      subject: 'document',
      subjectKey: 'terms-of-service',
      mode: 'material',
      confirmedAt: null,
    });
    expect(pending?.confirmExpiresAt?.getTime()).toBe(TEST_NOW.getTime() + 48 * 3_600_000);

    // A GET (a mail scanner following the link) changes nothing.
    await fetch(`${server.current.url}${confirm}`, { redirect: 'manual' });
    expect((await rowsOf('reader@example.org'))[0]?.confirmedAt).toBeNull();

    expect(await post(confirm, {}, client)).toMatchObject({ status: 303, location: '/subscribe/confirmed/' });
    const [confirmed] = await rowsOf('reader@example.org');
    expect(confirmed?.confirmedAt).toEqual(TEST_NOW);
    expect(confirmed?.confirmTokenHash).toBeNull();

    // The link works once: again, it says expired or used.
    expect(await post(confirm, {}, client)).toMatchObject({ status: 303, location: '/subscribe/#link-expired' });
  });

  it('answers an address already subscribed exactly as a new one, with the same work, and keeps it confirmed', async () => {
    const client = newClient();
    const address = 'twice@example.net';
    const first = await mailsDuring(() => post('/subscribe/', form(address), client));
    await post(linkIn(first[0]?.text ?? '', CONFIRM_PATH), {}, client);

    let again: Awaited<ReturnType<typeof post>> | undefined;
    let fresh: Awaited<ReturnType<typeof post>> | undefined;
    const againMails = await mailsDuring(async () => {
      again = await post('/subscribe/', form(address), client);
    });
    const freshMails = await mailsDuring(async () => {
      fresh = await post('/subscribe/', form('never-seen@example.net'), client);
    });
    expect(again).toEqual(fresh);
    expect(againMails).toHaveLength(1);
    expect(freshMails).toHaveLength(1);
    expect(againMails[0]?.headers.subject).toBe(freshMails[0]?.headers.subject);

    const rows = await rowsOf(address);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.confirmedAt).toEqual(TEST_NOW);
    // Following the new link is harmless: still confirmed, still one row.
    expect(await post(linkIn(againMails[0]?.text ?? '', CONFIRM_PATH), {}, client)).toMatchObject({
      location: '/subscribe/confirmed/',
    });
    expect((await rowsOf(address))[0]?.confirmedAt).toEqual(TEST_NOW);
  });

  it('names the bad field, stores nothing and sends nothing', async () => {
    const { prisma } = api.current.database;
    await prisma.segment.create({
      data: { key: 'legacy', name: 'Legacy plans', description: 'Retired.', position: 99, retiredAt: TEST_NOW },
    });
    await prisma.document.create({
      data: {
        slug: 'health-addendum',
        title: 'Health Addendum',
        description: 'Healthcare only.',
        noticePeriodDays: 30,
        segments: { create: [{ segment: { connect: { key: 'healthcare' } } }] },
      },
    });
    const client = newClient();
    const address = 'careful@example.com';
    const cases: [Record<string, string>, string][] = [
      [{ email: 'not an address' }, 'email'],
      [{ email: '' }, 'email'],
      [{ segment: 'no-such-segment' }, 'segment'],
      [{ segment: 'legacy' }, 'segment'],
      [{ follow: 'document:no-such-document' }, 'follow'],
      [{ follow: 'document:health-addendum' }, 'follow'],
      [{ follow: 'feature:no-such-feature' }, 'follow'],
      [{ follow: 'segment:education' }, 'follow'],
      [{ mode: 'some' }, 'mode'],
    ];
    const mails = await mailsDuring(async () => {
      for (const [overrides, bad] of cases) {
        const answer = await post('/subscribe/', form(address, overrides), client);
        expect(answer, JSON.stringify(overrides)).toMatchObject({ status: 303, location: `/subscribe/#bad-${bad}` });
      }
    });
    expect(mails).toEqual([]);
    expect(await prisma.subscriber.count({ where: { address } })).toBe(0);
    // Good spellings of the other kinds of subscription pass.
    const good = await mailsDuring(async () => {
      expect(
        await post('/subscribe/', form(address, { follow: 'everything', mode: 'all', segment: 'healthcare' }), client),
      ).toMatchObject({ location: '/subscribe/check-your-inbox/' });
    });
    expect(good).toHaveLength(1);
  });
});

describe('limits', () => {
  it(`refuses a client's request past ${PER_CLIENT} an hour with 429`, async () => {
    const client = newClient();
    for (let i = 0; i < PER_CLIENT; i++) {
      const answer = await post('/subscribe/', form(`many-${i}@example.com`), client);
      expect(answer.status).toBe(303);
    }
    const refused = await post('/subscribe/', form('one-more@example.com'), client);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many subscription requests');
    expect(await rowsOf('one-more@example.com')).toEqual([]);
    // Another client is not affected.
    expect((await post('/subscribe/', form('one-more@example.com'), newClient())).status).toBe(303);
  });

  it(`mails one address at most ${CONFIRMATIONS_PER_ADDRESS_PER_DAY} confirmations a day, answering the same past that`, async () => {
    const address = 'flooded@example.com';
    const answers: unknown[] = [];
    const mails = await mailsDuring(async () => {
      for (let i = 0; i < CONFIRMATIONS_PER_ADDRESS_PER_DAY + 2; i++) {
        // From different clients: the per-address budget is what stops them.
        answers.push(await post('/subscribe/', form(address), newClient()));
      }
    });
    expect(mails).toHaveLength(CONFIRMATIONS_PER_ADDRESS_PER_DAY);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });
});

describe('unsubscribing', () => {
  it('deletes the address on a one-click POST (RFC 8058) from a notice, keeping the delivery without it', async () => {
    const { prisma } = api.current.database;
    const client = newClient();
    const address = 'leaving@example.com';
    const mails = await mailsDuring(() => post('/subscribe/', form(address), client));
    await post(linkIn(mails[0]?.text ?? '', CONFIRM_PATH), {}, client);
    const subscriber = await prisma.subscriber.findFirstOrThrow({ where: { address } });
    // A notice the worker sent: its one-click token's hash on the delivery row.
    const token = newLinkToken();
    const event = await prisma.notificationEvent.create({
      data: {
        type: 'version.published',
        subjectKey: 'version:test',
        material: true,
        payload: '{}',
        occurredAt: TEST_NOW,
        dueAt: TEST_NOW,
        dispatchedAt: TEST_NOW,
      },
    });
    const delivery = await prisma.mailDelivery.create({
      data: {
        eventId: event.id,
        subscriberId: subscriber.id,
        nextAttemptAt: TEST_NOW,
        createdAt: TEST_NOW,
        status: 'DELIVERED',
        unsubscribeTokenHash: tokenHash(token),
      },
    });

    // A GET (a scanner, or the page itself) deletes nothing.
    await fetch(`${server.current.url}${UNSUBSCRIBE_PATH}?token=${token}`);
    expect(await rowsOf(address)).toHaveLength(1);

    const oneClick = await post(`${UNSUBSCRIBE_PATH}?token=${token}`, { 'List-Unsubscribe': 'One-Click' }, client);
    expect(oneClick.status).toBe(200);
    expect(await prisma.subscriber.count({ where: { address: { contains: 'leaving@' } } })).toBe(0);
    expect(await prisma.mailDelivery.findUnique({ where: { id: delivery.id } })).toMatchObject({ subscriberId: null });

    // Used, unknown and malformed tokens answer exactly like the first time.
    for (const other of [token, newLinkToken(), 'x']) {
      expect(await post(`${UNSUBSCRIBE_PATH}?token=${other}`, { 'List-Unsubscribe': 'One-Click' }, client)).toEqual(
        oneClick,
      );
    }
  });

  it("deletes a pending address with its confirmation message's link, and answers unknown links the same", async () => {
    const client = newClient();
    const address = 'not-me@example.com';
    const mails = await mailsDuring(() => post('/subscribe/', form(address), client));
    const leave = linkIn(mails[0]?.text ?? '', UNSUBSCRIBE_PATH);
    expect(mails[0]?.headers['list-unsubscribe']).toBe(`<${SITE_URL}${leave}>`);
    const done = await post(leave, {}, client);
    expect(done).toMatchObject({ status: 303, location: '/unsubscribe/done/' });
    expect(await rowsOf(address)).toEqual([]);
    expect(await post(`${UNSUBSCRIBE_PATH}?token=${newLinkToken()}`, {}, client)).toEqual(done);
    expect(await post(UNSUBSCRIBE_PATH, {}, client)).toEqual(done);
    // An unknown confirmation link says only that the link does not work.
    expect(await post(`${CONFIRM_PATH}?token=${newLinkToken()}`, {}, client)).toMatchObject({
      status: 303,
      location: '/subscribe/#link-expired',
    });
  });
});

describe('purgeExpiredSubscribers', () => {
  it('deletes unconfirmed addresses whose link expired, and nothing else', async () => {
    const { prisma } = api.current.database;
    const client = newClient();
    await post('/subscribe/', form('expiring@example.com'), client);
    const kept = await mailsDuring(() => post('/subscribe/', form('confirmed-long-ago@example.com'), client));
    await post(linkIn(kept[0]?.text ?? '', CONFIRM_PATH), {}, client);

    const beforeExpiry = new Date(TEST_NOW.getTime() + 47 * 3_600_000);
    await purgeExpiredSubscribers(prisma, beforeExpiry);
    expect(await rowsOf('expiring@example.com')).toHaveLength(1);

    const afterExpiry = new Date(TEST_NOW.getTime() + 49 * 3_600_000);
    expect(await purgeExpiredSubscribers(prisma, afterExpiry)).toBeGreaterThanOrEqual(1);
    expect(await rowsOf('expiring@example.com')).toEqual([]);
    expect(await rowsOf('confirmed-long-ago@example.com')).toHaveLength(1);
    expect(await prisma.subscriber.count({ where: { confirmedAt: null, confirmExpiresAt: { lt: afterExpiry } } })).toBe(
      0,
    );
  });
});
