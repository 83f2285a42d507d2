import { describe, expect, it } from 'vitest';
import { DomainValidationError } from './errors.js';
import {
  CONSENT_RELEASE_CSV_HEADER,
  firstDifferentLine,
  normaliseExportedText,
  parseConsentReleaseCsv,
  parseRevisionYaml,
  parseWithdrawalYaml,
  type RevisionFile,
  renderConsentReleaseCsv,
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
