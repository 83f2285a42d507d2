/**
 * People and tokens through the CLI (issue 14), as child processes against a real HTTP server:
 * invitations and enrolment (the code read from a file, never the command line), tokens made
 * only by their owner and read from CANDOR_TOKEN or --token-file, editors listed, re-roled and
 * disabled, the last admin protected, and a lost last admin recovered from the database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
const DAY = 86_400_000;
const TOKEN = /^cnd_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/;
const CODE = /^cni_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/;
const tokens = { admin: '', publisher: '' };
/** Every test spawns several CLI processes (tsx, a second or more each on a busy machine). */
const SLOW = { timeout: 180_000 };
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'candor-people-'));
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

const cli = (args: readonly string[], token: string | null): Promise<CliRun> =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...(token === null ? {} : { CANDOR_TOKEN: token }) });
const direct = (args: readonly string[]): Promise<CliRun> =>
  runCli(args, { DATABASE_URL: api.current.database.url, CANDOR_NOW: TEST_NOW.toISOString() });

function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

/** Invites `email` as `role` with the admin token; returns the code. */
async function invite(email: string, role: string, extra: string[] = []): Promise<string> {
  const run = await cli(
    ['invite', 'create', '--email', email, '--name', `Person ${role}`, '--role', role, ...extra],
    tokens.admin,
  );
  expectExit(run, 0);
  expect(run.stdout.trim()).toMatch(CODE);
  return run.stdout.trim();
}

describe('enrolment', SLOW, () => {
  it('bootstraps the first admin from the database', async () => {
    const run = await direct(['admin', 'bootstrap', '--email', 'root@example.com', '--name', 'Root']);
    expectExit(run, 0);
    tokens.admin = run.stdout.trim();
    expect(tokens.admin).toMatch(TOKEN);
  });

  it('never takes the code on the command line, and redeems it once from a file', async () => {
    const code = await invite('pat@example.com', 'publisher');
    const onCommandLine = await cli(['enrol', '--code', code], null);
    expectExit(onCommandLine, 2);
    expect(onCommandLine.stderr).toMatch(/--code would leave your invitation code in shell history/);
    expect(onCommandLine.stderr).not.toContain(code);

    const codeFile = file('pat.code', `${code}\n`);
    // A stale CANDOR_TOKEN does not get in the way: enrol sends none.
    const enrolled = await cli(['enrol', '--code-file', codeFile, '--token-name', 'laptop'], 'cnd_revoked000_x');
    expectExit(enrolled, 0);
    expect(enrolled.stdout.trim()).toMatch(TOKEN);
    expect(enrolled.stderr).toMatch(/enrolled as publisher \(pat@example.com\).*printed above, once/);
    tokens.publisher = enrolled.stdout.trim();

    const again = await cli(['enrol', '--code-file', codeFile], null);
    expectExit(again, 1);
    expect(again.stderr).toMatch(/refused: INVITATION_REDEEMED: .*works once/);
    expect(again.stdout).toBe('');
  });

  it('refuses an expired code (the API clock moved past it) and one that was revoked', async () => {
    const late = await invite('late@example.com', 'editor', ['--expires-in-days', '1']);
    api.current.setNow(new Date(TEST_NOW.getTime() + DAY));
    try {
      const run = await cli(['enrol', '--code-file', file('late.code', late)], null);
      expectExit(run, 1);
      expect(run.stderr).toMatch(/refused: INVITATION_EXPIRED/);
    } finally {
      api.current.setNow(TEST_NOW);
    }
    const gone = await invite('gone@example.com', 'editor');
    expectExit(await cli(['invite', 'revoke', '--prefix', gone.slice(0, 14)], tokens.admin), 0);
    const run = await cli(['enrol', '--code-file', file('gone.code', gone)], null);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/refused: INVITATION_REVOKED/);
  });

  it('lists invitations with their state and who enrolled', async () => {
    const run = await cli(['invite', 'list'], tokens.admin);
    expectExit(run, 0);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const byEmail = new Map(rows.map((row) => [row[1], row]));
    expect(byEmail.get('pat@example.com')?.slice(2, 4)).toEqual(['publisher', 'redeemed']);
    expect(byEmail.get('pat@example.com')?.slice(6)).toEqual(['root@example.com', 'pat@example.com']);
    expect(byEmail.get('late@example.com')?.[3]).toBe('pending');
    expect(byEmail.get('gone@example.com')?.[3]).toBe('revoked');
    const revoked = await cli(['invite', 'list', '--state', 'revoked'], tokens.admin);
    expect(revoked.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('tokens', SLOW, () => {
  it('refuses an admin a token for someone else (exit 1, FORBIDDEN)', async () => {
    const run = await cli(['token', 'create', '--email', 'pat@example.com', '--name', 'theirs'], tokens.admin);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/refused: FORBIDDEN: A token is made only by the editor it acts as/);
    expect(run.stdout).toBe('');
  });

  it('makes another token for the caller, read back from --token-file; --token works but warns', async () => {
    const created = await cli(['token', 'create', '--name', 'ci'], tokens.publisher);
    expectExit(created, 0);
    const ci = created.stdout.trim();
    expect(ci).toMatch(TOKEN);
    const fromFile = await runCli(['token', 'list', '--token-file', file('ci.token', `${ci}\n`)], {
      CANDOR_API_URL: server.current.url,
    });
    expectExit(fromFile, 0);
    const rows = fromFile.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows.map((row) => row[1])).toEqual(['pat@example.com', 'pat@example.com']);
    expect(rows.map((row) => row[2])).toEqual(['ci', 'laptop']);
    expect(fromFile.stderr).not.toMatch(/warning/);

    const flag = await runCli(['token', 'list', '--token', ci], { CANDOR_API_URL: server.current.url });
    expectExit(flag, 0);
    expect(flag.stderr).toMatch(/warning: --token puts your token in your shell history/);
    const missing = await cli(['token', 'list', '--token-file', join(work, 'nope')], null);
    expectExit(missing, 2);
  });

  it('shows when each token was last used', async () => {
    const prefix = tokens.publisher.slice(4, 14);
    const run = await cli(['token', 'list', '--email', 'pat@example.com'], tokens.admin);
    expectExit(run, 0);
    const row = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'))
      .find((r) => r[0] === prefix);
    expect(row?.[6]).toBe(TEST_NOW.toISOString());
  });
});

describe('editors', SLOW, () => {
  it('lists editors with their role, state and inviter', async () => {
    const run = await cli(['editor', 'list'], tokens.admin);
    expectExit(run, 0);
    const byEmail = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t'))
        .map((row) => [row[0], row]),
    );
    expect(byEmail.get('pat@example.com')?.slice(1, 3)).toEqual(['publisher', 'enabled']);
    expect(byEmail.get('pat@example.com')?.[4]).toBe('root@example.com');
    expect(byEmail.get('root@example.com')?.[4]).toBe('—');
    expectExit(await cli(['editor', 'list'], tokens.publisher), 1);
  });

  it('refuses to disable or demote the last admin who can act (LAST_ADMIN)', async () => {
    const disable = await cli(['editor', 'disable', '--email', 'root@example.com'], tokens.admin);
    expectExit(disable, 1);
    expect(disable.stderr).toMatch(/refused: LAST_ADMIN/);
    const demote = await cli(['editor', 'set-role', '--email', 'root@example.com', '--role', 'editor'], tokens.admin);
    expectExit(demote, 1);
    expect(demote.stderr).toMatch(/refused: LAST_ADMIN/);
  });

  it('changes a role, and disables an editor whose tokens then get 401 (exit 3)', async () => {
    const role = await cli(['editor', 'set-role', '--email', 'pat@example.com', '--role', 'editor'], tokens.admin);
    expectExit(role, 0);
    expect(role.stdout.trim()).toBe('pat@example.com\teditor');
    const disabled = await cli(['editor', 'disable', '--email', 'pat@example.com'], tokens.admin);
    expectExit(disabled, 0);
    expect(disabled.stdout.trim()).toBe(`pat@example.com\tdisabled\t${TEST_NOW.toISOString()}`);
    const refused = await cli(['draft', 'list'], tokens.publisher);
    expectExit(refused, 3);
    expect(refused.stderr).toMatch(/UNAUTHENTICATED: .*disabled/);
  });
});

describe('admin recover (database access)', SLOW, () => {
  it('is refused while an admin can act, unless forced', async () => {
    const run = await direct(['admin', 'recover', '--email', 'root@example.com']);
    expectExit(run, 1);
    expect(run.stderr).toMatch(/refused: CONFLICT: An admin can still act \(root@example.com holds a live token\)/);
    expect(run.stdout).toBe('');
  });

  it('recovers a locked-out last admin with a new token, revoking the lost ones, audited', async () => {
    const { prisma } = api.current.database;
    // The laptop with the only admin token is gone: an operator marks it revoked in the database.
    await prisma.apiToken.updateMany({
      where: { editor: { email: 'root@example.com' } },
      data: { revokedAt: TEST_NOW },
    });
    expectExit(await cli(['editor', 'list'], tokens.admin), 3);

    const run = await direct(['admin', 'recover', '--email', 'root@example.com']);
    expectExit(run, 0);
    const recovered = run.stdout.trim();
    expect(recovered).toMatch(TOKEN);
    expect(run.stderr).toMatch(
      /Admin root@example.com reissued; token [a-z0-9]{10} created \(audited as recoverAdmin\)/,
    );
    expectExit(await cli(['editor', 'list'], recovered), 0);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'recoverAdmin' } });
    expect(event).toMatchObject({ outcome: 'OK', editorId: null, tokenId: null });
    expect(event.detail).toMatch(
      /^admin root@example.com reissued from the database; token [a-z0-9]{10}; 0 old tokens revoked$/,
    );
    tokens.admin = recovered;
  });

  it('with --force, makes a new admin even while one can act, and says so in the audit log', async () => {
    const missingName = await direct(['admin', 'recover', '--email', 'new-admin@example.com', '--force']);
    expectExit(missingName, 1);
    expect(missingName.stderr).toMatch(/give --name/);
    const run = await direct(['admin', 'recover', '--email', 'new-admin@example.com', '--name', 'New', '--force']);
    expectExit(run, 0);
    expect(run.stderr).toMatch(/Admin new-admin@example.com created/);
    const event = await api.current.database.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'recoverAdmin', detail: { startsWith: 'admin new-admin@example.com' } },
    });
    expect(event.detail).toMatch(/forced while root@example.com could act$/);
  });
});
