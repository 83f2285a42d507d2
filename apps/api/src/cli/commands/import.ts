/**
 * `import git`, `import ota`: a history that predates Candor becomes published versions, marked
 * imported, chained and checkpointed. Everything is read and turned into clauses before anything
 * is written; then each document is imported in one transaction (all or nothing), idempotently.
 */
import { importVersions } from '@candor/schema';
import type { ImportPlan, SourceRecord } from '@candor/schema/domain';
import { readGitHistory } from '../../import/git-history.js';
import { readSnapshotDirectory } from '../../import/snapshot-directory.js';
import { ImportSourceError } from '../../import/source-version.js';
import { type Flags, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { type DatabaseWork, refusingDomainErrors, withDatabaseWork } from '../database-work.js';
import { RefusedError } from '../errors.js';
import { resolvePath } from '../files.js';
import {
  folderName,
  matchSnapshotFolders,
  parseFolderMap,
  recordsFromGit,
  recordsFromSnapshots,
} from '../import-records.js';
import { emit, progress } from '../output.js';

/** What one document's import is made of. */
interface DocumentImport {
  document: string;
  /** Where it came from, for messages: "policies/terms.md in /repo", "folder Acme/Terms". */
  source: string;
  records: SourceRecord[];
}

async function git(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      repo: { type: 'string' },
      file: { type: 'string' },
      document: { type: 'string' },
      ref: { type: 'string' },
      'first-parent': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    'import',
  );
  const repo = resolvePath(flags.required('repo'));
  const file = flags.required('file');
  const document = flags.required('document');
  const ref = flags.string('ref');
  progress(`reading the history of ${file} in ${repo}…`);
  const versions = await readingSource(() =>
    readGitHistory({ repo, file, ...(ref === undefined ? {} : { ref }), firstParent: flags.has('first-parent') }),
  );
  progress(`${count(versions.length, 'commit')} changed ${file}; splitting each text into clauses at its headings…`);
  const records = await refusingDomainErrors(async () => recordsFromGit(versions));
  return importAll(flags, async () => [{ document, source: `${file} in ${repo}`, records }]);
}

async function ota(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    {
      dir: { type: 'string' },
      document: { type: 'string' },
      map: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
    },
    'import',
  );
  const dir = resolvePath(flags.required('dir'));
  const map = parseFolderMap(flags.list('map'));
  const document = flags.string('document');
  progress(`reading the snapshots in ${dir}…`);
  const folders = await readingSource(() => readSnapshotDirectory(dir));
  for (const folder of folders)
    progress(`folder "${folderName(folder)}": ${count(folder.versions.length, 'snapshot')}`);
  const records = await refusingDomainErrors(async () =>
    folders.map((folder) => ({ folder, records: recordsFromSnapshots(folder.versions) })),
  );
  return importAll(flags, async ({ database }) => {
    const known = await database.prisma.document.findMany({ select: { slug: true, title: true } });
    return matchSnapshotFolders(folders, { document, map }, known).map(({ folder, document }) => ({
      document,
      source: `folder "${folderName(folder)}"`,
      records: records.find((r) => r.folder === folder)?.records ?? [],
    }));
  });
}

/** Imports (or, with --dry-run, plans) each document in its own transaction, and reports. */
async function importAll(flags: Flags, plan: (work: DatabaseWork) => Promise<DocumentImport[]>): Promise<number> {
  const dryRun = flags.has('dry-run');
  const outcomes = await withDatabaseWork(async (work) => {
    const imports = await plan(work);
    const done: { import: DocumentImport; plan: ImportPlan }[] = [];
    for (const item of imports) {
      progress(`${dryRun ? 'planning' : 'importing'} ${item.source} into ${item.document}…`);
      const result = await work.transaction((tx) =>
        importVersions(tx, {
          document: item.document,
          records: item.records,
          now: work.now,
          signer: work.signer,
          dryRun,
          progress: throttledProgress(),
        }),
      );
      done.push({ import: item, plan: result });
    }
    return done;
  });
  const json = outcomes.map(({ import: item, plan }) => ({
    document: item.document,
    dryRun,
    created: plan.create.map((p) => ({ label: p.label, date: p.date.toISOString(), source: p.record.reference })),
    alreadyImported: plan.known.map((r) => r.reference),
    unchanged: plan.unchanged.map((r) => r.reference),
  }));
  emit(flags.json, { documents: json }, () =>
    outcomes.flatMap(({ import: item, plan }) => [
      ...(dryRun ? plan.create.map((p) => `${p.label}\t${p.date.toISOString()}\t${p.record.description}`) : []),
      `${item.document}: ${dryRun ? 'would create' : 'created'} ${plan.create.length}, already imported ${plan.known.length}, unchanged (whitespace only) ${plan.unchanged.length}`,
    ]),
  );
  if (dryRun) progress('dry run: nothing was written');
  return 0;
}

/** "version 12/480…" on stderr, at most twice a second (and always the last). */
function throttledProgress(): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done !== total && now - last < 500) return;
    last = now;
    progress(`version ${done}/${total}${done === total ? '' : '…'}`);
  };
}

/** Runs a reader; an ImportSourceError (not a git repository, …) becomes a refusal naming its input. */
async function readingSource<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ImportSourceError)
      throw new RefusedError({ code: 'BAD_USER_INPUT', message: error.message, field: error.field, problems: [] });
    throw error;
  }
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

const COMMON_TEXT = `Imported versions are published versions marked as imported: each keeps its source (the
commit or snapshot it came from), is dated from that source, not from Candor's own
publication, and joins the document's hash chain at import; one signed checkpoint covers each
document's import. A version whose text is the same as the one before it, whitespace aside, is
skipped ("unchanged"); one imported before is skipped ("already imported"), so re-running an
import adds nothing. Versions keep the source's order and must be dated after the document's
newest version, each after the last, and not in the future; otherwise the import is refused.
Labels are the date (YYYY-MM-DD, then -2, -3 on a day already taken), or a Candor export's own
label.

Each document is imported in one transaction: all of its versions or none. Bad input (a
directory that is not a git repository, a file never committed, Markdown without headings, a
date order that makes no sense, an unknown document) is refused, exit 1, with nothing written.
The document must exist first ("pnpm candor init" or "pnpm candor document create").

Prints, per document, "<slug>: created N, already imported K, unchanged (whitespace only) U";
with --dry-run, first one line per version it would create, "<label> <date> <source>"
(tab-separated). Progress ("version 12/480…") goes to stderr.`;

export const importCommands: CommandGroup = {
  name: 'import',
  synopsis: [
    ['import git --repo DIR --file PATH --document SLUG [--dry-run]', 'import a policy’s history from git'],
    ['import ota --dir DIR [--document SLUG] [--map "Title=slug" …] [--dry-run]', 'import dated Markdown snapshots'],
  ],
  usage: `usage:
  pnpm candor import git --repo DIR --file PATH --document SLUG [--ref REF] [--first-parent]
                         [--dry-run]
  pnpm candor import ota --dir DIR [--document SLUG] [--map "Folder title=slug" …] [--dry-run]

Brings a history that predates Candor into DATABASE_URL (migrated first), as published versions.

"import git" makes one version per commit that changed the file, oldest first, following
renames (git log --follow), dated by the commit's committer date, with the commit's subject as
its change note. The Markdown is split into clauses at its headings (numbered or not; front
matter, nested lists, tables and links kept in the bodies).

"import ota" reads dated Markdown snapshots: the layout "pnpm candor export" writes
(<Organisation>/<Document title>/<YYYY-MM-DDTHH-MM-SSZ>.md, whose own labels, change notes and
clause keys are kept), an Open Terms Archive versions dataset (<Service>/<Terms type>/<date>.md),
or a folder of <YYYY-MM-DD>.md files. Each folder of dated files is one document; it goes to
--document when the directory holds one document, else to the document --map names for it,
else to the existing document whose slug is the folder title slugified ("Terms of Service" →
terms-of-service) or whose title is the folder title. A folder that matches no document is
named and nothing is imported.

${COMMON_TEXT}

flags (import git):
  --repo DIR        the git repository (its work tree or any directory in it, or a bare one)
  --file PATH       the policy file, as it is named at --ref, relative to the repository
  --document SLUG   the Candor document its versions go to
  --ref REF         the branch, tag or commit whose history is read (default: HEAD)
  --first-parent    follow only the first parent of merges: one version per merge into the
                    branch rather than one per commit of every merged branch
  --dry-run         print the versions it would create and write nothing

flags (import ota):
  --dir DIR         the directory of snapshots
  --document SLUG   the document, when DIR holds one document's snapshots
  --map "T=SLUG"    the document for the folder titled (or at path) T; repeat per folder
  --dry-run         print the versions it would create and write nothing`,
  run: (argv) => dispatch('import', argv, { git, ota }),
};
