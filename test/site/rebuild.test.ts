/**
 * A second build, from a copy of the site project's database that has moved on (issue 12's
 * acceptance, on the site):
 *
 * 1. through the editor workflow (the API's mutations, its clock moved), a test feature gets a
 *    revision in force, a material revision scheduled 40 days ahead with its consumer explanation,
 *    and a later scheduled revision that is then withdrawn with a reason: the site must show the
 *    first as upcoming (feature page, its consumer page, the consumer hub) and the second as
 *    withdrawn, each with its hashes;
 * 2. a test document gets V1 in force, V2 and V3 scheduled (V3 on V2's text), then V2 withdrawn:
 *    V3's comparison is made again against V1, and its page must say so, and why;
 * 3. then someone holding the database file drops the triggers and deletes the newest version of
 *    the terms: /verify/ must report TRUNCATED against the latest signed checkpoint, naming it and
 *    the chain, while the build's own check of the shorter (still consistent) chain passes;
 * 4. versions nothing touched download as the same bytes as in the project's first build;
 * 5. the proof of notice (issue 18): V3's notice, delivered to subscribers and a partner (rows
 *    written as the worker leaves them), is on its page as of the build and not in its JSON; V1's,
 *    never handed out, is queued.
 *
 * About half a minute more than the project's one build, on this machine.
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCandorYoga, createLogger } from '@candor/api';
import { type Database, openDatabase, signerFromPem } from '@candor/schema';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { setUpEditors } from '../helpers/editors.js';
import { daysAfter, FeatureWorkflow, type Label, type RevisionResult } from '../helpers/feature-revisions.js';
import { scratchDirectory, TEST_NOW } from '../helpers/providers.js';
import { TEST_ENV, type TestApi } from '../helpers/testkit.js';
import {
  createDocument,
  type DraftClause,
  edit,
  published as publishedVersion,
  withdraw,
} from '../helpers/version-stories.js';
import { ARTIFACTS } from './paths.js';
import { siteBuildEnvironment, siteRunDirectory } from './site-build.js';
import { readSiteFile } from './site-files.js';

const FEATURE = 'scheduled-test-feature';
const DOCUMENT = 'rebase-story';
const V1: DraftClause[] = [
  { key: '1', heading: 'Customer Content', body: 'You own your content. We use it only to provide the Services.' },
  { key: '2', heading: 'Machine Learning', body: 'Northwind does not use Customer Content to train AI models.' },
  { key: '3', heading: 'Retention', body: 'Inputs of AI Output are deleted within 30 days.' },
];
const CONSUMER_CHANGE = 'From 11 July 2026, summaries of your meetings train our own models unless you turn it off.';
const WITHDRAWAL_REASON = 'We will not start human review for business accounts after all.';
const TABLES = ['Version', 'Clause', 'Explanation', 'Changelog', 'ChangeRebase', 'Withdrawal'];

let site: string;
let deletedLabel: string;
let latestSequence: number;
let withdrawalHash: string;
let rebaseReason: string;
let cleanup: () => void = () => {};

const page = (path: string) => readSiteFile(site, path);

/** The HTML of the element that starts at the first match of `opening`, up to its closing `</tag>`. */
function elementAt(html: string, opening: string, tag: string): string {
  const start = html.indexOf(opening);
  return start < 0 ? '' : html.slice(start, html.indexOf(`</${tag}>`, start));
}

/** A copy of the site project's SQLite database (its WAL was folded into the file by the setup). */
function copyOfSiteDatabase(): { url: string; files: string[] } {
  const source = inject('siteDatabaseUrl').replace(/^file:/, '');
  mkdirSync(scratchDirectory(), { recursive: true });
  const target = join(scratchDirectory(), `site-rebuild-${process.pid}.db`);
  const files = ['', '-wal', '-shm'].map((extension) => {
    if (existsSync(`${source}${extension}`)) copyFileSync(`${source}${extension}`, `${target}${extension}`);
    return `${target}${extension}`;
  });
  return { url: `file:${target}`, files };
}

/** The API over `database`, its clock movable: enough of a TestApi for the editor-workflow helpers. */
function apiOver(database: Database, start: Date): TestApi & { setNow(now: Date): void } {
  let now = start;
  const yoga = createCandorYoga({
    database,
    env: { ...TEST_ENV, CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: false },
    clock: () => now,
    logger: createLogger('silent'),
    signer: signerFromPem(inject('signingKeyPem')),
  });
  const request = async (query: string, variables?: Record<string, unknown>) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as ExecutionResult<Record<string, unknown>>;
  };
  return {
    database: database as TestApi['database'],
    yoga,
    request,
    execute: async <T>(query: string, variables?: Record<string, unknown>) => {
      const result = await request(query, variables);
      if (result.errors !== undefined && result.errors.length > 0) throw new Error(JSON.stringify(result.errors));
      return result.data as T;
    },
    setNow: (value: Date) => {
      now = value;
    },
  };
}

const published = (result: RevisionResult): RevisionResult => {
  if (result.error !== null) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
};

/**
 * Steps 1 and 2, the API's clock only ever moving forward (checkpoints are issued in order): the
 * feature's first revision 60 days back, the document's story in the last three days, the feature's
 * scheduled and withdrawn revisions now.
 */
async function publishStories(database: Database): Promise<void> {
  const api = apiOver(database, daysAfter(TEST_NOW, -60));
  const tokens = await setUpEditors(api);
  const feature = new FeatureWorkflow(
    () => api,
    () => tokens,
    FEATURE,
  );
  await feature.create(30);
  const first = await feature.approved(feature.label(), feature.explainAll(), 'First description.');
  published(await feature.publish(first, daysAfter(TEST_NOW, -20)));

  await createDocument(database.prisma, DOCUMENT);
  api.setNow(daysAfter(TEST_NOW, -3));
  await publishedVersion(api, tokens, {
    document: DOCUMENT,
    label: '2026-05',
    clauses: V1,
    material: false,
    effectiveAt: daysAfter(TEST_NOW, -3),
  });
  api.setNow(daysAfter(TEST_NOW, -2));
  const v2Clauses = edit(V1, '2', {
    body: 'Northwind may train its own AI models on Customer Content unless you opt out.',
  });
  const v2 = await publishedVersion(api, tokens, {
    document: DOCUMENT,
    label: '2026-07',
    clauses: v2Clauses,
    material: true,
    effectiveAt: daysAfter(TEST_NOW, 45),
  });
  await publishedVersion(api, tokens, {
    document: DOCUMENT,
    label: '2026-09',
    clauses: edit(v2Clauses, '3', { body: 'Inputs of AI Output are deleted within 7 days.' }),
    material: true,
    effectiveAt: daysAfter(TEST_NOW, 90),
  });
  api.setNow(daysAfter(TEST_NOW, -1));
  const withdrawn = await withdraw(api, tokens, v2.id, 'Replaced by a later version.');
  if (withdrawn.error !== null) throw new Error(`withdrawVersion: ${withdrawn.error.message}`);
  const { document } = await api.execute<{ document: { version: { changes: { reason: string | null } } } }>(
    `{ document(slug: "${DOCUMENT}") { version(label: "2026-09") { changes { reason } } } }`,
  );
  rebaseReason = document.version.changes.reason ?? '';

  api.setNow(TEST_NOW);
  const trains = (label: Label) => {
    label.consumer = { ...(label.consumer as Label[string]), trainsFirstPartyModels: true };
  };
  const second = await feature.approved(
    feature.label(trains),
    {
      consumer: {
        summary: 'Summaries of your meetings train our models.',
        whatChanges: CONSUMER_CHANGE,
        affected: true,
      },
    },
    'Consumer summaries will train our models.',
  );
  published(await feature.publish(second, daysAfter(TEST_NOW, 40)));
  const third = await feature.approved(
    feature.label((label) => {
      trains(label);
      label.business = { ...(label.business as Label[string]), humanReview: true };
    }),
    { business: { summary: 'Staff may read summaries.', whatChanges: 'Staff may read a sample.', affected: true } },
    'Human review for business.',
  );
  published(await feature.publish(third, daysAfter(TEST_NOW, 50)));
  published(await feature.withdraw(third, WITHDRAWAL_REASON));
  const withdrawal = await database.prisma.withdrawal.findFirstOrThrow({
    where: { revision: { number: 3, feature: { slug: FEATURE } } },
  });
  withdrawalHash = withdrawal.contentHash ?? '';
}

/**
 * Step 5: V3's publication notice as the worker leaves it a minute after publication: one partner
 * endpoint told, three subscribers written to (two delivered, one dead; all of them gone since).
 */
async function recordNoticeOfV3(database: Database): Promise<void> {
  const { prisma } = database;
  const v3 = await prisma.version.findFirstOrThrow({ where: { label: '2026-09', document: { slug: DOCUMENT } } });
  const at = new Date((v3.publishedAt as Date).getTime() + 60_000);
  const event = await prisma.notificationEvent.findFirstOrThrow({
    where: { subjectKey: `version:${v3.id}`, type: 'version.published' },
  });
  await prisma.notificationEvent.update({ where: { id: event.id }, data: { dispatchedAt: at } });
  const partner = await prisma.partner.create({ data: { name: 'Archive', contact: 'a@example.org', createdAt: at } });
  const endpoint = await prisma.webhookEndpoint.create({
    data: { partnerId: partner.id, url: 'https://archive.example/hooks', secret: 'whsec_x', createdAt: at },
  });
  await prisma.webhookDelivery.create({
    data: {
      eventId: event.id,
      endpointId: endpoint.id,
      status: 'DELIVERED',
      attempts: 1,
      nextAttemptAt: at,
      createdAt: at,
      deliveredAt: at,
    },
  });
  await prisma.mailDelivery.createMany({
    data: [
      { eventId: event.id, status: 'DELIVERED', attempts: 1, nextAttemptAt: at, createdAt: at, deliveredAt: at },
      { eventId: event.id, status: 'DELIVERED', attempts: 1, nextAttemptAt: at, createdAt: at, deliveredAt: at },
      { eventId: event.id, status: 'DEAD', attempts: 8, nextAttemptAt: at, createdAt: at, lastError: 'mailbox full' },
    ],
  });
}

/** Step 3: the newest terms version deleted, triggers dropped first (as the file's holder could). */
async function deleteNewestVersion(database: Database): Promise<void> {
  const { prisma } = database;
  const newest = await prisma.version.findFirstOrThrow({
    where: { document: { slug: 'terms-of-service' }, status: 'PUBLISHED' },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
  });
  deletedLabel = newest.label;
  latestSequence = (await prisma.checkpoint.findFirstOrThrow({ orderBy: { sequence: 'desc' } })).sequence;
  const triggers = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger' AND "tbl_name" IN (${TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  for (const trigger of triggers) await prisma.$executeRawUnsafe(`DROP TRIGGER "${trigger.name}"`);
  const id = newest.id;
  for (const statement of [
    `DELETE FROM "ChangeRebase" WHERE "versionId" = '${id}' OR "fromVersionId" = '${id}'`,
    `DELETE FROM "Withdrawal" WHERE "versionId" = '${id}'`,
    `DELETE FROM "Changelog" WHERE "versionId" = '${id}' OR "fromVersionId" = '${id}'`,
    `DELETE FROM "Clause" WHERE "versionId" = '${id}'`,
    `DELETE FROM "Explanation" WHERE "versionId" = '${id}'`,
    `DELETE FROM "Version" WHERE "id" = '${id}'`,
  ]) {
    await prisma.$executeRawUnsafe(statement);
  }
}

beforeAll(async () => {
  const { url, files } = copyOfSiteDatabase();
  const { runDirectory, remove } = siteRunDirectory('rebuild');
  cleanup = () => {
    if (process.env.CANDOR_KEEP_SITE_BUILD === '1') {
      console.info(`site rebuild: kept ${runDirectory} and ${url} (CANDOR_KEEP_SITE_BUILD=1)`);
      return;
    }
    remove();
    for (const file of files) rmSync(file, { force: true });
  };
  const database = await openDatabase({ url });
  try {
    await publishStories(database);
    await recordNoticeOfV3(database);
    await deleteNewestVersion(database);
    await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, 'site-build-rebuild.log'));
  try {
    ({ outDir: site } = await buildSiteIsolated({
      runDirectory,
      env: siteBuildEnvironment(url, inject('signingKeyPem')),
      log,
    }));
  } finally {
    await new Promise((done) => log.end(done));
  }
});

afterAll(() => cleanup());

describe('a scheduled material revision and a withdrawn one, after a rebuild', () => {
  it('the feature page announces the scheduled revision with its date and the consumer explanation', () => {
    const html = page(`/ai-features/${FEATURE}/index.html`);
    const notice = elementAt(html, `data-upcoming-revision="${FEATURE}/2"`, 'li');
    expect(notice).toContain('11 July 2026');
    expect(notice).toContain(CONSUMER_CHANGE);
    expect(notice).toContain('a material change');
    const entry = elementAt(html, `id="revision-2" data-revision="${FEATURE}/2"`, 'article');
    expect(entry).toContain('data-timing="UPCOMING"');
    expect(entry).toContain('data-material="true"');
    expect(entry).toMatch(/data-revision-hash[^>]*>[0-9a-f]{64}</);
    // The withdrawn revision was scheduled too, but is not announced.
    expect(html).not.toContain(`data-upcoming-revision="${FEATURE}/3"`);
    // The features index and the home page announce it too.
    expect(elementAt(page('/ai-features/index.html'), `data-upcoming-revision="${FEATURE}/2"`, 'p')).toContain(
      '11 July 2026',
    );
    expect(page('/index.html')).toMatch(new RegExp(`data-revision="${FEATURE}/2" data-timing="UPCOMING"`));
  });

  it('the consumer pages show it as upcoming; the business hub does not show the withdrawn one', () => {
    const segmentPage = page(`/ai-features/${FEATURE}/consumer/index.html`);
    expect(elementAt(segmentPage, `data-upcoming-revision="${FEATURE}/2"`, 'li')).toContain(CONSUMER_CHANGE);
    const hub = elementAt(page('/segments/consumer/index.html'), 'data-section="upcoming"', 'section');
    const item = elementAt(hub, `data-revision="${FEATURE}/2" data-timing="UPCOMING"`, 'article');
    expect(item).toContain(CONSUMER_CHANGE);
    expect(item).toContain(`href="/ai-features/${FEATURE}/#revision-2"`);
    const businessHub = elementAt(page('/segments/business/index.html'), 'data-section="upcoming"', 'section');
    expect(businessHub).not.toContain(`data-revision="${FEATURE}/3"`);
  });

  it('the withdrawn revision stays in the history, marked withdrawn with its reason and its record hash', () => {
    expect(withdrawalHash).toMatch(/^[0-9a-f]{64}$/);
    for (const path of [`/ai-features/${FEATURE}/index.html`, `/ai-features/${FEATURE}/business/index.html`]) {
      const entry = elementAt(page(path), `id="revision-3" data-revision="${FEATURE}/3"`, 'article');
      expect(entry, path).toContain('data-timing="WITHDRAWN"');
      expect(entry, path).toContain(WITHDRAWAL_REASON);
      expect(entry, path).toMatch(new RegExp(`data-withdrawal-hash[^>]*>${withdrawalHash}<`));
    }
    const verify = page('/verify/index.html');
    expect(verify).toContain(`data-withdrawal-link="revision/3"`);
    expect(verify).toContain(withdrawalHash);
  });
});

describe('a comparison made again after a withdrawal, after a rebuild', () => {
  it('V3’s comparison says it is now with V1, and why; V2 stays, withdrawn, with its record hash', () => {
    expect(rebaseReason).toContain('2026-07');
    const changes = page(`/documents/${DOCUMENT}/2026-09/changes/index.html`);
    expect(changes).toContain('data-compared-with="2026-05"');
    expect(elementAt(changes, 'data-rebased', 'p')).toContain(rebaseReason);
    expect(elementAt(page(`/documents/${DOCUMENT}/2026-09/index.html`), 'data-rebased', 'p')).toContain(rebaseReason);
    const v2 = page(`/documents/${DOCUMENT}/2026-07/index.html`);
    expect(v2).toContain('data-timing="WITHDRAWN"');
    expect(elementAt(v2, '<span data-withdrawal', 'span')).toContain('Replaced by a later version.');
    expect(v2).toMatch(/data-withdrawal-hash[^>]*>[0-9a-f]{64}</);
  });
});

describe('/verify/ after the newest version was deleted behind the triggers’ back', () => {
  it('reports TRUNCATED against the latest signed checkpoint, naming it and the chain', () => {
    const html = page('/verify/index.html');
    expect(deletedLabel).toBeTruthy();
    expect(html).toContain('data-verification="failed"');
    expect(html).toContain('data-server-verification="failed"');
    expect(html).toMatch(
      new RegExp(`data-checkpoint-comparison="mismatch"[^>]*data-checkpoint-sequence="${latestSequence}"`),
    );
    expect(elementAt(html, '<li data-problem-code="TRUNCATED"', 'li')).toContain('document/terms-of-service');
    expect(html).toMatch(/<tr data-chain="document\/terms-of-service"[^>]*data-chain-status="problem"/);
    // The feature's chain and the withdrawals chain, both longer now, verify (a checkpoint was issued for each write).
    expect(html).toMatch(new RegExp(`<tr data-chain="feature/${FEATURE}"[^>]*data-chain-status="ok"`));
    expect(html).toMatch(/<tr data-chain="withdrawals"[^>]*data-chain-status="ok"/);
  });

  it('the build’s own check still passes: the shorter chain is consistent, only the checkpoint shows the cut', () => {
    const html = page('/verify/index.html');
    expect(html).toContain('data-build-verification="ok"');
    const termsChain = elementAt(html, 'id="chain-terms-of-service"', 'table');
    expect(termsChain).toContain('data-version=');
    expect(termsChain).not.toContain(`data-version="${deletedLabel}"`);
  });

  it('a version nothing touched is the same JSON download, byte for byte, in both builds (built at different instants)', () => {
    const first = inject('siteDirectory');
    for (const path of ['/documents/terms-of-service/2022-11.json', '/documents/terms-of-service/2023-03.json']) {
      expect(page(path), path).toBe(readSiteFile(first, path));
    }
  });
});

describe('proof of notice, as of the rebuild', () => {
  it('V3’s page says when its notice went out, to how many, and that it met the notice period; its JSON does not', () => {
    const section = elementAt(page(`/documents/${DOCUMENT}/2026-09/index.html`), 'id="notice"', 'section');
    expect(section).toContain('data-notice="sent"');
    expect(section).toContain('Notice went out on 30 May 2026, 91 days before it takes effect.');
    expect(section).toContain('Subscribers, by e-mail: 3 were told; 2 delivered, 1 failed after every retry.');
    expect(section).toContain('Partner systems, by webhook: 1 was told; 1 delivered.');
    expect(section).toContain('That meets the notice period of 30 days.');
    expect(section).toMatch(
      /As of <time datetime="2026-06-01T12:00:00.000Z">1 June 2026<\/time>, when this page was built/,
    );
    expect(page(`/documents/${DOCUMENT}/2026-09.json`)).not.toMatch(/"notice"|subscribers|webhooks/);
  });

  it('a notice not yet handed out says it is queued; a version Candor never announced says there is no record', () => {
    const v1 = elementAt(page(`/documents/${DOCUMENT}/2026-05/index.html`), 'id="notice"', 'section');
    expect(v1).toContain('data-notice="none"');
    expect(v1).toContain('Notice of this version is queued');
    const sample = elementAt(page('/documents/terms-of-service/2023-03/index.html'), 'id="notice"', 'section');
    expect(sample).toContain('There is no record of notice for this version');
    const feature = elementAt(page(`/ai-features/${FEATURE}/index.html`), 'data-notice-section', 'section');
    expect(feature).toContain('href="#revision-2">Revision 2</a>:');
    expect(feature).toContain('Notice of this revision is queued');
  });
});
