/**
 * A published correction of consent statistics, on the built site: a fresh SQLite database with
 * the sample organisation, one figure corrected through the API's review workflow (an editor
 * submits the correction with its reason, a publisher who did not submit it approves it and
 * publishes it), then `astro build` of that database. The consent page of that feature × segment,
 * the consent index and /verify/ must show the new figure, the figure it replaced, and why.
 *
 * One more site build than the project's own (global-setup.ts): about as long again.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CandorYoga, createCandorYoga, createLogger } from '@candor/api';
import {
  bootstrapAdmin,
  migrateDatabase,
  openDatabase,
  type PrismaClient,
  sampleData,
  seedSampleData,
  signerFromPem,
} from '@candor/schema';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { enrolEditor } from '../helpers/editors.js';
import { scratchDirectory, TEST_NOW } from '../helpers/providers.js';
import { TEST_ENV } from '../helpers/testkit.js';
import { ARTIFACTS } from './paths.js';
import { siteBuildEnvironment, siteRunDirectory } from './site-build.js';
import { readSiteFile } from './site-files.js';

const FEATURE = 'meeting-summary';
const SEGMENT = 'consumer';
/** The series' latest month, so that /consent/ (which shows each latest month) shows it too. */
const PERIOD = '2025-08';
const REASON = 'Accounts closed in August were counted as eligible; recounted from the billing records.';
/** Eligible accounts go down by this much, and so do the owners who never decided (the sum must hold). */
const DELTA = 9;

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Figures {
  accountsEligible: Cell;
  ownersEnabled: Cell;
  ownersDisabled: Cell;
  ownersUndecided: Cell;
  participantsJoined: Cell;
  participantsLeft: Cell;
}
const FIGURES = `accountsEligible { value suppressed } ownersEnabled { value suppressed }
  ownersDisabled { value suppressed } ownersUndecided { value suppressed }
  participantsJoined { value suppressed } participantsLeft { value suppressed }`;

const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const databaseFile = join(scratchDirectory(), `site-correction-${suffix}.db`);
let site: string;
let before: Figures;
let after: Figures & { corrected: boolean; corrections: { reason: string; contentHash: string; previous: Figures }[] };
let cleanup: () => void = () => {};

const count = (cell: Cell): number => {
  if (cell.value === null || cell.suppressed) throw new Error('the corrected row must have published counts');
  return cell.value;
};
const formatted = (value: number) => new Intl.NumberFormat('en-GB').format(value);

/** The API over the database at TEST_NOW, with a way to call it as one of its editors. */
function apiOver(database: Awaited<ReturnType<typeof openDatabase>>): {
  yoga: CandorYoga;
  as<T>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<T>;
} {
  const yoga = createCandorYoga({
    database,
    env: { ...TEST_ENV, CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: false },
    clock: () => TEST_NOW,
    logger: createLogger('silent'),
    signer: signerFromPem(inject('signingKeyPem')),
  });
  return {
    yoga,
    as: async <T>(token: string | null, query: string, variables?: Record<string, unknown>) => {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (body.errors !== undefined || body.data === undefined) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
  };
}

/** An editor who submits and a publisher who did not, each with a token. */
async function editors(prisma: PrismaClient): Promise<{ editor: string; publisher: string }> {
  const root = await bootstrapAdmin(prisma, { email: 'root@example.com', name: 'Root Admin' }, TEST_NOW);
  const enrol = (who: string, role: 'EDITOR' | 'PUBLISHER') =>
    enrolEditor(prisma, { email: `${who}@example.com`, name: `Test ${who}`, role, invitedBy: root.editorId }, TEST_NOW);
  return { editor: await enrol('editor', 'EDITOR'), publisher: await enrol('publisher', 'PUBLISHER') };
}

const rowQuery = `query Row($feature: String!, $segment: String!, $period: Month!) {
  consentStatistics(feature: $feature, segment: $segment, from: $period, to: $period) {
    rows { ${FIGURES} corrected corrections { reason contentHash previous { ${FIGURES} } } }
  }
}`;

type PayloadError = { code: string; message: string } | null;

async function publishCorrection(database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const api = apiOver(database);
  const tokens = await editors(database.prisma);
  const read = async () =>
    (
      await api.as<{ consentStatistics: { rows: (typeof after)[] } }>(null, rowQuery, {
        feature: FEATURE,
        segment: SEGMENT,
        period: PERIOD,
      })
    ).consentStatistics.rows[0];
  const published = await read();
  if (published === undefined) throw new Error(`no statistics for ${FEATURE} × ${SEGMENT} in ${PERIOD}`);
  before = published;
  const csv = [
    'feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft',
    [
      FEATURE,
      SEGMENT,
      PERIOD,
      count(before.accountsEligible) - DELTA,
      count(before.ownersEnabled),
      count(before.ownersDisabled),
      count(before.ownersUndecided) - DELTA,
      before.participantsJoined.value ?? '',
      before.participantsLeft.value ?? '',
    ].join(','),
  ].join('\n');

  const check = <T extends { error: PayloadError }>(step: string, payload: T): T => {
    if (payload.error !== null) throw new Error(`${step}: ${payload.error.code}: ${payload.error.message}`);
    return payload;
  };
  const { submitConsentCorrection } = await api.as<{
    submitConsentCorrection: { submission: { id: string }; error: PayloadError };
  }>(
    tokens.editor,
    `mutation Submit($csv: String!, $reason: String!) {
      submitConsentCorrection(csv: $csv, reason: $reason) { submission { id } error { code message } }
    }`,
    { csv, reason: REASON },
  );
  const { id } = check('submitConsentCorrection', submitConsentCorrection).submission;
  const { approveConsentSubmission } = await api.as<{ approveConsentSubmission: { error: PayloadError } }>(
    tokens.publisher,
    'mutation Approve($id: ID!) { approveConsentSubmission(id: $id) { error { code message } } }',
    { id },
  );
  check('approveConsentSubmission', approveConsentSubmission);
  const { publishConsentSubmission } = await api.as<{
    publishConsentSubmission: { contentHash: string | null; error: PayloadError };
  }>(
    tokens.publisher,
    'mutation Publish($id: ID!) { publishConsentSubmission(id: $id) { contentHash error { code message } } }',
    { id },
  );
  check('publishConsentSubmission', publishConsentSubmission);
  const corrected = await read();
  if (corrected === undefined) throw new Error('the corrected row is gone');
  after = corrected;
}

beforeAll(async () => {
  mkdirSync(scratchDirectory(), { recursive: true });
  const { runDirectory, remove } = siteRunDirectory('correction');
  cleanup = () => {
    if (process.env.CANDOR_KEEP_SITE_BUILD === '1') {
      console.info(`site correction: kept ${runDirectory} and ${databaseFile} (CANDOR_KEEP_SITE_BUILD=1)`);
      return;
    }
    remove();
    for (const extension of ['', '-wal', '-shm']) rmSync(`${databaseFile}${extension}`, { force: true });
  };
  const url = `file:${databaseFile}`;
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database.target);
    await seedSampleData(database.prisma, sampleData(TEST_NOW), {
      signer: signerFromPem(inject('signingKeyPem')),
      minimumCellSize: 10,
    });
    await publishCorrection(database);
    await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await database.close();
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, 'site-build-correction.log'));
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

/** The HTML of the element that starts at the first match of `opening`, up to its closing `</tag>`. */
function elementAt(html: string, opening: string, tag: string): string {
  const start = html.indexOf(opening);
  return start < 0 ? '' : html.slice(start, html.indexOf(`</${tag}>`, start));
}

/** The text of an HTML fragment, tags dropped and white space folded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();

describe('a published correction of consent statistics', () => {
  it('is published through review: the API serves the new figure, with the old one and the reason', () => {
    expect(count(before.accountsEligible)).toBeGreaterThan(1000);
    expect(after.corrected).toBe(true);
    expect(after.accountsEligible.value).toBe(count(before.accountsEligible) - DELTA);
    expect(after.corrections).toHaveLength(1);
    expect(after.corrections[0]?.reason).toBe(REASON);
    expect(after.corrections[0]?.previous.accountsEligible).toEqual(before.accountsEligible);
  });

  it('the series page shows the new figure, the figure it replaced and, under the table, when and why', () => {
    const html = readSiteFile(site, `/consent/${FEATURE}/${SEGMENT}/index.html`);
    const table = elementAt(html, `id="table-${FEATURE}-${SEGMENT}-owners"`, 'table');
    const row = text(elementAt(table, `<time datetime="${PERIOD}"`, 'tr'));
    const old = formatted(count(before.accountsEligible));
    const now = formatted(count(after.accountsEligible));
    expect(row).toContain(`${now} (corrected; was ${old})`);
    expect(row).toContain(
      `${formatted(count(after.ownersUndecided))} (corrected; was ${formatted(count(before.ownersUndecided))})`,
    );
    // Unchanged counts of the same month are not marked.
    expect(row).toContain(formatted(count(after.ownersEnabled)));
    expect(row).not.toContain(`was ${formatted(count(after.ownersEnabled))}`);
    expect(table.match(/data-corrected="true"/g)).toHaveLength(2);

    const note = elementAt(html, `id="table-${FEATURE}-${SEGMENT}-owners-corrections"`, 'section');
    const correction = after.corrections[0]?.contentHash ?? '';
    const item = text(elementAt(note, `data-correction="${correction}"`, 'li'));
    expect(item).toContain('August 2025, consumer accounts: corrected on 1 June 2026.');
    expect(item).toContain(`Reason: ${REASON}`);
    expect(item).toContain(`Eligible accounts from ${old} to ${now}`);
    expect(item).toContain(correction);
    expect(note).toContain('href="/verify/#releases-chain"');
    expect(readSiteFile(site, '/verify/index.html')).toContain('id="releases-chain"');
    // The chart draws the corrected figures, and says so.
    expect(html).toContain('One month was corrected after publication');
  });

  it('the consent index marks the corrected latest month, and lists the correction among the releases', () => {
    const html = readSiteFile(site, '/consent/index.html');
    const table = elementAt(html, `id="consent-${FEATURE}-caption"`, 'table');
    const row = text(elementAt(table, `href="/consent/${FEATURE}/${SEGMENT}/"`, 'tr'));
    expect(row).toContain(
      `${formatted(count(after.accountsEligible))} (corrected; was ${formatted(count(before.accountsEligible))})`,
    );
    const note = text(elementAt(html, `id="consent-${FEATURE}-corrections"`, 'section'));
    expect(note).toContain(`Reason: ${REASON}`);
    const correction = after.corrections[0]?.contentHash ?? '';
    const release = text(elementAt(html, `data-consent-release="${correction}"`, 'li'));
    expect(release).toContain('Correction published 1 June 2026: 1 row (feature × segment × month) corrected');
    expect(release).toContain(`Reason: ${REASON}`);
  });

  it('/verify/ lists the correction in the consent-releases chain with its kind, reason and format', () => {
    const html = readSiteFile(site, '/verify/index.html');
    const correction = after.corrections[0]?.contentHash ?? '';
    const row = text(elementAt(html, `<tr data-release-link="${correction}"`, 'tr'));
    expect(row).toContain(`Correction: ${REASON} (candor-consent-correction/1)`);
    expect(row).toContain('Yes');
  });
});
