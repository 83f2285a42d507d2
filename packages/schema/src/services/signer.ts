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

/** `source` names where the PEM came from in the error a malformed key raises. */
export function signerFromPem(privateKeyPem: string, source = 'CANDOR_SIGNING_KEY'): Signer {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error(`${source} is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`The signing key in ${source} must be an Ed25519 key`);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: publicKeyId(publicKeyPem), publicKeyPem, sign: (payload) => signCheckpoint(payload, privateKey) };
}

export interface SignerSource {
  /** CANDOR_SIGNING_KEY: a PKCS8 PEM that overrides the key file when set. */
  keyPem?: string | undefined;
  /** The key file (`signingKeyFile(CANDOR_DATA_DIR)`). */
  keyFile: string;
}

/** The signer and where its key came from (for logs: never the key itself). */
export interface LoadedSigner {
  signer: Signer;
  /** "CANDOR_SIGNING_KEY" or the key file's path. */
  source: string;
}

/**
 * The existing signing key: CANDOR_SIGNING_KEY when given, else the key file; null when neither
 * exists. Never creates one: readers (the site build, the CLI) must not sign with a key nobody
 * keeps, nor make a database's checkpoints unverifiable by starting a new one.
 */
export function loadSigner(options: SignerSource): LoadedSigner | null {
  if (options.keyPem !== undefined && options.keyPem.trim() !== '') {
    return { signer: signerFromPem(options.keyPem), source: 'CANDOR_SIGNING_KEY' };
  }
  if (!existsSync(options.keyFile)) return null;
  return { signer: signerFromPem(readFileSync(options.keyFile, 'utf8'), options.keyFile), source: options.keyFile };
}

export class SigningKeyExistsError extends Error {
  override name = 'SigningKeyExistsError';
  constructor(readonly keyFile: string) {
    super(`${keyFile} already exists`);
  }
}

/**
 * Writes a new Ed25519 key to `keyFile` (mode 0600, parent directories created) and returns its
 * signer. Never replaces a key: the file is created exclusively, so even a concurrent writer
 * cannot be overwritten (SigningKeyExistsError), and checkpoints signed with an existing key
 * stay verifiable.
 */
export function createSigningKeyFile(keyFile: string): Signer {
  mkdirSync(dirname(keyFile), { recursive: true });
  const { privateKeyPem } = generateSigningKeyPair();
  try {
    writeFileSync(keyFile, privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SigningKeyExistsError(keyFile);
    throw error;
  }
  // The mode given to writeFileSync is filtered by the umask.
  chmodSync(keyFile, 0o600);
  return signerFromPem(privateKeyPem, keyFile);
}

/**
 * The server's signing key: loadSigner's, else a new `<dataDir>/signing-key.pem` generated on
 * first start (`created` says so). Back that file up: a new key cannot sign for the old one.
 */
export function loadOrCreateSigner(options: SignerSource): LoadedSigner & { created: boolean } {
  const existing = loadSigner(options);
  if (existing !== null) return { ...existing, created: false };
  try {
    return { signer: createSigningKeyFile(options.keyFile), source: options.keyFile, created: true };
  } catch (error) {
    // Another process (a second instance starting at once) created it first: use theirs.
    if (!(error instanceof SigningKeyExistsError)) throw error;
    const theirs = loadSigner(options);
    if (theirs === null) throw error;
    return { ...theirs, created: false };
  }
}
