/**
 * `candor partner add` (issue 18) as a child process against a real HTTP server: an admin creates
 * a partner and gets its token once on stdout; the token then authenticates the partner's webhook
 * queries; a publisher is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });
let tokens: EditorTokens;
const SLOW = { timeout: 180_000 };

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

const cli = (args: readonly string[], token: string) =>
  runCli(args, { CANDOR_API_URL: server.current.url, CANDOR_TOKEN: token });

describe('candor partner add', () => {
  it('prints the new partner token once, which then authenticates the partner', SLOW, async () => {
    const run = await cli(
      ['partner', 'add', '--name', 'Consumer Watch', '--contact', 'hooks@watch.example'],
      tokens.admin,
    );
    expect(run.code, describeRun(run)).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^cnp_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(run.stderr).toContain('Consumer Watch');
    const listed = await asToken(api.current, token, '{ partnerWebhooks { id } }');
    expect(listed.body).toEqual({ data: { partnerWebhooks: [] } });
    expect(await api.current.database.prisma.partner.count({ where: { name: 'Consumer Watch' } })).toBe(1);
  });

  it('refuses anyone but an admin, and a missing flag', SLOW, async () => {
    const refused = await cli(['partner', 'add', '--name', 'X', '--contact', 'x@example.org'], tokens.publisher);
    expect(refused.code, describeRun(refused)).toBe(1);
    expect(refused.stderr).toMatch(/FORBIDDEN|admin/i);
    const usage = await cli(['partner', 'add', '--name', 'X'], tokens.admin);
    expect(usage.code, describeRun(usage)).toBe(2);
  });

  it('is listed in the help with its flags', SLOW, async () => {
    const overview = await runCli(['help']);
    expect(overview.stdout).toContain('partner add --name N --contact C');
    const help = await runCli(['partner', '--help']);
    expect(help.code, describeRun(help)).toBe(0);
    expect(help.stdout).toContain('--contact C');
  });
});
