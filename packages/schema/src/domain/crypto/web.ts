/**
 * The domain's cryptography in a browser, on WebCrypto (crypto/backend.ts): SHA-256 with
 * SubtleCrypto.digest, Ed25519 with SubtleCrypto.importKey('spki') + verify.
 *
 * SubtleCrypto only answers asynchronously and the domain's functions are synchronous, so this
 * backend answers from a table of results: a digest or signature check it does not know yet is
 * noted and answered with a value that matches nothing, and `settle(compute)` runs `compute`,
 * works out everything it noted, and runs it again, until a run asks for nothing new. The domain's
 * computations are deterministic, so the last run is the same computation the CLI makes on
 * node:crypto, with the same answers.
 */
import type { CryptoBackend } from './backend.js';

const digests = new Map<string, string>();
const signatures = new Map<string, boolean>();
const wantedDigests = new Map<string, Uint8Array>();
const wantedSignatures = new Map<string, { message: string; signature: string; key: string }>();

/** What a digest is until it is known: not 64 hex digits, so it equals no real hash. */
const UNKNOWN = '(not yet computed)';
const encoder = new TextEncoder();

const bytesKey = (bytes: Uint8Array): string => {
  let key = 'b:';
  for (const byte of bytes) key += byte.toString(16).padStart(2, '0');
  return key;
};

function pemBody(pem: string): Uint8Array {
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (match === null) throw new Error('not a PEM public key');
  const binary = atob((match[1] ?? '').replace(/\s+/g, ''));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const onlyInNode = (what: string): never => {
  throw new Error(`${what} is not available in a browser`);
};

export const backend: CryptoBackend = {
  sha256Hex(data) {
    const key = typeof data === 'string' ? `s:${data}` : bytesKey(data);
    const known = digests.get(key);
    if (known !== undefined) return known;
    wantedDigests.set(key, typeof data === 'string' ? encoder.encode(data) : data);
    return UNKNOWN;
  },
  verifyEd25519(message, signature, publicKey) {
    if (typeof publicKey !== 'string') return false;
    const key = JSON.stringify([message, signature, publicKey]);
    const known = signatures.get(key);
    if (known !== undefined) return known;
    wantedSignatures.set(key, { message, signature, key: publicKey });
    return false;
  },
  publicKeyDer: pemBody,
  signEd25519: () => onlyInNode('Signing'),
  generateEd25519KeyPair: () => onlyInNode('Key generation'),
  randomBytes: () => onlyInNode('randomBytes'),
};

async function checkSignature(message: string, signature: string, pem: string): Promise<boolean> {
  try {
    if (!/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
    const key = await crypto.subtle.importKey('spki', pemBody(pem), { name: 'Ed25519' }, false, ['verify']);
    const raw = Uint8Array.from(atob(signature), (char) => char.charCodeAt(0));
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, raw, encoder.encode(message));
  } catch {
    return false;
  }
}

const hex = (buffer: ArrayBuffer): string =>
  [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Runs `compute` until every digest and signature check it needs is known, and returns its last
 * result. @throws Error if it keeps asking for new ones (it cannot for the domain's functions).
 */
export async function settle<T>(compute: () => T): Promise<T> {
  for (let round = 0; round < 8; round++) {
    wantedDigests.clear();
    wantedSignatures.clear();
    const result = compute();
    if (wantedDigests.size === 0 && wantedSignatures.size === 0) return result;
    const digestJobs = [...wantedDigests].map(async ([key, bytes]) => {
      digests.set(key, hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
    });
    const signatureJobs = [...wantedSignatures].map(async ([key, job]) => {
      signatures.set(key, await checkSignature(job.message, job.signature, job.key));
    });
    await Promise.all([...digestJobs, ...signatureJobs]);
  }
  throw new Error('The verification kept asking for new hashes');
}
