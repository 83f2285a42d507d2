/**
 * The budget model tested against real use (ADR 0006): one client, one API instance with every
 * limit at its default, a 20-document organisation. The client runs the documented partner examples
 * (docs/partner-api.md and every other ```graphql block of README.md and docs/*.md),
 * saves a checkpoint and verifies the live API against it, exports the whole organisation with
 * `candor export` (which sends no token), and builds the public site against the running API (as
 * "Scale-out" describes) — all within one window of the anonymous budget, with points to spare.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCandorYoga, createLogger, listen, type RunningServer } from '@candor/api';
import { buildSiteIsolated } from '@candor/site/isolated-build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../cli/cli-process.js';
import { documentedExamples } from '../helpers/documented-examples.js';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { testSigner, useTestApi } from '../helpers/testkit.js';
import { SITE_PACKAGE } from '../site/paths.js';

const api = useTestApi();
const DOCUMENTS = 20;
const examples = documentedExamples().map((example) => example.query);

/** A version of document `slug` in Candor's Markdown, its clauses those of the sample terms in force. */
const versionMarkdown = (slug: string, clauses: { number: string; heading: string; key: string; body: string }[]) =>
  `---
document: ${slug}
label: "2026-01"
material: false
changeNote: First published version of ${slug}.
---

${clauses.map((clause) => `## ${clause.number} ${clause.heading} {#${clause.key}}\n\n${clause.body}\n`).join('\n')}`;

async function mutate(token: string, query: string, variables: Record<string, unknown>) {
  const response = await api.current.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { error: unknown; draft?: { id: string } }> };
  const payload = Object.values(body.data ?? {})[0];
  if (payload === undefined || payload.error !== null) throw new Error(JSON.stringify(body));
  return payload;
}

/** Adds documents until the organisation has DOCUMENTS, each with one version published through the workflow. */
async function growOrganisation(tokens: EditorTokens): Promise<string[]> {
  const { prisma } = api.current.database;
  const terms = (await api.current.execute(
    '{ document(slug: "terms-of-service") { current { clauses { number heading key body } } } }',
  )) as { document: { current: { clauses: { number: string; heading: string; key: string; body: string }[] } } };
  const clauses = terms.document.current.clauses;
  const existing = await prisma.document.count();
  const slugs: string[] = [];
  for (let n = existing; n < DOCUMENTS; n += 1) {
    const slug = `policy-${String(n).padStart(2, '0')}`;
    await prisma.document.create({
      data: { slug, title: `Policy ${n}`, description: `Sample policy ${n}.`, noticePeriodDays: 30, position: n },
    });
    const fields = 'draft { id } error { code message }';
    const draft = await mutate(tokens.editor, `mutation ($m: String!) { createDraft(markdown: $m) { ${fields} } }`, {
      m: versionMarkdown(slug, clauses),
    });
    const id = draft.draft?.id;
    await mutate(tokens.editor, `mutation ($id: ID!) { submitForReview(id: $id) { ${fields} } }`, { id });
    await mutate(tokens.publisher, `mutation ($id: ID!) { approveVersion(id: $id) { ${fields} } }`, { id });
    await mutate(
      tokens.publisher,
      'mutation ($id: ID!, $at: DateTime!) { publishVersion(id: $id, effectiveAt: $at) { error { code message } } }',
      {
        id,
        at: new Date(TEST_NOW.getTime() + 3_600_000).toISOString(),
      },
    );
    slugs.push(slug);
  }
  return slugs;
}

describe('one client: documented examples, checkpoint and live verify, export of 20 documents, site build — default limits', () => {
  let server: RunningServer;
  let work: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    await growOrganisation(await setUpEditors(api.current));
    expect(await api.current.database.prisma.document.count()).toBe(DOCUMENTS);
    // Every setting at its default: rate limits, the response cache, the node adapter.
    const yoga = createCandorYoga({
      database: api.current.database,
      env: {},
      clock: () => TEST_NOW,
      logger: createLogger('info', (line) => logLines.push(JSON.parse(line) as Record<string, unknown>)),
      signer: testSigner(),
    });
    server = await listen(yoga, { host: '127.0.0.1', port: 0, graceSeconds: 1, logger: createLogger('silent') });
    work = mkdtempSync(join(tmpdir(), 'candor-budget-'));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  /** The anonymous budget left to this client (127.0.0.1), read with a tiny query. */
  const remaining = async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { at: performance.now() } }),
    });
    expect(response.status).toBe(200);
    return {
      limit: Number(response.headers.get('ratelimit-limit')),
      left: Number(response.headers.get('ratelimit-remaining')),
    };
  };
  const spent: Record<string, number> = {};
  const measure = async (step: string, run: () => Promise<void>) => {
    const before = (await remaining()).left;
    await run();
    spent[step] = before - (await remaining()).left - 2;
  };
  const cli = (args: string[]) => runCli(args, { CANDOR_API_URL: server.url });

  it('runs every documented example', async () => {
    await measure('documented examples', async () => {
      for (const query of examples) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        expect(response.status, query).toBe(200);
      }
    });
  });

  it('saves a checkpoint and verifies the live API against it', { timeout: 120_000 }, async () => {
    await measure('checkpoint save + live verify', async () => {
      const file = join(work, 'checkpoint.json');
      const saved = await cli(['checkpoint', 'save', '--out', file]);
      expect(saved.stderr + saved.stdout).not.toContain('RATE_LIMITED');
      expect(saved.code, describeRun(saved)).toBe(0);
      const verified = await cli(['verify', '--checkpoint', file]);
      expect(verified.stderr + verified.stdout).not.toContain('RATE_LIMITED');
    });
  });

  it('exports the 20-document organisation without a token', { timeout: 180_000 }, async () => {
    await measure('candor export (20 documents)', async () => {
      const out = join(work, 'export');
      const run = await cli(['export', '--out', out]);
      expect(run.stderr + run.stdout).not.toContain('RATE_LIMITED');
      expect(run.code, describeRun(run)).toBe(0);
      const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
      for (let n = 2; n < DOCUMENTS; n += 1) expect(manifest).toContain(`policy-${String(n).padStart(2, '0')}`);
    });
  });

  it('builds the site against the running API', { timeout: 300_000 }, async () => {
    await measure('site build against the API', async () => {
      const runDirectory = join(SITE_PACKAGE, 'node_modules/.candor-test', `budget-${process.pid}-${Date.now()}`);
      const log: string[] = [];
      const sink = {
        write: (chunk: unknown) => log.push(String(chunk)) !== 0,
        end: () => {},
      } as unknown as NodeJS.WritableStream;
      try {
        await buildSiteIsolated({
          runDirectory,
          log: sink,
          env: {
            ...process.env,
            CANDOR_API_URL: server.url,
            CANDOR_NOW: TEST_NOW.toISOString(),
            CANDOR_SIGNING_KEY: '',
            CANDOR_SITE_URL: 'https://candor.test',
            // Nothing of a database: every operation goes to the API.
            DATABASE_URL: 'file:/nonexistent/never-opened.db',
            CANDOR_MIGRATE_ON_START: 'false',
            CANDOR_SEED_ON_EMPTY: 'false',
            NO_COLOR: '1',
          },
        });
      } catch (error) {
        throw new Error(`site build failed:\n${log.join('').slice(-4000)}`, { cause: error });
      } finally {
        rmSync(runDirectory, { recursive: true, force: true });
      }
      expect(log.join('')).not.toContain('RATE_LIMITED');
    });
  });

  it('leaves the client points to spare, and was never refused', async () => {
    const { limit, left } = await remaining();
    console.info(`budget: ${limit - left} of ${limit} points spent;`, spent);
    expect(left).toBeGreaterThan(limit / 4);
    expect(logLines.filter((line) => line.msg === 'request' && line.status === 429)).toHaveLength(0);
  });
});
