/**
 * Templates (issue 14): `draft template` and `feature template` write the current text or facts
 * in exactly the format `draft create` and `feature revise` read; with their placeholders filled
 * in, they are accepted. The readers refuse what they do not use, naming the line, and take
 * enumeration values in the API's casing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdmin } from '@candor/schema';
import { parseVersionMarkdown } from '@candor/schema/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
const TERMS = 'terms-of-service';
/** Each test runs the CLI process a few times, on a machine other tests share. */
const SLOW = { timeout: 180_000 };
const FEATURE = 'meeting-summary';
let work: string;
let admin: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'candor-templates-'));
  admin = (await bootstrapAdmin(api.current.database.prisma, { email: 'root@example.com', name: 'Root' }, new Date()))
    .token;
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI against the test server, with the admin's token unless `token` is null. */
const cli = (args: readonly string[], token: string | null = admin): Promise<CliRun> =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...(token === null ? {} : { CANDOR_TOKEN: token }) });

function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

const path = (name: string): string => join(work, name);

/** What an author does with a draft template: every placeholder filled in. */
const fillDraft = (text: string): string =>
  text
    .replace(/^material:.*$/m, 'material: true')
    .replace('changeNote: ""', 'changeNote: Section 10.4 says more.')
    .replace(/^(\s+)summary: ""$/gm, '$1summary: Nothing changes for you.')
    .replace(/^(\s+)affected:.*$/gm, '$1affected: false');

/** The line of `file` on which `pattern` first matches (1-based). */
const lineOf = (text: string, pattern: RegExp): number => text.split('\n').findIndex((l) => pattern.test(l)) + 1;

describe('draft template', SLOW, () => {
  it('documents every option', async () => {
    const help = await cli(['draft', 'template', '--help'], null);
    expectExit(help, 0);
    for (const option of ['--document', '--out', '--json', '--api']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('draft template --document SLUG [--out');
  });

  it('writes the text in force as a draft that, filled in, is created with that text', async () => {
    const { document } = await api.current.execute<{
      document: {
        current: { label: string; clauses: { key: string; number: string; heading: string; body: string }[] };
        versions: { edges: { node: { label: string } }[] };
        segments: { key: string }[];
      };
    }>(
      `{ document(slug: "${TERMS}") { current { label clauses { key number heading body } }
         versions(first: 100) { edges { node { label } } } segments { key } } }`,
    );
    const out = path('terms.md');
    const run = await cli(['draft', 'template', '--document', TERMS, '--out', out], null);
    expectExit(run, 0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`from the text of ${document.current.label}`);
    const template = readFileSync(out, 'utf8');

    // Untouched, it is refused, each placeholder named with its line.
    const refused = await cli(['draft', 'create', '--file', out]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain('BAD_USER_INPUT');
    expect(refused.stderr).toContain(`line ${lineOf(template, /^material:/)}: material`);
    expect(refused.stderr).toContain(`line ${lineOf(template, /^changeNote:/)}: changeNote`);
    expect(refused.stderr).toContain(`explanations.${document.segments[0]?.key}.affected`);

    const filled = fillDraft(template).replace(
      /(\{#10\.4\}\n\n)/,
      '$1Northwind asks before it uses Customer Content for anything new. ',
    );
    writeFileSync(out, filled);
    const created = await cli(['draft', 'create', '--file', out]);
    expectExit(created, 0);
    const [id, label] = created.stdout.trim().split('\t');
    expect(document.versions.edges.map((e) => e.node.label)).not.toContain(label);
    expect(template).toContain(`label: ${label}`);

    const draft = await api.current.database.prisma.version.findUniqueOrThrow({
      where: { id: id as string },
      include: { clauses: { orderBy: { position: 'asc' } }, explanations: true },
    });
    const expected = document.current.clauses.map((c) =>
      c.key === '10.4'
        ? { ...c, body: `Northwind asks before it uses Customer Content for anything new. ${c.body}` }
        : c,
    );
    expect(draft.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }))).toEqual(expected);
    expect(draft.explanations).toHaveLength(document.segments.length);
    expect(draft.material).toBe(true);
  });

  it('prints to stdout without --out, and never overwrites a file', async () => {
    const run = await cli(['draft', 'template', '--document', TERMS], null);
    expectExit(run, 0);
    expect(run.stdout.startsWith('---\n')).toBe(true);
    expect(parseVersionMarkdown(fillDraft(run.stdout), { segments: 'any', draft: true }).document).toBe(TERMS);

    const existing = path('existing.md');
    writeFileSync(existing, 'my edits');
    const refused = await cli(['draft', 'template', '--document', TERMS, '--out', existing], null);
    expectExit(refused, 2);
    expect(refused.stderr).toContain('exists');
    expect(readFileSync(existing, 'utf8')).toBe('my edits');
  });

  it('starts a document with no version from one example clause', async () => {
    expectExit(
      await cli(['document', 'create', '--slug', 'beta-terms', '--title', 'Beta Terms', '--segments', 'consumer']),
      0,
    );
    const out = path('beta.md');
    const run = await cli(['draft', 'template', '--document', 'beta-terms', '--out', out, '--json'], null);
    expectExit(run, 0);
    const summary = JSON.parse(run.stdout) as { document: string; label: string; basis: string | null; out: string };
    expect(summary).toMatchObject({ document: 'beta-terms', basis: null, out });
    const template = readFileSync(out, 'utf8');
    expect(template).toContain('## 1 Scope {#1}');
    expect(template).toMatch(/^ {2}consumer:$/m);
    expect(template).not.toMatch(/^ {2}business:$/m);
    writeFileSync(out, fillDraft(template));
    const created = await cli(['draft', 'create', '--file', out]);
    expectExit(created, 0);
    expect(created.stdout.trim().split('\t')[1]).toBe(summary.label);
  });

  it('refuses an unknown document', async () => {
    const run = await cli(['draft', 'template', '--document', 'no-such-document', '--out', path('none.md')], null);
    expectExit(run, 1);
    expect(run.stderr).toContain('NOT_FOUND');
    expect(existsSync(path('none.md'))).toBe(false);
  });
});

describe('a draft carries no key the reader does not use', SLOW, () => {
  it('refuses effectiveAt, saying it is given at publish, and an export key, each with its line', async () => {
    const file = path('dated.md');
    writeFileSync(
      file,
      [
        '---',
        `document: ${TERMS}`,
        'label: dated-1',
        'material: false',
        'changeNote: A typo.',
        'effectiveAt: 2027-01-01T00:00:00Z',
        `contentHash: ${'a'.repeat(64)}`,
        '---',
        '',
        '## 1 Scope {#1}',
        '',
        'Text.',
        '',
      ].join('\n'),
    );
    const run = await cli(['draft', 'create', '--file', file]);
    expectExit(run, 1);
    expect(run.stderr).toContain('line 6: effectiveAt:');
    expect(run.stderr).toContain('pnpm candor publish --id ID --effective-at ISO');
    expect(run.stderr).toContain('line 7: contentHash:');
    expect(await api.current.database.prisma.version.count({ where: { label: 'dated-1' } })).toBe(0);
  });
});

describe('feature template', SLOW, () => {
  it('documents every option', async () => {
    const help = await cli(['feature', 'template', '--help'], null);
    expectExit(help, 0);
    for (const option of ['--feature', '--out', '--json']) expect(help.stdout).toContain(option);
    expect(help.stdout).toContain('feature template --feature meeting-summary [--out');
    expect(help.stdout).toContain('either casing');
  });

  it('writes the latest facts as a revision file that, filled in, drafts the same facts', async () => {
    const { aiFeature } = await api.current.execute<{
      aiFeature: { revisions: { edges: { node: { number: number; withdrawal: { reason: string } | null } }[] } };
    }>(
      `{ aiFeature(slug: "${FEATURE}") { revisions(first: 20) { edges { node { number withdrawal { reason } } } } } }`,
    );
    const basis = aiFeature.revisions.edges.map((e) => e.node).find((r) => r.withdrawal === null);
    if (basis === undefined) throw new Error(`${FEATURE} has no revision in force`);

    const out = path('feature.yaml');
    const run = await cli(['feature', 'template', '--feature', FEATURE, '--out', out], null);
    expectExit(run, 0);
    expect(run.stderr).toContain(`the facts of revision ${basis.number}`);
    const template = readFileSync(out, 'utf8');

    const refused = await cli(['feature', 'revise', '--file', out]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain(`line ${lineOf(template, /^changeNote:/)}: changeNote`);

    // Filled in, with enumerations copied in the API's casing.
    const filled = template
      .replace('changeNote: ""', 'changeNote: Wording only.')
      .replace(/^(\s+)affected:.*$/gm, '$1affected: false')
      .replace(/^(\s+availability: )(\w+)$/gm, (_, key: string, value: string) => `${key}${value.toUpperCase()}`)
      .replace(/^(\s+defaultState: )(\w+)$/gm, (_, key: string, value: string) => `${key}${value.toUpperCase()}`);
    expect(filled).toMatch(/availability: [A-Z_]+$/m);
    writeFileSync(out, filled);
    const revised = await cli(['feature', 'revise', '--file', out]);
    expectExit(revised, 0);

    const prisma = api.current.database.prisma;
    const facts = async (where: { id: string } | { number: number }) => {
      const revision = await prisma.aiFeatureRevision.findFirstOrThrow({
        where: { feature: { slug: FEATURE }, ...where },
        include: { facts: true },
      });
      return revision.facts
        .map(({ id: _id, revisionId: _revisionId, ...row }) => row)
        .sort((a, b) => a.segmentId.localeCompare(b.segmentId));
    };
    expect(await facts({ id: revised.stdout.trim() })).toEqual(await facts({ number: basis.number }));
  });

  it('starts a feature with no revision as not offered, with its texts to write', async () => {
    expectExit(await cli(['feature', 'create', '--slug', 'draft-helper', '--name', 'Draft helper']), 0);
    const run = await cli(['feature', 'template', '--feature', 'draft-helper', '--json'], null);
    expectExit(run, 0);
    const { template, basis } = JSON.parse(run.stdout) as { template: string; basis: number | null };
    expect(basis).toBeNull();
    expect(template).toContain('availability: not_offered');
    const file = path('helper.yaml');
    writeFileSync(
      file,
      template
        .replace('changeNote: ""', 'changeNote: First facts.')
        .replace(/^(\s+)affected:.*$/gm, '$1affected: false')
        .replace(/^(\s+)(whatItDoes|retention|humanReviewDetail|nonConsentDetail): ""$/gm, '$1$2: Not offered yet.'),
    );
    expectExit(await cli(['feature', 'revise', '--file', file]), 0);
  });

  it('refuses effectiveAt in a revision file, naming its line and where it is given', async () => {
    const file = path('dated.yaml');
    writeFileSync(file, `feature: ${FEATURE}\nchangeNote: x\neffectiveAt: 2027-01-01\nfacts: {}\n`);
    const run = await cli(['feature', 'revise', '--file', file]);
    expectExit(run, 1);
    expect(run.stderr).toContain('line 3: effectiveAt:');
    expect(run.stderr).toContain('feature publish --id ID --effective-at ISO');
  });
});
