/**
 * File access for the CLI. Relative paths resolve against the directory the user ran
 * `pnpm candor` from (pnpm's INIT_CWD), not the package directory pnpm switches into, the same
 * rule DATABASE_URL follows.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';

export function resolvePath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/**
 * The UTF-8 text of the file `--<flag>` names.
 *
 * @throws UsageError (exit 2) when it cannot be read.
 */
export function readInputFile(path: string, flag: string, topic: string): string {
  const full = resolvePath(path);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read ${full}: ${reason(error)}`, topic);
  }
}

/** The parsed JSON of the file `--<flag>` names; UsageError when it cannot be read or parsed. */
export function readJsonFile(path: string, flag: string, topic: string): unknown {
  const text = readInputFile(path, flag, topic);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${flag}: ${resolvePath(path)} is not JSON: ${reason(error)}`, topic);
  }
}

/** Writes `text`, creating parent directories. */
export function writeTextFile(full: string, text: string): void {
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text, 'utf8');
}

/** Whether `full` is missing or an empty directory (safe to export into). */
export function isMissingOrEmptyDirectory(full: string): boolean {
  try {
    return statSync(full).isDirectory() && readdirSync(full).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Every regular file below `root`, relative to it, "/"-separated. */
export function listFilesBelow(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, resolve(entry.parentPath, entry.name)).split(sep).join('/'));
}

export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
