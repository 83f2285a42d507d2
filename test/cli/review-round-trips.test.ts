/**
 * Review round-trips (issue 14) with the CLI as a child process against a real HTTP server:
 * changes requested → edited → re-submitted → approved → published; rejected → its label free
 * for a new draft; submit refusing early with publication's codes (EXPLANATIONS_MISSING,
 * NO_CHANGE); a draft deleted by its author only; comments seen by editors and in the audit log;
 * the same round trip for an AI-feature revision. The API's clock is fixed at TEST_NOW.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClauseInput, renderVersionMarkdown } from '@candor/schema/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { daysAfter, FeatureWorkflow, type Label } from '../helpers/feature-revisions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
const TERMS = 'terms-of-service';
/** Every step is a CLI process (a few seconds each on a busy machine), and a test runs several. */
const SLOW = { timeout: 300_000 };
/** After the sample's scheduled terms version, which does not contain these drafts' text. */
const EFFECTIVE_AT = daysAfter(TEST_NOW, 60);

let tokens: EditorTokens;
let work: string;
let segments: string[];
let current: ClauseInput[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'candor-review-'));
  tokens = await setUpEditors(api.current);
  const data = await api.current.execute<{
    document: { segments: { key: string }[]; current: { clauses: ClauseInput[] } };
  }>(`{ document(slug: "${TERMS}") { segments { key } current { clauses { key number heading body } } } }`);
  segments = data.document.segments.map((s) => s.key);
  current = data.document.current.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }));
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const cli = (args: readonly string[], token: string | null): Promise<CliRun> =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...(token === null ? {} : { CANDOR_TOKEN: token }) });

function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

const fields = (run: CliRun): string[] => run.stdout.trim().split('\t');

let files = 0;
const file = (text: string, extension = 'md'): string => {
  files += 1;
  const path = join(work, `input-${files}.${extension}`);
  writeFileSync(path, text);
  return path;
};

/** The terms in force with one sentence added to 10.4: a material version explained to every segment. */
function terms(label: string, options: { sentence: string; explained?: boolean }): string {
  const clauses = current.map((clause) =>
    clause.key === '10.4' ? { ...clause, body: `${clause.body}\n\n${options.sentence}` } : clause,
  );
  return renderVersionMarkdown({
    document: TERMS,
    label,
    material: true,
    changeNote: options.sentence,
    explanations:
      options.explained === false
        ? []
        : segments.map((segment) => ({
            segment,
            summary: `What ${label} means for ${segment}.`,
            whatChanges: `Section 10.4 says: ${options.sentence}`,
            affected: true,
          })),
    clauses,
  });
}

/** Creates a draft as `token` and returns its id. */
async function draft(markdown: string, token = tokens.editor): Promise<string> {
  const run = await cli(['draft', 'create', '--file', file(markdown)], token);
  expectExit(run, 0);
  return fields(run)[0] as string;
}

interface Note {
  action: string;
  body: string;
  author: { email: string };
}

async function notesOf(id: string, token = tokens.editor): Promise<Note[]> {
  const { body } = await asToken<{ draft: { reviewNotes: Note[] } }>(
    api.current,
    token,
    `{ draft(id: "${id}") { reviewNotes { action body author { email } } } }`,
  );
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
  return body.data?.draft.reviewNotes ?? [];
}

type AuditNode = { action: string; subjectId: string | null; outcome: string; detail: string };
type AuditPage = {
  auditLog: { edges: { node: AuditNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

/** The whole audit log as an admin reads it through the API, page by page. */
async function auditEvents(): Promise<AuditNode[]> {
  const events: AuditNode[] = [];
  let after: string | null = null;
  for (;;) {
    const { body }: { body: { data?: AuditPage; errors?: unknown } } = await asToken<AuditPage>(
      api.current,
      tokens.admin,
      'query Audit($after: String) { auditLog(first: 100, after: $after) { edges { node { action subjectId outcome detail } } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    if (body.errors !== undefined || body.data === undefined) throw new Error(JSON.stringify(body.errors));
    events.push(...body.data.auditLog.edges.map((e) => e.node));
    if (!body.data.auditLog.pageInfo.hasNextPage) return events;
    after = body.data.auditLog.pageInfo.endCursor;
  }
}

describe('changes requested, edited, re-submitted, approved and published', () => {
  let id: string;
  const label = 'review-1';
  const comment = 'Section 10.4 must say how long opt-in records are kept.';

  it('is submitted by its author, and says from when it could take effect', SLOW, async () => {
    id = await draft(terms(label, { sentence: 'Northwind records every opt-in.' }));
    const run = await cli(['submit', '--id', id], tokens.editor);
    expectExit(run, 0);
    expect(fields(run)).toEqual([id, 'IN_REVIEW']);
    expect(run.stderr).toContain(`may take effect from ${daysAfter(TEST_NOW, 30).toISOString()}`);
  });

  it('refuses requests for changes from an editor, and without a comment', SLOW, async () => {
    const byEditor = await cli(['request-changes', '--id', id, '--comment', 'Please fix.'], tokens.editor);
    expectExit(byEditor, 1);
    expect(byEditor.stderr).toContain('FORBIDDEN');
    const bare = await cli(['request-changes', '--id', id], tokens.publisher);
    expectExit(bare, 2);
    expect(bare.stderr).toContain('--comment is required');
  });

  it('goes back to its author as a draft with the publisher’s comment', SLOW, async () => {
    const run = await cli(['request-changes', '--id', id, '--comment', comment], tokens.publisher);
    expectExit(run, 0);
    expect(fields(run)).toEqual([id, 'DRAFT']);
    expect(run.stderr).toContain('back with its author');
    const shown = await cli(['draft', 'show', '--id', id], tokens.editor);
    expectExit(shown, 0);
    expect(shown.stdout).toContain(`${id}\t${TERMS} ${label}\tDRAFT`);
    expect(shown.stdout).toMatch(/REQUEST_CHANGES {2}Test publisher </);
    expect(shown.stdout).toContain(`    ${comment}`);
    // An approval needs a version in review again.
    const approve = await cli(['approve', '--id', id], tokens.publisher);
    expectExit(approve, 1);
    expect(approve.stderr).toContain('INVALID_STATE');
  });

  it('is edited, re-submitted with a note, approved and published', SLOW, async () => {
    const edited = terms(label, { sentence: 'Northwind records every opt-in and keeps the record for six years.' });
    expectExit(await cli(['draft', 'update', '--id', id, '--file', file(edited)], tokens.editor), 0);
    const submitted = await cli(['submit', '--id', id, '--comment', 'Six years, as asked.'], tokens.editor);
    expectExit(submitted, 0);
    expect(fields(submitted)).toEqual([id, 'IN_REVIEW']);
    expect(fields(await cli(['approve', '--id', id], tokens.publisher))).toEqual([id, 'APPROVED']);
    const published = await cli(
      ['publish', '--id', id, '--effective-at', EFFECTIVE_AT.toISOString()],
      tokens.publisher,
    );
    expectExit(published, 0);
    expect(published.stdout).toContain(`effectiveAt: ${EFFECTIVE_AT.toISOString()}`);

    expect(await notesOf(id)).toEqual([
      { action: 'REQUEST_CHANGES', body: comment, author: { email: expect.stringMatching(/^publisher-/) } },
      { action: 'RESUBMIT', body: 'Six years, as asked.', author: { email: expect.stringMatching(/^editor-/) } },
    ]);
  });
});

describe('rejected', () => {
  const label = 'review-2';
  let id: string;

  it('is closed for good with the reason, and no longer listed by default', SLOW, async () => {
    id = await draft(terms(label, { sentence: 'Northwind may sell summaries.' }));
    expectExit(await cli(['submit', '--id', id], tokens.editor), 0);
    const bare = await cli(['reject', '--id', id], tokens.publisher);
    expectExit(bare, 2);
    const run = await cli(['reject', '--id', id, '--reason', 'We never sell summaries.'], tokens.publisher);
    expectExit(run, 0);
    expect(fields(run)).toEqual([id, 'REJECTED']);
    expect(run.stderr).toContain('label is free again');

    const listed = await cli(['draft', 'list', '--document', TERMS, '--json'], tokens.editor);
    expectExit(listed, 0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((d) => d.id)).not.toContain(id);
    const all = await cli(['draft', 'list', '--document', TERMS, '--include-rejected', '--json'], tokens.editor);
    expect(JSON.parse(all.stdout) as { id: string; status: string }[]).toContainEqual(
      expect.objectContaining({ id, status: 'REJECTED' }),
    );
  });

  it('frees its label for a new draft, and takes no further step', SLOW, async () => {
    const again = await draft(terms(label, { sentence: 'Northwind never sells summaries.' }));
    expect(again).not.toBe(id);
    for (const args of [
      ['submit', '--id', id],
      ['approve', '--id', id],
      ['draft', 'delete', '--id', id],
    ]) {
      const run = await cli(args, args[0] === 'approve' ? tokens.publisher : tokens.editor);
      expectExit(run, 1);
      expect(run.stderr).toContain('INVALID_STATE');
    }
    const update = await cli(
      ['draft', 'update', '--id', id, '--file', file(terms(label, { sentence: 'x' }))],
      tokens.editor,
    );
    expectExit(update, 1);
    expect(update.stderr).toContain('closed for good');
    expect((await notesOf(id)).map((n) => [n.action, n.body])).toEqual([['REJECT', 'We never sell summaries.']]);
  });

  it('is refused to the version’s own author even when a publisher (two-person rule)', SLOW, async () => {
    const own = await draft(terms('review-own', { sentence: 'Northwind answers within a week.' }), tokens.publisher);
    expectExit(await cli(['submit', '--id', own], tokens.publisher), 0);
    const run = await cli(['reject', '--id', own, '--reason', 'Mine.'], tokens.publisher);
    expectExit(run, 1);
    expect(run.stderr).toContain('TWO_PERSON_RULE');
  });
});

describe('submit runs publication’s checks first', () => {
  it('refuses a material draft without explanations with the publish code, and leaves it a draft', SLOW, async () => {
    const id = await draft(terms('review-3', { sentence: 'Northwind explains nothing.', explained: false }));
    const run = await cli(['submit', '--id', id], tokens.editor);
    expectExit(run, 1);
    expect(run.stderr).toContain('EXPLANATIONS_MISSING');
    expect(run.stderr).toContain('field: explanations');
    const shown = await cli(['draft', 'show', '--id', id, '--json'], tokens.editor);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, status: 'DRAFT' });
  });

  it(
    'refuses a draft identical to the version it would follow (NO_CHANGE), at submit and at publish',
    SLOW,
    async () => {
      const data = await api.current.execute<{
        document: { upcoming: unknown[]; current: { label: string; clauses: ClauseInput[] } };
      }>(
        '{ document(slug: "privacy-statement") { upcoming { label } current { label clauses { key number heading body } } } }',
      );
      expect(data.document.upcoming).toEqual([]);
      const same = renderVersionMarkdown({
        document: 'privacy-statement',
        label: 'review-same',
        material: false,
        changeNote: 'Nothing, by mistake.',
        explanations: [],
        clauses: data.document.current.clauses.map(({ key, number, heading, body }) => ({
          key,
          number,
          heading,
          body,
        })),
      });
      const id = await draft(same);
      const run = await cli(['submit', '--id', id], tokens.editor);
      expectExit(run, 1);
      expect(run.stderr).toContain('NO_CHANGE');
      expect(run.stderr).toContain(data.document.current.label);

      // Publication checks again, whatever let it get that far.
      await api.current.database.prisma.version.update({ where: { id }, data: { status: 'APPROVED' } });
      const published = await cli(['publish', '--id', id], tokens.publisher);
      expectExit(published, 1);
      expect(published.stderr).toContain('NO_CHANGE');
    },
  );
});

describe('delete', () => {
  it('deletes an unsubmitted draft for its author only, and frees its label', SLOW, async () => {
    const id = await draft(terms('review-4', { sentence: 'A draft nobody needs.' }));
    const byOther = await cli(['draft', 'delete', '--id', id], tokens.publisher);
    expectExit(byOther, 1);
    expect(byOther.stderr).toContain('FORBIDDEN');
    const run = await cli(['draft', 'delete', '--id', id], tokens.editor);
    expectExit(run, 0);
    expect(fields(run)).toEqual([id, 'DELETED']);
    const shown = await cli(['draft', 'show', '--id', id], tokens.editor);
    expectExit(shown, 1);
    expect(shown.stderr).toContain('NOT_FOUND');
    await draft(terms('review-4', { sentence: 'The label again.' }));
  });

  it('never deletes a version in review', SLOW, async () => {
    const id = await draft(terms('review-5', { sentence: 'In review.' }));
    expectExit(await cli(['submit', '--id', id], tokens.editor), 0);
    const run = await cli(['draft', 'delete', '--id', id], tokens.admin);
    expectExit(run, 1);
    expect(run.stderr).toContain('INVALID_STATE');
  });
});

describe('comments', () => {
  it('are seen by editors, not the public, and kept in the audit log with every step', SLOW, async () => {
    const id = await draft(terms('review-6', { sentence: 'Commented on.' }));
    expectExit(await cli(['submit', '--id', id], tokens.editor), 0);
    const text = 'Legal should read 10.4 before this is approved.';
    const run = await cli(['comment', '--id', id, '--text', text], tokens.publisher);
    expectExit(run, 0);
    expect(fields(run)).toEqual([id, 'IN_REVIEW']);
    expect(await notesOf(id, tokens.editor)).toEqual([
      { action: 'COMMENT', body: text, author: { email: expect.stringMatching(/^publisher-/) } },
    ]);
    const anonymous = await asToken(api.current, null, `{ draft(id: "${id}") { reviewNotes { body } } }`);
    expect(JSON.stringify(anonymous.body)).not.toContain(text);

    const events = await auditEvents();
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'commentOnVersion',
        subjectId: id,
        outcome: 'OK',
        detail: `${TERMS} review-6: ${text}`,
      }),
    );
    const ok = new Set(events.filter((e) => e.outcome === 'OK').map((e) => e.action));
    for (const action of ['requestVersionChanges', 'rejectVersion', 'deleteDraft', 'submitForReview']) {
      expect(ok).toContain(action);
    }
    expect(events.find((e) => e.action === 'requestVersionChanges' && e.outcome === 'OK')?.detail).toContain(
      'opt-in records are kept',
    );
    expect(events.find((e) => e.action === 'submitForReview' && e.detail.includes('re-submitted'))?.detail).toContain(
      'Six years, as asked.',
    );
  });
});

describe('an AI-feature revision', () => {
  const feature = new FeatureWorkflow(
    () => api.current,
    () => tokens,
    'reviewed-summary',
  );
  let id: string;
  let facts: Label;

  const revisionFile = (label: Label, changeNote: string) =>
    file(stringify({ feature: feature.slug, changeNote, facts: label, explanations: feature.explainAll() }), 'yaml');

  beforeAll(async () => {
    await feature.create(30);
    facts = feature.label();
  });

  it('goes back and forth like a version, then is published', SLOW, async () => {
    const revised = await cli(['feature', 'revise', '--file', revisionFile(facts, 'First facts.')], tokens.editor);
    expectExit(revised, 0);
    id = revised.stdout.trim();
    expect(fields(await cli(['feature', 'submit', '--id', id], tokens.editor))).toEqual([id, 'IN_REVIEW']);
    const comment = 'Name the retention for business accounts.';
    const returned = await cli(['feature', 'request-changes', '--id', id, '--comment', comment], tokens.publisher);
    expectExit(returned, 0);
    expect(fields(returned)).toEqual([id, 'DRAFT']);
    const shown = await cli(['feature', 'show', '--id', id], tokens.editor);
    expect(shown.stdout).toContain(`revision 1 of ${feature.slug}\tDRAFT`);
    expect(shown.stdout).toContain(comment);

    facts = feature.label((label) => {
      (label.business as Label[string]).retention = 'Deleted 60 days after the meeting.';
      (label.business as Label[string]).retentionDays = 60;
    });
    expectExit(
      await cli(['feature', 'edit', '--id', id, '--file', revisionFile(facts, 'Retention named.')], tokens.editor),
      0,
    );
    const again = await cli(['feature', 'submit', '--id', id, '--comment', '60 days.'], tokens.editor);
    expect(fields(again)).toEqual([id, 'IN_REVIEW']);
    expectExit(await cli(['feature', 'approve', '--id', id], tokens.publisher), 0);
    const published = await cli(
      ['feature', 'publish', '--id', id, '--effective-at', daysAfter(TEST_NOW, 30).toISOString()],
      tokens.publisher,
    );
    expectExit(published, 0);
    expect(published.stdout.split('\n')[0]).toBe(`${id}\tPUBLISHED`);

    const after = await cli(['feature', 'show', '--id', id, '--json'], tokens.editor);
    const notes = (JSON.parse(after.stdout) as { reviewNotes: Note[] }).reviewNotes;
    expect(notes.map((n) => [n.action, n.body])).toEqual([
      ['REQUEST_CHANGES', comment],
      ['RESUBMIT', '60 days.'],
    ]);
    const { prisma } = api.current.database;
    const business = await prisma.aiFeatureFacts.findFirstOrThrow({
      where: { revisionId: id, segment: { key: 'business' } },
    });
    expect(business.retentionDays).toBe(60);
  });

  it('refuses a revision that repeats the one in force (NO_CHANGE), at submit and at publish', SLOW, async () => {
    api.current.setNow(daysAfter(TEST_NOW, 31));
    try {
      const same = await feature.draft(facts, undefined, 'Nothing.');
      const submitted = await feature.submit(same);
      expect(submitted.error).toMatchObject({ code: 'NO_CHANGE', field: 'facts' });
      expect(submitted.error?.message).toContain('revision 1');
      const published = await feature.publish(await feature.approvedByHand(same));
      expect(published.error?.code).toBe('NO_CHANGE');
    } finally {
      api.current.setNow(TEST_NOW);
    }
  });

  it('is rejected for good, and a draft is deleted by its author only', SLOW, async () => {
    const changed = feature.label((label) => {
      Object.assign(label, facts);
      label.consumer = { ...(facts.consumer as Label[string]), whatItDoes: 'Summarises and translates meetings.' };
    });
    const rejected = await feature.draft(changed, undefined, 'Translation.');
    expectExit(await cli(['feature', 'submit', '--id', rejected], tokens.editor), 0);
    const run = await cli(['feature', 'reject', '--id', rejected, '--reason', 'Not offered yet.'], tokens.publisher);
    expectExit(run, 0);
    expect(fields(run)).toEqual([rejected, 'REJECTED']);
    const again = await cli(['feature', 'submit', '--id', rejected], tokens.editor);
    expectExit(again, 1);
    expect(again.stderr).toContain('INVALID_STATE');

    const unwanted = await feature.draft(changed, undefined, 'Unwanted.');
    const byOther = await cli(['feature', 'delete', '--id', unwanted], tokens.publisher);
    expectExit(byOther, 1);
    expect(byOther.stderr).toContain('FORBIDDEN');
    const deleted = await cli(['feature', 'delete', '--id', unwanted], tokens.editor);
    expectExit(deleted, 0);
    expect(fields(deleted)).toEqual([unwanted, 'DELETED']);
    expect(await api.current.database.prisma.aiFeatureRevision.count({ where: { id: unwanted } })).toBe(0);

    const commented = await cli(['feature', 'comment', '--id', rejected, '--text', 'Too late.'], tokens.editor);
    expectExit(commented, 1);
    expect(commented.stderr).toContain('INVALID_STATE');
  });
});
