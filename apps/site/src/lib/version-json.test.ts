import { contentHash } from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import type { Organization, VersionEntry } from './entry-types';
import { versionFromJson } from './verify-files';
import { versionJson } from './version-json';

const organization = (dataAsOf: Date): Organization => ({
  slug: 'northwind',
  name: 'Northwind',
  legalName: 'Northwind Ltd',
  description: 'Meetings.',
  website: 'https://example.com',
  contactEmail: 'terms@example.com',
  isSample: true,
  sampleNotice: 'Sample data.',
  dataAsOf,
});

const clauses = [
  { key: '2', number: '2', heading: 'AI', body: 'We train models.\r\nWith consent.', position: 1, anchor: 'clause-2' },
  { key: '1', number: '1', heading: 'Scope', body: 'These terms apply.', position: 0, anchor: 'clause-1' },
];
const explanations = [{ segment: 'clinics', summary: 'S.', whatChanges: 'W.', affected: true }];
const canonical = {
  document: 'terms',
  label: '2024-03',
  publishedAt: new Date('2024-02-01T00:00:00Z'),
  effectiveAt: new Date('2024-03-01T00:00:00Z'),
  material: true,
  changeNote: 'AI training.',
  previousHash: 'a'.repeat(64),
  clauses: [...clauses].sort((a, b) => a.position - b.position),
  explanations,
};

/** A version as the site holds it, with what the build's clock made of it (`timing`). */
const version = (timing: VersionEntry['timing']): VersionEntry => ({
  document: 'terms',
  documentTitle: 'Terms of service',
  label: canonical.label,
  timing,
  material: canonical.material,
  changeNote: canonical.changeNote,
  publishedAt: canonical.publishedAt,
  effectiveAt: canonical.effectiveAt,
  contentHash: contentHash(canonical),
  previousHash: canonical.previousHash,
  importSource: null,
  importedAt: null,
  withdrawal: null,
  previousLabel: '2023-01',
  nextLabel: null,
  explanations,
  clauses,
  changes: null,
});

describe('versionJson', () => {
  it('is the same bytes whenever the site is built: nothing depends on the build’s clock', () => {
    // Built before the version took effect, and long after (another version superseded it).
    const before = versionJson(organization(new Date('2024-02-15T00:00:00Z')), version('UPCOMING'), 'Terms of service');
    const after = versionJson(
      organization(new Date('2026-12-06T00:00:00Z')),
      version('SUPERSEDED'),
      'Terms of service',
    );
    expect(after).toBe(before);
    expect(before).not.toMatch(/timing|dataAsOf|UPCOMING|SUPERSEDED/);
  });

  it('carries every input of the content hash: reading it back hashes to the stated hash', () => {
    const text = versionJson(organization(new Date()), version('IN_FORCE'), 'Terms of service');
    const { document, version: held } = versionFromJson(text);
    expect(contentHash({ ...held, document })).toBe(JSON.parse(text).contentHash);
  });
});
