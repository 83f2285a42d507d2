import { backend, settle } from '#crypto';
import { type CanonicalVersionInput, canonicalVersion } from './canonical.js';

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return backend.sha256Hex(text);
}

/** The integrity hash of a version: SHA-256 of its canonical form (see canonical.ts). */
export function contentHash(input: CanonicalVersionInput): string {
  return sha256Hex(canonicalVersion(input));
}

/**
 * Runs a computation that hashes or verifies signatures (verifyExport, verifyVersionAgainstManifest
 * …) to its end: at once in Node; in a browser, again until every WebCrypto result it needs is in
 * (crypto/web.ts). Use it around any verification that may run in a browser.
 */
export const settleCrypto = <T>(compute: () => T): Promise<T> => settle(compute);
