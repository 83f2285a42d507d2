import { describe, expect, it } from 'vitest';
import { type ExistingVersion, planVersionImport, type SourceRecord } from './import-plan.js';

const clause = (body: string) => [{ key: 'scope', number: '1', heading: 'Scope', body }];
const NOW = new Date('2026-12-04T00:00:00.000Z');

const record = (n: number, date: string, body: string, label?: string): SourceRecord => ({
  reference: `git:${String(n).padStart(40, '0')}:terms.md`,
  description: `commit ${n}`,
  date: new Date(date),
  clauses: clause(body),
  label,
  changeNote: `Commit ${n}`,
});

describe('planVersionImport', () => {
  it('creates one version per change, dated and labelled from the source, skipping whitespace-only changes', () => {
    const plan = planVersionImport({
      existing: [],
      records: [
        record(1, '2020-01-01T10:00:00Z', 'We may change these terms.'),
        record(2, '2020-06-01T10:00:00Z', 'We  may change\nthese terms.  '),
        record(3, '2021-03-01T10:00:00Z', 'We may change these terms with notice.'),
        record(4, '2021-03-01T18:00:00Z', 'We may change these terms with 30 days notice.'),
      ],
      now: NOW,
    });
    expect(plan.create.map((p) => p.label)).toEqual(['2020-01-01', '2021-03-01', '2021-03-01-2']);
    expect(plan.unchanged.map((r) => r.description)).toEqual(['commit 2']);
    expect(plan.known).toEqual([]);
  });

  it('is idempotent: references imported before are skipped, new ones after them are planned', () => {
    const first = record(1, '2020-01-01T10:00:00Z', 'A.');
    const existing: ExistingVersion[] = [
      {
        label: '2020-01-01',
        publishedAt: first.date,
        effectiveAt: first.date,
        importSource: first.reference,
        clauses: first.clauses,
      },
    ];
    const plan = planVersionImport({ existing, records: [first, record(2, '2020-02-01T00:00:00Z', 'B.')], now: NOW });
    expect(plan.known).toEqual([first]);
    expect(plan.create.map((p) => p.label)).toEqual(['2020-02-01']);
    expect(planVersionImport({ existing, records: [first], now: NOW }).create).toEqual([]);
  });

  it('keeps source order for two versions in the same millisecond', () => {
    const plan = planVersionImport({
      existing: [],
      records: [record(1, '2020-01-01T10:00:00Z', 'A.'), record(2, '2020-01-01T10:00:00Z', 'B.')],
      now: NOW,
    });
    expect(plan.create.map((p) => p.date.getTime() - Date.parse('2020-01-01T10:00:00Z'))).toEqual([0, 1]);
  });

  it('refuses a date order that makes no sense, naming both records', () => {
    expect(() =>
      planVersionImport({
        existing: [],
        records: [record(1, '2021-01-01T00:00:00Z', 'A.'), record(2, '2020-01-01T00:00:00Z', 'B.')],
        now: NOW,
      }),
    ).toThrow(/commit 2 is dated 2020-01-01T00:00:00.000Z, not after commit 1/);
    expect(() =>
      planVersionImport({ existing: [], records: [record(1, '2030-01-01T00:00:00Z', 'A.')], now: NOW }),
    ).toThrow(/in the future/);
    expect(() =>
      planVersionImport({
        existing: [
          {
            label: 'v1',
            publishedAt: new Date('2022-01-01'),
            effectiveAt: new Date('2022-02-01'),
            importSource: null,
            clauses: clause('X.'),
          },
        ],
        records: [record(1, '2021-01-01T00:00:00Z', 'A.')],
        now: NOW,
      }),
    ).toThrow(/not after the document's newest version v1/);
  });

  it('keeps a source label when it is free', () => {
    const plan = planVersionImport({
      existing: [],
      records: [record(1, '2020-01-01T00:00:00Z', 'A.', '2020-01'), record(2, '2020-02-01T00:00:00Z', 'B.', '2020-01')],
      now: NOW,
    });
    expect(plan.create.map((p) => p.label)).toEqual(['2020-01', '2020-02-01']);
  });
});
