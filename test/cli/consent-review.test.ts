/**
 * Consent statistics through two-person review with the CLI as a child process against a real
 * HTTP server: `stats import` → the submitter's own approval refused (TWO_PERSON_RULE) →
 * another publisher approves → `stats publish` → public; `stats correct` (reason required; the
 * replaced figure stays on the record); an implausible file refused with the line and column of
 * each problem; `stats reject`. The API's clock is fixed at TEST_NOW (2026-06), so 2026-01 is in
 * the past and 2027-01 in the future whatever the real date.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, enrolEditor, setUpEditors } from '../helpers/editors.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
/** Every test spawns several CLI processes (tsx, a second or more each on a busy machine). */
const SLOW = { timeout: 180_000 };
const HEADER =
  'feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft';
/** After the sample's statistics (2023-09..2025-08), before TEST_NOW. */
const MONTH = '2026-01';
/** A month the sample published, to correct. */
const SAMPLE_MONTH = '2025-08';

/** tokens.publisher submits; `reviewer` is the other publisher. */
let tokens: EditorTokens;
let reviewer: string;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'candor-consent-review-'));
  tokens = await setUpEditors(api.current);
  const root = await api.current.database.prisma.editor.findFirstOrThrow({ where: { email: 'root@example.com' } });
  reviewer = await enrolEditor(api.current.database.prisma, {
    email: 'reviewer@example.com',
    name: 'Second Publisher',
    role: 'PUBLISHER',
    invitedBy: root.id,
  });
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const cli = (args: readonly string[], token: string | null): Promise<CliRun> =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...(token === null ? {} : { CANDOR_TOKEN: token }) });

function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

let files = 0;
/** A CSV file of the header and `rows`; returns its path. */
const csv = (...rows: string[]): string => {
  files += 1;
  const path = join(work, `stats-${files}.csv`);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
};

/** `<id>\t<status>` on stdout: the id. */
function idOf(run: CliRun, status: string): string {
  const [id, actual] = run.stdout.trim().split('\t');
  expect(actual, describeRun(run)).toBe(status);
  return id as string;
}

/** The lines `stats list` prints, split into cells. */
async function listed(status: string | null): Promise<string[][]> {
  const run = await cli(['stats', 'list', ...(status === null ? [] : ['--status', status])], tokens.editor);
  expectExit(run, 0);
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

interface PublicRow {
  feature: string;
  segment: string;
  accountsEligible: { value: number | null };
  corrected: boolean;
  corrections: { reason: string; contentHash: string; previous: { accountsEligible: { value: number | null } } }[];
}

/** What the public reads for one month of meeting-summary. */
const publicRows = async (month: string) =>
  (
    await api.current.execute<{ consentStatistics: { rows: PublicRow[] } }>(
      `{ consentStatistics(feature: "meeting-summary", from: "${month}", to: "${month}") {
        rows { feature segment accountsEligible { value } corrected
          corrections { reason contentHash previous { accountsEligible { value } } } }
      } }`,
    )
  ).consentStatistics.rows;

const latestReleaseHash = async () =>
  (
    await api.current.execute<{ consentReleases: { contentHash: string }[] }>('{ consentReleases { contentHash } }')
  ).consentReleases.at(-1)?.contentHash;

describe('new figures: submitted, approved by another publisher, published', () => {
  let id: string;

  it('is submitted for review, and nothing is public yet', SLOW, async () => {
    const run = await cli(
      [
        'stats',
        'import',
        '--file',
        csv(
          `meeting-summary,consumer,${MONTH},1200,300,500,400,9100,310`,
          `meeting-summary,business,${MONTH},800,200,300,300,,`,
        ),
      ],
      tokens.publisher,
    );
    expectExit(run, 0);
    id = idOf(run, 'IN_REVIEW');
    expect(run.stderr).toContain('2 rows of new figures in review');
    expect(run.stderr).toContain(
      `a publisher other than you approves: candor stats approve ${id}; then candor stats publish ${id}`,
    );
    expect(await publicRows(MONTH)).toEqual([]);
  });

  it("refuses the submitter's own approval, and an editor's", SLOW, async () => {
    const own = await cli(['stats', 'approve', id], tokens.publisher);
    expectExit(own, 1);
    expect(own.stderr).toContain('TWO_PERSON_RULE');
    const byEditor = await cli(['stats', 'approve', '--id', id], tokens.editor);
    expectExit(byEditor, 1);
    expect(byEditor.stderr).toContain('FORBIDDEN');
  });

  it('is listed while it waits, with who submitted it', SLOW, async () => {
    const line = (await listed(null)).find((cells) => cells[0] === id);
    expect(line?.slice(1, 4)).toEqual(['RELEASE', 'IN_REVIEW', '2']);
    expect(line?.[4]).toMatch(/^publisher-.*@example\.com$/);
  });

  it('is shown to the reviewer with its CSV exactly as submitted', SLOW, async () => {
    const run = await cli(['stats', 'show', id], reviewer);
    expectExit(run, 0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`${id}\tRELEASE\tIN_REVIEW\t2 rows`);
    expect(lines).toContain(`meeting-summary,business,${MONTH},800,200,300,300,,`);
    const missing = await cli(['stats', 'show', 'no-such-id'], reviewer);
    expectExit(missing, 1);
    expect(missing.stderr).toContain('NOT_FOUND');
  });

  it('is approved by another publisher and published with its hash and checkpoint', SLOW, async () => {
    const approved = await cli(['stats', 'approve', id], reviewer);
    expectExit(approved, 0);
    expect(idOf(approved, 'APPROVED')).toBe(id);
    expect(await publicRows(MONTH)).toEqual([]);

    const published = await cli(['stats', 'publish', id], reviewer);
    expectExit(published, 0);
    const [status, hash, checkpoint] = published.stdout.trim().split('\n');
    expect(status).toBe(`${id}\tPUBLISHED`);
    expect(hash).toBe(`contentHash: ${await latestReleaseHash()}`);
    const { integrity } = await api.current.execute<{ integrity: { latestCheckpoint: { sequence: number } } }>(
      '{ integrity { latestCheckpoint { sequence } } }',
    );
    expect(checkpoint).toBe(`checkpoint: ${integrity.latestCheckpoint.sequence}`);
    const rows = (await publicRows(MONTH)).map((row) => [row.segment, row.accountsEligible.value]);
    expect(rows.sort()).toEqual([
      ['business', 800],
      ['consumer', 1200],
    ]);
  });

  it('is listed as published, and no longer as waiting', SLOW, async () => {
    const line = (await listed('PUBLISHED')).find((cells) => cells[0] === id);
    expect(line?.slice(1, 4)).toEqual(['RELEASE', 'PUBLISHED', '2']);
    expect((await listed(null)).some((cells) => cells[0] === id)).toBe(false);
    const json = await cli(['stats', 'list', '--status', 'published', '--json'], tokens.editor);
    expectExit(json, 0);
    const submissions = JSON.parse(json.stdout) as { id: string; releaseHash: string | null }[];
    expect(submissions.find((s) => s.id === id)?.releaseHash).toBe(await latestReleaseHash());
  });

  it('refuses the same figures again: they are published', SLOW, async () => {
    const again = await cli(
      ['stats', 'import', '--file', csv(`meeting-summary,consumer,${MONTH},1200,300,500,400,9100,310`)],
      tokens.editor,
    );
    expectExit(again, 1);
    expect(again.stderr).toContain('line 2');
    expect(again.stderr).toContain('is already published; publish a correction');
  });
});

describe('a correction of a published figure', () => {
  const reason = 'The August figure counted internal test accounts.';
  const row = `meeting-summary,consumer,${SAMPLE_MONTH},5000,1500,2000,1500,30000,900`;
  let before: number | null;
  let id: string;

  it('needs a reason', SLOW, async () => {
    const run = await cli(['stats', 'correct', '--file', csv(row)], tokens.publisher);
    expectExit(run, 2);
    expect(run.stderr).toContain('--reason is required');
    expect((await listed(null)).some((cells) => cells[1] === 'CORRECTION')).toBe(false);
  });

  it('is submitted with its reason, approved and published; the old figure stays on the record', SLOW, async () => {
    before = (await publicRows(SAMPLE_MONTH)).find((r) => r.segment === 'consumer')?.accountsEligible.value ?? null;
    expect(before).not.toBe(5000);

    const submitted = await cli(['stats', 'correct', '--file', csv(row), '--reason', reason], tokens.publisher);
    expectExit(submitted, 0);
    id = idOf(submitted, 'IN_REVIEW');
    expect(submitted.stderr).toContain('1 row of corrections in review');
    const waiting = (await listed('IN_REVIEW')).find((cells) => cells[0] === id);
    expect(waiting?.slice(1, 4)).toEqual(['CORRECTION', 'IN_REVIEW', '1']);
    expect(waiting?.[6]).toBe(reason);

    expectExit(await cli(['stats', 'approve', id], reviewer), 0);
    const published = await cli(['stats', 'publish', id], tokens.publisher);
    expectExit(published, 0);
    expect(published.stdout).toContain(`contentHash: ${await latestReleaseHash()}`);

    const consumer = (await publicRows(SAMPLE_MONTH)).find((r) => r.segment === 'consumer');
    expect(consumer?.accountsEligible.value).toBe(5000);
    expect(consumer?.corrected).toBe(true);
    expect(consumer?.corrections.map((c) => [c.reason, c.previous.accountsEligible.value])).toEqual([[reason, before]]);
  });
});

describe('an implausible file', () => {
  it('is refused whole, naming the line and column of each problem', SLOW, async () => {
    const run = await cli(
      [
        'stats',
        'import',
        '--file',
        csv(
          'meeting-summary,consumer,2027-01,1200,300,500,400,9100,310',
          'meeting-summary,education,2026-02,40,0,12,28,12,40',
          'meeting-summary,enterprise,2026-02,40,0,12,28,20,10',
        ),
      ],
      tokens.editor,
    );
    expectExit(run, 1);
    expect(run.stderr).toContain('BAD_USER_INPUT');
    expect(run.stderr).toContain('2 problems:');
    expect(run.stderr).toMatch(/- line 2, column 3 \(period\): 2027-01 is in the future/);
    expect(run.stderr).toMatch(
      /- line 3, column 9 \(participantsLeft\): participantsLeft \(40\) is more than participantsJoined \(12\)/,
    );
    expect(run.stderr).not.toMatch(/line 4/);
    expect(await listed(null)).toEqual([]);
  });
});

describe('rejected statistics', () => {
  const row = 'team-chat-compose,consumer,2026-02,40,0,12,28,,';
  let id: string;

  it('are closed for good with the reason, and the figures can be submitted again', SLOW, async () => {
    const submitted = await cli(['stats', 'import', '--file', csv(row)], tokens.editor);
    expectExit(submitted, 0);
    id = idOf(submitted, 'IN_REVIEW');

    const bare = await cli(['stats', 'reject', id], tokens.publisher);
    expectExit(bare, 2);
    expect(bare.stderr).toContain('--reason is required');

    const rejected = await cli(['stats', 'reject', id, '--reason', 'February is not closed yet.'], tokens.publisher);
    expectExit(rejected, 0);
    expect(idOf(rejected, 'REJECTED')).toBe(id);
    expect(rejected.stderr).toContain('closed for good');

    const publish = await cli(['stats', 'publish', id], reviewer);
    expectExit(publish, 1);
    expect(publish.stderr).toContain('INVALID_STATE');

    expect((await listed(null)).some((cells) => cells[0] === id)).toBe(false);
    const line = (await listed('REJECTED')).find((cells) => cells[0] === id);
    expect(line?.[2]).toBe('REJECTED');
    expect(line?.[6]).toMatch(/^rejected by publisher-.*@example\.com: February is not closed yet\.$/);

    const again = await cli(['stats', 'import', '--file', csv(row)], tokens.editor);
    expectExit(again, 0);
    expect(idOf(again, 'IN_REVIEW')).not.toBe(id);
  });
});
