/**
 * Signed checkpoints, format `candor-checkpoint/1`.
 *
 * A hash chain catches an edited or removed version anywhere but at the end: deleting the
 * newest versions (or rewriting the newest one together with its hash) leaves a shorter chain
 * that is perfectly consistent. A checkpoint states, for every document, how many versions its
 * chain had and the hash of the newest one, and is signed with the portal's Ed25519 key. Anyone
 * who kept an earlier checkpoint can later prove that history was cut or rewritten after it.
 *
 * The signed payload is the UTF-8 bytes of one line of JSON (RFC 8259), no whitespace outside
 * strings, no trailing newline, members in exactly this order:
 *
 *   {"format":"candor-checkpoint/1","sequence":N,"issuedAt":D,"chains":[C,…]}
 *
 * (the real text has no line break), where
 *
 *   N = the checkpoint's sequence number, a whole number ≥ 0, increasing from one checkpoint to
 *       the next.
 *   D = when it was issued, ISO 8601 UTC with milliseconds (Date.prototype.toISOString).
 *   C = {"document":S,"count":N,"headHash":H}, one per document, sorted by document slug in
 *       UTF-16 code unit order; slugs are unique.
 *   S = the document slug as a JSON string (ECMAScript JSON.stringify escaping).
 *   count = the number of published versions in the document's chain.
 *   H = the contentHash (64 lowercase hex digits) of the newest of those versions, or null
 *       when count is 0.
 *
 * The signature is Ed25519 (RFC 8032) over those bytes, written in standard base64 with
 * padding. A key is named by publicKeyId: the first 16 hex digits of the SHA-256 of its
 * SubjectPublicKeyInfo DER encoding.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { DomainError } from './errors.js';
import { isSha256Hex } from './identifiers.js';

export const CHECKPOINT_FORMAT = 'candor-checkpoint/1';

/** A document's chain as a checkpoint records it. */
export interface ChainHead {
  document: string;
  count: number;
  /** null exactly when count is 0. */
  headHash: string | null;
}

export interface Checkpoint {
  sequence: number;
  issuedAt: Date;
  chains: ChainHead[];
}

/** A document's chain as it stands now: every content hash, oldest first. */
export interface ChainHashes {
  document: string;
  hashes: readonly string[];
}

export type CheckpointProblemCode = 'DOCUMENT_MISSING' | 'TRUNCATED' | 'REWRITTEN';

export interface CheckpointProblem {
  document: string;
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
  const chains = [...checkpoint.chains].sort((a, b) =>
    a.document < b.document ? -1 : a.document > b.document ? 1 : 0,
  );
  chains.forEach((chain, i) => {
    if (typeof chain.document !== 'string' || chain.document === '') {
      throw new DomainError('BAD_USER_INPUT', 'Every chain needs a document slug.', 'chains');
    }
    if (i > 0 && chains[i - 1]?.document === chain.document) {
      throw new DomainError('BAD_USER_INPUT', `Document "${chain.document}" has more than one chain.`, 'chains');
    }
    if (!Number.isSafeInteger(chain.count) || chain.count < 0) {
      throw new DomainError('BAD_USER_INPUT', `The count of "${chain.document}" must be a whole number.`, 'chains');
    }
    const hashOk =
      chain.count === 0 ? chain.headHash === null : typeof chain.headHash === 'string' && isSha256Hex(chain.headHash);
    if (!hashOk) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `The headHash of "${chain.document}" must be null when count is 0 and 64 lowercase hex digits otherwise.`,
        'chains',
      );
    }
  });
  // Object literals keep insertion order in JSON.stringify, which is what fixes the member order.
  return JSON.stringify({
    format: CHECKPOINT_FORMAT,
    sequence,
    issuedAt: issuedAt.toISOString(),
    chains: chains.map((c) => ({ document: c.document, count: c.count, headHash: c.headHash })),
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
  if (typeof data !== 'object' || data === null || record.format !== CHECKPOINT_FORMAT) throw invalid('wrong format');
  if (typeof record.issuedAt !== 'string' || !Array.isArray(record.chains)) throw invalid('missing members');
  const checkpoint: Checkpoint = {
    sequence: record.sequence as number,
    issuedAt: new Date(record.issuedAt),
    chains: (record.chains as ChainHead[]).map((c) => ({
      document: c?.document,
      count: c?.count,
      headHash: c?.headHash,
    })),
  };
  let canonical: string;
  try {
    canonical = canonicalCheckpoint(checkpoint);
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
  let key: KeyObject | null = null;
  try {
    key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  } catch {
    // Reported below, without echoing anything about the key.
  }
  if (key === null || key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new DomainError('BAD_USER_INPUT', 'Checkpoints are signed with an Ed25519 private key.', 'privateKey');
  }
  return sign(null, Buffer.from(payload, 'utf8'), key).toString('base64');
}

const BASE64_SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Whether `signatureBase64` is a valid Ed25519 signature of `payload` under `publicKey` (a
 * KeyObject or SPKI PEM). Never throws: a malformed key or signature simply does not verify.
 */
export function verifyCheckpointSignature(
  payload: string,
  signatureBase64: string,
  publicKey: KeyObject | string,
): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    // Ed25519 only: another key type would verify under a different, weaker scheme.
    if (key.asymmetricKeyType !== 'ed25519' || key.type !== 'public') return false;
    if (!BASE64_SIGNATURE.test(signatureBase64)) return false;
    return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** A new Ed25519 key pair: private key as PKCS #8 PEM, public key as SPKI PEM. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/**
 * A short name for a public key, to print next to a checkpoint and compare by eye: the first
 * 16 hex digits of the SHA-256 of the key's SPKI DER encoding.
 *
 * @throws DomainError BAD_USER_INPUT (field publicKeyPem) when the PEM is not a key.
 */
export function publicKeyId(publicKeyPem: string): string {
  let der: Buffer;
  try {
    der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'publicKeyPem is not a PEM-encoded public key.', 'publicKeyPem');
  }
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/**
 * Compares the chains as they stand now with an earlier checkpoint. Every version counted
 * then must still be there, the newest of them unchanged: fewer versions means the tail was
 * cut (TRUNCATED); a different hash at the checkpoint's position means history up to it was
 * rewritten (REWRITTEN); a document with counted versions that is gone is DOCUMENT_MISSING.
 * Versions added since are expected. Only the head hash is compared because the hash chain
 * already ties every earlier version to it.
 */
export function checkAgainstCheckpoint(
  current: readonly ChainHashes[],
  earlier: readonly ChainHead[],
): CheckpointComparison {
  const now = new Map(current.map((c) => [c.document, c.hashes]));
  const problems: CheckpointProblem[] = [];
  for (const chain of earlier) {
    const hashes = now.get(chain.document);
    if (chain.count === 0) continue;
    if (hashes === undefined) {
      problems.push({
        document: chain.document,
        code: 'DOCUMENT_MISSING',
        message: `${chain.document} had ${chain.count} versions at the checkpoint and is missing now.`,
      });
    } else if (hashes.length < chain.count) {
      problems.push({
        document: chain.document,
        code: 'TRUNCATED',
        message: `${chain.document} had ${chain.count} versions at the checkpoint and has ${hashes.length} now: versions were removed.`,
      });
    } else if (hashes[chain.count - 1] !== chain.headHash) {
      problems.push({
        document: chain.document,
        code: 'REWRITTEN',
        message: `Version ${chain.count} of ${chain.document} hashes to ${hashes[chain.count - 1]}, but the checkpoint recorded ${chain.headHash}: history was rewritten.`,
      });
    }
  }
  return { ok: problems.length === 0, problems };
}
