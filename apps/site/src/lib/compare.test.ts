import { describe, expect, it } from 'vitest';
import {
  ALL_PAIRS_UP_TO,
  clauseHistories,
  compareVersions,
  comparisonPairs,
  entryChange,
  inForceRanges,
} from './compare';
import { markedRuns } from './diff-view';
import type { VersionEntry } from './entry-types';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const dated = (label: string, effective: string, withdrawn = false) => ({
  label,
  effectiveAt: day(effective),
  publishedAt: day('2020-01-01'),
  withdrawal: withdrawn ? { reason: 'r', withdrawnAt: day(effective), contentHash: null, previousHash: null } : null,
});

describe('comparisonPairs', () => {
  it('offers every pair, older first, up to ALL_PAIRS_UP_TO versions, whatever the input order', () => {
    const versions = [dated('c', '2023-03-01'), dated('a', '2023-01-01'), dated('b', '2023-02-01')];
    expect(comparisonPairs(versions, 'b')).toEqual([
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'c' },
    ]);
    const many = Array.from({ length: ALL_PAIRS_UP_TO }, (_, i) =>
      dated(`v${i}`, `2000-01-${String(i + 1).padStart(2, '0')}`),
    );
    expect(comparisonPairs(many, null)).toHaveLength((ALL_PAIRS_UP_TO * (ALL_PAIRS_UP_TO - 1)) / 2);
  });

  it('beyond, offers consecutive pairs and the version in force with the first and its nearest versions, once each', () => {
    const count = 4 * ALL_PAIRS_UP_TO;
    const versions = Array.from({ length: count }, (_, i) => ({
      ...dated(`v${i}`, '2000-01-01'),
      effectiveAt: new Date(Date.UTC(2000, 0, 1 + i)),
    }));
    const inForce = 2 * ALL_PAIRS_UP_TO;
    const pairs = comparisonPairs(versions, `v${inForce}`);
    const keys = pairs.map((pair) => `${pair.from}>${pair.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    // count - 1 consecutive pairs; with the one in force: ALL_PAIRS_UP_TO - 1 on each side (its
    // neighbours are consecutive pairs already), and the first version.
    expect(pairs).toHaveLength(count - 1 + 2 * (ALL_PAIRS_UP_TO - 1) + 1);
    expect(keys).toContain(`v0>v${inForce}`);
    expect(keys).toContain(`v${inForce - ALL_PAIRS_UP_TO}>v${inForce}`);
    expect(keys).not.toContain(`v${inForce - ALL_PAIRS_UP_TO - 1}>v${inForce}`);
    expect(keys).toContain(`v${inForce}>v${inForce + ALL_PAIRS_UP_TO}`);
    expect(keys).not.toContain(`v${inForce}>v${inForce + ALL_PAIRS_UP_TO + 1}`);
    expect(keys).toContain('v5>v6');
    expect(keys).not.toContain('v5>v7');
  });
});

describe('inForceRanges', () => {
  it('lists each version that bound, from its effective date until the next, leaving out withdrawn ones', () => {
    const ranges = inForceRanges([
      dated('v1', '2023-01-01'),
      dated('v3', '2023-09-01'),
      dated('w', '2023-06-01', true),
      dated('v2', '2023-03-01'),
    ]);
    expect(ranges).toEqual([
      { label: 'v1', from: day('2023-01-01'), until: day('2023-03-01') },
      { label: 'v2', from: day('2023-03-01'), until: day('2023-09-01') },
      { label: 'v3', from: day('2023-09-01'), until: null },
    ]);
  });
});

const clause = (key: string, body: string, number = key) => ({
  key,
  number,
  heading: `H${key}`,
  body,
  position: 0,
  anchor: `clause-${key}`,
});
const version = (label: string, effective: string, clauses: ReturnType<typeof clause>[], withdrawn = false) =>
  ({ ...dated(label, effective, withdrawn), clauses }) as unknown as VersionEntry;

describe('compareVersions', () => {
  it('is the domain comparison in the API spelling', () => {
    const comparison = compareVersions(
      { clauses: [clause('1', 'We may use content.'), clause('2', 'Gone.')] },
      { clauses: [clause('1', 'We may use all content.'), clause('3', 'New.')] },
    );
    expect(comparison.summary).toEqual({ added: 1, removed: 1, modified: 1, moved: 0, unchanged: 0 });
    expect(comparison.changes.map((change) => change.kind)).toEqual(['MODIFIED', 'REMOVED', 'ADDED']);
    expect(comparison.changes[0]?.bodyDiff).toEqual([
      { op: 'EQUAL', text: 'We may use ' },
      { op: 'INSERT', text: 'all ' },
      { op: 'EQUAL', text: 'content.' },
    ]);
  });
});

describe('clauseHistories', () => {
  it('keeps an entry only where a clause appeared, changed or went, with how long each wording lasted', () => {
    const histories = clauseHistories([
      version('v1', '2023-01-01', [clause('1', 'One.'), clause('2', 'Two.')]),
      version('v2', '2023-02-01', [clause('1', 'One.'), clause('2', 'Two.')]),
      version('w', '2023-02-15', [clause('1', 'Withdrawn words.')], true),
      version('v3', '2023-03-01', [clause('1', 'One, changed.')]),
      version('v4', '2023-04-01', [clause('1', 'One, changed.', '1.1')]),
    ]);
    const one = histories.find((history) => history.key === '1');
    expect(
      one?.entries.map((entry) => [entry.kind, entry.label, entry.fromLabel, entry.lastLabel, entry.versionCount]),
    ).toEqual([
      ['ADDED', 'v1', null, 'v2', 2],
      ['MODIFIED', 'v3', 'v2', 'v3', 1],
      ['MODIFIED', 'v4', 'v3', 'v4', 1],
    ]);
    expect(one?.latest).toMatchObject({ number: '1.1', label: 'v4' });
    const renumbered = entryChange('1', one?.entries[2] as NonNullable<typeof one>['entries'][number]);
    expect(renumbered).toMatchObject({ kind: 'MODIFIED', renumbered: true, bodyChanged: false, bodyDiff: null });
    const two = histories.find((history) => history.key === '2');
    expect(two?.entries.map((entry) => [entry.kind, entry.label, entry.fromLabel])).toEqual([
      ['ADDED', 'v1', null],
      ['REMOVED', 'v3', 'v2'],
    ]);
  });
});

describe('markedRuns', () => {
  it('keeps the whitespace around a changed run outside its mark', () => {
    expect(
      markedRuns([
        { op: 'EQUAL', text: 'a' },
        { op: 'INSERT', text: ' new words\n' },
        { op: 'DELETE', text: '  ' },
      ]),
    ).toEqual([
      { op: 'EQUAL', leading: '', text: 'a', trailing: '' },
      { op: 'INSERT', leading: ' ', text: 'new words', trailing: '\n' },
      { op: 'EQUAL', leading: '', text: '  ', trailing: '' },
    ]);
  });
});
