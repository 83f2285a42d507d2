/**
 * Issue 13's acceptance, on the project's provider (SQLite or PostgreSQL): a real organisation
 * from nothing, with the CLI alone and the API at its production defaults (rate limits and
 * response cache on). `init` three segments of its own naming, two documents (one for a single
 * segment) and one AI feature; import a six-commit git history of its terms (a rename and a
 * whitespace-only commit among them); publish a new version through the editor workflow; verify
 * every chain online and offline; build the site — and find nothing of the sample anywhere, in
 * the database or the site.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCandorYoga, createLogger, listen, type RunningServer } from '@candor/api';
import { type Database, openDatabase } from '@candor/schema';
import { renderVersionMarkdown } from '@candor/schema/domain';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { testSigner } from '../helpers/testkit.js';
import { siteBuildEnvironment, siteRunDirectory } from '../site/site-build.js';
import { readSiteFile, siteFiles } from '../site/site-files.js';
import { type CliRun, runCli } from './cli-process.js';
import { expectExit, policyMarkdown, SLOW, useOrganisationKit } from './organisation-kit.js';

const kit = useOrganisationKit();
const DAY = 86_400_000;
const SEGMENTS = ['clinics', 'patients', 'insurers'] as const;
const TERMS = 'terms-of-service';
const ADDENDUM = 'hipaa-addendum';
const FEATURE = 'visit-notes';
const NEW_LABEL = '2026-07';
const EFFECTIVE_AT = new Date(TEST_NOW.getTime() + 31 * DAY);

/** Everything the sample organisation would bring: none of it may appear. */
const SAMPLE_MARKERS = [/northwind/i, /\(sample\)/i, /meeting-summary/, /\/segments\/(consumer|business|enterprise)\//];

const ORGANISATION_YAML = `organization:
  name: Harbour Health
  legalName: Harbour Health Ltd.
  website: https://harbour.example
  contactEmail: legal@harbour.example
segments:
  - key: clinics
    name: Clinics
    description: Clinics that book through Harbour.
  - key: patients
    name: Patients
  - key: insurers
    name: Insurers
documents:
  - slug: ${TERMS}
    title: Terms of Service
    noticePeriodDays: 30
  - slug: ${ADDENDUM}
    title: HIPAA Addendum
    kind: data-processing-addendum
    segments: [clinics]
features:
  - slug: ${FEATURE}
    name: Visit notes
    description: Drafts a visit summary for the clinician to review.
`;

const terms = (clauses: Record<string, string>) =>
  policyMarkdown('Terms of Service', 'These terms apply to Harbour Health.', clauses);
const FIRST: Record<string, string> = { Accounts: 'Keep your password secret.', Fees: 'Plans are billed monthly.' };
const IN_ADVANCE = { ...FIRST, Fees: 'Plans are billed monthly, in advance.' };
const LEAVING = { ...IN_ADVANCE, Leaving: 'Close it.' };

let url: string;
let database: Database;
let server: RunningServer;
const tokens = { admin: '', editor: '', publisher: '' };
const commits: string[] = [];
let site = '';
let removeSite: () => void = () => {};

const api = (args: readonly string[], token: string | null): Promise<CliRun> =>
  runCli(args, { CANDOR_API_URL: server.url, ...(token === null ? {} : { CANDOR_TOKEN: token }) });
const file = (name: string, text: string): string => {
  const path = join(kit.work, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  url = await kit.emptyDatabaseUrl('e2e');
});

afterAll(async () => {
  await server?.close();
  await database?.close();
  removeSite();
});

describe('a real organisation from nothing', SLOW, () => {
  it('init: three segments of its own naming, two documents (one for a single segment), one AI feature', async () => {
    const run = await kit.direct(url, ['init', '--file', file('org.yaml', ORGANISATION_YAML)]);
    expectExit(run, 0);
    expect(run.stdout).toBe('harbour-health\t3 segments, 2 documents, 1 AI feature\ncheckpoint: 1\n');
  });

  it('imports a git history of six commits, following the rename and skipping the whitespace-only one', async () => {
    const repo = kit.createRepository();
    repo.write('policies/terms.md', terms(FIRST));
    commits.push(repo.commit('First published terms', '2024-01-10T10:00:00Z'));
    repo.write('policies/terms.md', terms(IN_ADVANCE));
    commits.push(repo.commit('Bill in advance', '2024-02-10T10:00:00Z'));
    repo.write('policies/terms.md', `${terms(IN_ADVANCE).replace('billed monthly', 'billed   monthly')}\n\n`);
    commits.push(repo.commit('Rewrap', '2024-03-10T10:00:00Z'));
    repo.git(['mv', 'policies/terms.md', 'terms-of-service.md']);
    commits.push(repo.commit('Move the terms to the top', '2024-04-10T10:00:00Z'));
    repo.write('terms-of-service.md', terms(LEAVING));
    commits.push(repo.commit('Say how to leave', '2024-05-10T10:00:00Z'));
    repo.write('README.md', '# Our policies\n');
    commits.push(repo.commit('A readme', '2024-06-10T10:00:00Z'));

    const args = ['import', 'git', '--repo', repo.dir, '--file', 'terms-of-service.md', '--document', TERMS];
    const run = await kit.direct(url, args);
    expectExit(run, 0);
    expect(run.stdout).toBe('terms-of-service: created 3, already imported 0, unchanged (whitespace only) 2\n');
    const again = await kit.direct(url, args);
    expectExit(again, 0);
    expect(again.stdout).toBe('terms-of-service: created 0, already imported 3, unchanged (whitespace only) 2\n');
  });

  it('serves the API at production defaults, with an admin, an editor and a publisher', async () => {
    const bootstrap = await kit.direct(url, [
      'admin',
      'bootstrap',
      '--email',
      'root@harbour.example',
      '--name',
      'Root',
    ]);
    expectExit(bootstrap, 0);
    tokens.admin = bootstrap.stdout.trim();
    database = await openDatabase({ url });
    const yoga = createCandorYoga({
      database,
      env: {},
      clock: () => TEST_NOW,
      logger: createLogger('silent'),
      signer: testSigner(),
    });
    server = await listen(yoga, { host: '127.0.0.1', port: 0, graceSeconds: 1, logger: createLogger('silent') });
    for (const role of ['editor', 'publisher'] as const) {
      const email = `${role}@harbour.example`;
      const invited = await api(['invite', 'create', '--email', email, '--name', role, '--role', role], tokens.admin);
      expectExit(invited, 0);
      const enrolled = await api(['enrol', '--code-file', file(`${role}.code`, invited.stdout)], null);
      expectExit(enrolled, 0);
      tokens[role] = enrolled.stdout.trim();
    }
  });

  it('publishes a new material version through the workflow, explained to each of its own segments', async () => {
    const markdown = renderVersionMarkdown(
      {
        document: TERMS,
        label: NEW_LABEL,
        material: true,
        changeNote: 'Visit notes are drafted by AI and reviewed by a clinician.',
        explanations: SEGMENTS.map((segment) => ({
          segment,
          summary: `Visit notes are now drafted by an AI feature (${segment}).`,
          whatChanges: 'New Section 4 says how visit notes are drafted and who reviews them.',
          affected: segment !== 'insurers',
        })),
        clauses: [
          { key: '1', number: '1.', heading: 'Accounts', body: 'Keep your password secret.' },
          { key: '2', number: '2.', heading: 'Fees', body: 'Plans are billed monthly, in advance.' },
          { key: '3', number: '3.', heading: 'Leaving', body: 'Close it.' },
          {
            key: '4',
            number: '4.',
            heading: 'Visit notes',
            body: 'An AI feature drafts visit notes; a clinician reviews each one.',
          },
        ],
      },
      { segments: [...SEGMENTS] },
    );
    const draft = await api(['draft', 'create', '--file', file('terms.md', markdown)], tokens.editor);
    expectExit(draft, 0);
    const [id] = draft.stdout.trim().split('\t');
    expectExit(await api(['submit', '--id', id as string], tokens.editor), 0);
    expectExit(await api(['approve', '--id', id as string], tokens.publisher), 0);
    const published = await api(
      ['publish', '--id', id as string, '--effective-at', EFFECTIVE_AT.toISOString()],
      tokens.publisher,
    );
    expectExit(published, 0);
    expect(published.stdout).toMatch(/^contentHash: [0-9a-f]{64}$/m);
  });

  it('verifies every chain online, exports them and verifies the export offline', async () => {
    const online = await api(['verify'], null);
    expectExit(online, 0);
    expect(online.stdout).toMatch(/document\/terms-of-service/);
    expect(online.stdout).toMatch(/definitions/);
    const out = join(kit.work, 'export');
    expectExit(await api(['export', '--out', out], null), 0);
    const offline = await runCli(['verify', '--export', out]);
    expectExit(offline, 0);
    expect(offline.stdout).toMatch(
      /4 versions, 0 AI-feature revisions, 0 withdrawals, 0 consent releases, \d+ definition changes/,
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { format: string };
    expect(manifest.format).toBe('candor-export/3');
  });

  it('holds nothing of the sample in the database', async () => {
    const { prisma } = database;
    expect(await prisma.organization.findMany({ select: { slug: true, isSample: true } })).toEqual([
      { slug: 'harbour-health', isSample: false },
    ]);
    expect((await prisma.segment.findMany({ orderBy: { position: 'asc' } })).map((s) => s.key)).toEqual([...SEGMENTS]);
    expect((await prisma.document.findMany({ orderBy: { position: 'asc' } })).map((d) => d.slug)).toEqual([
      TERMS,
      ADDENDUM,
    ]);
    expect((await prisma.aiFeature.findMany()).map((f) => f.slug)).toEqual([FEATURE]);
    expect((await prisma.editor.findMany({ orderBy: { email: 'asc' } })).map((e) => e.email)).toEqual([
      'editor@harbour.example',
      'publisher@harbour.example',
      'root@harbour.example',
    ]);
    expect(await prisma.version.count({ where: { document: { slug: { not: TERMS } } } })).toBe(0);
    expect(await prisma.consentStat.count()).toBe(0);
    expect(await prisma.aiFeatureRevision.count()).toBe(0);
  });

  it('builds the site: its own segments and documents, the addendum for clinics alone, nothing of the sample', async () => {
    const { runDirectory, remove } = siteRunDirectory('organisation');
    removeSite = remove;
    const log = createWriteStream(join(kit.work, 'site-build.log'));
    try {
      ({ outDir: site } = await buildSiteIsolated({
        runDirectory,
        env: siteBuildEnvironment(url, inject('signingKeyPem')),
        log,
      }));
    } finally {
      await new Promise((done) => log.end(done));
    }
    const files = siteFiles(site);
    for (const segment of SEGMENTS) expect(files).toContain(`/segments/${segment}/index.html`);
    expect(files.filter((f) => /^\/segments\/[^/]+\/index\.html$/.test(f))).toHaveLength(SEGMENTS.length);

    const hub = (segment: string) => readSiteFile(site, `/segments/${segment}/index.html`);
    // The addendum has no version yet; the clinics' hub still lists it, the patients' does not.
    expect(hub('clinics')).toContain(`id="doc-${ADDENDUM}"`);
    expect(hub('patients')).not.toContain(`id="doc-${ADDENDUM}"`);
    expect(hub('patients')).toContain(`id="doc-${TERMS}"`);

    // The imported versions say where their dates come from; the new one is upcoming, explained.
    const first = readSiteFile(site, `/documents/${TERMS}/2024-01-10/index.html`);
    expect(first).toContain(`git:${commits[0]}:policies/terms.md`);
    expect(first).toContain('its dates come from that source');
    const next = readSiteFile(site, `/documents/${TERMS}/${NEW_LABEL}/index.html`);
    expect(next).toContain('Visit notes are now drafted by an AI feature (clinics).');
    expect(readSiteFile(site, '/index.html')).toContain('Harbour Health');
    const verify = readSiteFile(site, '/verify/index.html');
    expect(verify).toContain('data-server-verification="ok"');
    expect(verify).toContain('data-build-verification="ok"');
    expect(verify).toContain('data-chain="definitions"');

    for (const path of files.filter((f) => /\.(html|xml|json|txt)$/.test(f))) {
      const text = readSiteFile(site, path);
      for (const marker of SAMPLE_MARKERS) expect(marker.test(text), `${path} matches ${marker}`).toBe(false);
    }
  });
});
