/** `export --out DIR`: the whole published history as a verifiable dataset (public, no token). */
import { resolve } from 'node:path';
import { type ExportVerification, verifyExport } from '@candor/schema/domain';
import { connectAnonymously } from '../api-client.js';
import { PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import type { CommandGroup } from '../command.js';
import { UsageError, VerificationFailedError } from '../errors.js';
import { type BuiltExport, buildExport, MANIFEST_FILE } from '../export/build-export.js';
import { fetchSnapshot, plural } from '../export/fetch-history.js';
import { describeExportVerification } from '../export/report.js';
import { isMissingOrEmptyDirectory, resolvePath, writeTextFile } from '../files.js';
import { emit, progress } from '../output.js';

/** Reads again when a publish lands mid-export, at most this many times in all. */
const ATTEMPTS = 3;

const run: CommandGroup['run'] = async (argv) => {
  const flags = parseFlags(argv, { ...PUBLIC_API_FLAGS, out: { type: 'string' } }, 'export');
  const out = resolvePath(flags.required('out'));
  if (!isMissingOrEmptyDirectory(out)) {
    // Files left from another export would be reported as unlisted versions.
    throw new UsageError(`--out: ${out} exists and is not an empty directory; export into a new one`, 'export');
  }
  const client = connectAnonymously(flags);
  progress(`reading the published history from ${client.displayUrl}`);

  let built: BuiltExport;
  let verification: ExportVerification;
  for (let attempt = 1; ; attempt++) {
    built = buildExport(await fetchSnapshot(client), new Date());
    verification = verifyInMemory(built);
    const raced =
      verification.problems.length > 0 && verification.problems.every((p) => p.code === 'CHECKPOINT_MISMATCH');
    if (!raced || attempt === ATTEMPTS) break;
    progress('a record was published while exporting: reading again');
  }

  for (const [path, text] of built.files) writeTextFile(resolve(out, ...path.split('/')), text);
  const { manifest } = built;
  const records = (kind: string) =>
    manifest.chains.filter((c) => c.kind === kind).reduce((n, c) => n + c.records.length, 0);
  const sequence =
    manifest.checkpoint === null ? null : (JSON.parse(manifest.checkpoint.payload) as { sequence: number }).sequence;
  emit(flags.json, { out, manifest, verification }, () => [
    `exported ${plural(records('document'), 'version')} of ${plural(manifest.chains.filter((c) => c.kind === 'document').length, 'document')}, ${plural(records('feature'), 'AI-feature revision')}, ${plural(records('withdrawals'), 'withdrawal')}, ${plural(records('consent-releases'), 'consent release')} and ${plural(records('definitions'), 'definition change')} to ${out}`,
    sequence === null
      ? 'unsigned: the API has issued no checkpoint yet'
      : `signed checkpoint ${sequence}, key ${verification.publicKeyId}`,
  ]);
  if (!verification.ok) {
    for (const line of describeExportVerification(verification, null)) progress(line);
    throw new VerificationFailedError(
      `the API served a history that does not verify; the export in ${out} was written for inspection`,
    );
  }
  return 0;
};

/** The same check `verify --export` makes, before anything is written. */
function verifyInMemory({ files }: BuiltExport): ExportVerification {
  const manifestText = files.get(MANIFEST_FILE) as string;
  return verifyExport(
    JSON.parse(manifestText),
    (path) => files.get(path) ?? null,
    () => [...files.keys()],
  );
}

export const exportCommand: CommandGroup = {
  name: 'export',
  synopsis: [['export --out DIR', 'write every public record and a signed manifest (public)']],
  usage: `usage:
  pnpm candor export --out DIR

Writes every public record (public: no token needed) as an Open Terms Archive–style dataset into
DIR, which must be new or empty (effective and release times are UTC, written 2023-08-07T00-00-00Z):
  <Organisation>/<Document title>/<effective>.md            one per published version, in Version
      Markdown with every input of its hash (publishedAt, effectiveAt, previousHash, contentHash;
      source and importedAt for a version imported from an earlier history)
  <Organisation>/AI features/<Feature name>/<effective>.yaml
                                                            one per published AI-feature revision:
      its facts per segment and explanations (candor-revision/1)
  <…>/<effective>.withdrawal.yaml                           beside a version or revision withdrawn
      before it took effect (candor-withdrawal/1)
  <Organisation>/Consent statistics/<released>.csv          one per consent-statistics release, as
      published: suppressed cells read "suppressed", unknown counts are empty
  <Organisation>/Definitions/<at> <subject> <key>.yaml      one per change to the organisation's
      profile, segments, documents and AI features, with the values after it (candor-definition/1)
  manifest.json   (candor-export/3) every chain with its records in chain order (file, hashes,
                  what each record is), the API's public key and its latest signed checkpoint
  README.md       what the files are and how to verify them
Prints progress per document, feature and chain on stderr. The export is verified before it is written;
one that does not verify is still written, for inspection, and the command exits 1.

flags:
  --out DIR      the directory to write`,
  run,
};
