import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;

const DAY = 86_400_000;
const SEGMENTS = ['consumer', 'business', 'enterprise', 'education', 'healthcare'];

/** A small material terms version in Candor's Markdown format. */
function termsMarkdown(
  label: string,
  options: { explanations?: boolean; duplicateKey?: boolean; variant?: string } = {},
): string {
  const explanations =
    options.explanations === false
      ? ''
      : `explanations:\n${SEGMENTS.map(
          (segment) =>
            `  ${segment}:\n    summary: Plain summary for ${segment}.\n    whatChanges: AI training now needs a fresh opt-in for ${segment}.\n    affected: true`,
        ).join('\n')}\n`;
  return `---
document: terms-of-service
label: ${label}
material: true
changeNote: AI training needs a fresh opt-in.
${explanations}---

## 10.1 Customer Content {#10.1}

You own your content. We use it only to provide the Services.

## 10.4 Machine Learning and Artificial Intelligence {#10.4}

Northwind will not use Customer Content to train any model unless the Account Owner opts in again after this version takes effect.

## ${options.duplicateKey ? '10.4' : '10.9'} Opt-in Records {#${options.duplicateKey ? '10.4' : '10.9'}}

Northwind keeps a record of every opt-in and shows it to the Account Owner on request.${options.variant === undefined ? '' : ` ${options.variant}`}
`;
}

interface MutationError {
  code: string;
  message: string;
  field: string | null;
  problems: { field: string; line: number | null }[];
}

const DRAFT_FIELDS = 'draft { id label status } error { code message field problems { field message line } }';

async function countRows() {
  const { prisma } = api.current.database;
  const [versions, clauses, checkpoints, published] = await Promise.all([
    prisma.version.count(),
    prisma.clause.count(),
    prisma.checkpoint.count(),
    prisma.version.count({ where: { status: 'PUBLISHED' } }),
  ]);
  return { versions, clauses, checkpoints, published };
}

/** The sample's scheduled terms versions (published, not withdrawn, not yet in effect), soonest first. */
async function scheduledTerms() {
  const scheduled = await api.current.database.prisma.version.findMany({
    where: {
      document: { slug: 'terms-of-service' },
      status: 'PUBLISHED',
      withdrawal: null,
      effectiveAt: { gt: TEST_NOW },
    },
    orderBy: { effectiveAt: 'asc' },
  });
  const dated = scheduled.flatMap(({ label, effectiveAt }) => (effectiveAt === null ? [] : [{ label, effectiveAt }]));
  if (dated.length === 0) throw new Error('the sample has no scheduled terms version');
  return dated;
}

async function mutate<T>(token: string | null, query: string): Promise<T> {
  const { body } = await asToken<Record<string, T>>(api.current, token, `mutation { ${query} }`);
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
  return Object.values(body.data ?? {})[0] as T;
}

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

describe('the version workflow', () => {
  let draftId: string;

  it('refuses mutations without a token, and audits the refusal', async () => {
    const before = await countRows();
    const result = await mutate<{ error: MutationError }>(
      null,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('anon'))}) { ${DRAFT_FIELDS} }`,
    );
    expect(result.error.code).toBe('UNAUTHENTICATED');
    expect(await countRows()).toEqual(before);
    const refused = await api.current.database.prisma.auditEvent.findFirst({
      where: { action: 'createDraft', outcome: 'REFUSED' },
    });
    expect(refused?.errorCode).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad token for the whole request with 401', async () => {
    const { status, body } = await asToken(
      api.current,
      'cnd_xxxxxxxxxx_notarealtokennotarealtokennotarealtokenxxxxxxx',
      '{ segments { key } }',
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses invalid Markdown, naming every problem, and writes nothing', async () => {
    const before = await countRows();
    const result = await mutate<{ error: MutationError }>(
      tokens.editor,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('dup', { duplicateKey: true }))}) { ${DRAFT_FIELDS} }`,
    );
    expect(result.error.code).toBe('BAD_USER_INPUT');
    expect(result.error.problems.length).toBeGreaterThanOrEqual(1);
    expect(result.error.problems.some((p) => p.line !== null)).toBe(true);
    expect(await countRows()).toEqual(before);
  });

  it('refuses an unknown document', async () => {
    const markdown = termsMarkdown('x').replace('document: terms-of-service', 'document: no-such-doc');
    const result = await mutate<{ error: MutationError }>(
      tokens.editor,
      `createDraft(markdown: ${JSON.stringify(markdown)}) { ${DRAFT_FIELDS} }`,
    );
    expect(result.error.code).toBe('NOT_FOUND');
    expect(result.error.field).toBe('document');
  });

  it('creates a draft that the public cannot see', async () => {
    const result = await mutate<{ draft: { id: string; status: string }; error: null }>(
      tokens.editor,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('2026-07'))}) { ${DRAFT_FIELDS} }`,
    );
    expect(result.error).toBeNull();
    expect(result.draft.status).toBe('DRAFT');
    draftId = result.draft.id;
    const pub = await api.current.request(
      '{ document(slug: "terms-of-service") { version(label: "2026-07") { label } } }',
    );
    expect(pub.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a duplicate label with CONFLICT', async () => {
    const result = await mutate<{ error: MutationError }>(
      tokens.editor,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('2026-07'))}) { ${DRAFT_FIELDS} }`,
    );
    expect(result.error).toMatchObject({ code: 'CONFLICT', field: 'label' });
  });

  it('submits, refuses the author’s own approval and an editor’s approval, accepts the publisher’s', async () => {
    expect(
      (
        await mutate<{ draft: { status: string } }>(
          tokens.editor,
          `submitForReview(id: "${draftId}") { ${DRAFT_FIELDS} }`,
        )
      ).draft.status,
    ).toBe('IN_REVIEW');
    const byEditor = await mutate<{ error: MutationError }>(
      tokens.editor,
      `approveVersion(id: "${draftId}") { ${DRAFT_FIELDS} }`,
    );
    expect(byEditor.error.code).toBe('FORBIDDEN');
    // The publisher drafts its own version and may not approve it.
    const own = await mutate<{ draft: { id: string } }>(
      tokens.publisher,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('own-work'))}) { ${DRAFT_FIELDS} }`,
    );
    await mutate(tokens.publisher, `submitForReview(id: "${own.draft.id}") { ${DRAFT_FIELDS} }`);
    const selfApproval = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `approveVersion(id: "${own.draft.id}") { ${DRAFT_FIELDS} }`,
    );
    expect(selfApproval.error.code).toBe('TWO_PERSON_RULE');
    const approved = await mutate<{ draft: { status: string }; error: null }>(
      tokens.publisher,
      `approveVersion(id: "${draftId}") { ${DRAFT_FIELDS} }`,
    );
    expect(approved.error).toBeNull();
    expect(approved.draft.status).toBe('APPROVED');
  });

  it('refuses publishing inside the notice period or in the past, and changes nothing', async () => {
    const before = await countRows();
    const tooSoon = new Date(TEST_NOW.getTime() + 10 * DAY).toISOString();
    const inside = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `publishVersion(id: "${draftId}", effectiveAt: "${tooSoon}") { error { code message field } }`,
    );
    expect(inside.error).toMatchObject({ code: 'NOTICE_PERIOD', field: 'effectiveAt' });
    const past = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `publishVersion(id: "${draftId}", effectiveAt: "2020-01-01T00:00:00Z") { error { code field } }`,
    );
    expect(past.error.code).toBe('EFFECTIVE_DATE_IN_PAST');
    const byEditor = await mutate<{ error: MutationError }>(
      tokens.editor,
      `publishVersion(id: "${draftId}") { error { code } }`,
    );
    expect(byEditor.error.code).toBe('FORBIDDEN');
    expect(await countRows()).toEqual(before);
    const draft = await api.current.database.prisma.version.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft.status).toBe('APPROVED');
  });

  it('refuses publishing before the sample’s scheduled version, which would silently undo it', async () => {
    const before = await countRows();
    const [scheduled] = await scheduledTerms();
    if (scheduled === undefined) throw new Error('unreachable');
    const early = new Date(TEST_NOW.getTime() + 31 * DAY).toISOString();
    const result = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `publishVersion(id: "${draftId}", effectiveAt: "${early}") { error { code message field } }`,
    );
    expect(result.error).toMatchObject({ code: 'CONFLICTS_WITH_SCHEDULED', field: 'effectiveAt' });
    expect(result.error.message).toContain(`before version ${scheduled.label}`);
    expect(result.error.message).toContain(`withdraw ${scheduled.label} and re-issue it on top of the new text`);
    expect(result.error.message).toContain(`at or after ${scheduled.label}'s effective date`);
    expect(await countRows()).toEqual(before);
  });

  it('publishes with a valid date: upcoming now, current later, with a stored changelog and a signed checkpoint', async () => {
    const before = await countRows();
    // After the sample's scheduled version (the refusal above names it as an option).
    const last = (await scheduledTerms()).at(-1)?.effectiveAt ?? TEST_NOW;
    const effective = new Date(last.getTime() + 15 * DAY);
    const result = await mutate<{
      version: { label: string; contentHash: string; previousHash: string };
      checkpointSequence: number;
      error: null;
    }>(
      tokens.publisher,
      `publishVersion(id: "${draftId}", effectiveAt: "${effective.toISOString()}") { version { label contentHash previousHash } checkpointSequence error { code message } }`,
    );
    expect(result.error).toBeNull();
    expect(result.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const after = await countRows();
    expect(after.published).toBe(before.published + 1);
    expect(after.checkpoints).toBe(before.checkpoints + 1);

    const upcoming = await api.current.execute<{
      document: { upcoming: { label: string }[]; current: { label: string } };
    }>('{ document(slug: "terms-of-service") { upcoming { label } current { label } } }');
    expect(upcoming.document.upcoming.map((v) => v.label)).toContain('2026-07');
    expect(upcoming.document.current.label).not.toBe('2026-07');

    api.current.setNow(new Date(effective.getTime() + DAY));
    try {
      const later = await api.current.execute<{
        document: { current: { label: string; timing: string; changes: { changes: { key: string; kind: string }[] } } };
      }>('{ document(slug: "terms-of-service") { current { label timing changes { changes { key kind } } } } }');
      expect(later.document.current.label).toBe('2026-07');
      expect(later.document.current.timing).toBe('IN_FORCE');
      const kinds = Object.fromEntries(later.document.current.changes.changes.map((c) => [c.key, c.kind]));
      expect(kinds['10.4']).toBe('MODIFIED');
      expect(kinds['10.9']).toBeDefined();
      expect(Object.values(kinds)).toContain('REMOVED');
    } finally {
      api.current.setNow(TEST_NOW);
    }
  });

  it('verifies every chain and signs checkpoints with the published key', async () => {
    const data = await api.current.execute<{
      integrity: {
        publicKeyPem: string;
        latestCheckpoint: { payload: string; signature: string };
        verify: { ok: boolean; problems: unknown[] };
      };
    }>('{ integrity { publicKeyPem latestCheckpoint { payload signature } verify { ok problems { code message } } } }');
    expect(data.integrity.verify).toEqual({ ok: true, problems: [] });
    const { payload, signature } = data.integrity.latestCheckpoint;
    expect(
      verify(
        null,
        Buffer.from(payload),
        createPublicKey(data.integrity.publicKeyPem),
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
    // Checkpoint format 2 names every chain; the terms chain counts every published version.
    const published = await api.current.database.prisma.version.count({
      where: { document: { slug: 'terms-of-service' }, status: 'PUBLISHED' },
    });
    expect(
      JSON.parse(payload).chains.find((c: { chain: string }) => c.chain === 'document/terms-of-service').count,
    ).toBe(published);
  });

  it('refuses a material version without explanations for every segment, at submission and at publication', async () => {
    const draft = await mutate<{ draft: { id: string } }>(
      tokens.editor,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('no-expl', { explanations: false }))}) { ${DRAFT_FIELDS} }`,
    );
    const submitted = await mutate<{ draft: null; error: MutationError }>(
      tokens.editor,
      `submitForReview(id: "${draft.draft.id}") { ${DRAFT_FIELDS} }`,
    );
    expect(submitted.error).toMatchObject({ code: 'EXPLANATIONS_MISSING', field: 'explanations' });
    // Publication checks again, whatever let the version get this far (here: a row set by hand).
    const { prisma } = api.current.database;
    await prisma.version.update({ where: { id: draft.draft.id }, data: { status: 'APPROVED' } });
    const result = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `publishVersion(id: "${draft.draft.id}", effectiveAt: "${new Date(TEST_NOW.getTime() + 60 * DAY).toISOString()}") { error { code field } }`,
    );
    expect(result.error).toMatchObject({ code: 'EXPLANATIONS_MISSING', field: 'explanations' });
  });
});

describe('immutability', () => {
  it('the database refuses a raw UPDATE or DELETE of a published version or clause', async () => {
    const { prisma } = api.current.database;
    const version = await prisma.version.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "Version" SET "changeNote" = 'rewritten' WHERE "id" = '${version.id}'`),
    ).rejects.toThrow(/immutable/);
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "Clause" SET "body" = 'rewritten' WHERE "versionId" = '${version.id}'`),
    ).rejects.toThrow(/immutable|published/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "Version" WHERE "id" = '${version.id}'`)).rejects.toThrow(
      /immutable/,
    );
    await expect(prisma.$executeRawUnsafe('DELETE FROM "Checkpoint"')).rejects.toThrow(/append-only|immutable/);
    const unchanged = await prisma.version.findUniqueOrThrow({ where: { id: version.id } });
    expect(unchanged.changeNote).toBe(version.changeNote);
  });
});

describe('withdrawal', () => {
  it('withdraws a scheduled version before it takes effect, and not after', async () => {
    const draft = await mutate<{ draft: { id: string } }>(
      tokens.editor,
      `createDraft(markdown: ${JSON.stringify(termsMarkdown('to-withdraw', { variant: 'Records are kept for six years.' }))}) { ${DRAFT_FIELDS} }`,
    );
    const id = draft.draft.id;
    await mutate(tokens.editor, `submitForReview(id: "${id}") { ${DRAFT_FIELDS} }`);
    await mutate(tokens.publisher, `approveVersion(id: "${id}") { ${DRAFT_FIELDS} }`);
    const effective = new Date(TEST_NOW.getTime() + 90 * DAY).toISOString();
    expect(
      (
        await mutate<{ error: null }>(
          tokens.publisher,
          `publishVersion(id: "${id}", effectiveAt: "${effective}") { error { code } }`,
        )
      ).error,
    ).toBeNull();
    const withdrawn = await mutate<{ error: null }>(
      tokens.publisher,
      `withdrawVersion(id: "${id}", reason: "Published by mistake") { error { code } }`,
    );
    expect(withdrawn.error).toBeNull();
    const data = await api.current.execute<{
      document: { version: { timing: string; withdrawal: { reason: string } }; upcoming: { label: string }[] };
    }>(
      '{ document(slug: "terms-of-service") { version(label: "to-withdraw") { timing withdrawal { reason } } upcoming { label } } }',
    );
    expect(data.document.version.timing).toBe('WITHDRAWN');
    expect(data.document.version.withdrawal.reason).toBe('Published by mistake');
    expect(data.document.upcoming.map((v) => v.label)).not.toContain('to-withdraw');
    const again = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `withdrawVersion(id: "${id}", reason: "again") { error { code } }`,
    );
    expect(again.error.code).toBe('INVALID_STATE');
    const inForce = await api.current.database.prisma.version.findFirstOrThrow({ where: { label: '2025-03' } });
    const late = await mutate<{ error: MutationError }>(
      tokens.publisher,
      `withdrawVersion(id: "${inForce.id}", reason: "too late") { error { code } }`,
    );
    expect(late.error.code).toBe('ALREADY_IN_EFFECT');
    // After the withdrawn version's date, the in-force version is the latest effective one that
    // was not withdrawn: 2026-07; the sample's "next", effective before it, is superseded.
    api.current.setNow(new Date(TEST_NOW.getTime() + 91 * DAY));
    try {
      const timeline = await api.current.execute<{
        document: { current: { label: string }; versions: { edges: { node: { label: string; timing: string } }[] } };
      }>(
        '{ document(slug: "terms-of-service") { current { label } versions(first: 20) { edges { node { label timing } } } } }',
      );
      const timing = Object.fromEntries(timeline.document.versions.edges.map(({ node }) => [node.label, node.timing]));
      expect(timeline.document.current.label).toBe('2026-07');
      expect(timing).toMatchObject({
        next: 'SUPERSEDED',
        '2026-07': 'IN_FORCE',
        'to-withdraw': 'WITHDRAWN',
        '2025-03': 'SUPERSEDED',
      });
      expect(Object.values(timing).filter((value) => value === 'IN_FORCE')).toHaveLength(1);
    } finally {
      api.current.setNow(TEST_NOW);
    }
    const verified = await api.current.execute<{ integrity: { verify: { ok: boolean } } }>(
      '{ integrity { verify { ok } } }',
    );
    expect(verified.integrity.verify.ok).toBe(true);
  });
});

describe('the audit log', () => {
  it('records who did what, including refusals, for admins only', async () => {
    const admin = await asToken<{
      auditLog: {
        edges: {
          node: { action: string; outcome: string; tokenPrefix: string | null; editor: { email: string } | null };
        }[];
      };
    }>(
      api.current,
      tokens.admin,
      '{ auditLog(first: 100) { edges { node { action outcome errorCode tokenPrefix editor { email } } } } }',
    );
    const events = admin.body.data?.auditLog.edges.map((e) => e.node) ?? [];
    expect(events.some((e) => e.action === 'publishVersion' && e.outcome === 'OK' && e.tokenPrefix !== null)).toBe(
      true,
    );
    expect(events.some((e) => e.action === 'approveVersion' && e.outcome === 'REFUSED')).toBe(true);
    const editor = await asToken(api.current, tokens.editor, '{ auditLog(first: 5) { edges { node { action } } } }');
    expect(editor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('API tokens', () => {
  it('expire and can be revoked', async () => {
    const expiresAt = new Date(TEST_NOW.getTime() + DAY).toISOString();
    const past = await mutate<{ error: MutationError }>(
      tokens.admin,
      `createToken(email: "root@example.com", name: "stale", expiresAt: "2020-01-01T00:00:00Z") { token error { code field } }`,
    );
    expect(past.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresAt' });
    const created = await mutate<{ token: string; prefix: string }>(
      tokens.admin,
      `createToken(email: "root@example.com", name: "short-lived", expiresAt: "${expiresAt}") { token prefix error { code } }`,
    );
    const stored = await api.current.database.prisma.apiToken.findUniqueOrThrow({ where: { prefix: created.prefix } });
    expect(stored.hash).not.toContain(created.token);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect((await asToken(api.current, created.token, '{ viewer { email } }')).status).toBe(200);
    api.current.setNow(new Date(TEST_NOW.getTime() + 2 * DAY));
    try {
      const expired = await asToken(api.current, created.token, '{ viewer { email } }');
      expect(expired.status).toBe(401);
      expect(expired.body.errors?.[0]?.message).toMatch(/expired/);
    } finally {
      api.current.setNow(TEST_NOW);
    }
    const revoked = await mutate<{ revoked: boolean }>(
      tokens.admin,
      `revokeToken(prefix: "${created.prefix}") { revoked error { code } }`,
    );
    expect(revoked.revoked).toBe(true);
    const after = await asToken(api.current, created.token, '{ viewer { email } }');
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.message).toMatch(/revoked/);
  });
});
