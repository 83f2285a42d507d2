/**
 * The one-time secrets Candor issues share one shape, `<mark>_<prefix>_<secret>`: API tokens
 * (`cnd_…`), invitation codes (`cni_…`) and partner tokens (`cnp_…`, webhooks). The 10-character prefix names a secret in listings,
 * logs and revocations without revealing it; the 32 random bytes make it unguessable; only the
 * SHA-256 of the whole string is stored, so a copy of the database grants nothing. The marks
 * differ so that a code pasted where a token belongs (or the reverse) is refused as malformed
 * instead of being looked up.
 */
import { backend } from '#crypto';
import { sha256Hex } from './hash.js';

export const CREDENTIAL_MARKS = { token: 'cnd', invitation: 'cni', partner: 'cnp' } as const;
export type CredentialKind = keyof typeof CREDENTIAL_MARKS;

export interface IssuedCredential {
  /** The whole secret, shown once; never stored. */
  secret: string;
  prefix: string;
  /** What is stored: SHA-256 of `secret`, lowercase hex. */
  hash: string;
}

const PREFIX_LENGTH = 10;
const SHAPE = /^([a-z]{3})_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 is enough for 256-bit random secrets: there is nothing to brute-force. */
export const hashCredential = (secret: string): string => sha256Hex(secret);

/**
 * A new secret of `kind`. `random` is node's randomBytes; tests may pass a deterministic source.
 */
export function issueCredential(
  kind: CredentialKind,
  random: (size: number) => Buffer = backend.randomBytes,
): IssuedCredential {
  const prefix = random(PREFIX_LENGTH)
    .toString('base64url')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .padEnd(PREFIX_LENGTH, '0')
    .slice(0, PREFIX_LENGTH);
  const secret = `${CREDENTIAL_MARKS[kind]}_${prefix}_${random(32).toString('base64url')}`;
  return { secret, prefix, hash: hashCredential(secret) };
}

/** The prefix of `text` when it is a well-formed secret of `kind`, else null. */
export function credentialPrefix(kind: CredentialKind, text: string): string | null {
  const match = SHAPE.exec(text);
  if (match === null || match[1] !== CREDENTIAL_MARKS[kind]) return null;
  return match[2] ?? null;
}

/**
 * A prefix as people type it: bare (`k3j…`) or copied from the start of a secret (`cnd_k3j…`,
 * `cni_k3j…`, with or without the rest).
 */
export function normalisePrefix(text: string): string {
  const trimmed = text.trim();
  const match = /^(?:[a-z]{3}_)?([a-z0-9]{10})(?:_.*)?$/.exec(trimmed);
  return match?.[1] ?? trimmed;
}
