/** `checkpoint save --out FILE`: keep the latest signed checkpoint, to verify against later. */
import { verifyCheckpointSignature } from '@candor/schema/domain';
import { graphql } from '../../generated/cli/index.js';
import { connectAnonymously } from '../api-client.js';
import { PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import type { SavedCheckpoint } from '../checkpoint-file.js';
import { type CommandGroup, dispatch } from '../command.js';
import { RefusedError, VerificationFailedError } from '../errors.js';
import { resolvePath, writeTextFile } from '../files.js';
import { emit } from '../output.js';

const LATEST = graphql(`
  query CheckpointLatest {
    integrity { keyId publicKeyPem latestCheckpoint { sequence issuedAt keyId payload signature } }
  }
`);

async function save(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...PUBLIC_API_FLAGS, out: { type: 'string' } }, 'checkpoint');
  const out = resolvePath(flags.required('out'));
  const { integrity } = await connectAnonymously(flags).query(LATEST, {});
  const latest = integrity.latestCheckpoint;
  if (latest === null) {
    throw new RefusedError({ code: 'NOT_FOUND', message: 'the API has issued no checkpoint yet', problems: [] });
  }
  if (!verifyCheckpointSignature(latest.payload, latest.signature, integrity.publicKeyPem)) {
    throw new VerificationFailedError(
      `checkpoint ${latest.sequence} does not verify under the API's public key ${integrity.keyId}; not saved`,
    );
  }
  const saved: SavedCheckpoint = { ...latest, publicKeyPem: integrity.publicKeyPem };
  writeTextFile(out, `${JSON.stringify(saved, null, 2)}\n`);
  emit(flags.json, saved, () => [`saved checkpoint ${latest.sequence} (key ${latest.keyId}) to ${out}`]);
  return 0;
}

export const checkpointCommands: CommandGroup = {
  name: 'checkpoint',
  synopsis: [['checkpoint save --out FILE', 'save the latest signed checkpoint as JSON (public)']],
  usage: `usage:
  pnpm candor checkpoint save --out FILE

Saves the API's latest signed checkpoint (public: no token needed) as JSON: sequence, issuedAt,
keyId, publicKeyPem, and the payload and signature exactly as served. Its signature is checked
first. Keep the file: "verify --checkpoint FILE" and "verify --export DIR --checkpoint FILE"
later prove that no record it counted (of any chain) was removed or rewritten.

flags:
  --out FILE     where to write (overwritten if it exists)`,
  run: (argv) => dispatch('checkpoint', argv, { save }),
};
