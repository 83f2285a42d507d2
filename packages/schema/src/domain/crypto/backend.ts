/**
 * The cryptography the domain needs, behind one interface so the same verification code runs in
 * Node (node:crypto, crypto/node.ts) and in a browser (WebCrypto, crypto/web.ts). The package's
 * `imports` map picks the implementation: `#crypto` is crypto/web.ts under the `browser` condition
 * (Vite's client builds) and crypto/node.ts everywhere else, so no domain module imports node:*.
 *
 * Every call is synchronous, as the domain's functions are. WebCrypto only answers asynchronously,
 * so the browser backend answers from results computed beforehand and `settle` runs a computation
 * again until every digest and signature it asked for is known (crypto/web.ts).
 */
import type { KeyObject } from 'node:crypto';

export interface CryptoBackend {
  /** Lowercase hex SHA-256 of the UTF-8 bytes of a string, or of the bytes given. */
  sha256Hex(data: string | Uint8Array): string;
  /**
   * Whether `signatureBase64` is an Ed25519 signature of the UTF-8 bytes of `message` under the
   * Ed25519 public key `publicKey` (SPKI PEM, or a KeyObject in Node). Never throws.
   */
  verifyEd25519(message: string, signatureBase64: string, publicKey: KeyObject | string): boolean;
  /** The SPKI DER bytes of a PEM public key. @throws Error when it is not one. */
  publicKeyDer(publicKeyPem: string): Uint8Array;
  /**
   * Ed25519 signature (standard base64) of the UTF-8 bytes of `message`; null when `privateKey`
   * is not an Ed25519 private key (KeyObject or PKCS #8 PEM). Node only.
   */
  signEd25519(message: string, privateKey: KeyObject | string): string | null;
  /** A new Ed25519 key pair as PKCS #8 and SPKI PEM. Node only. */
  generateEd25519KeyPair(): { privateKeyPem: string; publicKeyPem: string };
  /** `size` cryptographically random bytes. Node only. */
  randomBytes(size: number): Buffer;
}
