/**
 * People and tokens (issue 14): editors enrol themselves with an invitation; nobody makes a token
 * for someone else; editors and tokens are listed (with lastUsedAt, kept current); roles change;
 * a disabled editor's tokens stop at once; the last admin who can act cannot be demoted, disabled
 * or have their last token revoked; the audit log says who invited and enrolled whom.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;

const DAY = 86_400_000;
const ERROR = 'error { code message field }';

interface MutationError {
  code: string;
  message: string;
  field: string | null;
}

/** Runs one mutation field and returns its payload; fails on a GraphQL error. */
async function mutate<T>(token: string | null, field: string, variables: Record<string, unknown> = {}): Promise<T> {
  const declared = Object.keys(variables)
    .map((name) => `$${name}: ${VARIABLE_TYPES[name] ?? 'String!'}`)
    .join(', ');
  const { status, body } = await asToken<Record<string, T>>(
    api.current,
    token,
    `mutation${declared === '' ? '' : `(${declared})`} { ${field} }`,
    variables,
  );
  if (body.errors !== undefined) throw new Error(`${status} ${JSON.stringify(body.errors)}`);
  return Object.values(body.data ?? {})[0] as T;
}

/** Variables are String! unless named here. */
const VARIABLE_TYPES: Record<string, string> = { role: 'EditorRole!', days: 'Int' };

interface Invited {
  code: string | null;
  invitation: { prefix: string; email: string; role: string; state: string; expiresAt: string } | null;
  error: MutationError | null;
}

const invite = (email: string, role = 'EDITOR', days: number | null = null, token = tokens.admin) =>
  mutate<Invited>(
    token,
    `createInvitation(email: $email, name: $name, role: $role, expiresInDays: $days) {
      code invitation { prefix email role state expiresAt } ${ERROR} }`,
    { email, name: `Person ${email}`, role, days },
  );

interface Enrolled {
  token: string | null;
  prefix: string | null;
  email: string | null;
  role: string | null;
  error: MutationError | null;
}

const enrol = (code: string) =>
  mutate<Enrolled>(null, `enrol(code: $code, tokenName: "laptop") { token prefix email role ${ERROR} }`, { code });

/** Invites and enrols a person; returns their token. */
async function enrolled(email: string, role = 'EDITOR'): Promise<string> {
  const invited = await invite(email, role);
  expect(invited.error).toBeNull();
  const result = await enrol(invited.code ?? '');
  expect(result.error).toBeNull();
  return result.token ?? '';
}

const viewerOf = (token: string) =>
  asToken<{ viewer: { email: string; role: string } }>(api.current, token, '{ viewer { email role } }');

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

describe('nobody makes a token for someone else', () => {
  it('refuses an admin a token for another editor (FORBIDDEN, audited), and makes one for themselves', async () => {
    const editorEmail = (await viewerOf(tokens.editor)).body.data?.viewer.email ?? '';
    const before = await api.current.database.prisma.apiToken.count();
    const refused = await mutate<{ token: string | null; error: MutationError }>(
      tokens.admin,
      `createToken(email: $email, name: "theirs") { token ${ERROR} }`,
      { email: editorEmail },
    );
    expect(refused.token).toBeNull();
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', field: 'email' });
    expect(refused.error.message).toMatch(/only by the editor it acts as; invite/);
    expect(await api.current.database.prisma.apiToken.count()).toBe(before);
    const audited = await api.current.database.prisma.auditEvent.findFirst({
      where: { action: 'createToken', outcome: 'REFUSED' },
      orderBy: { at: 'desc' },
    });
    expect(audited?.errorCode).toBe('FORBIDDEN');

    const own = await mutate<{ token: string; prefix: string; error: null }>(
      tokens.editor,
      `createToken(name: "ci") { token prefix ${ERROR} }`,
    );
    expect(own.error).toBeNull();
    expect((await viewerOf(own.token)).body.data?.viewer.email).toBe(editorEmail);
  });

  it('has no mutation that creates an editor without their enrolment', async () => {
    const { body } = await asToken(
      api.current,
      tokens.admin,
      'mutation { createEditor(email: "x@example.com", name: "X", role: ADMIN) { error { code } } }',
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('invitations', () => {
  it('enrol a person with their own editor record and first token, once', async () => {
    const invited = await invite('ada@example.com', 'PUBLISHER');
    expect(invited.error).toBeNull();
    expect(invited.code).toMatch(/^cni_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(invited.invitation).toMatchObject({ email: 'ada@example.com', role: 'PUBLISHER', state: 'PENDING' });
    expect(invited.invitation?.expiresAt).toBe(new Date(TEST_NOW.getTime() + 7 * DAY).toISOString());
    const stored = await api.current.database.prisma.invitation.findUniqueOrThrow({
      where: { prefix: invited.invitation?.prefix ?? '' },
    });
    expect(JSON.stringify(stored)).not.toContain(invited.code?.slice(15));

    const result = await enrol(invited.code ?? '');
    expect(result).toMatchObject({ email: 'ada@example.com', role: 'PUBLISHER', error: null });
    expect(result.token).toMatch(/^cnd_/);
    expect((await viewerOf(result.token ?? '')).body.data?.viewer).toEqual({
      email: 'ada@example.com',
      role: 'PUBLISHER',
    });

    const again = await enrol(invited.code ?? '');
    expect(again.token).toBeNull();
    expect(again.error).toMatchObject({ code: 'INVITATION_REDEEMED', field: 'code' });
    expect(await api.current.database.prisma.editor.count({ where: { email: 'ada@example.com' } })).toBe(1);
  });

  it('refuses a code after its expiry, however close (the API clock moved)', async () => {
    const invited = await invite('late@example.com', 'EDITOR', 2);
    api.current.setNow(new Date(TEST_NOW.getTime() + 2 * DAY));
    try {
      const result = await enrol(invited.code ?? '');
      expect(result.error).toMatchObject({ code: 'INVITATION_EXPIRED' });
      expect(result.error?.message).toContain(new Date(TEST_NOW.getTime() + 2 * DAY).toISOString());
    } finally {
      api.current.setNow(TEST_NOW);
    }
    expect(await api.current.database.prisma.editor.count({ where: { email: 'late@example.com' } })).toBe(0);
  });

  it('refuses a revoked code, an unknown one and something that is not a code', async () => {
    const invited = await invite('gone@example.com');
    const revoked = await mutate<{ invitation: { state: string }; error: null }>(
      tokens.admin,
      `revokeInvitation(prefix: $prefix) { invitation { state } ${ERROR} }`,
      { prefix: `cni_${invited.invitation?.prefix}` },
    );
    expect(revoked).toEqual({ invitation: { state: 'REVOKED' }, error: null });
    expect((await enrol(invited.code ?? '')).error?.code).toBe('INVITATION_REVOKED');
    const unknown = `cni_zzzzzzzzzz_${'A'.repeat(43)}`;
    expect((await enrol(unknown)).error).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
    const token = await enrol(tokens.editor);
    expect(token.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(token.error?.message).toMatch(/looks like an API token/);
  });

  it('are for new people only, one pending at a time, for 1 to 30 days, and made by admins', async () => {
    expect((await invite('root@example.com')).error).toMatchObject({ code: 'CONFLICT', field: 'email' });
    const first = await invite('twice@example.com');
    const second = await invite('twice@example.com');
    expect(second.error?.code).toBe('CONFLICT');
    expect(second.error?.message).toContain(`Invitation ${first.invitation?.prefix}`);
    expect((await invite('long@example.com', 'EDITOR', 31)).error).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'expiresInDays',
    });
    const byPublisher = await invite('sock@example.com', 'PUBLISHER', null, tokens.publisher);
    expect(byPublisher.error?.code).toBe('FORBIDDEN');
  });

  it('are listed for admins with their state, inviter and enrolled editor', async () => {
    const { body } = await asToken<{
      invitations: { email: string; state: string; invitedBy: { email: string }; editor: { email: string } | null }[];
    }>(api.current, tokens.admin, '{ invitations { email state invitedBy { email } editor { email } } }');
    const byEmail = new Map(body.data?.invitations.map((i) => [i.email, i]));
    expect(byEmail.get('ada@example.com')).toMatchObject({
      state: 'REDEEMED',
      invitedBy: { email: 'root@example.com' },
      editor: { email: 'ada@example.com' },
    });
    expect(byEmail.get('gone@example.com')?.state).toBe('REVOKED');
    expect(byEmail.get('late@example.com')?.state).toBe('PENDING');
    const pending = await asToken<{ invitations: { email: string }[] }>(
      api.current,
      tokens.admin,
      '{ invitations(state: REVOKED) { email } }',
    );
    expect(pending.body.data?.invitations.map((i) => i.email)).toEqual(['gone@example.com']);
    const editor = await asToken(api.current, tokens.editor, '{ invitations { email } }');
    expect(editor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('leave an audit trail of who invited and who enrolled whom', async () => {
    const { body } = await asToken<{
      auditLog: {
        edges: {
          node: { action: string; detail: string; editor: { email: string } | null; tokenPrefix: string | null };
        }[];
      };
    }>(
      api.current,
      tokens.admin,
      '{ auditLog(first: 100) { edges { node { action detail tokenPrefix editor { email } } } } }',
    );
    const events = body.data?.auditLog.edges.map((e) => e.node) ?? [];
    const invited = events.find((e) => e.action === 'createInvitation' && e.detail.includes('ada@example.com'));
    expect(invited?.editor?.email).toBe('root@example.com');
    expect(invited?.detail).toMatch(/^invited ada@example.com as publisher \(invitation [a-z0-9]{10}, expires /);
    const enrolment = events.find((e) => e.action === 'enrol' && e.editor?.email === 'ada@example.com');
    expect(enrolment?.detail).toMatch(
      /ada@example.com enrolled as publisher with invitation [a-z0-9]{10} from root@example.com/,
    );
    expect(enrolment?.tokenPrefix).toMatch(/^[a-z0-9]{10}$/);
    expect(JSON.stringify(events)).not.toMatch(/cni_[a-z0-9]{10}_/);
  });
});

describe('editors and tokens listed', () => {
  it('lists editors with role, state, creation and inviter, for admins', async () => {
    const { body } = await asToken<{
      editors: {
        email: string;
        role: string;
        disabledAt: string | null;
        createdAt: string;
        invitedBy: { email: string } | null;
      }[];
    }>(api.current, tokens.admin, '{ editors { email role disabledAt createdAt invitedBy { email } } }');
    const byEmail = new Map(body.data?.editors.map((e) => [e.email, e]));
    expect(byEmail.get('ada@example.com')).toMatchObject({
      role: 'PUBLISHER',
      disabledAt: null,
      createdAt: TEST_NOW.toISOString(),
      invitedBy: { email: 'root@example.com' },
    });
    expect(byEmail.get('root@example.com')?.invitedBy).toBeNull();
  });

  it('shows an editor their own tokens and an admin everyone’s', async () => {
    const query = '{ tokens { prefix name editor { email } } }';
    const own = await asToken<{ tokens: { editor: { email: string } }[] }>(api.current, tokens.editor, query);
    const owners = new Set(own.body.data?.tokens.map((t) => t.editor.email));
    expect(owners.size).toBe(1);
    expect(own.body.data?.tokens.length).toBeGreaterThanOrEqual(2);
    const all = await asToken<{ tokens: { editor: { email: string } }[] }>(api.current, tokens.admin, query);
    expect(new Set(all.body.data?.tokens.map((t) => t.editor.email)).size).toBeGreaterThanOrEqual(4);
    const someoneElse = await asToken(api.current, tokens.editor, '{ tokens(email: "root@example.com") { prefix } }');
    expect(someoneElse.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'email' });
    const editors = await asToken(api.current, tokens.editor, '{ editors { email } }');
    expect(editors.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps lastUsedAt current, to the minute', async () => {
    const token = await enrolled('clock@example.com');
    const prefix = /^cnd_([a-z0-9]{10})_/.exec(token)?.[1] ?? '';
    const lastUsed = async () =>
      (await api.current.database.prisma.apiToken.findUniqueOrThrow({ where: { prefix } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    expect((await viewerOf(token)).status).toBe(200);
    // Written after the answer, unawaited: poll.
    await expect.poll(lastUsed).toEqual(TEST_NOW);
    const later = (ms: number) => new Date(TEST_NOW.getTime() + ms);
    try {
      api.current.setNow(later(30_000));
      await viewerOf(token);
      api.current.setNow(later(90_000));
      await viewerOf(token);
      await expect.poll(lastUsed).toEqual(later(90_000));
      const listed = await asToken<{ tokens: { prefix: string; lastUsedAt: string | null }[] }>(
        api.current,
        token,
        '{ tokens { prefix lastUsedAt } }',
      );
      expect(listed.body.data?.tokens.find((t) => t.prefix === prefix)?.lastUsedAt).toBe(later(90_000).toISOString());
    } finally {
      api.current.setNow(TEST_NOW);
    }
  });
});

describe('roles and disabling', () => {
  it('changes a role: a publisher made editor can no longer approve', async () => {
    const token = await enrolled('demoted@example.com', 'PUBLISHER');
    const changed = await mutate<{ editor: { role: string }; error: null }>(
      tokens.admin,
      `setEditorRole(email: $email, role: $role) { editor { role } ${ERROR} }`,
      { email: 'demoted@example.com', role: 'EDITOR' },
    );
    expect(changed).toEqual({ editor: { role: 'EDITOR' }, error: null });
    const approve = await mutate<{ error: MutationError }>(token, `approveVersion(id: "nope") { ${ERROR} }`);
    expect(approve.error.code).toBe('FORBIDDEN');
    const same = await mutate<{ error: MutationError }>(
      tokens.admin,
      `setEditorRole(email: $email, role: $role) { ${ERROR} }`,
      { email: 'demoted@example.com', role: 'EDITOR' },
    );
    expect(same.error.code).toBe('CONFLICT');
    const byEditor = await mutate<{ error: MutationError }>(
      tokens.editor,
      `setEditorRole(email: $email, role: $role) { ${ERROR} }`,
      { email: 'demoted@example.com', role: 'ADMIN' },
    );
    expect(byEditor.error.code).toBe('FORBIDDEN');
  });

  it('disables an editor: their tokens get 401 at once, their history stays', async () => {
    const token = await enrolled('leaver@example.com', 'PUBLISHER');
    const second = await mutate<{ token: string }>(token, `createToken(name: "ci") { token ${ERROR} }`);
    expect((await viewerOf(second.token)).status).toBe(200);
    const disabled = await mutate<{ editor: { disabledAt: string }; error: null }>(
      tokens.admin,
      `disableEditor(email: $email) { editor { disabledAt } ${ERROR} }`,
      { email: 'leaver@example.com' },
    );
    expect(disabled).toEqual({ editor: { disabledAt: TEST_NOW.toISOString() }, error: null });
    for (const each of [token, second.token]) {
      const refused = await viewerOf(each);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // A disabled publisher cannot approve: the request never reaches the workflow.
    const approve = await asToken(api.current, token, 'mutation { approveVersion(id: "any") { error { code } } }');
    expect(approve.status).toBe(401);

    const { prisma } = api.current.database;
    const editor = await prisma.editor.findUniqueOrThrow({
      where: { email: 'leaver@example.com' },
      include: { tokens: true },
    });
    expect(editor.tokens).toHaveLength(2);
    expect(editor.tokens.every((t) => t.revokedAt?.getTime() === TEST_NOW.getTime())).toBe(true);
    expect(await prisma.auditEvent.count({ where: { editorId: editor.id, action: 'createToken' } })).toBe(1);
    const again = await mutate<{ error: MutationError }>(tokens.admin, `disableEditor(email: $email) { ${ERROR} }`, {
      email: 'leaver@example.com',
    });
    expect(again.error.code).toBe('CONFLICT');
  });

  it('refuses to demote, disable or revoke away the last admin who can act, until another admin enrols', async () => {
    // The sample's admin (amara@…) holds no token, so root is the only admin who can act.
    const demote = await mutate<{ error: MutationError }>(
      tokens.admin,
      `setEditorRole(email: $email, role: $role) { ${ERROR} }`,
      { email: 'root@example.com', role: 'PUBLISHER' },
    );
    expect(demote.error.code).toBe('LAST_ADMIN');
    const disable = await mutate<{ error: MutationError }>(tokens.admin, `disableEditor(email: $email) { ${ERROR} }`, {
      email: 'root@example.com',
    });
    expect(disable.error.code).toBe('LAST_ADMIN');
    expect(disable.error.message).toMatch(/admin recover/);
    const rootTokens = await api.current.database.prisma.apiToken.findMany({
      where: { editor: { email: 'root@example.com' }, revokedAt: null },
    });
    expect(rootTokens).toHaveLength(1);
    const revoke = await mutate<{ error: MutationError }>(tokens.admin, `revokeToken(prefix: $prefix) { ${ERROR} }`, {
      prefix: rootTokens[0]?.prefix,
    });
    expect(revoke.error.code).toBe('LAST_ADMIN');

    const second = await enrolled('second-admin@example.com', 'ADMIN');
    const demoted = await mutate<{ editor: { role: string }; error: null }>(
      second,
      `setEditorRole(email: $email, role: $role) { editor { role } ${ERROR} }`,
      { email: 'root@example.com', role: 'PUBLISHER' },
    );
    expect(demoted.error).toBeNull();
    // Root's token now carries the publisher role: its next admin request is refused.
    expect((await asToken(api.current, tokens.admin, '{ editors { email } }')).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const restored = await mutate<{ error: null }>(second, `setEditorRole(email: $email, role: $role) { ${ERROR} }`, {
      email: 'root@example.com',
      role: 'ADMIN',
    });
    expect(restored.error).toBeNull();
  });

  it('lets an editor revoke only their own tokens, an admin anyone’s', async () => {
    const token = await enrolled('revoker@example.com');
    const own = await mutate<{ token: string; prefix: string }>(
      token,
      `createToken(name: "spare") { token prefix ${ERROR} }`,
    );
    const rootPrefix = /^cnd_([a-z0-9]{10})_/.exec(tokens.admin)?.[1];
    const others = await mutate<{ error: MutationError }>(token, `revokeToken(prefix: $prefix) { ${ERROR} }`, {
      prefix: rootPrefix,
    });
    expect(others.error.code).toBe('FORBIDDEN');
    const mine = await mutate<{ revoked: boolean; error: null }>(
      token,
      `revokeToken(prefix: $prefix) { revoked ${ERROR} }`,
      {
        prefix: own.prefix,
      },
    );
    expect(mine).toEqual({ revoked: true, error: null });
    expect((await viewerOf(own.token)).status).toBe(401);
  });
});
