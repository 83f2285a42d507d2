/**
 * `candor keys` (issue 14, safe builds): besides the server's first start, `keys generate` is the
 * only thing that makes a signing key, and it never replaces one; `keys show` prints the key id
 * and public key, never the private key; a database command that finds no key stops and creates
 * nothing. The CLI runs as `pnpm candor` would; no database or API is involved.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signerFromPem } from '@candor/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from './cli-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'candor-keys-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of a run with the key file in `dataDirectory` and no CANDOR_SIGNING_KEY. */
const inDataDirectory = (dataDirectory: string, extra: Record<string, string> = {}) => ({
  CANDOR_DATA_DIR: dataDirectory,
  CANDOR_SIGNING_KEY: '',
  ...extra,
});

// Each test starts the CLI (tsx) up to three times: seconds apiece on a busy 2-core machine.
const SLOW = { timeout: 90_000 };

describe('candor keys', SLOW, () => {
  const dataDirectory = join(scratch, 'data');
  const keyFile = join(dataDirectory, 'signing-key.pem');

  it('show finds no key, says how to make one, and makes none', async () => {
    const run = await runCli(['keys', 'show'], inDataDirectory(dataDirectory));
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain(`${keyFile} does not exist`);
    expect(run.stderr).toContain('pnpm candor keys generate');
    expect(existsSync(dataDirectory)).toBe(false);
  });

  it('generate writes a key only its owner can read and prints its id and public key', async () => {
    const run = await runCli(['keys', 'generate', '--json'], inDataDirectory(dataDirectory));
    expect(run.code, describeRun(run)).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const signer = signerFromPem(readFileSync(keyFile, 'utf8'));
    expect(JSON.parse(run.stdout)).toEqual({
      keyId: signer.keyId,
      publicKeyPem: signer.publicKeyPem,
      source: keyFile,
    });
    expect(run.stderr).toContain('back it up');
    expect(run.stdout).not.toContain('PRIVATE KEY');
  });

  it('generate never replaces a key', async () => {
    const before = readFileSync(keyFile, 'utf8');
    const run = await runCli(['keys', 'generate'], inDataDirectory(dataDirectory));
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toContain(`CONFLICT: ${keyFile} already exists; a signing key is never replaced`);
    expect(run.stderr).toContain('move that file somewhere safe first');
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('show prints the key the server would sign with: CANDOR_SIGNING_KEY over the file, or --file', async () => {
    const fromFile = signerFromPem(readFileSync(keyFile, 'utf8'));
    const shown = await runCli(['keys', 'show'], inDataDirectory(dataDirectory));
    expect(shown.code, describeRun(shown)).toBe(0);
    expect(shown.stdout).toBe(`key id: ${fromFile.keyId}\nsource: ${keyFile}\n${fromFile.publicKeyPem.trimEnd()}\n`);

    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const fromVariable = signerFromPem(pem);
    const [overridden, named] = await Promise.all([
      runCli(['keys', 'show', '--json'], inDataDirectory(dataDirectory, { CANDOR_SIGNING_KEY: pem })),
      runCli(
        ['keys', 'show', '--json', '--file', keyFile],
        inDataDirectory(join(scratch, 'elsewhere'), { CANDOR_SIGNING_KEY: pem }),
      ),
    ]);
    expect(overridden.code, describeRun(overridden)).toBe(0);
    expect(JSON.parse(overridden.stdout)).toMatchObject({ keyId: fromVariable.keyId, source: 'CANDOR_SIGNING_KEY' });
    expect(overridden.stdout).not.toContain('PRIVATE KEY');
    expect(named.code, describeRun(named)).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ keyId: fromFile.keyId, source: keyFile });
  });

  it('generate --file writes where it is told, creating the directories', async () => {
    const file = join(scratch, 'elsewhere', 'deep', 'key.pem');
    const run = await runCli(['keys', 'generate', '--file', file], inDataDirectory(dataDirectory));
    expect(run.code, describeRun(run)).toBe(0);
    expect(createPrivateKey(readFileSync(file, 'utf8')).asymmetricKeyType).toBe('ed25519');
    expect(run.stdout).toMatch(/^key id: [0-9a-f]{16}\nsource: .*key\.pem\n-----BEGIN PUBLIC KEY-----/);
  });

  it('--help documents both subcommands and every flag; an unknown one is a usage error', async () => {
    const [help, bad] = await Promise.all([runCli(['keys', '--help']), runCli(['keys', 'rotate'])]);
    expect(help.code, describeRun(help)).toBe(0);
    for (const text of ['keys generate', 'keys show', '--file FILE', 'CANDOR_DATA_DIR', 'CANDOR_SIGNING_KEY', '--json'])
      expect(help.stdout).toContain(text);
    expect(help.stdout).not.toContain('--token');
    expect(bad.code, describeRun(bad)).toBe(2);
    expect(bad.stderr).toContain('keys: unknown subcommand "rotate"; expected generate or show');
  });
});

describe('database commands without a key', SLOW, () => {
  it('init stops before touching the database, naming the key file and how to make one', async () => {
    const dataDirectory = join(scratch, 'init-data');
    const databaseFile = join(scratch, 'init.db');
    const run = await runCli(['init', '--name', 'Acme', '--segment', 'everyone=Everyone'], {
      ...inDataDirectory(dataDirectory),
      DATABASE_URL: `file:${databaseFile}`,
    });
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain(`${join(dataDirectory, 'signing-key.pem')} does not exist`);
    expect(run.stderr).toContain('pnpm candor keys generate');
    expect(existsSync(dataDirectory)).toBe(false);
    expect(existsSync(databaseFile)).toBe(false);
  });
});
