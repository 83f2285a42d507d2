import { backend } from '#crypto';
import { type CanonicalVersionInput, canonicalVersion } from './canonical.js';

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return backend.sha256Hex(text);
}

/** The integrity hash of a version: SHA-256 of its canonical form (see canonical.ts). */
export function contentHash(input: CanonicalVersionInput): string {
  return sha256Hex(canonicalVersion(input));
}
