/**
 * Setting up a real organisation with the CLI alone (issue 13), on an empty database of the
 * project's provider (SQLite or PostgreSQL): `init` from flags and from YAML, refused on a
 * database that holds anything; segments and documents defined through the API; a policy's git
 * history imported (renames followed, whitespace-only commits skipped, idempotent, dry run
 * writes nothing), bad sources refused with nothing written; dated snapshots imported.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCandorYoga, createLogger, listen, type RunningServer } from '@candor/api';
import { type Database, openDatabase } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENV, testSigner } from '../helpers/testkit.js';
import { type CliRun, runCli } from './cli-process.js';
import {
  expectExit,
  footprint,
  policyMarkdown,
  type Repository,
  reading,
  SLOW,
  useOrganisationKit,
} from './organisation-kit.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/organisation/', import.meta.url));
const kit = useOrganisationKit();
const { direct, emptyDatabaseUrl } = kit;
const createRepository = () => kit.createRepository();

const terms = (clauses: Record<string, string>): string =>
  policyMarkdown('Terms of Service', 'These terms apply to Acme Health.', clauses);

// --------------------------------------------------------------------------------------------

const ACME_FLAGS = [
  'init',
  '--name',
  'Acme Health',
  '--contact',
  'legal@acme.example',
  '--website',
  'https://acme.example',
  '--segment',
  'clinics=Clinics',
  '--segment',
  'patients=Patients',
  '--segment',
  'insurers=Insurers',
  '--document',
  'terms-of-service=Terms of Service',
  '--document',
  'hipaa-addendum=HIPAA Addendum',
  '--document-segments',
  'hipaa-addendum=clinics',
  '--document-kind',
  'hipaa-addendum=data-processing-addendum',
  '--feature',
  'visit-notes=Visit notes',
];

describe('init', SLOW, () => {
  let acme: string;

  it('turns an empty database into the organisation the flags describe, sample-free', async () => {
    acme = await emptyDatabaseUrl('acme');
    const run = await direct(acme, ACME_FLAGS);
    expectExit(run, 0);
    expect(run.stdout).toBe('acme-health\t3 segments, 2 documents, 1 AI feature\ncheckpoint: 1\n');
    expect(run.stderr).toContain('pnpm candor admin bootstrap');
    const stored = await reading(acme, async ({ prisma }) => ({
      organizations: await prisma.organization.findMany(),
      segments: (await prisma.segment.findMany({ orderBy: { position: 'asc' } })).map((s) => s.key),
      documents: await prisma.document.findMany({
        orderBy: { position: 'asc' },
        include: { segments: { include: { segment: true } } },
      }),
      features: (await prisma.aiFeature.findMany()).map((f) => f.slug),
      versions: await prisma.version.count(),
      editors: await prisma.editor.count(),
    }));
    expect(stored.organizations).toHaveLength(1);
    expect(stored.organizations[0]).toMatchObject({
      slug: 'acme-health',
      name: 'Acme Health',
      contactEmail: 'legal@acme.example',
      isSample: false,
    });
    expect(stored.segments).toEqual(['clinics', 'patients', 'insurers']);
    expect(
      stored.documents.map((d) => [
        d.slug,
        d.kind,
        d.segments
          .map((s) => s.segment.key)
          .sort()
          .join(','),
      ]),
    ).toEqual([
      ['terms-of-service', 'terms', 'clinics,insurers,patients'],
      ['hipaa-addendum', 'data-processing-addendum', 'clinics'],
    ]);
    expect(stored.features).toEqual(['visit-notes']);
    expect(stored.versions).toBe(0);
    expect(stored.editors).toBe(0);
  });

  it('refuses a database that holds anything (exit 1), naming what it holds, and writes nothing', async () => {
    const before = await footprint(acme);
    const run = await direct(acme, ['init', '--name', 'Other', '--segment', 'everyone=Everyone']);
    expectExit(run, 1);
    expect(run.stderr).toContain('INVALID_STATE');
    expect(run.stderr).toContain('1 organisation, 3 segments, 2 documents, 1 AI feature');
    expect(await footprint(acme)).toEqual(before);
  });

  it('reads the organisation from a YAML file', async () => {
    const url = await emptyDatabaseUrl('yaml');
    const run = await direct(url, ['init', '--file', join(FIXTURES, 'org.yaml'), '--json']);
    expectExit(run, 0);
    expect(JSON.parse(run.stdout)).toEqual({
      organization: 'northwind-care',
      segments: ['hospitals', 'practices', 'caregivers'],
      documents: ['terms-of-service', 'caregiver-pledge'],
      features: ['shift-summaries'],
      checkpointSequence: 1,
    });
    const pledge = await reading(url, ({ prisma }) =>
      prisma.document.findUniqueOrThrow({
        where: { slug: 'caregiver-pledge' },
        include: { segments: { include: { segment: true } } },
      }),
    );
    expect(pledge).toMatchObject({ kind: 'acceptable-use', noticePeriodDays: 14 });
    expect(pledge.segments.map((s) => s.segment.key)).toEqual(['caregivers']);
  });

  it('refuses a YAML file of the wrong shape, naming every bad field', async () => {
    const url = await emptyDatabaseUrl('badyaml');
    const run = await direct(url, ['init', '--file', join(FIXTURES, 'bad-org.yaml')]);
    expectExit(run, 1);
    expect(run.stderr).toContain('BAD_USER_INPUT');
    expect(run.stderr).toContain('organization.contactEmial: is not a field here');
    expect(run.stderr).toContain('segments[0].name: is required');
    expect(run.stderr).toContain('documents[0].segments: must be a list of segment keys');
    expect(run.stdout).toBe('');
  });

  it('refuses flags without a value pair or naming an undefined document (usage, exit 2)', async () => {
    const url = await emptyDatabaseUrl('badflags');
    const run = await direct(url, ['init', '--name', 'X', '--segment', 'everyone']);
    expectExit(run, 2);
    expect(run.stderr).toContain('--segment must be key=Name; got "everyone"');
    const other = await direct(url, ['init', '--name', 'X', '--segment', 'a=A', '--document-segments', 'terms=a']);
    expectExit(other, 2);
    expect(other.stderr).toContain('--document-segments names "terms", which no --document defines');
  });
});

describe('definitions through the API, and history import', SLOW, () => {
  let url: string;
  let database: Database;
  let server: RunningServer;
  let token: string;
  const api = (args: readonly string[], withToken = true): Promise<CliRun> =>
    runCli(args, { CANDOR_API_URL: server.url, ...(withToken ? { CANDOR_TOKEN: token } : {}) });

  beforeAll(async () => {
    url = await emptyDatabaseUrl('api');
    expectExit(await direct(url, ACME_FLAGS), 0);
    const bootstrap = await direct(url, ['admin', 'bootstrap', '--email', 'root@acme.example', '--name', 'Root']);
    expectExit(bootstrap, 0);
    token = bootstrap.stdout.trim();
    database = await openDatabase({ url });
    const yoga = createCandorYoga({
      database,
      env: TEST_ENV,
      clock: () => new Date(),
      logger: createLogger('silent'),
      signer: testSigner(),
    });
    server = await listen(yoga, { host: '127.0.0.1', port: 0, graceSeconds: 1, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('creates a segment, a document for one segment and an AI feature, and lists them', async () => {
    const segment = await api(['segment', 'create', '--key', 'researchers', '--name', 'Researchers']);
    expectExit(segment, 0);
    expect(segment.stdout.trim()).toBe('researchers');
    const document = await api([
      'document',
      'create',
      '--slug',
      'research-data-terms',
      '--title',
      'Research Data Terms',
      '--kind',
      'other',
      '--notice-days',
      '14',
      '--segments',
      'researchers',
    ]);
    expectExit(document, 0);
    expect(document.stdout.trim()).toBe('research-data-terms');
    expectExit(await api(['feature', 'create', '--slug', 'triage-hints', '--name', 'Triage hints']), 0);
    expectExit(await api(['segment', 'update', '--key', 'researchers', '--name', 'Research partners']), 0);
    expectExit(await api(['org', 'set', '--legal-name', 'Acme Health, Inc.']), 0);

    const segments = await api(['segment', 'list'], false);
    expectExit(segments, 0);
    expect(segments.stdout).toContain('researchers\tResearch partners\tlive');
    const documents = await api(['document', 'list'], false);
    expectExit(documents, 0);
    expect(documents.stdout).toContain('research-data-terms\tResearch Data Terms\tother\tresearchers\tlive');
    expect(documents.stdout).toContain('hipaa-addendum\tHIPAA Addendum\tdata-processing-addendum\tclinics\tlive');
    const features = await api(['feature', 'list'], false);
    expect(features.stdout).toContain('triage-hints\tTriage hints');
  });

  it('refuses a definition change without an admin token, and an update that changes nothing', async () => {
    const anonymous = await api(['segment', 'create', '--key', 'x', '--name', 'X'], false);
    expectExit(anonymous, 3);
    const unknownSegment = await api(['document', 'update', '--slug', 'terms-of-service', '--segments', 'nobody']);
    expectExit(unknownSegment, 1);
    expect(unknownSegment.stderr).toContain('"nobody" is not a segment in use');
    const nothing = await api(['segment', 'update', '--key', 'clinics']);
    expectExit(nothing, 2);
    expect(nothing.stderr).toContain('nothing to change');
  });

  describe('import git', () => {
    let repo: Repository;
    const commits: Record<string, string> = {};
    const terms1 = { Accounts: 'Keep your password secret.', Fees: 'Plans are billed monthly.' };
    const terms2 = { Accounts: 'Keep your password secret.', Fees: 'Plans are billed monthly, in advance.' };
    const terms3 = { ...terms2, Leaving: 'You may close your account at any time.' };
    const terms4 = { ...terms3, 'Governing law': 'The laws of Ireland govern these terms.' };
    const versionsOf = (slug: string) =>
      database.prisma.version.findMany({
        where: { document: { slug }, status: 'PUBLISHED' },
        orderBy: { publishedAt: 'asc' },
        select: { label: true, importSource: true, importedAt: true, publishedAt: true, changeNote: true },
      });
    const importTerms = (...extra: string[]) =>
      direct(url, [
        'import',
        'git',
        '--repo',
        repo.dir,
        '--file',
        'legal/terms-of-service.md',
        '--document',
        'terms-of-service',
        ...extra,
      ]);

    beforeAll(() => {
      repo = createRepository();
      repo.write('policies/terms.md', terms(terms1));
      commits.first = repo.commit('First published terms', '2024-01-10T10:00:00Z');
      repo.write('policies/terms.md', terms(terms2));
      commits.advance = repo.commit('Bill in advance', '2024-02-10T10:00:00Z');
      repo.write(
        'policies/terms.md',
        terms(terms2).replace('Keep your password secret.', 'Keep your   password\nsecret.'),
      );
      commits.rewrap = repo.commit('Rewrap a paragraph', '2024-03-10T10:00:00Z');
      mkdirSync(join(repo.dir, 'legal'));
      repo.git(['mv', 'policies/terms.md', 'legal/terms-of-service.md']);
      commits.rename = repo.commit('Move the terms to legal/', '2024-04-10T10:00:00Z');
      repo.write('legal/terms-of-service.md', terms(terms3));
      commits.leaving = repo.commit('Say how to leave', '2024-05-10T10:00:00Z');
      repo.write('legal/terms-of-service.md', terms(terms4));
      commits.law = repo.commit('Name the governing law', '2024-06-10T10:00:00Z');
      repo.write('notes.txt', 'not a policy\n');
      repo.write('plain.md', 'A policy with no headings at all.\n');
      repo.commit('Unrelated files', '2024-07-10T10:00:00Z');
    });

    it('documents every option in --help', async () => {
      const git = await runCli(['import', 'git', '--help']);
      expectExit(git, 0);
      for (const flag of ['--repo DIR', '--file PATH', '--document SLUG', '--ref REF', '--first-parent', '--dry-run'])
        expect(git.stdout).toContain(flag);
      const ota = await runCli(['import', 'ota', '--help']);
      expectExit(ota, 0);
      for (const flag of ['--dir DIR', '--document SLUG', '--map "T=SLUG"', '--dry-run'])
        expect(ota.stdout).toContain(flag);
    });

    it('a dry run prints the versions it would create and writes nothing', async () => {
      const before = await footprint(url);
      const run = await importTerms('--dry-run');
      expectExit(run, 0);
      expect(run.stdout.trim().split('\n')).toEqual([
        `2024-01-10\t2024-01-10T10:00:00.000Z\tcommit ${commits.first?.slice(0, 7)} "First published terms"`,
        `2024-02-10\t2024-02-10T10:00:00.000Z\tcommit ${commits.advance?.slice(0, 7)} "Bill in advance"`,
        `2024-05-10\t2024-05-10T10:00:00.000Z\tcommit ${commits.leaving?.slice(0, 7)} "Say how to leave"`,
        `2024-06-10\t2024-06-10T10:00:00.000Z\tcommit ${commits.law?.slice(0, 7)} "Name the governing law"`,
        'terms-of-service: would create 4, already imported 0, unchanged (whitespace only) 2',
      ]);
      expect(run.stderr).toContain('nothing was written');
      expect(await footprint(url)).toEqual(before);
    });

    it('makes one version per commit that changed the text, following the rename, and checkpoints it', async () => {
      const before = await footprint(url);
      const run = await importTerms();
      expectExit(run, 0);
      expect(run.stdout).toBe('terms-of-service: created 4, already imported 0, unchanged (whitespace only) 2\n');
      expect(run.stderr).toMatch(/version 4\/4/);
      const versions = await versionsOf('terms-of-service');
      expect(versions.map((v) => [v.label, v.importSource, v.publishedAt?.toISOString(), v.changeNote])).toEqual([
        ['2024-01-10', `git:${commits.first}:policies/terms.md`, '2024-01-10T10:00:00.000Z', 'First published terms'],
        ['2024-02-10', `git:${commits.advance}:policies/terms.md`, '2024-02-10T10:00:00.000Z', 'Bill in advance'],
        [
          '2024-05-10',
          `git:${commits.leaving}:legal/terms-of-service.md`,
          '2024-05-10T10:00:00.000Z',
          'Say how to leave',
        ],
        [
          '2024-06-10',
          `git:${commits.law}:legal/terms-of-service.md`,
          '2024-06-10T10:00:00.000Z',
          'Name the governing law',
        ],
      ]);
      expect(versions.every((v) => v.importedAt !== null)).toBe(true);
      expect(await footprint(url)).toEqual({
        ...before,
        versions: before.versions + 4,
        checkpoints: before.checkpoints + 1,
      });

      const verify = await api(['verify'], false);
      expectExit(verify, 0);
    });

    it('is idempotent: re-running it adds nothing', async () => {
      const before = await footprint(url);
      const run = await importTerms();
      expectExit(run, 0);
      expect(run.stdout).toBe('terms-of-service: created 0, already imported 4, unchanged (whitespace only) 2\n');
      expect(await footprint(url)).toEqual(before);
    });

    it('refuses bad sources with a clear message (exit 1) and writes nothing', async () => {
      const before = await footprint(url);
      const notRepository = mkdtempSync(join(kit.work, 'plain-'));
      const cases: [string[], RegExp][] = [
        [['--repo', notRepository, '--file', 'terms.md', '--document', 'terms-of-service'], /is not a git repository/],
        [['--repo', repo.dir, '--file', 'never.md', '--document', 'terms-of-service'], /never\.md was never committed/],
        [
          ['--repo', repo.dir, '--file', 'plain.md', '--document', 'hipaa-addendum'],
          /plain\.md at commit [0-9a-f]{7}: no Markdown headings/,
        ],
        [
          ['--repo', repo.dir, '--file', 'legal/terms-of-service.md', '--document', 'no-such-document'],
          /NOT_FOUND: No document "no-such-document"/,
        ],
      ];
      for (const [args, message] of cases) {
        const run = await direct(url, ['import', 'git', ...args]);
        expectExit(run, 1);
        expect(run.stderr).toMatch(message);
        expect(run.stdout).toBe('');
      }
      expect(await footprint(url)).toEqual(before);
    });

    it("refuses a history dated before the document's newest version, naming both, and writes nothing", async () => {
      const old = createRepository();
      old.write('terms.md', terms({ Accounts: 'An older text.' }));
      old.commit('An older history', '2020-01-01T00:00:00Z');
      const before = await footprint(url);
      const run = await direct(url, [
        'import',
        'git',
        '--repo',
        old.dir,
        '--file',
        'terms.md',
        '--document',
        'terms-of-service',
      ]);
      expectExit(run, 1);
      expect(run.stderr).toContain('a date order that makes no sense');
      expect(run.stderr).toContain("the document's newest version 2024-06-10");
      expect(await footprint(url)).toEqual(before);
    });
  });

  describe('import ota', () => {
    const dir = join(FIXTURES, 'ota');

    it('names a folder that matches no document, and imports nothing', async () => {
      const unmatched = mkdtempSync(join(kit.work, 'ota-'));
      mkdirSync(join(unmatched, 'Acme', 'Cookie Policy'), { recursive: true });
      writeFileSync(join(unmatched, 'Acme', 'Cookie Policy', '2025-01-01.md'), '## Cookies\n\nWe use few.\n');
      const before = await footprint(url);
      const run = await direct(url, ['import', 'ota', '--dir', unmatched]);
      expectExit(run, 1);
      expect(run.stderr).toContain('folder "Acme/Cookie Policy": matches no document');
      expect(run.stderr).toContain('--map "Cookie Policy=<document slug>"');
      expect(await footprint(url)).toEqual(before);
    });

    it('imports dated snapshots into the document --map names, then adds nothing on a re-run', async () => {
      const run = await direct(url, ['import', 'ota', '--dir', dir, '--map', 'HIPAA Addendum=hipaa-addendum']);
      expectExit(run, 0);
      expect(run.stdout).toBe('hipaa-addendum: created 2, already imported 0, unchanged (whitespace only) 0\n');
      const versions = await database.prisma.version.findMany({
        where: { document: { slug: 'hipaa-addendum' } },
        orderBy: { publishedAt: 'asc' },
        select: { label: true, importSource: true, clauses: { select: { key: true }, orderBy: { position: 'asc' } } },
      });
      expect(versions.map((v) => [v.label, v.importSource])).toEqual([
        ['2025-01-15', 'ota:Acme Health/HIPAA Addendum/2025-01-15T09-00-00Z.md'],
        ['2025-03-01', 'ota:Acme Health/HIPAA Addendum/2025-03-01T09-00-00Z.md'],
      ]);
      expect(versions[1]?.clauses.map((c) => c.key)).toEqual(['scope', 'safeguards', 'breach-notice']);

      // Without --map, the folder title matches the document's title.
      const again = await direct(url, ['import', 'ota', '--dir', dir]);
      expectExit(again, 0);
      expect(again.stdout).toBe('hipaa-addendum: created 0, already imported 2, unchanged (whitespace only) 0\n');
      expectExit(await api(['verify'], false), 0);
    });
  });
});
