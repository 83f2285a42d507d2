/**
 * The system `git` program, run without a shell: one call that returns its output, and one
 * `git cat-file --batch` process that reads many blobs in a single pass (hundreds of versions
 * of a large file must not cost hundreds of process starts).
 */
import { execFile, spawn } from 'node:child_process';
import { ImportSourceError } from './source-version.js';

/** The environment git runs in: English messages, pathspecs taken literally, never a prompt. */
function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0' };
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    /** git's first line of complaint, without the "fatal: " prefix. */
    readonly reason: string,
  ) {
    super(`git ${args.join(' ')} failed: ${reason}`);
  }
}

const NOT_INSTALLED = (): ImportSourceError =>
  new ImportSourceError('git is not installed (no "git" program on PATH); importing a git history needs it', 'git');

const isNotFound = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** git's stdout as bytes. */
export function runGit(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: gitEnvironment(), encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error === null) resolve(stdout);
        // Also what a missing working directory gives; callers check theirs exists first.
        else if (isNotFound(error)) reject(NOT_INSTALLED());
        else reject(new GitCommandError(args, complaint(stderr.toString('utf8')) || error.message));
      },
    );
  });
}

function complaint(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  const fatal = lines.find((line) => /^(fatal|error):/.test(line)) ?? lines.find((line) => line !== '') ?? '';
  return fatal.replace(/^(fatal|error):\s*/, '');
}

/**
 * The contents of the given blobs, read by one `git cat-file --batch`. Every id must name a
 * blob; a missing one is an error.
 */
export function readBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnvironment(), windowsHide: true });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', (error) => reject(isNotFound(error) ? NOT_INSTALLED() : error));
    // A write after git has gone (it failed) would throw EPIPE; the exit code reports the failure.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new GitCommandError(['cat-file', '--batch'], complaint(Buffer.concat(errors).toString('utf8'))));
        return;
      }
      try {
        resolve(parseBatch(Buffer.concat(chunks), ids));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(''));
  });
}

/** `<id> blob <size>\n<contents>\n` per id, in order; `<id> missing\n` when there is none. */
function parseBatch(output: Buffer, ids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  for (const id of ids) {
    const newline = output.indexOf(0x0a, at);
    if (newline === -1) throw new GitCommandError(['cat-file', '--batch'], `no answer for ${id}`);
    const header = output.toString('utf8', at, newline).split(' ');
    if (header[1] !== 'blob' || header[2] === undefined) {
      throw new GitCommandError(['cat-file', '--batch'], `${id} is not a blob (${header.slice(1).join(' ')})`);
    }
    const start = newline + 1;
    const end = start + Number(header[2]);
    blobs.set(id, output.subarray(start, end));
    at = end + 1;
  }
  return blobs;
}
