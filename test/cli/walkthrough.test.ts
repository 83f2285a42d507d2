/**
 * The editor CLI end to end, as a child process against a real HTTP server over a private
 * copy of the seeded database: bootstrap → invitations and enrolment → draft → review → approval →
 * publication → verification → export → offline verification and tampering, plus consent
 * statistics and an AI-feature revision. The API's clock is fixed at TEST_NOW, so every date
 * here is relative to it.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExportDocumentChain, type ExportManifest, renderVersionMarkdown } from '@candor/schema/domain';
import { SAMPLE_SEGMENT_KEYS } from '@candor/schema/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli, toYaml } from './cli-process.js';

const api = useTestApi();
const DAY = 86_400_000;
const TOKEN_PATTERN = /^cnd_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/;
const TERMS = 'terms-of-service';
const LABEL = '2026-07';
// After the sample's scheduled "next", which does not contain this draft's text: publishing before it
// would be refused (CONFLICTS_WITH_SCHEDULED).
const EFFECTIVE_AT = new Date(TEST_NOW.getTime() + 60 * DAY);

const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
let work: string;
const tokens = { admin: '', editor: '', publisher: '' };
const state = { draftId: '', checkpointSequence: 0, exportDir: '', checkpointFile: '' };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'candor-cli-'));
});

afterAll(async () => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI against the test server with `token` (none when null). */
const cli = (args: readonly string[], token: string | null, env: Record<string, string> = {}): Promise<CliRun> =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...(token === null ? {} : { CANDOR_TOKEN: token }), ...env });

function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

/** The terms' chain in an export's manifest. */
function termsChain(manifest: ExportManifest): ExportDocumentChain {
  const terms = manifest.chains.find((c): c is ExportDocumentChain => c.chain === `document/${TERMS}`);
  if (terms === undefined) throw new Error('no terms in the manifest');
  return terms;
}

/** The single line a command printed on stdout, split at tabs. */
const fields = (run: CliRun): string[] => run.stdout.trim().split('\t');

const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

describe('admin bootstrap (database-direct)', () => {
  it('prints the first admin token once on stdout and warns on stderr to store it', async () => {
    const run = await runCli(['admin', 'bootstrap', '--email', 'root@example.com', '--name', 'Root Admin'], {
      DATABASE_URL: api.current.database.url,
    });
    expectExit(run, 0);
    const token = run.stdout.trim();
    expect(token).toMatch(TOKEN_PATTERN);
    expect(run.stderr).toMatch(/store it now/i);
    expect(run.stderr).not.toContain(token);
    tokens.admin = token;
  });

  it('refuses once a token exists', async () => {
    const run = await runCli(['admin', 'bootstrap', '--email', 'other@example.com', '--name', 'Other'], {
      DATABASE_URL: api.current.database.url,
    });
    expectExit(run, 1);
    expect(run.stderr).toContain('CONFLICT');
    expect(run.stderr).toMatch(/tokens already exist/i);
    expect(run.stdout).toBe('');
  });
});

describe('editors enrol with invitations', () => {
  it('invites an editor and a publisher, who each enrol with their code and get a token printed once', {
    timeout: 120_000,
  }, async () => {
    for (const [who, role] of [
      ['editor', 'editor'],
      ['publisher', 'publisher'],
    ] as const) {
      const email = `${who}@example.com`;
      const invited = await cli(
        ['invite', 'create', '--email', email, '--name', `Test ${who}`, '--role', role],
        tokens.admin,
      );
      expectExit(invited, 0);
      const code = invited.stdout.trim();
      expect(code).toMatch(/^cni_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
      expect(invited.stderr).toMatch(/shown only this once/);

      // The invitee needs no token: the code, read from a file, is the credential.
      const enrolled = await cli(['enrol', '--code-file', file(`${who}.code`, `${code}\n`)], null);
      expectExit(enrolled, 0);
      expect(enrolled.stdout.trim()).toMatch(TOKEN_PATTERN);
      expect(enrolled.stderr).toContain(`enrolled as ${role} (${email})`);
      tokens[who] = enrolled.stdout.trim();
    }
    const viewer = await cli(['draft', 'list'], tokens.publisher);
    expectExit(viewer, 0);
  });

  it('refuses an editor who is not an admin (exit 1, FORBIDDEN)', async () => {
    const run = await cli(
      ['invite', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'admin'],
      tokens.editor,
    );
    expectExit(run, 1);
    expect(run.stderr).toContain('FORBIDDEN');
  });
});

/** The Markdown of the new terms version: the current clauses, 10.4 changed, one clause added. */
async function newTermsMarkdown(changeNote: string): Promise<string> {
  const data = await api.current.execute<{
    document: { current: { clauses: { key: string; number: string; heading: string; body: string }[] } };
  }>(`{ document(slug: "${TERMS}") { current { clauses { key number heading body } } } }`);
  const clauses = data.document.current.clauses.map(({ key, number, heading, body }) => ({
    key,
    number,
    heading,
    body,
  }));
  const licence = clauses.find((c) => c.key === '10.4');
  if (licence === undefined) throw new Error('the current terms have no clause 10.4');
  licence.body = `${licence.body}\n\nNorthwind will ask the account owner before any Customer Content is used to evaluate a new AI Feature.`;
  expect(clauses.some((c) => c.key === 'cli-1' || c.number === '99')).toBe(false);
  clauses.push({
    key: 'cli-1',
    number: '99',
    heading: 'Notice of Changes',
    body: 'Northwind announces every material change to these Terms at least 30 days before it takes effect.',
  });
  return renderVersionMarkdown({
    document: TERMS,
    label: LABEL,
    material: true,
    changeNote,
    explanations: SAMPLE_SEGMENT_KEYS.map((segment) => ({
      segment,
      summary: `Nothing new is done with your content without asking first (${segment}).`,
      whatChanges:
        'Section 10.4 adds a sentence on evaluating new AI features; new Section 99 promises 30 days of notice.',
      affected: segment !== 'healthcare',
    })),
    clauses,
  });
}

describe('a terms version from draft to publication', () => {
  it('creates a draft from Markdown and prints its id and label', async () => {
    const path = file('terms.md', await newTermsMarkdown('First draft.'));
    const run = await cli(['draft', 'create', '--file', path], tokens.editor);
    expectExit(run, 0);
    const [id, label] = fields(run);
    expect(label).toBe(LABEL);
    state.draftId = id as string;
  });

  it('reports every problem of an invalid file with its line (exit 1)', async () => {
    const path = file(
      'broken.md',
      '---\ndocument: terms-of-service\nlabel: x\n---\n\nstray text\n\n## 1 Scope\n\nBody.\n',
    );
    const run = await cli(['draft', 'create', '--file', path], tokens.editor);
    expectExit(run, 1);
    expect(run.stderr).toContain('BAD_USER_INPUT');
    expect(run.stderr).toMatch(/line 1: material/);
    expect(run.stderr).toMatch(/line 6: clauses/);
    expect(run.stderr).toMatch(/line 8: clauses\[0\]\.key/);
  });

  it('updates the draft and lists it', async () => {
    const path = file(
      'terms-v2.md',
      await newTermsMarkdown('AI evaluation needs consent; material changes get 30 days of notice.'),
    );
    expectExit(await cli(['draft', 'update', '--id', state.draftId, '--file', path], tokens.editor), 0);
    const list = await cli(['draft', 'list', '--document', TERMS, '--json'], tokens.editor);
    expectExit(list, 0);
    const drafts = JSON.parse(list.stdout) as {
      id: string;
      label: string;
      status: string;
      author: { email: string };
    }[];
    expect(drafts.find((d) => d.id === state.draftId)).toMatchObject({
      label: LABEL,
      status: 'DRAFT',
      author: { email: 'editor@example.com' },
    });
  });

  it('submits it for review', async () => {
    const run = await cli(['submit', '--id', state.draftId], tokens.editor);
    expectExit(run, 0);
    expect(fields(run)).toEqual([state.draftId, 'IN_REVIEW']);
  });

  it("refuses approval with the author's own token (exit 1)", async () => {
    const run = await cli(['approve', '--id', state.draftId], tokens.editor);
    expectExit(run, 1);
    // An editor may not approve at all: the role check answers before the two-person rule.
    expect(run.stderr).toContain('FORBIDDEN');
  });

  it('refuses approval by an author who is a publisher (exit 1, TWO_PERSON_RULE)', async () => {
    const own = file(
      'privacy.md',
      '---\ndocument: privacy-statement\nlabel: cli-own\nmaterial: false\nchangeNote: A draft its author tries to approve.\n---\n\n## 1 Scope {#1}\n\nThis statement applies to every Northwind service.\n',
    );
    const created = await cli(['draft', 'create', '--file', own], tokens.publisher);
    expectExit(created, 0);
    const [id] = fields(created);
    expectExit(await cli(['submit', '--id', id as string], tokens.publisher), 0);
    const run = await cli(['approve', '--id', id as string], tokens.publisher);
    expectExit(run, 1);
    expect(run.stderr).toContain('TWO_PERSON_RULE');
  });

  it('is approved by the publisher', async () => {
    const run = await cli(['approve', '--id', state.draftId], tokens.publisher);
    expectExit(run, 0);
    expect(fields(run)).toEqual([state.draftId, 'APPROVED']);
  });

  it('refuses an effective date inside the 30-day notice period (exit 1, NOTICE_PERIOD)', async () => {
    const early = new Date(TEST_NOW.getTime() + 10 * DAY).toISOString();
    const run = await cli(['publish', '--id', state.draftId, '--effective-at', early], tokens.publisher);
    expectExit(run, 1);
    expect(run.stderr).toContain('NOTICE_PERIOD');
  });

  it('publishes 60 days ahead and prints the hash, the effective date and the checkpoint', async () => {
    const run = await cli(
      ['publish', '--id', state.draftId, '--effective-at', EFFECTIVE_AT.toISOString()],
      tokens.publisher,
    );
    expectExit(run, 0);
    expect(run.stdout).toMatch(/^contentHash: [0-9a-f]{64}$/m);
    expect(run.stdout).toContain(`effectiveAt: ${EFFECTIVE_AT.toISOString()}`);
    const sequence = /^checkpoint: (\d+)$/m.exec(run.stdout)?.[1];
    expect(sequence).toBeDefined();
    state.checkpointSequence = Number(sequence);

    const data = await api.current.execute<{ document: { upcoming: { label: string; effectiveAt: string }[] } }>(
      `{ document(slug: "${TERMS}") { upcoming { label effectiveAt } } }`,
    );
    expect(data.document.upcoming).toContainEqual({ label: LABEL, effectiveAt: EFFECTIVE_AT.toISOString() });
  });

  it('refuses to withdraw a version already in effect (exit 1, ALREADY_IN_EFFECT)', async () => {
    const data = await api.current.execute<{ document: { current: { id: string } } }>(
      `{ document(slug: "${TERMS}") { current { id } } }`,
    );
    const run = await cli(['withdraw', '--id', data.document.current.id, '--reason', 'Testing'], tokens.publisher);
    expectExit(run, 1);
    expect(run.stderr).toContain('ALREADY_IN_EFFECT');
  });
});

describe('integrity', () => {
  it('verifies every chain through the API', async () => {
    const run = await cli(['verify'], null);
    expectExit(run, 0);
    expect(run.stdout).toMatch(/^chain document\/terms-of-service: 8 versions, head [0-9a-f]{64}: ok$/m);
    expect(run.stdout).toMatch(/^chain feature\/meeting-summary: \d+ revisions, head [0-9a-f]{64}: ok$/m);
    expect(run.stdout).toMatch(/^chain withdrawals: \d+ withdrawals?, head [0-9a-f]{64}: ok$/m);
    expect(run.stdout).toMatch(/^chain consent-releases: \d+ releases?, head [0-9a-f]{64}: ok$/m);
    expect(run.stdout).toMatch(/^latest checkpoint: \d+ \(the database was compared with it exactly\)$/m);
    expect(run.stdout).toMatch(/^result: OK$/m);
  });

  it('saves the latest checkpoint and verifies the chains against it', async () => {
    state.checkpointFile = join(work, 'checkpoint.json');
    const run = await cli(['checkpoint', 'save', '--out', state.checkpointFile], null);
    expectExit(run, 0);
    const saved = JSON.parse(readFileSync(state.checkpointFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ sequence: state.checkpointSequence });
    expect(typeof saved.payload).toBe('string');
    expect(typeof saved.signature).toBe('string');

    const verify = await cli(['verify', '--checkpoint', state.checkpointFile], null);
    expectExit(verify, 0);
    expect(verify.stdout).toContain(`checkpoint ${state.checkpointSequence}: every record it counted is still there`);
  });

  it('exports the whole history in chain order with a signed manifest', { timeout: 90_000 }, async () => {
    state.exportDir = join(work, 'export');
    const run = await cli(['export', '--out', state.exportDir], null);
    expectExit(run, 0);
    expect(run.stderr).toContain('terms-of-service: 8 versions');
    expect(run.stderr).toContain('privacy-statement: 2 versions');

    const manifest = JSON.parse(readFileSync(join(state.exportDir, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(manifest).toMatchObject({
      format: 'candor-export/3',
      organisation: 'Northwind Meetings (sample)',
      isSample: true,
    });
    expect(JSON.parse(manifest.checkpoint?.payload ?? '{}')).toMatchObject({ sequence: state.checkpointSequence });
    const terms = termsChain(manifest);
    // Publication order: the sample's scheduled "next" was published before 2026-07, though it takes effect after it.
    expect(terms.records.map((v) => v.label)).toEqual([
      '2022-11',
      '2023-03',
      '2023-08',
      '2024-06',
      '2024-10',
      '2025-03',
      'next',
      LABEL,
    ]);
    terms.records.forEach((version, i) => {
      expect(version.previousHash).toBe(i === 0 ? null : terms.records[i - 1]?.contentHash);
    });
    // The withdrawn 2024-10 is marked, its withdrawal written beside it.
    const withdrawn = terms.records.find((v) => v.label === '2024-10');
    expect(withdrawn?.withdrawnBy).toBe(withdrawn?.path.replace(/\.md$/, '.withdrawal.yaml'));
    expect(existsSync(join(state.exportDir, withdrawn?.withdrawnBy ?? ''))).toBe(true);
    const newest = terms.records.at(-1);
    expect(newest?.path).toBe('Northwind Meetings (sample)/Terms of Service/2026-07-31T12-00-00Z.md');
    const text = readFileSync(join(state.exportDir, newest?.path ?? ''), 'utf8');
    expect(text).toContain(`contentHash: ${newest?.contentHash}`);
    expect(text).toContain('## 99 Notice of Changes {#cli-1}');
    expect(existsSync(join(state.exportDir, 'README.md'))).toBe(true);
  });

  it('verifies the export offline against the saved checkpoint', async () => {
    const run = await runCli(['verify', '--export', state.exportDir, '--checkpoint', state.checkpointFile]);
    expectExit(run, 0);
    expect(run.stdout).toMatch(
      /^records checked: 10 versions, \d+ AI-feature revisions, \d+ withdrawals?, \d+ consent releases?, \d+ definition changes?$/m,
    );
    expect(run.stdout).toMatch(/^signature: valid/m);
    expect(run.stdout).toMatch(/^result: OK$/m);
  });

  /** A copy of the export to tamper with, and its manifest. */
  function tamperedCopy(name: string): { dir: string; manifest: ExportManifest; terms: ExportDocumentChain } {
    const dir = join(work, name);
    cpSync(state.exportDir, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ExportManifest;
    return { dir, manifest, terms: termsChain(manifest) };
  }

  const verifyCopy = (dir: string) => runCli(['verify', '--export', dir, '--checkpoint', state.checkpointFile]);

  it('detects an edited clause (HASH_MISMATCH)', async () => {
    const { dir, terms } = tamperedCopy('edited');
    const path = join(dir, terms.records[2]?.path ?? '');
    const text = readFileSync(path, 'utf8');
    const edited = text.replace(/(\{#10\.4\}\n\n)/, '$1Northwind may do anything. ');
    expect(edited).not.toBe(text);
    writeFileSync(path, edited);
    const run = await verifyCopy(dir);
    expectExit(run, 1);
    expect(run.stdout).toMatch(
      /^problem HASH_MISMATCH document\/terms-of-service 2023-08 \(Northwind Meetings \(sample\)\/Terms of Service\/[0-9T-]+Z\.md\): /m,
    );
  });

  it('detects a deleted version in the middle', async () => {
    const { dir, terms } = tamperedCopy('deleted');
    unlinkSync(join(dir, terms.records[3]?.path ?? ''));
    const run = await verifyCopy(dir);
    expectExit(run, 1);
    expect(run.stdout).toMatch(/^problem MISSING_FILE document\/terms-of-service 2024-06 \(/m);
  });

  it('detects two versions swapped in the manifest', async () => {
    const { dir, manifest, terms } = tamperedCopy('swapped');
    const [a, b] = [terms.records[1], terms.records[2]];
    if (a === undefined || b === undefined) throw new Error('too few versions');
    terms.records.splice(1, 2, b, a);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const run = await verifyCopy(dir);
    expectExit(run, 1);
    expect(run.stdout).toMatch(/^problem (BROKEN_LINK|UNEXPECTED_GENESIS) document\/terms-of-service/m);
  });

  it('detects a cut tail through the saved checkpoint', async () => {
    const { dir, manifest, terms } = tamperedCopy('truncated');
    const last = terms.records.pop();
    unlinkSync(join(dir, last?.path ?? ''));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    const run = await verifyCopy(dir);
    expectExit(run, 1);
    expect(run.stdout).toMatch(/^problem TRUNCATED/m);
    expect(run.stdout).toContain('NOT consistent with this export');
  });
});

describe('consent statistics', () => {
  const HEADER =
    'feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft';
  const MONTH = '2026-05';
  const rowsOf = async () =>
    (
      await api.current.execute<{ consentStatistics: { rows: { feature: string; segment: string }[] } }>(
        `{ consentStatistics(from: "${MONTH}", to: "${MONTH}") { rows { feature segment } } }`,
      )
    ).consentStatistics.rows;

  it('refuses a file with two bad rows, printing both lines and columns, and stores nothing', async () => {
    expect(await rowsOf()).toEqual([]);
    const path = file(
      'bad.csv',
      [
        HEADER,
        `meeting-summary,consumer,${MONTH},1200,300,500,400,9100,310`,
        `meeting-summary,business,${MONTH},1200,300,500,399,,`,
        `team-chat-compose,consumer,${MONTH},40,0,12,28,,`,
        `team-chat-compose,nobody,${MONTH},40,0,12,28,,`,
      ].join('\n'),
    );
    const run = await cli(['stats', 'import', '--file', path], tokens.editor);
    expectExit(run, 1);
    expect(run.stderr).toContain('BAD_USER_INPUT');
    expect(run.stderr).toMatch(/line 3, column 4 \(accountsEligible\): /);
    expect(run.stderr).toMatch(/line 5, column 2 \(segment\): /);
    expect(run.stderr).not.toMatch(/line [24][,:] /);
    expect(await rowsOf()).toEqual([]);
  });

  it('publishes a good file for a new month after a second person approves it', async () => {
    const path = file(
      'good.csv',
      [
        HEADER,
        `meeting-summary,consumer,${MONTH},1200,300,500,400,9100,310`,
        `team-chat-compose,consumer,${MONTH},40,0,12,28,,`,
      ].join('\n'),
    );
    const submitted = await cli(['stats', 'import', '--file', path], tokens.editor);
    expectExit(submitted, 0);
    const [id, status] = submitted.stdout.trim().split('\t');
    expect(status).toBe('IN_REVIEW');
    expect(await rowsOf()).toEqual([]);
    expectExit(await cli(['stats', 'approve', id ?? ''], tokens.publisher), 0);
    const published = await cli(['stats', 'publish', id ?? ''], tokens.publisher);
    expectExit(published, 0);
    expect(published.stdout).toMatch(/^contentHash: [0-9a-f]{64}$/m);
    expect(await rowsOf()).toHaveLength(2);
  });
});

describe('an AI-feature revision', () => {
  const FEATURE = 'meeting-summary';
  interface Facts {
    segment: { key: string };
    governingClauseRefs: { document: string; key: string }[];
    [field: string]: unknown;
  }
  const revisions = async () =>
    (
      await api.current.execute<{
        aiFeature: {
          revisions: { edges: { node: { number: number; effectiveAt: string; facts: Facts[] } }[] };
        };
      }>(
        `{ aiFeature(slug: "${FEATURE}") { revisions { edges { node { number effectiveAt facts {
          segment { key } whatItDoes availability dataCategories trainsFirstPartyModels sharedWithVendor vendorName
          trainsVendorModels retention retentionDays humanReview humanReviewDetail consentRequiredFrom
          nonConsentOption nonConsentDetail defaultState governingClauseRefs { document key }
        } } } } } }`,
      )
    ).aiFeature.revisions.edges.map((e) => e.node);

  // Six CLI processes in a row: each starts node and the CLI, a second or more on a loaded two-core machine.
  it('drafts a revision from YAML, has it approved by the publisher and published', { timeout: 180_000 }, async () => {
    const before = await revisions();
    const newest = before[0];
    if (newest === undefined) throw new Error('the sample feature has no revision');
    const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
    const facts = Object.fromEntries(
      newest.facts.map(({ segment, governingClauseRefs, ...fields }) => [
        segment.key,
        {
          ...fields,
          availability: lower(fields.availability),
          dataCategories: (fields.dataCategories as string[]).map(lower),
          consentRequiredFrom: (fields.consentRequiredFrom as string[]).map(lower),
          nonConsentOption: lower(fields.nonConsentOption),
          defaultState: lower(fields.defaultState),
          trainsFirstPartyModels:
            segment.key === 'consumer' ? !fields.trainsFirstPartyModels : fields.trainsFirstPartyModels,
          governingClauses: governingClauseRefs,
        },
      ]),
    );
    const consumerBefore = newest.facts.find((f) => f.segment.key === 'consumer')?.trainsFirstPartyModels;
    const path = file(
      'meeting-summary.yaml',
      `${toYaml({
        feature: FEATURE,
        changeNote: 'Consumer meeting summaries: first-party training flipped.',
        facts,
        // Flipping model training is material (issue 12): it explains itself and gives notice.
        explanations: {
          consumer: {
            summary: 'Whether your meeting summaries train our models.',
            whatChanges: 'First-party training of consumer meeting summaries is flipped.',
            affected: true,
          },
        },
      }).trimStart()}\n`,
    );
    const noticeEnds = new Date(TEST_NOW.getTime() + 30 * DAY);
    const effectiveAt = new Date(Math.max(noticeEnds.getTime(), Date.parse(newest.effectiveAt) + DAY));

    const revise = await cli(['feature', 'revise', '--file', path], tokens.editor);
    expectExit(revise, 0);
    const id = revise.stdout.trim();
    expectExit(await cli(['feature', 'submit', '--id', id], tokens.editor), 0);
    const approve = await cli(['feature', 'approve', '--id', id], tokens.publisher);
    expectExit(approve, 0);
    expect(fields(approve)).toEqual([id, 'APPROVED']);
    const early = await cli(['feature', 'publish', '--id', id], tokens.publisher);
    expect(early.stderr).toContain('NOTICE_PERIOD');
    const publish = await cli(
      ['feature', 'publish', '--id', id, '--effective-at', effectiveAt.toISOString()],
      tokens.publisher,
    );
    expectExit(publish, 0);
    expect(publish.stdout).toContain(`${id}\tPUBLISHED`);
    expect(publish.stdout).toContain('material: yes');

    const after = await revisions();
    expect(after.map((r) => r.number)).toContain(newest.number + 1);
    const published = after.find((r) => r.number === newest.number + 1);
    expect(published?.facts.find((f) => f.segment.key === 'consumer')?.trainsFirstPartyModels).toBe(!consumerBefore);

    // Scheduled, it can still be withdrawn, with a reason.
    const withdraw = await cli(
      ['feature', 'withdraw', '--id', id, '--reason', 'Training needs its own consent first.'],
      tokens.publisher,
    );
    expectExit(withdraw, 0);
    expect(withdraw.stdout).toContain(`${id}\tWITHDRAWN`);
  });
});

describe('tokens end', () => {
  it('revokes a token by its prefix, after which it is refused (exit 3)', async () => {
    const prefix = tokens.editor.split('_')[1] as string;
    const run = await cli(['token', 'revoke', '--prefix', prefix], tokens.admin);
    expectExit(run, 0);
    expect(run.stdout.trim()).toBe(`revoked ${prefix}`);
    const refused = await cli(['draft', 'list'], tokens.editor);
    expectExit(refused, 3);
    expect(refused.stderr).toContain('UNAUTHENTICATED');
    expect(refused.stderr).toContain('revoked');
    expect(refused.stderr).not.toContain(tokens.editor);
  });
});
