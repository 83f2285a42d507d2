import { describe, expect, it } from 'vitest';
import { definitionChangeHash } from './definitions.js';
import { DomainValidationError } from './errors.js';
import {
  CONSENT_RELEASE_CSV_HEADER,
  type DefinitionChangeFile,
  firstDifferentLine,
  normaliseExportedText,
  parseConsentReleaseCsv,
  parseDefinitionChangeYaml,
  parseRevisionYaml,
  parseWithdrawalYaml,
  type RevisionFile,
  renderConsentReleaseCsv,
  renderDefinitionChangeYaml,
  renderRevisionYaml,
  renderWithdrawalYaml,
  type WithdrawalFile,
} from './export-records.js';
import { consentReleaseHash, type ReleasedRow, revisionHash, withdrawalHash } from './public-records.js';
import { buildTestExport } from './testing/export-fixture.js';

const exp = buildTestExport();
const fileOf = (suffix: string): string => {
  const entry = [...exp.files.entries()].find(([path]) => path.endsWith(suffix));
  if (entry === undefined) throw new Error(`no file ending ${suffix}`);
  return entry[1];
};
const revisionText = () => {
  const entry = [...exp.files.entries()].find(
    ([path]) => path.includes('/AI features/') && !path.endsWith('.withdrawal.yaml'),
  );
  return entry?.[1] as string;
};

/** Strings YAML could misread if they were not quoted exactly. */
const AWKWARD = [
  '',
  ' leading and trailing ',
  'line\nbreaks\r\nand\rreturns',
  'quotes " and \\ backslashes',
  'yes',
  'null',
  '~',
  '- a list?',
  '# a comment?',
  'key: value',
  '{"json": true}',
  '\u2028line separator\u2029',
  '\u0000\u0007\u001b\u007f\u0085 controls',
  'emoji 🎥 and ünïcode e\u0301',
  '   ',
  '\ttab',
  "'single'",
  '%YAML',
  '---',
  '...',
];

describe('revision files', () => {
  it('write every hash input and read back to the same record and hash', () => {
    const text = revisionText();
    const revision = parseRevisionYaml(text);
    expect(renderRevisionYaml(revision)).toBe(text);
    expect(revisionHash(revision)).toBe(revision.contentHash);
    expect(text).toContain('format: "candor-revision/1"');
    expect(text).toContain('    dataCategories: ["audio", "transcripts"]');
    expect(text).toContain('      - document: "terms-of-service"\n        key: "10.4"');
    expect(text).toContain('    governingClauses: []');
  });

  it('keep awkward strings exactly', () => {
    const base = parseRevisionYaml(revisionText());
    for (const awkward of AWKWARD) {
      const consumer = base.facts.consumer;
      if (consumer === undefined) throw new Error('fixture');
      const revision: RevisionFile = {
        ...base,
        changeNote: awkward,
        facts: { ...base.facts, consumer: { ...consumer, whatItDoes: awkward, vendorName: awkward } },
        explanations: { consumer: { summary: awkward, whatChanges: awkward, affected: false } },
      };
      const back = parseRevisionYaml(renderRevisionYaml(revision));
      expect(back).toEqual(revision);
    }
  });

  it('report every problem of a broken file', () => {
    const text = revisionText()
      .replace(/number: \d+/, 'number: 0')
      .replace('"generally_available"', '"sometimes"')
      .replace(/retentionDays: 30/, 'retentionDays: "30"')
      .replace('explanations:', 'extra: 1\nexplanations:');
    try {
      parseRevisionYaml(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).problems.map((p) => p.field)).toEqual([
        'extra',
        'number',
        'facts.consumer.availability',
        'facts.consumer.retentionDays',
      ]);
    }
    expect(() => parseRevisionYaml('a: [1')).toThrow(DomainValidationError);
    expect(() => parseRevisionYaml('- a list')).toThrow(/YAML map/);
    expect(() => parseRevisionYaml('a: &x 1\nb: *x\n')).toThrow(/aliases/);
    expect(() => parseRevisionYaml('a: 1\na: 2\n')).toThrow(DomainValidationError);
  });
});

describe('revision files of segments with unusual keys', () => {
  it('quote a segment key that YAML would read as something else, and read it back', () => {
    const base = parseRevisionYaml(revisionText());
    const consumer = base.facts.consumer;
    if (consumer === undefined) throw new Error('fixture');
    for (const segment of ['18-plus', 'on', 'null-island', 'no']) {
      const revision: RevisionFile = { ...base, facts: { [segment]: consumer }, explanations: {} };
      const text = renderRevisionYaml(revision);
      expect(parseRevisionYaml(text)).toEqual(revision);
    }
    expect(renderRevisionYaml({ ...base, facts: { on: consumer } })).toContain('\n  "on":\n');
    expect(renderRevisionYaml({ ...base, facts: { 'null-island': consumer } })).toContain('\n  null-island:\n');
  });
});

describe('definition change files', () => {
  const definitionText = (n: number) =>
    [...exp.files.entries()].filter(([path]) => path.includes('/Definitions/'))[n]?.[1] as string;

  it('write every hash input, values sorted, and read back to the same change and hash', () => {
    const text = definitionText(0);
    const change = parseDefinitionChangeYaml(text);
    expect(renderDefinitionChangeYaml(change)).toBe(text);
    expect(definitionChangeHash(change)).toBe(change.contentHash);
    expect(text.split('\n').slice(0, 11)).toEqual([
      "# Change to the organisation's definitions: organization northwind created (candor-definition/1).",
      '# contentHash = SHA-256 of the canonical form of every field below except contentHash;',
      '# previousHash = contentHash of the change made before it (one chain for all definitions).',
      'format: "candor-definition/1"',
      'at: "2022-12-01T10:00:00.000Z"',
      'subject: "organization"',
      'key: "northwind"',
      'action: "created"',
      'previousHash: null',
      `contentHash: "${change.contentHash}"`,
      'values:',
    ]);
    expect(text).toContain(
      '  contactEmail: "terms@northwind.example"\n  description: "Meetings, \\"summarised\\".\\nSecond line."\n',
    );
    expect(text).toContain('  publicKeyId: null\n');
    const document = definitionText(3);
    expect(document).toContain('  noticePeriodDays: 30\n');
    expect(document).toContain('  segments: ["business", "consumer"]\n');
  });

  it('keep awkward strings and field names exactly', () => {
    const base = parseDefinitionChangeYaml(definitionText(1));
    for (const awkward of AWKWARD) {
      const change: DefinitionChangeFile = {
        ...base,
        values: { description: awkward, list: [awkward], True: 1, [awkward]: false, 'a b': null },
      };
      expect(parseDefinitionChangeYaml(renderDefinitionChangeYaml(change))).toEqual(change);
    }
    const none = { ...base, values: {} };
    expect(renderDefinitionChangeYaml(none)).toMatch(/\nvalues: \{\}\n$/);
    expect(parseDefinitionChangeYaml(renderDefinitionChangeYaml(none))).toEqual(none);
  });

  it('refuse values the canonical form does not have', () => {
    const base = parseDefinitionChangeYaml(definitionText(1));
    for (const value of [1.5, { nested: 'x' }, [1], Number.NaN]) {
      const change = { ...base, values: { position: value } } as unknown as DefinitionChangeFile;
      expect(() => renderDefinitionChangeYaml(change)).toThrow(/values.position must be/);
    }
  });

  it('report every problem of a broken file', () => {
    const text = definitionText(1)
      .replace('subject: "segment"', 'subject: "team"')
      .replace('action: "created"', 'action: "deleted"')
      .replace('key: "consumer"', 'key: "Consumer"')
      .replace('  position: 0', '  position: 0.5\n  nested:\n    a: 1')
      .replace('format:', 'extra: 1\nformat:');
    try {
      parseDefinitionChangeYaml(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect((error as DomainValidationError).problems.map((p) => p.field)).toEqual([
        'extra',
        'values.position',
        'values.nested',
        'subject',
        'key',
        'action',
      ]);
    }
    expect(() => parseDefinitionChangeYaml(definitionText(1).replace(/values:[\s\S]*$/, 'values: []\n'))).toThrow(
      /values must be a map/,
    );
  });
});

describe('withdrawal files', () => {
  it('hold exactly the canonical withdrawal fields and the hash', () => {
    const text = fileOf('.withdrawal.yaml');
    const withdrawal = parseWithdrawalYaml(text);
    expect(Object.keys(withdrawal).sort()).toEqual(
      ['kind', 'subject', 'record', 'recordHash', 'withdrawnAt', 'reason', 'previousHash', 'contentHash'].sort(),
    );
    expect(renderWithdrawalYaml(withdrawal)).toBe(text);
    expect(withdrawalHash(withdrawal)).toBe(withdrawal.contentHash);
  });

  it('keep awkward reasons exactly, and refuse a bad kind or hash', () => {
    const base = parseWithdrawalYaml(fileOf('.withdrawal.yaml'));
    for (const reason of AWKWARD) {
      const withdrawal: WithdrawalFile = { ...base, reason };
      expect(parseWithdrawalYaml(renderWithdrawalYaml(withdrawal))).toEqual(withdrawal);
    }
    const broken = renderWithdrawalYaml(base)
      .replace('kind: "version"', 'kind: "document"')
      .replace(/recordHash: "[0-9a-f]+"/, 'recordHash: null');
    expect(() => parseWithdrawalYaml(broken)).toThrow(/kind.*recordHash|2 problems/s);
  });
});

describe('consent release files', () => {
  const rows: ReleasedRow[] = [
    {
      feature: 'zeta',
      segment: 'consumer',
      period: '2024-01',
      accountsEligible: 12,
      ownersEnabled: 'suppressed',
      ownersDisabled: 'suppressed',
      ownersUndecided: 5,
      participantsJoined: null,
      participantsLeft: 0,
    },
    {
      feature: 'alpha',
      segment: 'business',
      period: '2024-02',
      accountsEligible: 1200,
      ownersEnabled: 300,
      ownersDisabled: 500,
      ownersUndecided: 400,
      participantsJoined: 9100,
      participantsLeft: 310,
    },
    {
      feature: 'alpha',
      segment: 'business',
      period: '2024-01',
      accountsEligible: 0,
      ownersEnabled: 0,
      ownersDisabled: 0,
      ownersUndecided: 0,
      participantsJoined: null,
      participantsLeft: null,
    },
  ];

  it('write the header and one sorted row per feature × segment × month', () => {
    const text = renderConsentReleaseCsv(rows);
    expect(text).toBe(
      [
        CONSENT_RELEASE_CSV_HEADER,
        'alpha,business,2024-01,0,0,0,0,,',
        'alpha,business,2024-02,1200,300,500,400,9100,310',
        'zeta,consumer,2024-01,12,suppressed,suppressed,5,,0',
        '',
      ].join('\n'),
    );
    const back = parseConsentReleaseCsv(text);
    expect(back).toHaveLength(3);
    const input = { releasedAt: new Date(0), minimumCellSize: 10, previousHash: null };
    expect(consentReleaseHash({ ...input, rows: back })).toBe(consentReleaseHash({ ...input, rows }));
  });

  it('report every bad line', () => {
    const text = [
      CONSENT_RELEASE_CSV_HEADER,
      'alpha,business,2024-13,1,2,3,4,,',
      'alpha,business,2024-01,1,2,3,-4,,',
      'alpha,business,2024-01,1,2',
      'Alpha,business,2024-01,01,2,3,4,hidden,',
    ].join('\n');
    try {
      parseConsentReleaseCsv(text);
      expect.unreachable();
    } catch (error) {
      expect((error as DomainValidationError).problems.map((p) => [p.line, p.field])).toEqual([
        [5, 'file'],
        [2, 'period'],
        [3, 'ownersUndecided'],
        [4, 'row'],
        [5, 'feature'],
        [5, 'accountsEligible'],
        [5, 'participantsJoined'],
      ]);
    }
  });
});

describe('text normalisation', () => {
  it('reads CRLF, CR and a byte order mark as a checkout on Windows writes them', () => {
    expect(normaliseExportedText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n');
    expect(firstDifferentLine('a\nb\nc', 'a\nB\nc')).toBe(2);
  });
});
