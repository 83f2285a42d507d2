import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { exportPath, renderVersionMarkdown, type VersionMarkdown } from '@candor/schema/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSnapshotDirectory } from './snapshot-directory.js';
import { ImportSourceError } from './source-version.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-snapshots-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

async function errorOf(promise: Promise<unknown>): Promise<ImportSourceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportSourceError);
  return error as ImportSourceError;
}

/** A published version as `candor export` writes it, explained to a segment of the exporter's own. */
const exported = (label: string, effectiveAt: string, body: string): VersionMarkdown => ({
  document: 'terms-of-service',
  title: 'Terms of Service',
  label,
  material: true,
  changeNote: `Version ${label}.`,
  explanations: [{ segment: 'nonprofits', summary: 'What it means for you.', whatChanges: '', affected: true }],
  clauses: [
    { key: 'accounts', number: '1', heading: 'Accounts', body: 'Keep your password safe.' },
    { key: 'ai', number: '2', heading: 'Artificial intelligence', body },
  ],
  publishedAt: new Date('2023-01-01T00:00:00.000Z'),
  effectiveAt: new Date(effectiveAt),
  previousHash: null,
  contentHash: 'a'.repeat(64),
});
const render = (version: VersionMarkdown) => renderVersionMarkdown(version, { segments: ['nonprofits'] });

const otaTerms = (words: string) => `Zoom Terms of Service

## 1. Acceptance
By using the services you agree to these terms.

## 2. Customer Content
${words}
`;

describe('readSnapshotDirectory', () => {
  it('reads the layout candor export writes, with labels and clauses, passing over every other record', async () => {
    const organisation = 'Acme Meetings';
    const first = exported('2023-01', '2023-01-15T09:30:00.250Z', 'Optional features.');
    const second = exported('2023-08', '2023-08-07T00:00:00.000Z', 'No training without consent.');
    const sameSecond = exported('2023-08b', '2023-08-07T00:00:00.000Z', 'A correction.');
    const secondPath = exportPath(organisation, 'Terms of Service', second.effectiveAt as Date);
    write(exportPath(organisation, 'Terms of Service', first.effectiveAt as Date), render(first));
    write(secondPath.replace('.md', ' 2023-08b.md'), render(sameSecond));
    write(secondPath, render(second));
    write(secondPath.replace('.md', '.withdrawal.yaml'), 'withdrawnAt: 2023-08-08T00:00:00.000Z\n');
    write('Acme Meetings/AI features/Meeting summaries/2023-01-15T09-30-00Z.yaml', 'name: Meeting summaries\n');
    write('Acme Meetings/AI features/Meeting summaries/2023-02-01T00-00-00Z.md', '## 1 Not a version {#x}\n\nx\n');
    write('Acme Meetings/Consent statistics/2023-02-01T00-00-00Z.csv', 'feature,segment\n');
    write('manifest.json', '{"format":"candor-export/2"}');
    write('README.md', '# An export\n\nHow to verify it.\n');

    const documents = await readSnapshotDirectory(dir);
    expect(documents.map((d) => [d.document, d.folder])).toEqual([
      ['Terms of Service', 'Acme Meetings/Terms of Service'],
    ]);
    const versions = documents[0]?.versions ?? [];
    expect(versions.map((v) => [v.sourceRef, v.date.toISOString(), v.label, v.subject])).toEqual([
      [
        'Acme Meetings/Terms of Service/2023-01-15T09-30-00Z.md',
        '2023-01-15T09:30:00.250Z',
        '2023-01',
        'Version 2023-01.',
      ],
      [
        'Acme Meetings/Terms of Service/2023-08-07T00-00-00Z.md',
        '2023-08-07T00:00:00.000Z',
        '2023-08',
        'Version 2023-08.',
      ],
      [
        'Acme Meetings/Terms of Service/2023-08-07T00-00-00Z 2023-08b.md',
        '2023-08-07T00:00:00.000Z',
        '2023-08b',
        'Version 2023-08b.',
      ],
    ]);
    expect(versions[1]?.clauses).toEqual(second.clauses);
    expect(versions[1]?.markdown).toBe(render(second));
    expect(versions.every((v) => v.path === v.sourceRef && v.author === '')).toBe(true);
  });

  it('reads an Open Terms Archive dataset: services, terms types, dated snapshots in date order', async () => {
    write('dataset-2022-01-01/README.md', '# Open Terms Archive — dataset\n');
    write('dataset-2022-01-01/Zoom/Terms of Service/2021-10-03T08-12-25Z.md', otaTerms('We may use content.'));
    write('dataset-2022-01-01/Zoom/Terms of Service/2021-08-01T01-03-12Z.md', otaTerms('We use content.'));
    write('dataset-2022-01-01/Zoom/Privacy Policy/2021-05-02T03-02-15Z.md', '# Privacy\n\n## Data\nSome.\n');
    write('dataset-2022-01-01/Zoom/Privacy Policy/notes.md', 'Not a snapshot.\n');
    write('dataset-2022-01-01/.DS_Store', 'x');

    const documents = await readSnapshotDirectory(dir);
    expect(documents.map((d) => [d.document, d.folder, d.versions.map((v) => v.date.toISOString())])).toEqual([
      ['Privacy Policy', 'dataset-2022-01-01/Zoom/Privacy Policy', ['2021-05-02T03:02:15.000Z']],
      [
        'Terms of Service',
        'dataset-2022-01-01/Zoom/Terms of Service',
        ['2021-08-01T01:03:12.000Z', '2021-10-03T08:12:25.000Z'],
      ],
    ]);
    const terms = documents[1]?.versions[1];
    expect(terms?.markdown).toBe(otaTerms('We may use content.'));
    expect(terms?.sourceRef).toBe('dataset-2022-01-01/Zoom/Terms of Service/2021-10-03T08-12-25Z.md');
    expect(terms?.label).toBeUndefined();
    expect(terms?.clauses).toBeUndefined();
  });

  it('reads files named by date alone, and by instant with milliseconds, in the directory itself', async () => {
    write('2020-06-30.md', '## Terms\nTwo.\n');
    write('2020-01-15.md', '## Terms\nOne.\n');
    write('2020-06-30T12-00-00.500Z.md', '## Terms\nThree.\n');
    const documents = await readSnapshotDirectory(dir);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.document).toBe(basename(dir));
    expect(documents[0]?.folder).toBe('');
    expect(documents[0]?.versions.map((v) => [v.sourceRef, v.date.toISOString()])).toEqual([
      ['2020-01-15.md', '2020-01-15T00:00:00.000Z'],
      ['2020-06-30.md', '2020-06-30T00:00:00.000Z'],
      ['2020-06-30T12-00-00.500Z.md', '2020-06-30T12:00:00.500Z'],
    ]);
  });

  describe('refuses, naming the directory', () => {
    it('a directory that does not exist, or a file', async () => {
      const missing = await errorOf(readSnapshotDirectory(join(dir, 'nope')));
      expect([missing.field, missing.message]).toEqual(['dir', `${join(dir, 'nope')} does not exist`]);
      write('file.md', 'x');
      const file = await errorOf(readSnapshotDirectory(join(dir, 'file.md')));
      expect(file.message).toBe(`${join(dir, 'file.md')} is not a directory`);
    });

    it('a directory with no dated Markdown files, saying what was expected', async () => {
      write('README.md', '# Nothing here\n');
      write('Acme/Terms of Service/latest.md', '## Terms\nx\n');
      write('Acme/AI features/Summaries/2023-01-01T00-00-00Z.md', '## Terms\nx\n');
      const error = await errorOf(readSnapshotDirectory(dir));
      expect(error.field).toBe('dir');
      expect(error.message).toBe(
        `${dir} has no dated Markdown files; expected <Organisation or service>/<Document title>/<YYYY-MM-DDTHH-MM-SSZ>.md, as \`candor export\` and Open Terms Archive datasets write them, or <YYYY-MM-DD>.md files`,
      );
    });

    it('a file named by a date that does not exist', async () => {
      write('Acme/Terms/2023-02-30T00-00-00Z.md', '## Terms\nx\n');
      const error = await errorOf(readSnapshotDirectory(dir));
      expect(error.message).toBe('Acme/Terms/2023-02-30T00-00-00Z.md is named by a date that does not exist');
    });

    it('a file that is not UTF-8 text', async () => {
      write('Acme/Terms/2023-02-01.md', Buffer.from('## Données\n', 'latin1'));
      const error = await errorOf(readSnapshotDirectory(dir));
      expect(error.message).toBe('Acme/Terms/2023-02-01.md is not UTF-8 text');
    });

    it('Version Markdown that does not parse, with the parser’s reasons', async () => {
      const broken = render(exported('2023-01', '2023-01-15T00:00:00Z', 'x')).replace(
        'material: true',
        'material: maybe',
      );
      write('Acme/Terms/2023-01-15T00-00-00Z.md', broken);
      const error = await errorOf(readSnapshotDirectory(dir));
      expect(error.field).toBe('dir');
      expect(error.message).toMatch(
        /^Acme\/Terms\/2023-01-15T00-00-00Z\.md is Candor Version Markdown that cannot be read: The version file has 1 problem: line \d+, material: material must be true or false\.$/,
      );
    });
  });
});
