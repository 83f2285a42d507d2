/** The domain's cryptography on node:crypto (crypto/backend.ts). */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { CryptoBackend } from './backend.js';

const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

export const backend: CryptoBackend = {
  sha256Hex: (data) =>
    typeof data === 'string'
      ? createHash('sha256').update(data, 'utf8').digest('hex')
      : createHash('sha256').update(data).digest('hex'),
  verifyEd25519(message, signatureBase64, publicKey) {
    try {
      const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
      // Ed25519 only: another key type would verify under a different, weaker scheme.
      if (key.asymmetricKeyType !== 'ed25519' || key.type !== 'public') return false;
      if (!BASE64_SIGNATURE.test(signatureBase64)) return false;
      return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
    } catch {
      return false;
    }
  },
  publicKeyDer: (publicKeyPem) => createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }),
  signEd25519(message, privateKey) {
    let key: KeyObject | null = null;
    try {
      key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
    } catch {
      return null;
    }
    if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') return null;
    return sign(null, Buffer.from(message, 'utf8'), key).toString('base64');
  },
  generateEd25519KeyPair() {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    return { privateKeyPem: privateKey, publicKeyPem: publicKey };
  },
  randomBytes: (size) => randomBytes(size),
};

/** Runs `compute`: node:crypto answers every call at once (crypto/web.ts needs more). */
export async function settle<T>(compute: () => T): Promise<T> {
  return compute();
}
