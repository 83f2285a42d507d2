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

/** Its proof of notice at some build: counts move as deliveries are retried. */
const notice = (delivered: number, pending: number): VersionEntry['notice'] => ({
  dispatchedAt: new Date('2024-01-15T00:00:05Z'),
  firstDeliveredAt: delivered === 0 ? null : new Date('2024-01-15T00:00:06Z'),
  lastDeliveredAt: delivered === 0 ? null : new Date('2024-01-15T00:01:00Z'),
  subscribers: { delivered, failed: 0, pending },
  webhooks: { delivered: 0, failed: 0, pending: 0 },
  daysBeforeEffective: delivered === 0 ? null : 31,
  noticePeriodDays: 30,
  withinNoticePeriod: delivered === 0 ? null : true,
});

/** A version as the site holds it, with what the build's clock made of it (`timing`) and its notice then. */
const version = (timing: VersionEntry['timing'], noticeThen: VersionEntry['notice'] = null): VersionEntry => ({
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
  notice: noticeThen,
  withdrawal: null,
  previousLabel: '2023-01',
  nextLabel: null,
  explanations,
  clauses,
  changes: null,
});

describe('versionJson', () => {
  it('is the same bytes whenever the site is built: nothing depends on the build’s clock', () => {
    // Built before the version took effect, with its notice still going out, and long after
    // (another version superseded it, every notice delivered).
    const before = versionJson(
      organization(new Date('2024-02-15T00:00:00Z')),
      version('UPCOMING', notice(0, 40)),
      'Terms of service',
    );
    const after = versionJson(
      organization(new Date('2026-12-06T00:00:00Z')),
      version('SUPERSEDED', notice(40, 0)),
      'Terms of service',
    );
    expect(after).toBe(before);
    expect(before).not.toMatch(/timing|dataAsOf|UPCOMING|SUPERSEDED|notice"|subscribers|delivered/);
  });

  it('carries every input of the content hash: reading it back hashes to the stated hash', () => {
    const text = versionJson(organization(new Date()), version('IN_FORCE'), 'Terms of service');
    const { document, version: held } = versionFromJson(text);
    expect(contentHash({ ...held, document })).toBe(JSON.parse(text).contentHash);
  });
});
