/**
 * The file `checkpoint save` writes and `verify --checkpoint` reads: a signed checkpoint kept
 * for later, so that a history cut after it can be proved.
 */
import { DomainError, parseCheckpoint } from '@candor/schema/domain';
import { UsageError } from './errors.js';
import { readJsonFile, resolvePath } from './files.js';

export interface SavedCheckpoint {
  sequence: number;
  issuedAt: string;
  keyId: string;
  /** The key the API signs with, for reference; verification uses the export's or the API's key. */
  publicKeyPem: string;
  /** Exactly as served: the signed bytes. */
  payload: string;
  signature: string;
}

/**
 * The payload and signature of a saved checkpoint (or of any JSON object with those two
 * strings, such as an export manifest's `checkpoint`).
 *
 * @throws UsageError when the file cannot be read or holds no canonical checkpoint.
 */
export function readCheckpointFile(path: string, topic: string): { payload: string; signature: string } {
  const value = readJsonFile(path, 'checkpoint', topic);
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { payload, signature } = record;
  if (typeof payload !== 'string' || typeof signature !== 'string') {
    throw new UsageError(
      `--checkpoint: ${resolvePath(path)} has no "payload" and "signature" strings; save one with "checkpoint save --out FILE"`,
      topic,
    );
  }
  try {
    parseCheckpoint(payload);
  } catch (error) {
    if (error instanceof DomainError) throw new UsageError(`--checkpoint: ${error.message}`, topic);
    throw error;
  }
  return { payload, signature };
}
