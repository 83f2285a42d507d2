import {
  consentReleaseHash,
  contentHash,
  definitionChangeHash,
  type ExportDefinitionsChain,
  type ExportDocumentChain,
  revisionHash,
  verifyExport,
  withdrawalHash,
} from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import { buildExport, chainOrder } from './build-export.js';
import type {
  PortalSnapshot,
  ServedCell,
  ServedDefinitionChange,
  ServedRelease,
  ServedRevision,
  ServedVersion,
} from './fetch-history.js';

const iso = (text: string) => new Date(text).toISOString();

/** Where the first version was imported from. */
const SOURCE = { reference: 'git:abc123:terms.md', importedAt: new Date('2024-06-01T12:00:00.000Z') };

/**
 * A served snapshot as the API answers: newest first, enumerations in upper case, hashes real;
 * the first version imported, the second explained to a segment of the organisation's own naming.
 */
function snapshot(): PortalSnapshot {
  const v1Input = {
    document: 'terms',
    label: 'v1',
    publishedAt: new Date('2024-01-01T00:00:00Z'),
    effectiveAt: new Date('2024-01-01T00:00:00Z'),
    material: false,
    changeNote: 'First.',
    previousHash: null as string | null,
    clauses: [{ key: '1', number: '1', heading: 'Scope', body: 'These terms apply.' }],
    explanations: [] as { segment: string; summary: string; whatChanges: string; affected: boolean }[],
    source: SOURCE as typeof SOURCE | null,
  };
  const v1Hash = contentHash(v1Input);
  // Published in the same instant as v1 (a tie the server breaks by row id): chain order follows the link.
  const v2Input = {
    ...v1Input,
    label: 'a2',
    effectiveAt: new Date('2024-03-01T00:00:00Z'),
    previousHash: v1Hash,
    explanations: [{ segment: 'clinics', summary: 'S.', whatChanges: 'W.', affected: true }],
    source: null,
  };
  const v2Hash = contentHash(v2Input);
  const withdrawal = {
    kind: 'version' as const,
    subject: 'terms',
    record: 'a2',
    recordHash: v2Hash,
    withdrawnAt: new Date('2024-02-01T00:00:00Z'),
    reason: 'Mistake.',
    previousHash: null,
  };
  const served = (input: typeof v1Input, hash: string, withdrawn: boolean): ServedVersion => ({
    label: input.label,
    publishedAt: input.publishedAt.toISOString(),
    effectiveAt: input.effectiveAt.toISOString(),
    material: input.material,
    changeNote: input.changeNote,
    contentHash: hash,
    previousHash: input.previousHash,
    importSource: input.source?.reference ?? null,
    importedAt: input.source?.importedAt.toISOString() ?? null,
    clauses: input.clauses,
    explanations: input.explanations.map(({ segment, ...e }) => ({ segment: { key: segment }, ...e })),
    withdrawal: withdrawn
      ? {
          reason: withdrawal.reason,
          withdrawnAt: withdrawal.withdrawnAt.toISOString(),
          contentHash: withdrawalHash(withdrawal),
          previousHash: null,
        }
      : null,
  });
  const facts = {
    whatItDoes: 'Summaries.',
    availability: 'generally_available' as const,
    dataCategories: ['audio' as const],
    trainsFirstPartyModels: false,
    sharedWithVendor: false,
    vendorName: null,
    trainsVendorModels: false,
    retention: '30 days',
    retentionDays: 30,
    humanReview: false,
    humanReviewDetail: '',
    consentRequiredFrom: ['account_owner' as const],
    nonConsentOption: 'leave_only' as const,
    nonConsentDetail: 'Leave.',
    defaultState: 'off' as const,
    governingClauses: [{ document: 'terms', key: '1' }],
  };
  const revisionInput = {
    feature: 'summary',
    number: 1,
    publishedAt: new Date('2024-01-01T00:00:00Z'),
    effectiveAt: new Date('2024-01-01T00:00:00Z'),
    material: false,
    changeNote: 'First.',
    previousHash: null,
    facts: { consumer: facts },
    explanations: { consumer: { summary: 'S.', whatChanges: '', affected: false } },
  };
  const revision: ServedRevision = {
    number: 1,
    publishedAt: iso('2024-01-01'),
    effectiveAt: iso('2024-01-01'),
    material: false,
    changeNote: 'First.',
    contentHash: revisionHash(revisionInput),
    previousHash: null,
    facts: [
      {
        ...facts,
        segment: { key: 'consumer' },
        availability: 'GENERALLY_AVAILABLE',
        dataCategories: ['AUDIO'],
        consentRequiredFrom: ['ACCOUNT_OWNER'],
        nonConsentOption: 'LEAVE_ONLY',
        defaultState: 'OFF',
        governingClauseRefs: facts.governingClauses,
      },
    ],
    explanations: [{ segment: { key: 'consumer' }, summary: 'S.', whatChanges: '', affected: false }],
    withdrawal: null,
  };
  const releaseInput = {
    releasedAt: new Date('2024-02-01T00:00:00Z'),
    minimumCellSize: 10,
    previousHash: null,
    rows: [
      {
        feature: 'summary',
        segment: 'consumer',
        period: '2024-01',
        accountsEligible: 100,
        ownersEnabled: 'suppressed' as const,
        ownersDisabled: 'suppressed' as const,
        ownersUndecided: 60,
        participantsJoined: null,
        participantsLeft: null,
      },
    ],
  };
  const definitionChanges: ServedDefinitionChange[] = [];
  for (const [key, name] of [
    ['clinics', 'Clinics'],
    ['clinics', 'Clinics and hospitals'],
  ] as const) {
    const change = {
      at: new Date('2023-12-01T00:00:00Z'),
      subject: 'segment' as const,
      key,
      action: definitionChanges.length === 0 ? ('created' as const) : ('updated' as const),
      values: { name, key, position: 0, description: '', retiredAt: null },
      previousHash: definitionChanges.at(-1)?.contentHash ?? null,
    };
    definitionChanges.push({
      ...change,
      at: change.at.toISOString(),
      // As stored: in the order the service wrote the members, not sorted.
      values: JSON.stringify(change.values),
      contentHash: definitionChangeHash(change),
    });
  }
  const cell = (value: number | null | 'suppressed') =>
    value === 'suppressed' ? { value: null, suppressed: true } : { value, suppressed: false };
  return {
    organisation: { name: 'Example Org', isSample: false, sampleNotice: null },
    publicKeyPem: 'unused: unsigned',
    keyId: 'none',
    checkpoint: null,
    documents: [
      {
        slug: 'terms',
        title: 'Terms',
        versions: [served(v2Input, v2Hash, true), served(v1Input, v1Hash, false)],
      },
    ],
    features: [{ slug: 'summary', name: 'Summary', revisions: [revision] }],
    releases: [
      {
        reason: null,
        releasedAt: releaseInput.releasedAt.toISOString(),
        rowCount: 1,
        minimumCellSize: 10,
        contentHash: consentReleaseHash(releaseInput),
        previousHash: null,
        rows: releaseInput.rows.map(({ feature, segment, period, ...counts }) => ({
          feature,
          segment,
          period,
          ...(Object.fromEntries(Object.entries(counts).map(([field, value]) => [field, cell(value)])) as Record<
            string,
            ServedCell
          >),
        })) as ServedRelease['rows'],
      },
    ],
    definitionChanges,
  };
}

describe('buildExport', () => {
  it('turns what the API serves into an export that verifies', () => {
    const built = buildExport(snapshot(), new Date('2025-01-01T00:00:00Z'));
    const result = verifyExport(
      JSON.parse(built.files.get('manifest.json') as string),
      (path) => built.files.get(path) ?? null,
      () => [...built.files.keys()],
    );
    expect(result.problems).toEqual([]);
    expect(result.recordsChecked).toEqual({
      versions: 2,
      revisions: 1,
      withdrawals: 1,
      consentReleases: 1,
      definitionChanges: 2,
    });
    const terms = built.manifest.chains[0] as ExportDocumentChain;
    // Chain order follows the link within a tie in publication time, not the labels' order.
    expect(terms.records.map((r) => r.label)).toEqual(['v1', 'a2']);
    expect(terms.records[1]?.withdrawnBy).toBe('Example Org/Terms/2024-03-01T00-00-00Z.withdrawal.yaml');
    const yaml = built.files.get('Example Org/AI features/Summary/2024-01-01T00-00-00Z.yaml') as string;
    expect(yaml).toContain('    availability: "generally_available"');
    expect(yaml).toContain('    consentRequiredFrom: ["account_owner"]');
    expect(built.files.get('Example Org/Consent statistics/2024-02-01T00-00-00Z.csv')).toContain(
      'summary,consumer,2024-01,100,suppressed,suppressed,60,,',
    );
    expect(built.files.get('README.md')).toContain('pnpm candor verify --export');
    expect(built.files.get('README.md')).toContain('2 changes to what the organisation defines');
    expect(built.manifest.format).toBe('candor-export/3');
  });

  it('writes an imported version with its source, and definition changes with their values sorted', () => {
    const built = buildExport(snapshot(), new Date('2025-01-01T00:00:00Z'));
    const v1 = built.files.get('Example Org/Terms/2024-01-01T00-00-00Z.md') as string;
    expect(v1).toContain('\nsource: git:abc123:terms.md\nimportedAt: 2024-06-01T12:00:00.000Z\n');
    expect(built.files.get('Example Org/Terms/2024-03-01T00-00-00Z.md')).toContain('  clinics:\n');
    const definitions = built.manifest.chains.find((c) => c.kind === 'definitions') as ExportDefinitionsChain;
    expect(definitions.records.map((r) => [r.path, r.action])).toEqual([
      ['Example Org/Definitions/2023-12-01T00-00-00Z segment clinics.yaml', 'created'],
      ['Example Org/Definitions/2023-12-01T00-00-00Z segment clinics change 2.yaml', 'updated'],
    ]);
    const file = built.files.get(definitions.records[1]?.path as string) as string;
    expect(file.slice(file.indexOf('values:'))).toBe(
      'values:\n  description: ""\n  key: "clinics"\n  name: "Clinics and hospitals"\n  position: 0\n  retiredAt: null\n',
    );
  });

  it('refuses definition values that are not a JSON object', () => {
    const served = snapshot();
    (served.definitionChanges[0] as ServedDefinitionChange).values = '[1]';
    expect(() => buildExport(served, new Date())).toThrow(/segment clinics change of .* not a JSON object/);
  });
});

describe('chainOrder', () => {
  it('orders by time, and within a tie follows the links', () => {
    const records = [
      { id: 'c', at: '2024-01-02T00:00:00Z', contentHash: 'c', previousHash: 'b' },
      { id: 'b', at: '2024-01-01T00:00:00Z', contentHash: 'b', previousHash: 'a' },
      { id: 'a', at: '2024-01-01T00:00:00Z', contentHash: 'a', previousHash: null },
    ];
    expect(
      chainOrder(
        records,
        (r) => r.at,
        () => 0,
      ).map((r) => r.id),
    ).toEqual(['a', 'b', 'c']);
  });
});
