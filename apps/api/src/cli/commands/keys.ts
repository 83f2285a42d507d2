/**
 * `keys generate`, `keys show`: the checkpoint signing key, on this machine (no API, no database).
 * Besides the server's first start, `keys generate` is the only way a key is made: every other
 * command and the site build read the existing one and stop when it is missing.
 */
import { createSigningKeyFile, loadSigner, SigningKeyExistsError, signingKeyFile } from '@candor/schema';
import { loadEnv } from '../../env.js';
import { missingSigningKeyMessage } from '../../startup.js';
import { parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { RefusedError } from '../errors.js';
import { resolvePath } from '../files.js';
import { emit, progress } from '../output.js';

const FLAGS = { file: { type: 'string' } } as const;

/** The key file `--file` names, else the one the server reads (`$CANDOR_DATA_DIR/signing-key.pem`). */
function keyFileOf(file: string | undefined, dataDirectory: string | undefined): string {
  return file === undefined ? signingKeyFile(dataDirectory) : resolvePath(file);
}

interface KeyReport {
  keyId: string;
  publicKeyPem: string;
  /** The key file, or "CANDOR_SIGNING_KEY". */
  source: string;
}

const describeKey = (report: KeyReport): string[] => [
  `key id: ${report.keyId}`,
  `source: ${report.source}`,
  report.publicKeyPem.trimEnd(),
];

async function generate(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS, 'keys');
  const env = loadEnv();
  const keyFile = keyFileOf(flags.string('file'), env.CANDOR_DATA_DIR);
  let report: KeyReport;
  try {
    const signer = createSigningKeyFile(keyFile);
    report = { keyId: signer.keyId, publicKeyPem: signer.publicKeyPem, source: keyFile };
  } catch (error) {
    if (!(error instanceof SigningKeyExistsError)) throw error;
    // No --force: replacing a key cannot be undone, and every checkpoint it signed would then
    // verify only with a public key nobody can find on this machine any more.
    throw new RefusedError({
      code: 'CONFLICT',
      message: `${keyFile} already exists; a signing key is never replaced. "pnpm candor keys show" prints its key id. To start a new key on purpose, move that file somewhere safe first (keep it: the checkpoints it signed verify only with its public key), then run this again.`,
      problems: [],
    });
  }
  progress(`created ${keyFile} (mode 0600): back it up; anyone holding it can sign checkpoints for you`);
  if (flags.string('file') === undefined && env.CANDOR_SIGNING_KEY !== undefined && env.CANDOR_SIGNING_KEY !== '') {
    progress('warning: CANDOR_SIGNING_KEY is set and overrides this file: unset it to sign with the new key');
  }
  emit(flags.json, report, () => describeKey(report));
  return 0;
}

async function show(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS, 'keys');
  const env = loadEnv();
  const file = flags.string('file');
  const keyFile = keyFileOf(file, env.CANDOR_DATA_DIR);
  // With --file, that file only; otherwise the key the server and the other commands would use.
  const loaded = loadSigner({ keyPem: file === undefined ? env.CANDOR_SIGNING_KEY : undefined, keyFile });
  if (loaded === null) {
    throw new RefusedError({
      code: 'NOT_FOUND',
      message: file === undefined ? missingSigningKeyMessage(keyFile) : `${keyFile} does not exist`,
      problems: [],
    });
  }
  const report: KeyReport = {
    keyId: loaded.signer.keyId,
    publicKeyPem: loaded.signer.publicKeyPem,
    source: loaded.source,
  };
  emit(flags.json, report, () => describeKey(report));
  return 0;
}

export const keysCommands: CommandGroup = {
  name: 'keys',
  synopsis: [
    ['keys generate [--file FILE]', 'create the checkpoint signing key (never replaces one)'],
    ['keys show [--file FILE]', 'print the signing key’s id and public key (never the private key)'],
  ],
  usage: `usage:
  pnpm candor keys generate [--file FILE]
  pnpm candor keys show [--file FILE]

The Ed25519 key that signs every checkpoint (docs/partner-api.md, "Integrity: how to verify";
docs/operating.md, "Keys and backups"). The server, every database command and the site build read
it from CANDOR_SIGNING_KEY when set, else from $CANDOR_DATA_DIR/signing-key.pem (default
data/signing-key.pem). Only "pnpm start" (on its first start) and "keys generate" ever create one:
a command that finds no key stops and says so.

keys generate   writes a new key to the key file (mode 0600, directories created) and prints its
                key id and public key. Refused (exit 1, CONFLICT) when the file exists: a key is
                never replaced, since checkpoints it signed verify only with its public key. To
                start a new key on purpose, move the old file somewhere safe first. Back the new
                file up, and publish its key id ("pnpm candor org set --public-key-id ID").
keys show       prints the key id, where the key was read from and the public key (SPKI PEM) of
                the key the server would sign with; exit 1 (NOT_FOUND) when there is none. The
                private key is never printed.

flags:
  --file FILE    the key file to write or read instead of $CANDOR_DATA_DIR/signing-key.pem
                 (relative to the directory you ran the command from); "keys show --file" reads
                 that file even when CANDOR_SIGNING_KEY is set
  (--json prints {keyId, publicKeyPem, source})

environment:
  CANDOR_DATA_DIR     the data directory holding signing-key.pem (default data/)
  CANDOR_SIGNING_KEY  a PKCS8 PEM private key that overrides the key file (keys show reads it)`,
  run: (argv) => dispatch('keys', argv, { generate, show }),
};
