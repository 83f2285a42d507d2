/**
 * An export with a record of every kind, hashed, chained and signed in memory (test-only):
 * two documents (the terms' newest version scheduled and withdrawn; the privacy statement's first
 * version imported from a git history, its second explained to a segment the sample does not have), one AI feature with two revisions (the second scheduled
 * and withdrawn), the two withdrawals, two consent releases, and four changes to the
 * organisation's definitions (two of them to the same segment in the same second).
 */

import type { VersionSource } from '../canonical.js';
import { canonicalCheckpoint, generateSigningKeyPair, signCheckpoint } from '../checkpoint.js';
import { definitionChangeHash } from '../definitions.js';
import { type ExportContents, type ExportedVersion, layOutExport } from '../export-build.js';
import { chainHeadsOf, type ExportChain, type ExportManifest } from '../export-manifest.js';
import type { DefinitionChangeFile, RevisionFile, WithdrawalFile } from '../export-records.js';
import { contentHash } from '../hash.js';
import { consentReleaseHash, type ReleasedRow, revisionHash, withdrawalHash } from '../public-records.js';
import type { FeatureFactsInput } from '../types.js';
import { toCanonicalVersionInput } from '../version-markdown.js';

export const ORGANISATION = 'Northwind Meetings (sample)';
export const realKeys = generateSigningKeyPair();
export const attackerKeys = generateSigningKeyPair();
const DAY = 86_400_000;

export interface TestExport {
  manifest: ExportManifest;
  files: Map<string, string>;
}

/** A checkpoint over the chains, signed the way the portal signs. */
export function signedCheckpoint(chains: readonly ExportChain[], privateKeyPem: string, sequence = 1) {
  const payload = canonicalCheckpoint({
    sequence,
    issuedAt: new Date('2025-01-01T00:00:00Z'),
    chains: chainHeadsOf(chains),
  });
  return { payload, signature: signCheckpoint(payload, privateKeyPem) };
}

/** Where the privacy statement's first version was imported from. */
export const IMPORTED_SOURCE: VersionSource = {
  reference: 'git:0123456789abcdef0123456789abcdef01234567:policies/privacy.md',
  importedAt: new Date('2024-11-30T08:00:00.000Z'),
};

function versions(
  slug: string,
  title: string,
  count: number,
  offset: number,
  /** Where the first version was imported from (none: published in Candor); whom later ones explain themselves to. */
  { firstSource = null, segment = 'consumer' }: { firstSource?: VersionSource | null; segment?: string } = {},
): ExportedVersion[] {
  const list: ExportedVersion[] = [];
  let previousHash: string | null = null;
  for (let i = 0; i < count; i++) {
    const effectiveAt = new Date(Date.UTC(2023, 2 * i + offset, 7));
    const source = i === 0 && firstSource !== null ? firstSource : null;
    const version = {
      ...(source === null ? {} : { source: source.reference, importedAt: source.importedAt }),
      document: slug,
      title,
      label: `v${i + 1}`,
      material: i > 0,
      changeNote: `Change ${i + 1} to the ${title}.`,
      publishedAt: new Date(effectiveAt.getTime() - 30 * DAY),
      effectiveAt,
      previousHash,
      explanations:
        i > 0 ? [{ segment, summary: 'What it means.', whatChanges: `Change ${i + 1}.`, affected: true }] : [],
      clauses: [
        { key: '1', number: '1', heading: 'Scope', body: `These terms apply.\n\nVersion ${i + 1} of ${slug}.` },
        { key: '10.4', number: '10.4', heading: 'Customer Content', body: `Licence text ${i + 1}.` },
      ],
    };
    const hash = contentHash(toCanonicalVersionInput(version));
    list.push({ ...version, contentHash: hash });
    previousHash = hash;
  }
  return list;
}

const facts = (trains: boolean): FeatureFactsInput => ({
  whatItDoes: 'Writes a summary of the meeting: "who said what".\nSecond line, with a tab\tand ünïcode.',
  availability: 'generally_available',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: trains,
  sharedWithVendor: true,
  vendorName: 'Example Models Inc.',
  trainsVendorModels: false,
  retention: 'Deleted 30 days after the meeting',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: '',
  consentRequiredFrom: ['account_owner', 'end_user'],
  nonConsentOption: 'join_without_feature',
  nonConsentDetail: 'They stay; the summary leaves them out.',
  defaultState: 'off',
  governingClauses: [{ document: 'terms-of-service', key: '10.4' }],
});

function revisions(): RevisionFile[] {
  const first: Omit<RevisionFile, 'contentHash'> = {
    feature: 'meeting-summary',
    number: 1,
    publishedAt: new Date('2023-01-01T00:00:00Z'),
    effectiveAt: new Date('2023-01-01T00:00:00Z'),
    material: false,
    changeNote: 'First statement.',
    previousHash: null,
    facts: {
      consumer: facts(false),
      business: {
        ...facts(false),
        vendorName: null,
        sharedWithVendor: false,
        retentionDays: null,
        governingClauses: [],
      },
    },
    explanations: {},
  };
  const firstHash = revisionHash(first);
  const second: Omit<RevisionFile, 'contentHash'> = {
    ...first,
    number: 2,
    publishedAt: new Date('2024-12-01T00:00:00Z'),
    effectiveAt: new Date('2025-02-01T00:00:00Z'),
    material: true,
    changeNote: 'Consumer meetings train our models.',
    previousHash: firstHash,
    facts: { ...first.facts, consumer: facts(true) },
    explanations: {
      consumer: { summary: 'Your meetings may train our models.', whatChanges: 'Training: no → yes.', affected: true },
    },
  };
  return [
    { ...first, contentHash: firstHash },
    { ...second, contentHash: revisionHash(second) },
  ];
}

function withdrawals(terms: readonly ExportedVersion[], revs: readonly RevisionFile[]): WithdrawalFile[] {
  const v3 = terms[2] as ExportedVersion;
  const r2 = revs[1] as RevisionFile;
  const first: Omit<WithdrawalFile, 'contentHash'> = {
    kind: 'version',
    subject: 'terms-of-service',
    record: v3.label,
    recordHash: v3.contentHash,
    withdrawnAt: new Date(v3.effectiveAt.getTime() - 10 * DAY),
    reason: 'Published by mistake.',
    previousHash: null,
  };
  const firstHash = withdrawalHash(first);
  const second: Omit<WithdrawalFile, 'contentHash'> = {
    kind: 'revision',
    subject: 'meeting-summary',
    record: String(r2.number),
    recordHash: r2.contentHash,
    withdrawnAt: new Date(r2.effectiveAt.getTime() - DAY),
    reason: 'We changed our mind: no training.',
    previousHash: firstHash,
  };
  return [
    { ...first, contentHash: firstHash },
    { ...second, contentHash: withdrawalHash(second) },
  ];
}

const row = (period: string, eligible: number | 'suppressed', enabled: number | 'suppressed'): ReleasedRow => ({
  feature: 'meeting-summary',
  segment: 'consumer',
  period,
  accountsEligible: eligible,
  ownersEnabled: enabled,
  ownersDisabled: 'suppressed',
  ownersUndecided: 400,
  participantsJoined: null,
  participantsLeft: 12,
});

function releases(): ExportContents['releases'] {
  const first = {
    releasedAt: new Date('2024-02-01T09:00:00.000Z'),
    minimumCellSize: 10,
    previousHash: null,
    rows: [row('2024-01', 1200, 300), { ...row('2024-01', 40, 'suppressed'), feature: 'aaa-first' }],
    reason: null,
  };
  const firstHash = consentReleaseHash(first);
  const second = {
    releasedAt: new Date('2024-03-01T09:00:00.250Z'),
    minimumCellSize: 10,
    previousHash: firstHash,
    // A published correction of the first release's figure for 2024-01, with its reason.
    rows: [row('2024-01', 1210, 305)],
    reason: 'January recounted after a late data load.',
  };
  return [
    { ...first, contentHash: firstHash, rowCount: 2 },
    { ...second, contentHash: consentReleaseHash(second), rowCount: 1 },
  ];
}

function definitionChanges(): DefinitionChangeFile[] {
  const at = new Date('2022-12-01T10:00:00.000Z');
  const changes: Omit<DefinitionChangeFile, 'contentHash' | 'previousHash'>[] = [
    {
      at,
      subject: 'organization',
      key: 'northwind',
      action: 'created',
      values: {
        slug: 'northwind',
        name: 'Northwind Meetings',
        legalName: 'Northwind Meetings Ltd.',
        description: 'Meetings, "summarised".\nSecond line.',
        website: 'https://northwind.example',
        contactEmail: 'terms@northwind.example',
        publicKeyId: null,
        retiredAt: null,
      },
    },
    {
      at,
      subject: 'segment',
      key: 'consumer',
      action: 'created',
      values: { key: 'consumer', name: 'Consumer', description: '', position: 0, retiredAt: null },
    },
    {
      at,
      subject: 'segment',
      key: 'consumer',
      action: 'updated',
      values: { key: 'consumer', name: 'Consumers', description: 'People.', position: 0, retiredAt: null },
    },
    {
      at: new Date('2022-12-01T10:00:01.500Z'),
      subject: 'document',
      key: 'terms-of-service',
      action: 'created',
      values: {
        slug: 'terms-of-service',
        title: 'Terms of Service',
        description: '',
        kind: 'terms',
        noticePeriodDays: 30,
        position: 0,
        segments: ['business', 'consumer'],
        retiredAt: null,
      },
    },
  ];
  const chained: DefinitionChangeFile[] = [];
  for (const change of changes) {
    const linked = { ...change, previousHash: chained.at(-1)?.contentHash ?? null };
    chained.push({ ...linked, contentHash: definitionChangeHash(linked) });
  }
  return chained;
}

/** The fixture, laid out and signed with realKeys. */
export function buildTestExport(): TestExport {
  const terms = versions('terms-of-service', 'Terms of Service', 3, 0);
  const revs = revisions();
  const contents: ExportContents = {
    organisation: ORGANISATION,
    isSample: true,
    exportedAt: new Date('2025-01-01T00:00:00Z'),
    publicKeyPem: realKeys.publicKeyPem,
    checkpoint: null,
    documents: [
      { slug: 'terms-of-service', title: 'Terms of Service', versions: terms },
      {
        slug: 'privacy-statement',
        title: 'Privacy Statement',
        versions: versions('privacy-statement', 'Privacy Statement', 2, 1, {
          firstSource: IMPORTED_SOURCE,
          segment: 'clinics-18-plus',
        }),
      },
    ],
    features: [{ slug: 'meeting-summary', name: 'Meeting summary', revisions: revs }],
    withdrawals: withdrawals(terms, revs),
    releases: releases(),
    definitions: definitionChanges(),
  };
  const unsigned = layOutExport(contents);
  return layOutExport({ ...contents, checkpoint: signedCheckpoint(unsigned.manifest.chains, realKeys.privateKeyPem) });
}
