/**
 * `candor export` and `candor verify --export` over every kind of public record (issues 12 and
 * 13), as child processes against a real HTTP server with the production rate limits: the export
 * holds versions (imported ones among them), withdrawals, AI-feature revisions, consent releases
 * and changes to the organisation's definitions; an untouched export verifies; editing one byte
 * of, deleting, or adding a file of any kind fails naming that file.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '@candor/api';
import { importVersions } from '@candor/schema';
import type { ExportManifest, ExportRecordEntry } from '@candor/schema/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_HEADER, releaseStatistics } from '../helpers/consent.js';
import { asToken, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { testSigner, useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

/** The anonymous budget the export must live within: production's, not the tests' (off). */
const production = loadEnv({});
const api = useTestApi({
  env: {
    CANDOR_RATE_LIMIT_POINTS: production.CANDOR_RATE_LIMIT_POINTS,
    CANDOR_RATE_LIMIT_TOKEN_POINTS: production.CANDOR_RATE_LIMIT_TOKEN_POINTS,
    CANDOR_RATE_LIMIT_WINDOW_SECONDS: production.CANDOR_RATE_LIMIT_WINDOW_SECONDS,
  },
});
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });

/**
 * Points the export may spend of the anonymous hourly budget (1,000 by default). Before the
 * checkpoint sized its pages it spent 474 on the sample's two documents alone.
 */
const EXPORT_POINTS = 150;

let work: string;
let exportDir: string;
let manifest: ExportManifest;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'candor-export-'));
  // A second consent release and a correction of it, published through review (the sample seeds the first).
  const tokens = await setUpEditors(api.current);
  const { admin } = tokens;
  const csv = (...rows: string[]) => [CONSENT_HEADER, ...rows].join('\n');
  const released = await releaseStatistics(
    api.current,
    tokens,
    csv('meeting-summary,consumer,2026-01,1200,4,796,400,9100,310', 'team-chat-compose,business,2026-01,40,0,12,28,,'),
  );
  expect(released.error, JSON.stringify(released.error)).toBeNull();
  api.current.setNow(new Date(TEST_NOW.getTime() + 3_600_000));
  const corrected = await releaseStatistics(
    api.current,
    tokens,
    csv('meeting-summary,consumer,2026-01,1200,14,786,400,9100,310'),
    'January’s enabled count left out accounts migrated late.',
  ).finally(() => api.current.setNow(TEST_NOW));
  expect(corrected.error, JSON.stringify(corrected.error)).toBeNull();

  // A document of the organisation's own (a definition change) with two versions imported from a git history.
  const created = await asToken<{ createDocument: { error: unknown } }>(
    api.current,
    admin,
    'mutation { createDocument(slug: "house-rules", title: "House Rules", segments: ["consumer"]) { error { code message } } }',
  );
  expect(created.body.data?.createDocument, JSON.stringify(created.body)).toEqual({ error: null });
  const clauses = (text: string) => [{ key: 'scope', number: '1', heading: 'Scope', body: text }];
  const plan = await api.current.database.prisma.$transaction((tx) =>
    importVersions(tx, {
      document: 'house-rules',
      now: TEST_NOW,
      signer: testSigner(),
      records: [
        {
          reference: 'git:1111111:rules.md',
          description: '',
          date: new Date('2020-01-01T00:00:00Z'),
          clauses: clauses('Be kind.'),
          changeNote: 'First.',
        },
        {
          reference: 'git:2222222:rules.md',
          description: '',
          date: new Date('2021-01-01T00:00:00Z'),
          clauses: clauses('Be kind and brief.'),
          changeNote: 'Brief.',
        },
      ],
    }),
  );
  expect(plan.create).toHaveLength(2);
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const expectExit = (run: CliRun, code: number): void => {
  expect(run.code, describeRun(run)).toBe(code);
};

const chainsOf = (kind: string) => manifest.chains.filter((c) => c.kind === kind);
const recordsOf = (kind: string) => chainsOf(kind).flatMap((c): ExportRecordEntry[] => c.records);

describe('export', () => {
  it('writes every kind of public record within the anonymous rate-limit budget', { timeout: 60_000 }, async () => {
    exportDir = join(work, 'export');
    const run = await runCli(['export', '--out', exportDir], { CANDOR_API_URL: server.current.url });
    expectExit(run, 0);
    expect(run.stderr).toMatch(/^terms-of-service: \d+ versions$/m);
    expect(run.stderr).toMatch(/^meeting-summary: \d+ revisions$/m);
    expect(run.stderr).toMatch(/^consent statistics: 3 releases$/m);
    expect(run.stdout).toMatch(
      /^exported \d+ versions of \d+ documents, \d+ AI-feature revisions, \d+ withdrawals?, 3 consent releases and \d+ definition changes to /m,
    );

    // Everything the export asked, charged to this client's anonymous budget (a probe costs one more).
    const probe = await fetch(`${server.current.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const limit = Number(probe.headers.get('ratelimit-limit'));
    const remaining = Number(probe.headers.get('ratelimit-remaining'));
    expect(limit).toBe(production.CANDOR_RATE_LIMIT_POINTS);
    expect(limit - remaining - 1).toBeLessThanOrEqual(EXPORT_POINTS);

    manifest = JSON.parse(readFileSync(join(exportDir, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(manifest.format).toBe('candor-export/3');
    expect(chainsOf('document').length).toBeGreaterThanOrEqual(2);
    expect(chainsOf('feature').length).toBeGreaterThanOrEqual(2);
    expect(recordsOf('withdrawals').length).toBeGreaterThanOrEqual(1);
    expect(recordsOf('consent-releases')).toHaveLength(3);
    expect(recordsOf('definitions').length).toBeGreaterThanOrEqual(2);
    for (const chain of manifest.chains) {
      chain.records.forEach((record, i) => {
        expect(existsSync(join(exportDir, record.path)), record.path).toBe(true);
        expect(record.previousHash).toBe(i === 0 ? null : chain.records[i - 1]?.contentHash);
      });
    }
    // The checkpoint in the manifest counts exactly these records.
    const signed = JSON.parse(manifest.checkpoint?.payload ?? '{}') as { chains: { chain: string; count: number }[] };
    for (const chain of manifest.chains) {
      expect(signed.chains.find((c) => c.chain === chain.chain)?.count ?? 0, chain.chain).toBe(chain.records.length);
    }

    const [revision] = recordsOf('feature');
    expect(revision?.path).toMatch(/^Northwind Meetings \(sample\)\/AI features\/[^/]+\/[0-9T-]+Z\.yaml$/);
    expect(readFileSync(join(exportDir, revision?.path ?? ''), 'utf8')).toMatch(/^format: "candor-revision\/1"$/m);
    const withdrawal = recordsOf('withdrawals')[0] as { path: string; subject: string; record: string };
    expect(withdrawal.path).toMatch(/\.withdrawal\.yaml$/);
    const withdrawn = manifest.chains
      .flatMap((c): ExportRecordEntry[] => c.records)
      .find((r) => 'withdrawnBy' in r && r.withdrawnBy === withdrawal.path);
    expect(withdrawal.path).toBe(withdrawn?.path.replace(/\.(md|yaml)$/, '.withdrawal.yaml'));
    const release = recordsOf('consent-releases')[1] as { path: string; rowCount: number };
    expect(release.path).toMatch(/^Northwind Meetings \(sample\)\/Consent statistics\/[0-9T-]+Z\.csv$/);
    const csv = readFileSync(join(exportDir, release.path), 'utf8').split('\n');
    expect(csv[0]).toBe(
      'feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft',
    );
    // Released at the minimum cell size: 4 owners enabled is hidden; an unknown count is empty.
    expect(csv.some((line) => line.startsWith('meeting-summary,consumer,2026-01,1200,suppressed,'))).toBe(true);
    expect(csv.some((line) => /^team-chat-compose,business,2026-01,.*,,$/.test(line))).toBe(true);
    expect(release.rowCount).toBe(2);
    // The correction: its reason in the manifest (an input of its hash), its figure in its file.
    const correction = recordsOf('consent-releases')[2] as { path: string; rowCount: number; reason?: string };
    expect(correction).toMatchObject({
      rowCount: 1,
      reason: 'January’s enabled count left out accounts migrated late.',
    });
    expect(readFileSync(join(exportDir, correction.path), 'utf8')).toContain(
      'meeting-summary,consumer,2026-01,1200,14,786,',
    );

    const rules = manifest.chains.find((c) => c.chain === 'document/house-rules');
    expect(rules?.records.map((r) => r.path)).toEqual([
      'Northwind Meetings (sample)/House Rules/2020-01-01T00-00-00Z.md',
      'Northwind Meetings (sample)/House Rules/2021-01-01T00-00-00Z.md',
    ]);
    expect(readFileSync(join(exportDir, rules?.records[1]?.path ?? ''), 'utf8')).toMatch(
      /^source: git:2222222:rules\.md\nimportedAt: 2026-06-01T12:00:00\.000Z$/m,
    );
    const definition = recordsOf('definitions').find(
      (r) => 'key' in r && r.key === 'house-rules' && r.action === 'created',
    );
    expect(definition?.path).toMatch(
      /^Northwind Meetings \(sample\)\/Definitions\/[0-9T-]+Z document house-rules\.yaml$/,
    );
    expect(readFileSync(join(exportDir, definition?.path ?? ''), 'utf8')).toMatch(/^format: "candor-definition\/1"$/m);
  });

  it('verifies untouched, offline (exit 0)', async () => {
    const run = await runCli(['verify', '--export', exportDir]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(
      /^records checked: \d+ versions, \d+ AI-feature revisions, \d+ withdrawals?, 3 consent releases, \d+ definition changes$/m,
    );
    expect(run.stdout).toMatch(/^signature: valid/m);
    expect(run.stdout).toMatch(/^result: OK$/m);
  });
});

/** One record file of each kind, by the manifest. */
const KINDS: [string, () => string][] = [
  ['version', () => recordsOf('document')[0]?.path as string],
  ['AI-feature revision', () => recordsOf('feature')[0]?.path as string],
  ['withdrawal', () => recordsOf('withdrawals')[0]?.path as string],
  ['consent release', () => recordsOf('consent-releases')[0]?.path as string],
  ['definition change', () => recordsOf('definitions')[1]?.path as string],
  [
    'imported version',
    () => manifest.chains.find((c) => c.chain === 'document/house-rules')?.records[0]?.path as string,
  ],
];

let copies = 0;
/** A fresh copy of the export to tamper with. */
function copyOfExport(): string {
  const dir = join(work, `copy-${++copies}`);
  cpSync(exportDir, dir, { recursive: true });
  return dir;
}

/**
 * Each tampering is tried on one file of each kind, each in its own copy of the export, all
 * verified side by side: every run must fail and name its file.
 */
async function eachKindFails(tamper: (dir: string, path: string) => string, code: RegExp): Promise<void> {
  await Promise.all(
    KINDS.map(async ([kind, pathOf]) => {
      const dir = copyOfExport();
      const path = tamper(dir, pathOf());
      const run = await runCli(['verify', '--export', dir]);
      expect(run.code, `${kind}: ${describeRun(run)}`).toBe(1);
      const line = run.stdout.split('\n').find((l) => l.startsWith('problem ') && l.includes(`(${path})`));
      expect(line, `${kind}: ${describeRun(run)}`).toMatch(code);
      expect(run.stdout).toMatch(/^result: FAILED/m);
    }),
  );
}

describe('a file of each kind (version, AI-feature revision, withdrawal, consent release, definition change, imported version)', () => {
  it('edited by one byte fails verification, naming it', { timeout: 90_000 }, async () => {
    await eachKindFails((dir, path) => {
      const file = join(dir, path);
      const text = readFileSync(file, 'utf8');
      // One byte in the middle of the file, whatever it holds there.
      const at = Math.floor(text.length / 2);
      writeFileSync(file, `${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`);
      return path;
    }, /^problem (HASH_MISMATCH|NOT_CANONICAL|INVALID_FILE|METADATA_MISMATCH) /);
  });

  it('deleted fails verification (MISSING_FILE), naming it', { timeout: 90_000 }, async () => {
    await eachKindFails((dir, path) => {
      unlinkSync(join(dir, path));
      return path;
    }, /^problem MISSING_FILE /);
  });

  it('added fails verification (UNLISTED_FILE), naming it', { timeout: 90_000 }, async () => {
    await eachKindFails((dir, path) => {
      const added = path.replace(/(\d{4})-(\d{2})/, '1999-$2');
      writeFileSync(join(dir, added), readFileSync(join(dir, path), 'utf8'));
      return added;
    }, /^problem UNLISTED_FILE /);
  });
});
