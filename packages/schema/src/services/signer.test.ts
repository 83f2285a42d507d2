import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../domain/checkpoint.js';
import { createSigningKeyFile, loadOrCreateSigner, loadSigner, SigningKeyExistsError } from './signer.js';

const directories: string[] = [];
const keyFileInNewDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'candor-signer-'));
  directories.push(directory);
  return join(directory, 'nested', 'signing-key.pem');
};
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('loadSigner', () => {
  it('finds no key and creates none when neither CANDOR_SIGNING_KEY nor the file exists', () => {
    const keyFile = keyFileInNewDirectory();
    expect(loadSigner({ keyFile })).toBeNull();
    expect(loadSigner({ keyPem: '  ', keyFile })).toBeNull();
    expect(existsSync(keyFile)).toBe(false);
  });

  it('prefers CANDOR_SIGNING_KEY to the file, and says which it read', () => {
    const keyFile = createdKeyFile();
    const fromFile = loadSigner({ keyFile });
    const { privateKeyPem } = generateSigningKeyPair();
    const fromVariable = loadSigner({ keyPem: privateKeyPem, keyFile });
    expect(fromFile?.source).toBe(keyFile);
    expect(fromVariable?.source).toBe('CANDOR_SIGNING_KEY');
    expect(fromVariable?.signer.keyId).not.toBe(fromFile?.signer.keyId);
  });

  it('names the file a malformed key came from', () => {
    const keyFile = keyFileInNewDirectory();
    createSigningKeyFile(keyFile);
    writeFileSync(keyFile, 'not a key');
    expect(() => loadSigner({ keyFile })).toThrow(`${keyFile} is not a PEM private key`);
  });
});

function createdKeyFile(): string {
  const keyFile = keyFileInNewDirectory();
  createSigningKeyFile(keyFile);
  return keyFile;
}

describe('createSigningKeyFile', () => {
  it('writes a key only its owner can read, and never replaces one', () => {
    const keyFile = keyFileInNewDirectory();
    const signer = createSigningKeyFile(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadSigner({ keyFile })?.signer.keyId).toBe(signer.keyId);
    const before = readFileSync(keyFile, 'utf8');
    expect(() => createSigningKeyFile(keyFile)).toThrow(SigningKeyExistsError);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });
});

describe('loadOrCreateSigner (the server)', () => {
  it('creates the key on first start and reads the same key afterwards', () => {
    const keyFile = keyFileInNewDirectory();
    const first = loadOrCreateSigner({ keyFile });
    const second = loadOrCreateSigner({ keyFile });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.signer.keyId).toBe(first.signer.keyId);
  });
});
