/**
 * The history of one file in a git repository, as `candor import git` needs it: the file's text
 * at every commit that changed it, oldest first, following renames.
 *
 * Two git processes whatever the length of the history: `git log --follow --raw` names each
 * commit, the file's path there and the id of its contents, and one `git cat-file --batch`
 * reads all the contents. Commits are reported in git's topological order (a parent before its
 * children) with their committer dates, as they are: a history whose dates go backwards is the
 * import's to refuse, not this reader's to hide by sorting.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitCommandError, readBlobs, runGit } from './git-process.js';
import { ImportSourceError, type SourceVersion } from './source-version.js';

export interface GitHistoryOptions {
  /** The repository: its work tree (or any directory in it), or a bare repository. */
  repo: string;
  /** The file as it is named at `ref`, relative to `repo` (or absolute inside its work tree). */
  file: string;
  /** The commit whose history is read: a branch, tag or commit id; HEAD unless given. */
  ref?: string;
  /**
   * Follow only the first parent of each merge, so a repository that merges pull requests
   * gives one version per merge into the branch instead of every commit of every pull request.
   */
  firstParent?: boolean;
}

/** One `git log` entry: the header, then the file's change in that commit if git showed one. */
interface LoggedCommit {
  sha: string;
  date: Date;
  author: string;
  subject: string;
  changes: { status: string; mode: string; blob: string; path: string }[];
}

/** Modes of ordinary files; a symbolic link (120000) or submodule (160000) has no text to import. */
const REGULAR_FILE_MODES = new Set(['100644', '100755']);
/** The record separator (U+001E) that --format puts before each commit id. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the separator is a control character by choice: no subject or name contains one.
const HEADER = /^\n*\u001e([0-9a-f]{40,64})$/;
const RAW = /^\n*:/;

/**
 * Every commit reachable from `ref` that changed `file` (under any of its earlier names), oldest
 * first, with the file's text at that commit. Commits that delete the file, and merges git shows
 * no change for, have no text and are left out.
 *
 * @throws ImportSourceError when `repo` is missing or not a git repository (`repo`), `ref` is
 * not a commit (`ref`), `file` was never committed there or is a directory (`file`), a text
 * is not UTF-8 (`file`), or git is not installed (`git`).
 */
export async function readGitHistory(options: GitHistoryOptions): Promise<SourceVersion[]> {
  const { repo, file } = options;
  const ref = options.ref ?? 'HEAD';
  await checkRepository(repo);
  await checkFile(repo, file);
  await checkRef(repo, ref, file);

  const commits = parseLog(await log(repo, file, ref, options.firstParent === true));
  if (commits.length === 0) {
    throw new ImportSourceError(
      `${file} was never committed in ${repo} (no commit reachable from ${ref} changes it)`,
      'file',
    );
  }

  const versions = commits.reverse().flatMap((commit) => {
    const change = commit.changes.find((c) => c.status !== 'D' && REGULAR_FILE_MODES.has(c.mode));
    return change === undefined ? [] : [{ commit, change }];
  });
  if (versions.length === 0) {
    throw new ImportSourceError(`${file} is never an ordinary text file in the history of ${ref} in ${repo}`, 'file');
  }
  const blobs = await readBlobs(repo, [...new Set(versions.map((v) => v.change.blob))]);
  const texts = new Map<string, string>();
  return versions.map(({ commit, change }) => {
    let markdown = texts.get(change.blob);
    if (markdown === undefined) {
      markdown = decodeText(blobs.get(change.blob) as Buffer, change.path, commit.sha);
      texts.set(change.blob, markdown);
    }
    return {
      sourceRef: commit.sha,
      path: change.path,
      date: commit.date,
      author: commit.author,
      subject: commit.subject,
      markdown,
    };
  });
}

async function checkRepository(repo: string): Promise<void> {
  const isDirectory = await stat(repo).then(
    (s) => s.isDirectory(),
    () => null,
  );
  if (isDirectory === null) throw new ImportSourceError(`${repo} does not exist`, 'repo');
  if (!isDirectory) throw new ImportSourceError(`${repo} is not a directory`, 'repo');
  try {
    await runGit(repo, ['rev-parse', '--git-dir']);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const reason = /not a git repository/i.test(error.reason) ? '' : ` (git: ${error.reason})`;
    throw new ImportSourceError(`${repo} is not a git repository${reason}`, 'repo');
  }
}

async function checkFile(repo: string, file: string): Promise<void> {
  if (file.trim() === '')
    throw new ImportSourceError('the file to import is empty; name a file in the repository', 'file');
  const isDirectory = await stat(resolve(repo, file)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDirectory) throw new ImportSourceError(`${file} is a directory; name one Markdown file`, 'file');
}

async function checkRef(repo: string, ref: string, file: string): Promise<void> {
  const commit = ref.startsWith('-')
    ? null
    : await runGit(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => null);
  if (commit !== null) return;
  if (ref === 'HEAD') {
    throw new ImportSourceError(`${file} was never committed in ${repo}: the repository has no commits yet`, 'file');
  }
  throw new ImportSourceError(`${ref} is not a branch, tag or commit in ${repo}`, 'ref');
}

async function log(repo: string, file: string, ref: string, firstParent: boolean): Promise<string> {
  const args = [
    'log',
    '--follow',
    '--topo-order',
    '-M',
    '--raw',
    '--no-abbrev',
    '-z',
    '--no-color',
    '--no-show-signature',
    '--format=%x1e%H%x00%ct%x00%an%x00%s',
    ...(firstParent ? ['--first-parent', '--diff-merges=first-parent'] : []),
    ref,
    '--',
    file,
  ];
  try {
    return (await runGit(repo, args)).toString('utf8');
  } catch (error) {
    if (error instanceof GitCommandError && /outside repository/.test(error.reason)) {
      throw new ImportSourceError(`${file} is outside the repository ${repo}`, 'file');
    }
    throw error;
  }
}

/**
 * `-z` output: per commit a header `\x1e<sha>\0<committer time>\0<author>\0<subject>\0`, then raw
 * entries `:<old mode> <new mode> <old blob> <new blob> <status>\0<path>\0` (two paths for a
 * rename or copy, the new one last), the first preceded by a newline.
 */
function parseLog(output: string): LoggedCommit[] {
  const tokens = output.split('\0');
  const commits: LoggedCommit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const header = HEADER.exec(tokens[i] as string);
    if (header === null) {
      i++;
      continue;
    }
    const commit: LoggedCommit = {
      sha: header[1] as string,
      date: new Date(Number(tokens[i + 1]) * 1000),
      author: tokens[i + 2] ?? '',
      subject: tokens[i + 3] ?? '',
      changes: [],
    };
    i += 4;
    while (i < tokens.length && RAW.test(tokens[i] as string)) {
      const [, mode = '', , blob = '', status = ''] = (tokens[i] as string).replace(RAW, '').split(' ');
      const paths = /^[RC]/.test(status) ? 2 : 1;
      commit.changes.push({ status: status.slice(0, 1), mode, blob, path: tokens[i + paths] ?? '' });
      i += 1 + paths;
    }
    commits.push(commit);
  }
  return commits;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Buffer, path: string, sha: string): string {
  let text: string | null;
  try {
    text = bytes.includes(0) ? null : UTF8.decode(bytes);
  } catch {
    text = null;
  }
  if (text === null) {
    throw new ImportSourceError(`${path} at commit ${sha.slice(0, 12)} is not UTF-8 text`, 'file');
  }
  return text;
}
