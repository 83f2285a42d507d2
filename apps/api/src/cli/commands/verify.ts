/**
 * `verify [--checkpoint FILE]` asks the API to recompute every hash chain;
 * `verify --export DIR [--checkpoint FILE]` checks an export offline, with no database and no API.
 */
import { parseCheckpoint } from '@candor/schema/domain';
import { graphql } from '../../generated/cli/index.js';
import { connectAnonymously } from '../api-client.js';
import { type Flags, PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import { readCheckpointFile } from '../checkpoint-file.js';
import type { CommandGroup } from '../command.js';
import { UsageError, VerificationFailedError } from '../errors.js';
import { verifyExportDirectory } from '../export/read-export.js';
import { describeExportVerification } from '../export/report.js';
import { resolvePath } from '../files.js';
import { emit, progress } from '../output.js';

// checkpointSequence: the server's latest stored checkpoint, which it compared the database with exactly.
const VERIFY = graphql(`
  query Verify($checkpoint: CheckpointInput) {
    integrity {
      keyId
      verify(checkpoint: $checkpoint) {
        ok
        checkpointSequence
        chains { chain kind count headHash ok }
        problems { chain record code message }
      }
    }
  }
`);

/** What a chain of each kind holds, for "chain document/terms: 7 versions". */
const RECORD_NOUN: Record<string, string> = {
  document: 'version',
  feature: 'revision',
  withdrawals: 'withdrawal',
  'consent-releases': 'release',
  definitions: 'change',
};

/** How the server prefixes a problem found against the checkpoint the caller gave. */
const GIVEN_CHECKPOINT = 'Against the given checkpoint';

const run: CommandGroup['run'] = async (argv) => {
  const flags = parseFlags(
    argv,
    { ...PUBLIC_API_FLAGS, export: { type: 'string' }, checkpoint: { type: 'string' } },
    'verify',
  );
  const checkpointPath = flags.string('checkpoint');
  const earlier =
    checkpointPath === undefined
      ? null
      : { ...readCheckpointFile(checkpointPath, 'verify'), name: resolvePath(checkpointPath) };
  const exportDir = flags.string('export');
  if (exportDir !== undefined) {
    if (flags.string('api') !== undefined)
      throw new UsageError('--export verifies offline: --api does not apply', 'verify');
    return verifyExportOffline(flags, resolvePath(exportDir), earlier);
  }
  return verifyThroughApi(flags, earlier);
};

async function verifyThroughApi(
  flags: Flags,
  earlier: { payload: string; signature: string; name: string } | null,
): Promise<number> {
  const client = connectAnonymously(flags);
  progress(
    `asking ${client.displayUrl} to recompute every hash chain${earlier === null ? '' : ' and compare with the checkpoint'}`,
  );
  const { integrity } = await client.query(VERIFY, {
    checkpoint: earlier === null ? null : { payload: earlier.payload, signature: earlier.signature },
  });
  const report = integrity.verify;
  emit(flags.json, { keyId: integrity.keyId, ...report }, () => [
    `key: ${integrity.keyId}`,
    report.checkpointSequence === null
      ? 'latest checkpoint: none stored'
      : `latest checkpoint: ${report.checkpointSequence} (the database was compared with it exactly)`,
    ...report.chains.map(
      (c) =>
        `chain ${c.chain}: ${c.count} ${RECORD_NOUN[c.kind] ?? 'record'}${c.count === 1 ? '' : 's'}, head ${c.headHash ?? 'none'}: ${c.ok ? 'ok' : 'BROKEN'}`,
    ),
    ...(earlier === null
      ? []
      : [
          `checkpoint ${parseCheckpoint(earlier.payload).sequence}: ${report.problems.some((p) => p.message.startsWith(GIVEN_CHECKPOINT)) ? 'NOT consistent with the chains' : 'every record it counted is still there, unchanged'}`,
        ]),
    ...report.problems.map(
      (p) =>
        `problem ${p.code}${[p.chain, p.record]
          .filter(Boolean)
          .map((s) => ` ${s}`)
          .join('')}: ${p.message}`,
    ),
    report.ok
      ? 'result: OK'
      : `result: FAILED, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`,
  ]);
  if (!report.ok) throw new VerificationFailedError('verification failed: see the problems above');
  return 0;
}

function verifyExportOffline(
  flags: Flags,
  root: string,
  earlier: { payload: string; signature: string; name: string } | null,
): number {
  progress(`verifying ${root} offline`);
  if (earlier === null) {
    progress(
      'note: without --checkpoint, a history whose newest versions were cut and re-signed with another key cannot be detected; keep a checkpoint ("checkpoint save") to check against',
    );
  }
  const result = verifyExportDirectory(root, earlier, 'verify');
  emit(flags.json, result, () => describeExportVerification(result, earlier));
  if (!result.ok) throw new VerificationFailedError('verification failed: see the problems above');
  return 0;
}

export const verifyCommand: CommandGroup = {
  name: 'verify',
  synopsis: [
    ['verify [--checkpoint FILE]', 'have the API recompute every hash chain (public)'],
    ['verify --export DIR [--checkpoint FILE]', 'verify an export offline: no database, no API'],
  ],
  usage: `usage:
  pnpm candor verify [--checkpoint FILE]
  pnpm candor verify --export DIR [--checkpoint FILE]

Without --export, asks the API (public: no token needed) to recompute the hash of every public
record (versions, AI-feature revisions, withdrawals, consent releases, definition changes) and
every chain link, and to compare the database exactly with its latest signed checkpoint; prints
every chain and problem.
With --export, checks an export directory with no database and no network (manifest format
candor-export/3, 2 or 1): every file of every kind (versions, imported versions, AI-feature
revisions, withdrawals, consent releases, definition changes) is read again and hashes to the
manifest's hash, every record links to the one before it in its chain, every withdrawal
withdraws a record of the export, nothing listed is missing and nothing unlisted is present, and
the manifest's checkpoint is signed by its key and agrees with the chains. Every problem names
its file.
In both cases --checkpoint FILE (from "checkpoint save", or kept from an earlier export; format 1
or 2) proves that no record it counted was removed or rewritten since (TRUNCATED, REWRITTEN,
CHAIN_MISSING). Exits 1 when anything fails.

flags:
  --export DIR       the export to verify offline
  --checkpoint FILE  an earlier checkpoint: JSON with "payload" and "signature"`,
  run,
};
