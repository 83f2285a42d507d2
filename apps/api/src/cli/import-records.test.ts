import { describe, expect, it } from 'vitest';
import type { SnapshotDocument } from '../import/snapshot-directory.js';
import type { SourceVersion } from '../import/source-version.js';
import { RefusedError, UsageError } from './errors.js';
import { matchSnapshotFolders, parseFolderMap, recordsFromGit, recordsFromSnapshots } from './import-records.js';

const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const version = (overrides: Partial<SourceVersion> = {}): SourceVersion => ({
  sourceRef: SHA,
  path: 'legal/terms.md',
  date: new Date('2024-01-10T10:00:00Z'),
  author: 'Ada',
  subject: 'Bill in advance',
  markdown: '# Terms\n\n## 1. Fees\n\nBilled monthly.\n',
  ...overrides,
});

describe('recordsFromGit', () => {
  it('references the commit and the path at that commit, and takes the subject as change note', () => {
    const [record] = recordsFromGit([version()]);
    expect(record).toEqual({
      reference: `git:${SHA}:legal/terms.md`,
      description: 'commit 1a2b3c4 "Bill in advance"',
      date: new Date('2024-01-10T10:00:00Z'),
      clauses: [{ key: 'fees', number: '1', heading: 'Fees', body: 'Billed monthly.' }],
      changeNote: 'Bill in advance',
    });
    expect(recordsFromGit([version({ subject: ' ' })])[0]?.changeNote).toBe('Imported from git commit 1a2b3c4');
  });

  it('refuses Markdown without headings, naming the file and commit', () => {
    expect(() => recordsFromGit([version({ markdown: 'Just text.\n' })])).toThrow(
      /legal\/terms\.md at commit 1a2b3c4: no Markdown headings/,
    );
  });
});

describe('recordsFromSnapshots', () => {
  it('keeps a Candor export’s label, change note and clauses', () => {
    const clauses = [{ key: 'k', number: '7', heading: 'H', body: 'B' }];
    const [record] = recordsFromSnapshots([
      version({ sourceRef: 'Acme/Terms/x.md', path: 'Acme/Terms/x.md', subject: 'Note', label: 'v7', clauses }),
    ]);
    expect(record).toMatchObject({ reference: 'ota:Acme/Terms/x.md', label: 'v7', clauses, changeNote: 'Note' });
    expect(recordsFromSnapshots([version({ subject: '' })])[0]?.changeNote).toBe(
      'Imported from snapshot legal/terms.md',
    );
  });
});

describe('matchSnapshotFolders', () => {
  const folder = (path: string): SnapshotDocument => ({
    document: path.split('/').at(-1) ?? path,
    folder: path,
    versions: [],
  });
  const documents = [
    { slug: 'terms-of-service', title: 'Terms' },
    { slug: 'hipaa', title: 'HIPAA Addendum' },
  ];

  it('matches by --map, then by slugified title, then by title', () => {
    const matched = matchSnapshotFolders(
      [folder('Acme/Terms of Service'), folder('Acme/HIPAA addendum'), folder('Acme/Cookies')],
      { map: new Map([['Cookies', 'terms-of-service']]) },
      documents,
    );
    expect(matched.map((m) => [m.folder.folder, m.document])).toEqual([
      ['Acme/Terms of Service', 'terms-of-service'],
      ['Acme/HIPAA addendum', 'hipaa'],
      ['Acme/Cookies', 'terms-of-service'],
    ]);
  });

  it('names every folder that matches nothing', () => {
    try {
      matchSnapshotFolders([folder('Acme/Cookies'), folder('Acme/Terms of Service')], { map: new Map() }, documents);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(RefusedError);
      expect((error as RefusedError).error.problems).toEqual([
        {
          field: 'folder "Acme/Cookies"',
          message:
            'matches no document (no document "cookies" and none titled "Cookies"); pass --map "Cookies=<document slug>"',
        },
      ]);
    }
  });

  it('takes --document for a one-folder directory only, and refuses a --map naming no folder', () => {
    expect(matchSnapshotFolders([folder('')], { document: 'hipaa', map: new Map() }, [])).toEqual([
      { folder: folder(''), document: 'hipaa' },
    ]);
    expect(() =>
      matchSnapshotFolders([folder('a'), folder('b')], { document: 'hipaa', map: new Map() }, documents),
    ).toThrow(UsageError);
    expect(() => matchSnapshotFolders([folder('a')], { map: new Map([['z', 'hipaa']]) }, documents)).toThrow(
      /--map "z=…" names no folder/,
    );
  });
});

describe('parseFolderMap', () => {
  it('splits at the last "=" and refuses a value without one', () => {
    expect(parseFolderMap(['A = B=c', 'Terms=terms'])).toEqual(
      new Map([
        ['A = B', 'c'],
        ['Terms', 'terms'],
      ]),
    );
    expect(() => parseFolderMap(['Terms'])).toThrow(/--map must be "Folder title=document-slug"/);
  });
});
