/**
 * Signed checkpoints, format `candor-checkpoint/2`.
 *
 * A hash chain catches an edited or removed record anywhere but at the end: deleting the
 * newest records (or rewriting the newest one together with its hash) leaves a shorter chain
 * that is perfectly consistent. A checkpoint states, for every chain (chains.ts: each
 * document's versions, each AI feature's revisions, the withdrawals and the consent releases),
 * how many records it had and the hash of the newest one, and is signed with the portal's
 * Ed25519 key. Anyone who kept an earlier checkpoint can later prove that history was cut or
 * rewritten after it; the server compares its own database with its latest checkpoint the same way.
 *
 * The signed payload is the UTF-8 bytes of one line of JSON (RFC 8259), no whitespace outside
 * strings, no trailing newline, members in exactly this order:
 *
 *   {"format":"candor-checkpoint/2","sequence":N,"issuedAt":D,"chains":[C,…]}
 *
 * (the real text has no line break), where
 *
 *   N = the checkpoint's sequence number, a whole number ≥ 0, increasing from one checkpoint to
 *       the next.
 *   D = when it was issued, ISO 8601 UTC with milliseconds (Date.prototype.toISOString).
 *   C = {"chain":S,"count":N,"headHash":H}, one per chain, sorted by chain name in UTF-16 code
 *       unit order; names are unique ("document/terms-of-service", "feature/meeting-summary",
 *       "withdrawals", "consent-releases").
 *   S = the chain name as a JSON string (ECMAScript JSON.stringify escaping).
 *   count = the number of records in the chain.
 *   H = the contentHash (64 lowercase hex digits) of the newest of those records, or null
 *       when count is 0.
 *
 * Format `candor-checkpoint/1` (documents only: C = {"document":S,"count":N,"headHash":H}) is
 * still read, its documents named "document/<slug>", so checkpoints kept before stay usable.
 *
 * The signature is Ed25519 (RFC 8032) over those bytes, written in standard base64 with
 * padding. A key is named by publicKeyId: the first 16 hex digits of the SHA-256 of its
 * SubjectPublicKeyInfo DER encoding.
 */
import type { KeyObject } from 'node:crypto';
import { backend } from '#crypto';
import { DomainError } from './errors.js';
import { isSha256Hex } from './identifiers.js';

export const CHECKPOINT_FORMAT = 'candor-checkpoint/2';
/** The documents-only format of earlier releases; read, never written. */
export const CHECKPOINT_FORMAT_V1 = 'candor-checkpoint/1';

/** A chain as a checkpoint records it. */
export interface ChainHead {
  /** The chain's name (chains.ts). */
  chain: string;
  count: number;
  /** null exactly when count is 0. */
  headHash: string | null;
}

export interface Checkpoint {
  sequence: number;
  issuedAt: Date;
  chains: ChainHead[];
}

/** A chain as it stands now: every content hash, oldest first. */
export interface ChainHashes {
  chain: string;
  hashes: readonly string[];
}

export type CheckpointProblemCode = 'CHAIN_MISSING' | 'TRUNCATED' | 'REWRITTEN' | 'ADDED';

export interface CheckpointProblem {
  chain: string;
  code: CheckpointProblemCode;
  message: string;
}

export interface CheckpointComparison {
  ok: boolean;
  problems: CheckpointProblem[];
}

/**
 * The payload to sign (format at the top of this file).
 *
 * @throws DomainError BAD_USER_INPUT for a bad sequence, date, count or hash, a count and hash
 * that disagree, or a repeated document, any of which would make the checkpoint meaningless.
 */
export function canonicalCheckpoint(checkpoint: Checkpoint): string {
  const { sequence, issuedAt } = checkpoint;
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new DomainError('BAD_USER_INPUT', 'sequence must be a whole number of zero or more.', 'sequence');
  }
  if (!(issuedAt instanceof Date) || Number.isNaN(issuedAt.getTime())) {
    throw new DomainError('BAD_USER_INPUT', 'issuedAt is not a valid date.', 'issuedAt');
  }
  const chains = [...checkpoint.chains].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  chains.forEach((chain, i) => {
    if (typeof chain.chain !== 'string' || chain.chain === '') {
      throw new DomainError('BAD_USER_INPUT', 'Every chain needs a name.', 'chains');
    }
    if (i > 0 && chains[i - 1]?.chain === chain.chain) {
      throw new DomainError('BAD_USER_INPUT', `Chain "${chain.chain}" is listed more than once.`, 'chains');
    }
    if (!Number.isSafeInteger(chain.count) || chain.count < 0) {
      throw new DomainError('BAD_USER_INPUT', `The count of "${chain.chain}" must be a whole number.`, 'chains');
    }
    const hashOk =
      chain.count === 0 ? chain.headHash === null : typeof chain.headHash === 'string' && isSha256Hex(chain.headHash);
    if (!hashOk) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `The headHash of "${chain.chain}" must be null when count is 0 and 64 lowercase hex digits otherwise.`,
        'chains',
      );
    }
  });
  // Object literals keep insertion order in JSON.stringify, which is what fixes the member order.
  return JSON.stringify({
    format: CHECKPOINT_FORMAT,
    sequence,
    issuedAt: issuedAt.toISOString(),
    chains: chains.map((c) => ({ chain: c.chain, count: c.count, headHash: c.headHash })),
  });
}

/** The payload of a documents-only `candor-checkpoint/1` checkpoint, for reading old ones back. */
function canonicalCheckpointV1(checkpoint: Checkpoint): string {
  const chains = [...checkpoint.chains].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  return JSON.stringify({
    format: CHECKPOINT_FORMAT_V1,
    sequence: checkpoint.sequence,
    issuedAt: checkpoint.issuedAt.toISOString(),
    chains: chains.map((c) => ({ document: c.chain.slice('document/'.length), count: c.count, headHash: c.headHash })),
  });
}

/**
 * Reads a payload back. Only the canonical text is accepted (it must re-serialise to exactly
 * the same bytes), so there is one payload per checkpoint and a signature cannot be carried
 * over to a differently spelled text that readers would interpret differently.
 *
 * @throws DomainError BAD_USER_INPUT (field checkpoint) otherwise.
 */
export function parseCheckpoint(payload: string): Checkpoint {
  const invalid = (why: string): DomainError =>
    new DomainError('BAD_USER_INPUT', `Not a ${CHECKPOINT_FORMAT} checkpoint: ${why}.`, 'checkpoint');
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    throw invalid('not JSON');
  }
  const record = data as { format?: unknown; sequence?: unknown; issuedAt?: unknown; chains?: unknown };
  const v1 = typeof data === 'object' && data !== null && record.format === CHECKPOINT_FORMAT_V1;
  if (typeof data !== 'object' || data === null || (record.format !== CHECKPOINT_FORMAT && !v1)) {
    throw invalid('wrong format');
  }
  if (typeof record.issuedAt !== 'string' || !Array.isArray(record.chains)) throw invalid('missing members');
  const checkpoint: Checkpoint = {
    sequence: record.sequence as number,
    issuedAt: new Date(record.issuedAt),
    chains: (record.chains as { chain?: string; document?: string; count: number; headHash: string | null }[]).map(
      (c) => ({
        chain: v1
          ? typeof c?.document === 'string'
            ? `document/${c.document}`
            : (undefined as never)
          : (c?.chain as string),
        count: c?.count,
        headHash: c?.headHash,
      }),
    ),
  };
  let canonical: string;
  try {
    canonical = canonicalCheckpoint(checkpoint);
    if (v1) canonical = canonicalCheckpointV1(checkpoint);
  } catch (error) {
    throw invalid((error as Error).message.replace(/\.$/, ''));
  }
  if (canonical !== payload) throw invalid('not in canonical form');
  return checkpoint;
}

/**
 * Ed25519 signature of the payload's UTF-8 bytes, base64.
 *
 * @throws DomainError BAD_USER_INPUT (field privateKey) unless given an Ed25519 private key
 * (KeyObject or PKCS #8 PEM).
 */
export function signCheckpoint(payload: string, privateKey: KeyObject | string): string {
  const signature = backend.signEd25519(payload, privateKey);
  if (signature === null) {
    throw new DomainError('BAD_USER_INPUT', 'Checkpoints are signed with an Ed25519 private key.', 'privateKey');
  }
  return signature;
}

/**
 * Whether `signatureBase64` is a valid Ed25519 signature of `payload` under `publicKey` (a
 * KeyObject or SPKI PEM). Never throws: a malformed key or signature simply does not verify.
 */
export function verifyCheckpointSignature(
  payload: string,
  signatureBase64: string,
  publicKey: KeyObject | string,
): boolean {
  return backend.verifyEd25519(payload, signatureBase64, publicKey);
}

/** A new Ed25519 key pair: private key as PKCS #8 PEM, public key as SPKI PEM. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  return backend.generateEd25519KeyPair();
}

/**
 * A short name for a public key, to print next to a checkpoint and compare by eye: the first
 * 16 hex digits of the SHA-256 of the key's SPKI DER encoding.
 *
 * @throws DomainError BAD_USER_INPUT (field publicKeyPem) when the PEM is not a key.
 */
export function publicKeyId(publicKeyPem: string): string {
  let der: Uint8Array;
  try {
    der = backend.publicKeyDer(publicKeyPem);
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'publicKeyPem is not a PEM-encoded public key.', 'publicKeyPem');
  }
  return backend.sha256Hex(der).slice(0, 16);
}

/**
 * Compares the chains as they stand now with an earlier checkpoint. Every record counted then
 * must still be there, the newest of them unchanged: fewer records means the tail was cut
 * (TRUNCATED); a different hash at the checkpoint's position means history up to it was
 * rewritten (REWRITTEN); a chain with counted records that is gone is CHAIN_MISSING. Only the
 * head hash is compared because the hash chain already ties every earlier record to it.
 *
 * Records added since are expected against a checkpoint a partner kept. With `exact` (the
 * server's own latest checkpoint, issued in the same transaction as every public write) they
 * are not: a record, or a whole chain, that no checkpoint covers is ADDED behind the workflow's back.
 */
export function checkAgainstCheckpoint(
  current: readonly ChainHashes[],
  earlier: readonly ChainHead[],
  options: { exact?: boolean } = {},
): CheckpointComparison {
  const now = new Map(current.map((c) => [c.chain, c.hashes]));
  const problems: CheckpointProblem[] = [];
  for (const chain of earlier) {
    const hashes = now.get(chain.chain);
    if (chain.count === 0) continue;
    if (hashes === undefined || hashes.length === 0) {
      problems.push({
        chain: chain.chain,
        code: hashes === undefined ? 'CHAIN_MISSING' : 'TRUNCATED',
        message: `${chain.chain} had ${chain.count} records at checkpoint and ${hashes === undefined ? 'is missing' : 'has none'} now.`,
      });
    } else if (hashes.length < chain.count) {
      problems.push({
        chain: chain.chain,
        code: 'TRUNCATED',
        message: `${chain.chain} had ${chain.count} records at the checkpoint and has ${hashes.length} now: records were removed.`,
      });
    } else if (hashes[chain.count - 1] !== chain.headHash) {
      problems.push({
        chain: chain.chain,
        code: 'REWRITTEN',
        message: `Record ${chain.count} of ${chain.chain} hashes to ${hashes[chain.count - 1]}, but the checkpoint recorded ${chain.headHash}: history was rewritten.`,
      });
    }
  }
  if (options.exact) {
    const counted = new Map(earlier.map((c) => [c.chain, c.count]));
    for (const { chain, hashes } of current) {
      const count = counted.get(chain) ?? 0;
      if (hashes.length > count) {
        problems.push({
          chain,
          code: 'ADDED',
          message: `${chain} has ${hashes.length} records but the latest checkpoint covers ${count}: ${hashes.length - count} appeared without being published.`,
        });
      }
    }
  }
  return { ok: problems.length === 0, problems };
}
