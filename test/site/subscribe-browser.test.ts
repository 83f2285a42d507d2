/**
 * The e-mail subscription forms in Debian Chromium with JavaScript off, against a real API process
 * (apps/api/src/main.ts) serving the built site on a copy of its database, with the embedded
 * outbox mailer: fill /subscribe/, land on "check your inbox", open the confirmation .eml, follow
 * its link, press Confirm, land on "you are subscribed"; then follow a notice's unsubscribe link,
 * press the button, land on "unsubscribed", and the address is nowhere in the database. Also: the
 * compact form on a document page, the explained refusal of a bad field, and axe on the new pages.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Database, openDatabase } from '@candor/schema';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newLinkToken, tokenHash } from '../../apps/api/src/notifications/subscriptions.js';
import { type ApiProcess, startApiProcess } from '../helpers/api-process.js';
import { scratchDirectory, TEST_NOW } from '../helpers/providers.js';
import { parseMail } from '../helpers/smtp-receiver.js';

const SITE_URL = 'https://candor.example';

let api: ApiProcess | undefined;
let database: Database | undefined;
let browser: Browser | undefined;
let workDirectory = '';

beforeAll(async () => {
  mkdirSync(scratchDirectory(), { recursive: true });
  workDirectory = mkdtempSync(join(scratchDirectory(), 'subscribe-browser-'));
  // The site's database, copied: the subscriptions made here stay out of the other tests' way.
  const source = inject('siteDatabaseUrl').replace(/^file:/, '');
  const file = join(workDirectory, 'candor.db');
  copyFileSync(source, file);
  api = await startApiProcess({
    databaseUrl: `file:${file}`,
    env: {
      CANDOR_DATA_DIR: workDirectory,
      CANDOR_SITE_DIR: inject('siteDirectory'),
      CANDOR_SITE_URL: SITE_URL,
      CANDOR_MIN_CELL_SIZE: '10',
    },
    startTimeoutMs: 60_000,
  });
  database = await openDatabase({ url: `file:${file}` });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await database?.close();
  if (workDirectory !== '') rmSync(workDirectory, { recursive: true, force: true });
});

const base = () => api?.url ?? '';
const prisma = () => {
  if (database === undefined) throw new Error('no database');
  return database.prisma;
};

/** A page in a context with JavaScript switched off (on only for axe, which runs as a script). */
async function openPage(colorScheme: 'light' | 'dark' = 'light', javaScriptEnabled = false): Promise<Page> {
  if (browser === undefined) throw new Error('no browser');
  const context = await browser.newContext({ javaScriptEnabled, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const outbox = () => join(workDirectory, 'outbox');
const outboxFiles = (): string[] => {
  try {
    return readdirSync(outbox()).filter((file) => file.endsWith('.eml'));
  } catch {
    return [];
  }
};

/** The one link in the message to `to` that goes to `path`, on the test server instead of SITE_URL. */
function linkFor(to: string, path: string): string {
  for (const file of outboxFiles()) {
    const mail = parseMail(readFileSync(join(outbox(), file), 'utf8'));
    if (mail.headers.to !== to) continue;
    const match = new RegExp(`${SITE_URL.replace(/\./g, '\\.')}${path}\\?token=[A-Za-z0-9_-]+`).exec(mail.text);
    if (match !== null) return `${base()}${match[0].slice(SITE_URL.length)}`;
  }
  throw new Error(`no message to ${to} with a ${path} link in ${outbox()}`);
}

describe('subscribing without JavaScript', () => {
  it('subscribes, confirms, unsubscribes, and the address is gone', async () => {
    const address = 'no-js-reader@example.org';
    const page = await openPage();
    await page.goto(`${base()}/subscribe/`);
    await page.fill('#subscribe-email', address);
    await page.selectOption('#subscribe-segment', 'education');
    await page.selectOption('#subscribe-follow', 'feature:meeting-summary');
    await page.check('input[name="mode"][value="all"]');
    await Promise.all([page.waitForURL('**/subscribe/check-your-inbox/'), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');

    const [stored] = await prisma().subscriber.findMany({ where: { address } });
    expect(stored).toMatchObject({
      segmentKey: 'education',
      subject: 'feature',
      subjectKey: 'meeting-summary',
      mode: 'all',
      confirmedAt: null,
    });

    // The link opens the confirm page; only its button confirms.
    await page.goto(linkFor(address, '/subscribe/confirm/'));
    expect(await page.locator('h1').textContent()).toBe('Confirm your subscription');
    expect((await prisma().subscriber.findFirst({ where: { address } }))?.confirmedAt).toBeNull();
    await Promise.all([page.waitForURL('**/subscribe/confirmed/'), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');
    const confirmed = await prisma().subscriber.findFirstOrThrow({ where: { address } });
    expect(confirmed.confirmedAt).not.toBeNull();

    // A notice the worker sent carries a one-click token; its hash is on the delivery row.
    const token = newLinkToken();
    const event = await prisma().notificationEvent.create({
      data: {
        type: 'revision.published',
        subjectKey: 'revision:browser-test',
        material: true,
        payload: '{}',
        occurredAt: TEST_NOW,
        dueAt: TEST_NOW,
        dispatchedAt: TEST_NOW,
      },
    });
    await prisma().mailDelivery.create({
      data: {
        eventId: event.id,
        subscriberId: confirmed.id,
        status: 'DELIVERED',
        nextAttemptAt: TEST_NOW,
        createdAt: TEST_NOW,
        unsubscribeTokenHash: tokenHash(token),
      },
    });
    await page.goto(`${base()}/unsubscribe/?token=${token}`);
    expect(await page.locator('h1').textContent()).toBe('Stop these notices');
    expect(await prisma().subscriber.count({ where: { address } })).toBe(1);
    await Promise.all([page.waitForURL('**/unsubscribe/done/'), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('Unsubscribed');
    expect(await prisma().subscriber.count({ where: { address: { contains: 'no-js-reader' } } })).toBe(0);
    await page.context().close();
  });

  it("subscribes from a document page's compact form, and explains a refused field on /subscribe/", async () => {
    const address = 'from-the-document@example.org';
    const page = await openPage();
    await page.goto(`${base()}/documents/terms-of-service/`);
    const form = page.locator('[data-follow-form="document:terms-of-service"]');
    await form.locator('input[name="email"]').fill(address);
    await form.locator('select[name="segment"]').selectOption('business');
    await Promise.all([page.waitForURL('**/subscribe/check-your-inbox/'), form.locator('button').click()]);
    expect(await prisma().subscriber.findFirst({ where: { address } })).toMatchObject({
      segmentKey: 'business',
      subject: 'document',
      subjectKey: 'terms-of-service',
      mode: 'material',
    });

    // A feature page has one too.
    await page.goto(`${base()}/ai-features/meeting-summary/`);
    expect(await page.locator('[data-follow-form="feature:meeting-summary"] button').count()).toBe(1);

    // A segment retired after the page was built: the API refuses it and the page says why.
    await page.goto(`${base()}/subscribe/`);
    await prisma().segment.update({ where: { key: 'enterprise' }, data: { retiredAt: TEST_NOW } });
    try {
      await page.fill('#subscribe-email', 'late@example.org');
      await page.selectOption('#subscribe-segment', 'enterprise');
      await Promise.all([page.waitForURL('**/subscribe/#bad-segment'), page.click('button[type="submit"]')]);
      expect(await page.locator('#bad-segment').isVisible()).toBe(true);
      expect(await page.locator('#bad-email').isVisible()).toBe(false);
      expect(await prisma().subscriber.count({ where: { address: 'late@example.org' } })).toBe(0);
    } finally {
      await prisma().segment.update({ where: { key: 'enterprise' }, data: { retiredAt: null } });
    }
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe finds no violation on the subscription pages (${colorScheme})`, async () => {
      const page = await openPage(colorScheme, true);
      const violations: string[] = [];
      for (const path of [
        // First: from the page itself, a link to an anchor would not load it again.
        '/subscribe/#bad-follow',
        '/subscribe/check-your-inbox/',
        '/subscribe/confirm/',
        '/subscribe/confirmed/',
        '/unsubscribe/',
        '/unsubscribe/done/',
        '/documents/terms-of-service/',
        '/ai-features/meeting-summary/',
      ]) {
        const response = await page.goto(`${base()}${path}`);
        expect(response?.status(), path).toBe(200);
        const result = await new AxeBuilder({ page }).analyze();
        for (const violation of result.violations) {
          violations.push(
            `${path}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
          );
        }
      }
      expect(violations).toEqual([]);
      await page.context().close();
    });
  }
});
