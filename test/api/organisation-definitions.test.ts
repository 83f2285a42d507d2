/**
 * What the organisation defines is data (issue 13): admins create, change and retire segments,
 * documents and AI features; segment arguments are validated strings (NOT_FOUND naming the key);
 * a document applies to the segments it names, and per-segment reads follow; every change is
 * public, chained and checkpointed, and bad input changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { FeatureWorkflow } from '../helpers/feature-revisions.js';
import { rowCounts } from '../helpers/fingerprint.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

type Payload = { key: string | null; error: { code: string; message: string; field: string | null } | null };

async function define(mutation: string, token = tokens.admin): Promise<Payload> {
  const name = mutation.slice(0, mutation.indexOf('('));
  const response = await asToken<Record<string, Payload>>(
    api.current,
    token,
    `mutation { ${mutation} { key error { code message field } } }`,
  );
  const payload = response.body.data?.[name];
  if (payload === undefined) throw new Error(JSON.stringify(response.body));
  return payload;
}

async function errorOf(query: string) {
  const result = await api.current.request(query);
  return result.errors?.[0] as { message: string; extensions?: { code?: string; field?: string } } | undefined;
}

describe('segment keys are validated strings', () => {
  it.each([
    ['document.current', '{ document(slug: "terms-of-service") { current(segment: "nobody") { label } } }'],
    [
      'document.asOf',
      '{ document(slug: "terms-of-service") { asOf(date: "2024-01-01", segment: "nobody") { label } } }',
    ],
    ['aiFeature.current', '{ aiFeature(slug: "meeting-summary") { current(segment: "nobody") { availability } } }'],
    ['segment', '{ segment(key: "nobody") { name } }'],
    [
      'consentStatistics',
      '{ consentStatistics(segment: "nobody", from: "2024-01", to: "2024-02") { rows { period } } }',
    ],
    ['documents', '{ documents(segment: "nobody") { edges { node { slug } } } }'],
  ])('%s: an unknown key is NOT_FOUND and named', async (_where, query) => {
    const error = await errorOf(query);
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toContain('"nobody"');
    expect(error?.message).toContain('consumer');
  });

  it('the schema has no segment enum', async () => {
    const result = await api.current.request('{ __type(name: "SegmentKey") { name } }');
    expect(result.data?.__type).toBeNull();
  });
});

describe('admins define segments, documents and features', () => {
  it('adds a segment and a document for it alone; per-segment reads follow the document’s segments', async () => {
    expect(
      await define('createSegment(key: "public-sector", name: "Public sector", description: "Agencies.")'),
    ).toEqual({
      key: 'public-sector',
      error: null,
    });
    expect(
      await define(
        'createDocument(slug: "public-sector-addendum", title: "Public Sector Addendum", kind: "data-processing-addendum", segments: ["public-sector"], noticePeriodDays: 14)',
      ),
    ).toEqual({ key: 'public-sector-addendum', error: null });

    const data = await api.current.execute<{
      segments: { key: string }[];
      forConsumers: { edges: { node: { slug: string } }[] };
      forPublic: { edges: { node: { slug: string } }[] };
      document: { kind: string; noticePeriodDays: number; segments: { key: string }[]; consumer: boolean };
    }>(`{
      segments { key }
      forConsumers: documents(segment: "consumer") { edges { node { slug } } }
      forPublic: documents(segment: "public-sector") { edges { node { slug } } }
      document(slug: "public-sector-addendum") {
        kind noticePeriodDays segments { key } consumer: appliesTo(segment: "consumer")
      }
    }`);
    expect(data.segments.map((s) => s.key)).toContain('public-sector');
    expect(data.forConsumers.edges.map((e) => e.node.slug)).not.toContain('public-sector-addendum');
    expect(data.forPublic.edges.map((e) => e.node.slug)).toEqual(['public-sector-addendum']);
    expect(data.document).toEqual({
      kind: 'data-processing-addendum',
      noticePeriodDays: 14,
      segments: [{ key: 'public-sector' }],
      consumer: false,
    });
  });

  it('publishes a material version of that document with an explanation for its one segment', async () => {
    const markdown = `---
document: public-sector-addendum
label: "2026-07"
material: true
changeNote: First version.
explanations:
  public-sector:
    summary: How we process data for agencies.
    whatChanges: This addendum is new.
    affected: true
---

## 1 Scope {#scope}

This addendum applies to public-sector customers.
`;
    const created = await asToken<{ createDraft: { draft: { id: string } | null; error: unknown } }>(
      api.current,
      tokens.editor,
      'mutation($m: String!) { createDraft(markdown: $m) { draft { id } error { code message } } }',
      { m: markdown },
    );
    const id = created.body.data?.createDraft.draft?.id;
    expect(id, JSON.stringify(created.body)).toBeDefined();
    for (const [token, step] of [
      [tokens.editor, 'submitForReview'],
      [tokens.publisher, 'approveVersion'],
    ] as const) {
      const r = await asToken(api.current, token, `mutation { ${step}(id: "${id}") { error { code message } } }`);
      expect(JSON.stringify(r.body)).toContain('"error":null');
    }
    const published = await asToken<{ publishVersion: { error: unknown; version: { label: string } | null } }>(
      api.current,
      tokens.publisher,
      `mutation { publishVersion(id: "${id}", effectiveAt: "${new Date(TEST_NOW.getTime() + 15 * 86_400_000).toISOString()}") { version { label } error { code message } } }`,
    );
    expect(published.body.data?.publishVersion).toEqual({ version: { label: '2026-07' }, error: null });
  });

  it('refuses an explanation for a segment the document does not apply to', async () => {
    const markdown = `---
document: public-sector-addendum
label: stray
material: false
changeNote: Wording.
explanations:
  consumer:
    summary: Not for you.
    whatChanges: ""
    affected: false
---

## 1 Scope {#scope}

Text.
`;
    const r = await asToken<{ createDraft: { error: { code: string; field: string } | null } }>(
      api.current,
      tokens.editor,
      'mutation($m: String!) { createDraft(markdown: $m) { error { code field } } }',
      { m: markdown },
    );
    expect(r.body.data?.createDraft.error).toEqual({ code: 'BAD_USER_INPUT', field: 'explanations.consumer' });
  });

  it('renames a segment without touching what was published, and records the change publicly', async () => {
    expect(await define('updateSegment(key: "public-sector", name: "Government")')).toEqual({
      key: 'public-sector',
      error: null,
    });
    const data = await api.current.execute<{
      definitionChanges: { edges: { node: { subject: string; key: string; action: string; values: string } }[] };
    }>('{ definitionChanges(key: "public-sector") { edges { node { subject key action values } } } }');
    const changes = data.definitionChanges.edges.map((e) => e.node);
    expect(changes.map((c) => `${c.subject} ${c.action}`)).toEqual(['segment created', 'segment updated']);
    expect(JSON.parse(changes[1]?.values ?? '{}')).toMatchObject({ key: 'public-sector', name: 'Government' });
    const verify = (await api.current.execute<VerifyData>(VERIFY)).integrity.verify;
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
    expect(verify.chains.find((c) => c.chain === 'definitions')?.count).toBeGreaterThanOrEqual(
      1 + 5 + 2 + 2 + 3, // the sample's organisation, segments, documents, features + this file's
    );
  });

  it('refuses to retire the only segment of a live document, then retires the document and the segment', async () => {
    expect((await define('retireSegment(key: "public-sector")')).error?.code).toBe('INVALID_STATE');
    expect(await define('retireDocument(slug: "public-sector-addendum")')).toEqual({
      key: 'public-sector-addendum',
      error: null,
    });
    expect(await define('retireSegment(key: "public-sector")')).toEqual({ key: 'public-sector', error: null });
    const data = await api.current.execute<{
      segments: { key: string }[];
      all: { key: string; retiredAt: string | null }[];
      document: { retiredAt: string | null; versions: { edges: { node: { label: string } }[] } };
    }>(`{
      segments { key }
      all: segments(includeRetired: true) { key retiredAt }
      document(slug: "public-sector-addendum") { retiredAt versions { edges { node { label } } } }
    }`);
    expect(data.segments.map((s) => s.key)).not.toContain('public-sector');
    expect(data.all.find((s) => s.key === 'public-sector')?.retiredAt).not.toBeNull();
    expect(data.document.retiredAt).not.toBeNull();
    expect(data.document.versions.edges.map((e) => e.node.label)).toEqual(['2026-07']);
  });

  it('asks a new AI-feature revision for the facts of the live segments only', async () => {
    const workflow = new FeatureWorkflow(
      () => api.current,
      () => tokens,
      'after-retirement',
    );
    await workflow.create();
    const live = await api.current.execute<{ segments: { key: string }[] }>('{ segments { key } }');
    workflow.segments = live.segments.map((s) => s.key);
    expect(workflow.segments).not.toContain('public-sector');
    expect(await workflow.approved(workflow.label(), workflow.explainAll())).toEqual(expect.any(String));
  });

  it('adds, renames and retires an AI feature', async () => {
    expect(await define('createAiFeature(slug: "smart-notes", name: "Smart notes", noticePeriodDays: 45)')).toEqual({
      key: 'smart-notes',
      error: null,
    });
    expect(await define('updateAiFeature(slug: "smart-notes", name: "Smarter notes")')).toEqual({
      key: 'smart-notes',
      error: null,
    });
    expect(await define('retireAiFeature(slug: "smart-notes")')).toEqual({ key: 'smart-notes', error: null });
    const data = await api.current.execute<{ aiFeature: { name: string } }>(
      '{ aiFeature(slug: "smart-notes") { name } }',
    );
    expect(data.aiFeature.name).toBe('Smarter notes');
  });

  it('sets the organisation profile', async () => {
    expect(
      await define(
        'updateOrganization(contactEmail: "terms@northwind.example.com", legalName: "Northwind Meetings Ltd")',
      ),
    ).toMatchObject({ error: null });
    const data = await api.current.execute<{ organization: { contactEmail: string; legalName: string } }>(
      '{ organization { contactEmail legalName } }',
    );
    expect(data.organization).toEqual({
      contactEmail: 'terms@northwind.example.com',
      legalName: 'Northwind Meetings Ltd',
    });
  });
});

describe('refusals change nothing', () => {
  it.each([
    ['createSegment(key: "Bad Key", name: "x")', 'BAD_USER_INPUT', 'key'],
    ['createSegment(key: "consumer", name: "again")', 'CONFLICT', 'key'],
    ['createDocument(slug: "x-doc", title: "X", segments: ["nobody"])', 'BAD_USER_INPUT', 'segments'],
    ['createDocument(slug: "x-doc", title: "X", kind: "novel")', 'BAD_USER_INPUT', 'kind'],
    ['createDocument(slug: "x-doc", title: "X", noticePeriodDays: -1)', 'BAD_USER_INPUT', 'noticePeriodDays'],
    ['updateSegment(key: "nobody", name: "x")', 'NOT_FOUND', 'key'],
    ['updateSegment(key: "consumer")', 'BAD_USER_INPUT', null],
    ['updateOrganization(website: "not a url")', 'BAD_USER_INPUT', 'website'],
  ])('%s → %s', async (mutation, code, field) => {
    const before = await rowCounts(api.current.database.prisma);
    const payload = await define(mutation);
    expect(payload.error?.code).toBe(code);
    expect(payload.error?.field ?? null).toBe(field);
    const after = await rowCounts(api.current.database.prisma);
    // Only the audit event of the refusal is written.
    expect({ ...after, AuditEvent: 0 }).toEqual({ ...before, AuditEvent: 0 });
  });

  it('refuses editors and anonymous callers', async () => {
    expect((await define('createSegment(key: "x", name: "x")', tokens.editor)).error?.code).toBe('FORBIDDEN');
    expect((await define('createSegment(key: "x", name: "x")', null as never)).error?.code).toBe('UNAUTHENTICATED');
  });
});
