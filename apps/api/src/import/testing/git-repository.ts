/**
 * Throwaway git repositories for the import tests, built with the real git program. The
 * identity, dates and configuration are fixed here so the tests run the same on a machine with
 * no git identity and whatever the user's global git configuration says (signing, hooks, …).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepository {
  dir: string;
  /** Runs git in the repository; returns its stdout, trimmed. */
  git(args: string[], options?: { date?: string; input?: string | Buffer }): string;
  /** Writes a file (creating folders) relative to the repository. */
  write(path: string, content: string | Buffer): void;
  /** Stages everything and commits with the given date as author and committer date. */
  commit(message: string, date: string): string;
  remove(): void;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Lovelace',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

export function gitTestEnvironment(date?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...IDENTITY,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    ...(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }),
  };
}

export function createTestRepository(): TestRepository {
  const dir = mkdtempSync(join(tmpdir(), 'candor-git-'));
  const git: TestRepository['git'] = (args, options = {}) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: gitTestEnvironment(options.date),
      input: options.input,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
      .toString('utf8')
      .trim();
  git(['init', '-q']);
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    commit(message, date) {
      git(['add', '-A']);
      git(['commit', '-q', '--allow-empty', '-m', message], { date });
      return git(['rev-parse', 'HEAD']);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
