import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clausesFromPolicyMarkdown, sameClauses } from '@candor/schema/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readGitHistory } from './git-history.js';
import { ImportSourceError } from './source-version.js';
import { createTestRepository, type TestRepository } from './testing/git-repository.js';

const v1 = `---
title: Acme Terms of Service
---

Welcome to Acme.

## 1. Definitions
"Service" means the Acme meeting service.

## 2. Your account
Keep your password safe.
`;
const v2 = v1.replace('Keep your password safe.', 'Keep your password safe and use two-factor authentication.');
const v3 = `${v2}\n## 3. Artificial intelligence\nWe do not train models on your meetings without consent.\n`;
/** v3 re-wrapped, with trailing spaces: nothing textual changes. */
const v3Whitespace = v3
  .replace('Keep your password safe and use', 'Keep your password safe and use  \n')
  .replace('Welcome to Acme.', 'Welcome to Acme.   ');
const v4 = v3Whitespace.replace('## 1. Definitions', '## 1. Definitions and interpretation');

async function errorOf(promise: Promise<unknown>): Promise<ImportSourceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportSourceError);
  return error as ImportSourceError;
}

const repositories: TestRepository[] = [];
function repository(): TestRepository {
  const repo = createTestRepository();
  repositories.push(repo);
  return repo;
}
afterAll(() => {
  for (const repo of repositories) repo.remove();
});

describe('readGitHistory', () => {
  let repo: TestRepository;
  const shas: Record<string, string> = {};

  beforeAll(() => {
    repo = repository();
    repo.write('Policies/Terms of Service.md', v1);
    shas.added = repo.commit('Add the terms', '2021-01-04T09:00:00Z');
    repo.write('README.md', 'Our policies.\n');
    repo.commit('Unrelated: a README', '2021-01-10T09:00:00Z');
    repo.write('Policies/Terms of Service.md', v2);
    shas.edited = repo.commit('Require two-factor authentication', '2021-02-01T09:00:00Z');
    mkdirSync(join(repo.dir, 'policies'));
    repo.git(['mv', 'Policies/Terms of Service.md', 'policies/terms.md']);
    shas.renamed = repo.commit('Move the terms', '2021-03-01T09:00:00Z');
    repo.write('policies/terms.md', v3);
    shas.ai = repo.commit('Add an AI clause', '2021-04-01T09:00:00Z');
    repo.write('policies/terms.md', v3Whitespace);
    shas.whitespace = repo.commit('Re-wrap lines', '2021-05-01T09:00:00Z');
    repo.write('policies/terms.md', v4);
    shas.definitions = repo.commit('Rename a heading', '2021-06-01T09:00:00Z');
  });

  it('gives one version per commit that changed the file, oldest first, following the rename', async () => {
    const history = await readGitHistory({ repo: repo.dir, file: 'policies/terms.md' });
    expect(history.map((v) => [v.sourceRef, v.path, v.date.toISOString(), v.subject])).toEqual([
      [shas.added, 'Policies/Terms of Service.md', '2021-01-04T09:00:00.000Z', 'Add the terms'],
      [shas.edited, 'Policies/Terms of Service.md', '2021-02-01T09:00:00.000Z', 'Require two-factor authentication'],
      [shas.renamed, 'policies/terms.md', '2021-03-01T09:00:00.000Z', 'Move the terms'],
      [shas.ai, 'policies/terms.md', '2021-04-01T09:00:00.000Z', 'Add an AI clause'],
      [shas.whitespace, 'policies/terms.md', '2021-05-01T09:00:00.000Z', 'Re-wrap lines'],
      [shas.definitions, 'policies/terms.md', '2021-06-01T09:00:00.000Z', 'Rename a heading'],
    ]);
    expect(history.map((v) => v.markdown)).toEqual([v1, v2, v2, v3, v3Whitespace, v4]);
    expect(history.every((v) => v.author === 'Ada Lovelace' && /^[0-9a-f]{40}$/.test(v.sourceRef))).toBe(true);
  });

  it('gives what the import needs to skip commits that change nothing textual', async () => {
    const history = await readGitHistory({ repo: repo.dir, file: 'policies/terms.md' });
    const clauses = history.map((v) => clausesFromPolicyMarkdown(v.markdown));
    const changed = history.filter((_, i) => i === 0 || !sameClauses(clauses[i - 1] ?? [], clauses[i] ?? []));
    expect(changed.map((v) => v.subject)).toEqual([
      'Add the terms',
      'Require two-factor authentication',
      'Add an AI clause',
      'Rename a heading',
    ]);
  });

  it('takes the file relative to the directory given, or absolute, and reads from a subdirectory', async () => {
    const fromSubdirectory = await readGitHistory({ repo: join(repo.dir, 'policies'), file: 'terms.md' });
    expect(fromSubdirectory).toHaveLength(6);
    const absolute = await readGitHistory({ repo: repo.dir, file: join(repo.dir, 'policies/terms.md') });
    expect(absolute.map((v) => v.sourceRef)).toEqual(fromSubdirectory.map((v) => v.sourceRef));
  });

  it('reads the history as of a ref, and under an earlier name', async () => {
    const atRename = await readGitHistory({ repo: repo.dir, file: 'Policies/Terms of Service.md', ref: shas.edited });
    expect(atRename.map((v) => v.sourceRef)).toEqual([shas.added, shas.edited]);
  });

  it('leaves out the commit that deletes the file, and reads a file that no longer exists', async () => {
    const deleted = repository();
    deleted.write('privacy.md', '# Privacy\n\n## Data\nWe keep little.\n');
    const added = deleted.commit('Add privacy', '2022-01-01T00:00:00Z');
    deleted.git(['rm', '-q', 'privacy.md']);
    deleted.commit('Drop privacy', '2022-02-01T00:00:00Z');
    deleted.write('privacy.md', '# Privacy\n\n## Data\nWe keep nothing.\n');
    const readded = deleted.commit('Bring privacy back', '2022-03-01T00:00:00Z');
    deleted.git(['rm', '-q', 'privacy.md']);
    deleted.commit('Drop privacy again', '2022-04-01T00:00:00Z');
    const history = await readGitHistory({ repo: deleted.dir, file: 'privacy.md' });
    expect(history.map((v) => [v.sourceRef, v.markdown])).toEqual([
      [added, '# Privacy\n\n## Data\nWe keep little.\n'],
      [readded, '# Privacy\n\n## Data\nWe keep nothing.\n'],
    ]);
  });

  it('reports commits in topological order with their own dates, even when the dates go backwards', async () => {
    const skewed = repository();
    skewed.write('terms.md', '## A\none\n');
    skewed.commit('First', '2023-05-01T00:00:00Z');
    skewed.write('terms.md', '## A\ntwo\n');
    skewed.commit('Second, from a machine with a wrong clock', '2023-04-01T00:00:00Z');
    const history = await readGitHistory({ repo: skewed.dir, file: 'terms.md' });
    expect(history.map((v) => [v.subject, v.date.toISOString()])).toEqual([
      ['First', '2023-05-01T00:00:00.000Z'],
      ['Second, from a machine with a wrong clock', '2023-04-01T00:00:00.000Z'],
    ]);
  });

  it('gives every commit of merged branches, or with firstParent only the merges into the branch', async () => {
    const merged = repository();
    merged.write('terms.md', '## A\nv1\n');
    const base = merged.commit('v1', '2023-01-01T00:00:00Z');
    merged.git(['checkout', '-q', '-b', 'draft']);
    merged.write('terms.md', '## A\nv2 draft\n');
    const draft1 = merged.commit('Draft', '2023-01-02T00:00:00Z');
    merged.write('terms.md', '## A\nv2\n');
    const draft2 = merged.commit('Reviewed', '2023-01-03T00:00:00Z');
    merged.git(['checkout', '-q', 'main']);
    merged.git(['merge', '-q', '--no-ff', '-m', 'Merge pull request #1', 'draft'], { date: '2023-01-04T00:00:00Z' });
    const merge = merged.git(['rev-parse', 'HEAD']);
    const every = await readGitHistory({ repo: merged.dir, file: 'terms.md' });
    expect(every.map((v) => v.sourceRef)).toEqual([base, draft1, draft2]);
    const firstParent = await readGitHistory({ repo: merged.dir, file: 'terms.md', firstParent: true });
    expect(firstParent.map((v) => [v.sourceRef, v.subject, v.markdown])).toEqual([
      [base, 'v1', '## A\nv1\n'],
      [merge, 'Merge pull request #1', '## A\nv2\n'],
    ]);
  });

  it('reads a bare repository', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'candor-bare-'));
    try {
      repo.git(['clone', '-q', '--bare', repo.dir, bare]);
      const history = await readGitHistory({ repo: bare, file: 'policies/terms.md' });
      expect(history.map((v) => v.sourceRef)).toEqual(Object.values(shas));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  describe('refuses, naming the input at fault', () => {
    const originalPath = process.env.PATH;
    afterEach(() => {
      process.env.PATH = originalPath;
    });

    it('a directory that does not exist, or is not a git repository', async () => {
      const missing = await errorOf(readGitHistory({ repo: join(repo.dir, 'nope'), file: 'terms.md' }));
      expect([missing.field, missing.message]).toEqual(['repo', `${join(repo.dir, 'nope')} does not exist`]);
      const plain = mkdtempSync(join(tmpdir(), 'candor-plain-'));
      try {
        const error = await errorOf(readGitHistory({ repo: plain, file: 'terms.md' }));
        expect([error.field, error.message]).toEqual(['repo', `${plain} is not a git repository`]);
      } finally {
        rmSync(plain, { recursive: true, force: true });
      }
    });

    it('a file never committed, a directory, a file outside the repository', async () => {
      const never = await errorOf(readGitHistory({ repo: repo.dir, file: 'policies/privacy.md' }));
      expect(never.field).toBe('file');
      expect(never.message).toBe(
        `policies/privacy.md was never committed in ${repo.dir} (no commit reachable from HEAD changes it)`,
      );
      const directory = await errorOf(readGitHistory({ repo: repo.dir, file: 'policies' }));
      expect([directory.field, directory.message]).toEqual(['file', 'policies is a directory; name one Markdown file']);
      const outside = await errorOf(readGitHistory({ repo: repo.dir, file: '../elsewhere.md' }));
      expect([outside.field, outside.message]).toEqual([
        'file',
        `../elsewhere.md is outside the repository ${repo.dir}`,
      ]);
    });

    it('a repository with no commits yet', async () => {
      const empty = repository();
      const error = await errorOf(readGitHistory({ repo: empty.dir, file: 'terms.md' }));
      expect(error.field).toBe('file');
      expect(error.message).toMatch(/^terms\.md was never committed in .*: the repository has no commits yet$/);
    });

    it('a ref that is not a commit', async () => {
      for (const ref of ['no-such-branch', '--all']) {
        const error = await errorOf(readGitHistory({ repo: repo.dir, file: 'policies/terms.md', ref }));
        expect([error.field, error.message]).toEqual(['ref', `${ref} is not a branch, tag or commit in ${repo.dir}`]);
      }
    });

    it('a file that is not UTF-8 text', async () => {
      const latin1 = repository();
      latin1.write('terms.md', Buffer.from('## Données\nPolitique de confidentialité\n', 'latin1'));
      const sha = latin1.commit('Latin-1', '2022-01-01T00:00:00Z');
      const error = await errorOf(readGitHistory({ repo: latin1.dir, file: 'terms.md' }));
      expect([error.field, error.message]).toEqual([
        'file',
        `terms.md at commit ${sha.slice(0, 12)} is not UTF-8 text`,
      ]);
    });

    it('a machine without git', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'candor-nopath-'));
      mkdirSync(join(empty, 'bin'));
      process.env.PATH = join(empty, 'bin');
      try {
        const error = await errorOf(readGitHistory({ repo: repo.dir, file: 'policies/terms.md' }));
        expect(error.field).toBe('git');
        expect(error.message).toMatch(/^git is not installed/);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});

describe('readGitHistory on a long history', () => {
  it('reads 500 commits of a 60 KB file', async () => {
    const repo = repository();
    const paragraph = 'The customer shall not use the service to break the law or to harm others. ';
    const versions = Array.from({ length: 500 }, (_, n) =>
      Array.from(
        { length: 40 },
        (_, c) => `## ${c + 1}. Clause ${c}\n${paragraph.repeat(20)}${c === n % 40 ? n : ''}\n`,
      ).join('\n'),
    );
    expect(versions[0]?.length).toBeGreaterThan(60_000);
    // fast-import writes the whole history in one process (each commit continues the branch);
    // 500 `git commit`s would take longer than the read being tested.
    const stream = versions
      .map((text, n) => {
        const time = 1_600_000_000 + n * 86_400;
        const data = Buffer.byteLength(text);
        const message = `Revision ${n}`;
        return [
          'commit refs/heads/main',
          `committer Ada Lovelace <ada@example.com> ${time} +0000`,
          `data ${Buffer.byteLength(message)}`,
          message,
          `M 100644 inline terms.md`,
          `data ${data}`,
          text,
          '',
        ].join('\n');
      })
      .join('\n');
    repo.git(['fast-import', '--quiet'], { input: stream });
    const history = await readGitHistory({ repo: repo.dir, file: 'terms.md' });
    expect(history).toHaveLength(500);
    expect(history.map((v) => v.markdown)).toEqual(versions);
    expect(history.at(-1)?.subject).toBe('Revision 499');
    expect(history[1]?.date.toISOString()).toBe(new Date((1_600_000_000 + 86_400) * 1000).toISOString());
  }, 60_000);
});
