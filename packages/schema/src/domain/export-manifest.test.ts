import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  consentReleaseExportPath,
  definitionChangeExportPath,
  EXPORT_FORMAT_V1,
  EXPORT_FORMAT_V2,
  exportPath,
  readExportManifest,
  revisionExportPath,
  uniqueExportPath,
  withdrawalExportPath,
} from './export-manifest.js';
import { verifyExport } from './export-verify.js';
import { buildTestExport, ORGANISATION } from './testing/export-fixture.js';

describe('exportPath', () => {
  it('builds <Organisation>/<Document title>/<instant>.md without colons', () => {
    expect(exportPath(ORGANISATION, 'Terms of Service', new Date('2023-08-07T09:05:03.250Z'))).toBe(
      'Northwind Meetings (sample)/Terms of Service/2023-08-07T09-05-03Z.md',
    );
  });

  it('makes names safe on every file system', () => {
    const at = new Date('2023-08-07T00:00:00Z');
    expect(exportPath('A/B\\C', 'Terms: AI *draft*?', at)).toBe('A-B-C/Terms- AI -draft--/2023-08-07T00-00-00Z.md');
    expect(exportPath('.hidden co.', 'Line\nbreak\tand\u0000null', at)).toBe(
      'hidden co/Line break and null/2023-08-07T00-00-00Z.md',
    );
    const long = exportPath('x'.repeat(500), '🎥'.repeat(200), at).split('/');
    expect(long[0]).toHaveLength(120);
    expect(Array.from(long[1] as string)).toHaveLength(120);
  });

  it('refuses names that clean to nothing and invalid dates', () => {
    const at = new Date('2023-08-07T00:00:00Z');
    for (const [organisation, title] of [
      ['..', 'Terms'],
      ['Org', ' \n '],
      ['', 'Terms'],
    ] as const) {
      expect(() => exportPath(organisation, title, at)).toThrow(DomainError);
    }
    expect(() => exportPath('Org', 'Terms', new Date('never'))).toThrow(DomainError);
    expect(() => exportPath('Org', 'Terms', new Date(Date.UTC(10000, 0, 1)))).toThrow(DomainError);
  });
});

describe('the other record paths', () => {
  const at = new Date('2024-02-01T09:30:00.250Z');

  it('put revisions under AI features, releases under Consent statistics, withdrawals beside', () => {
    expect(revisionExportPath(ORGANISATION, 'Meeting summary: AI', at)).toBe(
      'Northwind Meetings (sample)/AI features/Meeting summary- AI/2024-02-01T09-30-00Z.yaml',
    );
    expect(consentReleaseExportPath(ORGANISATION, at)).toBe(
      'Northwind Meetings (sample)/Consent statistics/2024-02-01T09-30-00Z.csv',
    );
    expect(withdrawalExportPath('Org/Terms/2024-02-01T09-30-00Z.md')).toBe(
      'Org/Terms/2024-02-01T09-30-00Z.withdrawal.yaml',
    );
    expect(withdrawalExportPath('Org/AI features/X/2024-02-01T09-30-00Z revision 3.yaml')).toBe(
      'Org/AI features/X/2024-02-01T09-30-00Z revision 3.withdrawal.yaml',
    );
  });

  it('put definition changes under Definitions, named by instant, subject and key', () => {
    expect(definitionChangeExportPath(ORGANISATION, at, 'segment', 'business')).toBe(
      'Northwind Meetings (sample)/Definitions/2024-02-01T09-30-00Z segment business.yaml',
    );
    expect(() => definitionChangeExportPath(ORGANISATION, new Date('never'), 'segment', 'x')).toThrow(DomainError);
  });

  it('give a record in the same second as another its suffix', () => {
    const taken = new Set(['Org/Terms/2024-02-01T09-30-00Z.md']);
    expect(uniqueExportPath(taken, 'Org/Terms/2024-02-01T09-30-00Z.md', 'v2')).toBe(
      'Org/Terms/2024-02-01T09-30-00Z v2.md',
    );
    expect(uniqueExportPath(taken, 'Org/Terms/2024-03-01T09-30-00Z.md', 'v3')).toBe(
      'Org/Terms/2024-03-01T09-30-00Z.md',
    );
  });
});

describe('readExportManifest', () => {
  const pristine = buildTestExport();
  const where = (value: unknown) => {
    const result = readExportManifest(value);
    return 'problems' in result ? result.problems.map((p) => p.where) : [];
  };

  it('reads the manifest the export writes', () => {
    const result = readExportManifest(JSON.parse(JSON.stringify(pristine.manifest)));
    expect('manifest' in result && result.manifest).toEqual(pristine.manifest);
  });

  it('refuses unsafe paths, wrong extensions, repeated names and malformed entries', () => {
    const manifest = structuredClone(pristine.manifest) as unknown as {
      chains: { chain: string; kind: string; records: Record<string, unknown>[] }[];
    };
    const [terms, privacy, feature, withdrawals, releases, definitions] = manifest.chains;
    if (!terms || !privacy || !feature || !withdrawals || !releases || !definitions) throw new Error('fixture');
    (terms.records[0] as Record<string, unknown>).path = '../../etc/passwd.md';
    (terms.records[1] as Record<string, unknown>).path = '/abs/x.md';
    (terms.records[2] as Record<string, unknown>).withdrawnBy = 'x.yaml';
    privacy.chain = 'document/terms-of-service';
    (privacy.records[0] as Record<string, unknown>).contentHash = 'nope';
    feature.kind = 'document';
    (feature.records[0] as Record<string, unknown>).path = 'Org/AI features/X/a.withdrawal.yaml';
    (feature.records[1] as Record<string, unknown>).number = 1;
    (withdrawals.records[0] as Record<string, unknown>).kind = 'document';
    (releases.records[0] as Record<string, unknown>).path = 'C:/x.csv';
    (releases.records[1] as Record<string, unknown>).minimumCellSize = -1;
    (definitions.records[0] as Record<string, unknown>).path = 'Org/Definitions/x.csv';
    Object.assign(definitions.records[1] as Record<string, unknown>, { subject: 'team', key: 'A', action: 'deleted' });
    (definitions.records[2] as Record<string, unknown>).at = 'yesterday';
    expect(where(manifest)).toEqual([
      'chains[0].records[0].path',
      'chains[0].records[1].path',
      'chains[0].records[2].withdrawnBy',
      'chains[1].chain',
      'chains[1].records[0].contentHash',
      'chains[2].kind',
      'chains[2].records[0].path',
      'chains[2].records[1].number',
      'chains[3].records[0].kind',
      'chains[4].records[0].path',
      'chains[4].records[1].minimumCellSize',
      'chains[5].records[0].path',
      'chains[5].records[1].subject',
      'chains[5].records[1].key',
      'chains[5].records[1].action',
      'chains[5].records[2].at',
    ]);
    expect(where({ ...pristine.manifest, format: 'candor-export/9', publicKeyPem: null })).toEqual([
      'format',
      'checkpoint',
    ]);
    expect(where(null)).toEqual(['manifest']);
  });

  it('still reads and verifies a candor-export/2 manifest (no definitions chain), and only without one', () => {
    const v2 = structuredClone(pristine.manifest) as unknown as { format: string; chains: { kind: string }[] };
    v2.format = EXPORT_FORMAT_V2;
    const withDefinitions = structuredClone(v2);
    v2.chains = v2.chains.filter((c) => c.kind !== 'definitions');
    const files = new Map([...pristine.files].filter(([path]) => !path.includes('/Definitions/')));
    const result = verifyExport(
      { ...v2, checkpoint: null, publicKeyPem: null },
      (path) => files.get(path) ?? null,
      () => [...files.keys()],
    );
    expect(result.problems).toEqual([]);
    expect(result.recordsChecked).toMatchObject({ versions: 5, consentReleases: 2, definitionChanges: 0 });
    expect(where(withDefinitions)).toEqual(['chains[5].chain']);
  });

  it('still reads and verifies a candor-export/1 manifest (documents only)', () => {
    // An export of format 1: the same version files, listed by document.
    const documents = pristine.manifest.chains
      .filter((c) => c.kind === 'document')
      .map((c) => ({
        slug: c.chain.slice('document/'.length),
        title: c.kind === 'document' ? c.title : '',
        versions: c.records.map(({ withdrawnBy: _w, ...v }) => v),
      }));
    const files = new Map([...pristine.files].filter(([path]) => path.endsWith('.md')));
    const v1 = { ...pristine.manifest, format: EXPORT_FORMAT_V1, checkpoint: null, publicKeyPem: null, documents };
    delete (v1 as { chains?: unknown }).chains;
    const result = verifyExport(
      v1,
      (path) => files.get(path) ?? null,
      () => [...files.keys()],
    );
    expect(result.problems).toEqual([]);
    expect(result.recordsChecked).toEqual({
      versions: 5,
      revisions: 0,
      withdrawals: 0,
      consentReleases: 0,
      definitionChanges: 0,
    });
    const broken = structuredClone(v1);
    (broken.documents[0]?.versions[0] as { path: string }).path = 'x.txt';
    expect(where(broken)).toEqual(['documents[0].versions[0].path']);
  });
});
