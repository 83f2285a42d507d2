/**
 * How the CLI fails: usage errors exit 2, an unreachable API or a refused token exit 3, and a
 * token is never echoed. Also the help texts, which document the commands and exit codes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';
import { type CliRun, describeRun, runCli } from './cli-process.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga, { graceSeconds: 5 });

const cli = (args: readonly string[], env: Record<string, string> = {}) =>
  runCli(args, { CANDOR_API_URL: server.current.url, ...env });

function expectExit(run: CliRun, code: number): void {
  expect(run.code, describeRun(run)).toBe(code);
}

describe('help', () => {
  it('lists every command, its flags and the exit codes', async () => {
    const run = await runCli(['help']);
    expectExit(run, 0);
    for (const text of [
      'admin bootstrap --email E --name N',
      'admin recover --email E [--name N] [--force]',
      'invite create --email E --name N --role editor|publisher|admin [--expires-in-days N]',
      'enrol [--code-file PATH] [--token-name N]',
      'editor list',
      'editor set-role --email E --role editor|publisher|admin',
      'editor disable --email E',
      'token create --name N [--expires-at ISO]',
      'token list [--email E]',
      'token revoke --prefix P',
      'draft create --file',
      'draft update --id ID --file',
      'draft list [--document SLUG]',
      'submit --id ID',
      'approve --id ID',
      'publish --id ID [--effective-at ISO]',
      'withdraw --id ID --reason R',
      'feature revise --file',
      'feature publish --id ID [--effective-at ISO]',
      'stats import --file',
      'export --out DIR',
      'checkpoint save --out FILE',
      'verify [--checkpoint FILE]',
      'verify --export DIR [--checkpoint FILE]',
      '--json',
      'CANDOR_API_URL',
      'CANDOR_TOKEN',
      '--token-file PATH',
      'exit codes:',
    ]) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).toMatch(/^ {2}3 {2}cannot reach the API, or authentication failed/m);
  });

  it('prints one group with its flags and the exit codes', async () => {
    const run = await runCli(['draft', '--help']);
    expectExit(run, 0);
    expect(run.stdout).toContain('pnpm candor draft update --id ID --file terms.md');
    expect(run.stdout).toContain('--api URL');
    expect(run.stdout).toContain('exit codes:');
    const single = await runCli(['publish', '-h']);
    expectExit(single, 0);
    expect(single.stdout).toContain('NOTICE_PERIOD');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['no subcommand', ['draft'], /missing subcommand/],
    ['an unknown subcommand', ['token', 'mint'], /unknown subcommand "mint"/],
    ['an unknown flag', ['draft', 'list', '--colour'], /Unknown option '--colour'/],
    ['a stray word', ['submit', 'abc'], /Unexpected argument 'abc'/],
    ['a missing required flag', ['submit'], /--id is required/],
    ['a flag without its value', ['publish', '--id'], /--id/],
    ['an unreadable file', ['draft', 'create', '--file', '/nonexistent/terms.md'], /cannot read .*no such file/],
    [
      'a malformed date',
      ['publish', '--id', 'x', '--effective-at', '2026-13-01'],
      /--effective-at must be an ISO 8601/,
    ],
    [
      'an unknown role',
      ['invite', 'create', '--email', 'a@b.c', '--name', 'A', '--role', 'boss'],
      /--role must be one of/,
    ],
    ['a bad API URL', ['verify', '--api', 'not a url'], /--api/],
    ['a missing export', ['verify', '--export', '/nonexistent/export'], /cannot read/],
    ['a file that is no checkpoint', ['verify', '--checkpoint', 'package.json'], /no "payload" and "signature"/],
  ])('for %s', async (_what, args, message) => {
    const run = await cli(args, { CANDOR_TOKEN: 'cnd_aaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' });
    expectExit(run, 2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/for usage/);
    expect(run.stdout).toBe('');
  });
});

describe('connection and authentication failures exit 3', () => {
  const unknownToken = `cnd_zzzzzzzzzz_${'x'.repeat(43)}`;

  it('for an unknown token, without echoing it', async () => {
    const run = await cli(['draft', 'list'], { CANDOR_TOKEN: unknownToken });
    expectExit(run, 3);
    expect(run.stderr).toContain('UNAUTHENTICATED');
    expect(run.stderr).not.toContain(unknownToken);
    expect(run.stdout).toBe('');
  });

  it('for a malformed token given as a flag, warning that the flag exposes it', async () => {
    const run = await cli(['submit', '--id', 'x', '--token', 'not-a-token']);
    expectExit(run, 3);
    expect(run.stderr).toMatch(/warning: --token puts your token in your shell history/);
    expect(run.stderr).toMatch(/UNAUTHENTICATED: Malformed API token/);
    expect(run.stderr).not.toContain('not-a-token');
  });

  it('for a mutation without a token', async () => {
    const run = await cli(['submit', '--id', 'x']);
    expectExit(run, 3);
    expect(run.stderr).toMatch(/needs an API token: set CANDOR_TOKEN or pass --token-file PATH/);
  });

  it('when nothing listens at the API URL', async () => {
    const run = await runCli(['verify'], { CANDOR_API_URL: 'http://127.0.0.1:9' });
    expectExit(run, 3);
    expect(run.stderr).toMatch(/cannot reach the API at http:\/\/127\.0\.0\.1:9\/graphql/);
  });

  it('when the URL answers something that is not GraphQL', async () => {
    const proxy = createServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const run = await runCli(['verify', '--api', `http://127.0.0.1:${port}`]);
      expectExit(run, 3);
      expect(run.stderr).toMatch(/answered HTTP 502 without a GraphQL response/);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('public commands ignore a stale CANDOR_TOKEN', async () => {
    const run = await cli(['verify', '--json'], { CANDOR_TOKEN: unknownToken });
    expectExit(run, 0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
  });
});
