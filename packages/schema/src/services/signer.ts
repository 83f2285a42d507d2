import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repositoryRoot } from '../db/database-url.js';
import { generateSigningKeyPair, publicKeyId, signCheckpoint } from '../domain/checkpoint.js';

/** Signs checkpoints. The private key never leaves this object and is never logged. */
export interface Signer {
  keyId: string;
  publicKeyPem: string;
  sign(payload: string): string;
}

/** The data directory: the one given (CANDOR_DATA_DIR), else `data/` at the repository root. */
export const dataDirectoryOf = (configured: string | undefined): string =>
  // A relative CANDOR_DATA_DIR is read from where the user ran the command (pnpm's INIT_CWD), as
  // DATABASE_URL is, not from the package pnpm switched into: the CLI, the server and the site
  // build run in different packages and must find the same key.
  configured === undefined ? join(repositoryRoot, 'data') : resolve(process.env.INIT_CWD ?? process.cwd(), configured);

/** Where the generated signing key lives in a data directory. */
export const signingKeyFile = (dataDirectory: string | undefined): string =>
  join(dataDirectoryOf(dataDirectory), 'signing-key.pem');

export function signerFromPem(privateKeyPem: string): Signer {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error('CANDOR_SIGNING_KEY is not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The signing key must be an Ed25519 key');
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: publicKeyId(publicKeyPem), publicKeyPem, sign: (payload) => signCheckpoint(payload, privateKey) };
}

/**
 * The signing key: from CANDOR_SIGNING_KEY when given, otherwise `<dataDir>/signing-key.pem`,
 * generated (mode 0600) on first start. Back that file up: a new key cannot sign for the old one.
 */
export function loadOrCreateSigner(options: { keyPem?: string | undefined; keyFile: string }): Signer {
  if (options.keyPem !== undefined && options.keyPem.trim() !== '') return signerFromPem(options.keyPem);
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, generateSigningKeyPair().privateKeyPem, { mode: 0o600 });
    chmodSync(options.keyFile, 0o600);
  }
  return signerFromPem(readFileSync(options.keyFile, 'utf8'));
}
