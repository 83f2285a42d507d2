import { describe, expect, it } from 'vitest';
import { compareClauses } from './clause-diff.js';
import { DomainError } from './errors.js';
import { seededRandom } from './testing/seeded-random.js';
import type { ClauseInput } from './types.js';
import { diffSource, diffTarget } from './word-diff.js';

const clause = (key: string, body = `Body of ${key}.`, number = key, heading = `Heading ${key}`): ClauseInput => ({
  key,
  number,
  heading,
  body,
});

const march = [
  clause('10.1', 'Customer owns its content.'),
  clause('10.2', 'Customer grants a licence to redistribute, publish and process customer content.'),
  clause('10.4', 'Customer consents to use of content for machine learning and AI.'),
  clause('11.1', 'Governing law.'),
];

describe('compareClauses', () => {
  it('finds no change between a version and itself', () => {
    const result = compareClauses(march, march);
    expect(result.changes).toEqual([]);
    expect(result.summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 0, unchanged: 4 });
  });

  it('handles empty documents', () => {
    expect(compareClauses([], [])).toEqual({
      changes: [],
      summary: { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0 },
    });

    const created = compareClauses([], march);
    expect(created.summary).toEqual({ added: 4, removed: 0, modified: 0, moved: 0, unchanged: 0 });
    expect(created.changes.map((c) => [c.kind, c.key, c.to?.position])).toEqual([
      ['added', '10.1', 0],
      ['added', '10.2', 1],
      ['added', '10.4', 2],
      ['added', '11.1', 3],
    ]);
    expect(created.changes[0]).toMatchObject({ from: null, headingDiff: null, bodyDiff: null, moved: false });

    const emptied = compareClauses(march, []);
    expect(emptied.summary).toEqual({ added: 0, removed: 4, modified: 0, moved: 0, unchanged: 0 });
    expect(emptied.changes.map((c) => [c.kind, c.key, c.from?.position, c.to])).toEqual([
      ['removed', '10.1', 0, null],
      ['removed', '10.2', 1, null],
      ['removed', '10.4', 2, null],
      ['removed', '11.1', 3, null],
    ]);
  });

  it('reports a body change with a word diff and no heading diff', () => {
    const august = march.map((c) =>
      c.key === '10.4'
        ? {
            ...c,
            body: `${c.body} Notwithstanding the above, no audio, video or chat content trains AI models without consent.`,
          }
        : c,
    );
    const { changes, summary } = compareClauses(march, august);
    expect(summary).toEqual({ added: 0, removed: 0, modified: 1, moved: 0, unchanged: 3 });
    const [change] = changes;
    expect(change).toMatchObject({
      kind: 'modified',
      key: '10.4',
      headingChanged: false,
      bodyChanged: true,
      renumbered: false,
      moved: false,
      headingDiff: null,
    });
    expect(change?.from?.position).toBe(2);
    expect(diffSource(change?.bodyDiff ?? [])).toBe(march[2]?.body);
    expect(diffTarget(change?.bodyDiff ?? [])).toBe(august[2]?.body);
    expect(change?.bodyDiff?.filter((p) => p.op === 'delete')).toEqual([]);
  });

  it('reports a heading change only in the heading diff', () => {
    const to = march.map((c) => (c.key === '11.1' ? { ...c, heading: 'Law and venue' } : c));
    const [change] = compareClauses(march, to).changes;
    expect(change).toMatchObject({ kind: 'modified', headingChanged: true, bodyChanged: false, bodyDiff: null });
    expect(diffTarget(change?.headingDiff ?? [])).toBe('Law and venue');
  });

  it('reports a renumber-only change as modified without diffs', () => {
    const to = [clause('10.1'), clause('10.2'), clause('10.4', march[2]?.body, '10.3'), clause('11.1')].map((c, i) => ({
      ...c,
      body: march[i]?.body ?? '',
      heading: march[i]?.heading ?? '',
    }));
    const { changes, summary } = compareClauses(march, to);
    expect(summary.modified).toBe(1);
    expect(changes).toEqual([
      {
        kind: 'modified',
        key: '10.4',
        from: { number: '10.4', heading: 'Heading 10.4', body: march[2]?.body, position: 2 },
        to: { number: '10.3', heading: 'Heading 10.4', body: march[2]?.body, position: 2 },
        headingChanged: false,
        bodyChanged: false,
        renumbered: true,
        moved: false,
        headingDiff: null,
        bodyDiff: null,
      },
    ]);
  });

  it('does not call shifted clauses moved when one is inserted or removed', () => {
    const inserted = [march[0], clause('10.3', 'Education records are not used.'), ...march.slice(1)] as ClauseInput[];
    const result = compareClauses(march, inserted);
    expect(result.summary).toEqual({ added: 1, removed: 0, modified: 0, moved: 0, unchanged: 4 });
    expect(result.changes.map((c) => [c.kind, c.key])).toEqual([['added', '10.3']]);
  });

  it('reports only the clause that left its place as moved', () => {
    const to = [march[0], march[2], march[3], march[1]] as ClauseInput[];
    const result = compareClauses(march, to);
    expect(result.summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 1, unchanged: 3 });
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      kind: 'moved',
      key: '10.2',
      moved: true,
      headingChanged: false,
      bodyChanged: false,
      renumbered: false,
      headingDiff: null,
      bodyDiff: null,
      from: { position: 1 },
      to: { position: 3 },
    });
  });

  it('reports a clause both moved and modified as moved, with its diffs', () => {
    const licence = march[1] as ClauseInput;
    const moved = { ...licence, number: '12.1', body: `${licence.body} Customer still owns its content.` };
    const to = [march[0], march[2], march[3], moved] as ClauseInput[];
    const { changes, summary } = compareClauses(march, to);
    expect(summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 1, unchanged: 3 });
    expect(changes[0]).toMatchObject({
      kind: 'moved',
      moved: true,
      bodyChanged: true,
      renumbered: true,
      headingChanged: false,
      headingDiff: null,
    });
    expect(diffTarget(changes[0]?.bodyDiff ?? [])).toBe(moved.body);
  });

  it('follows a clause by key across a renumbering of the whole document', () => {
    const to = march.map((c, i) => ({ ...c, number: String(i + 1) }));
    const { summary, changes } = compareClauses(march, to);
    expect(summary).toEqual({ added: 0, removed: 0, modified: 4, moved: 0, unchanged: 0 });
    expect(changes.every((c) => c.renumbered && !c.bodyChanged)).toBe(true);
  });

  it('orders changes by position in the new version, removed clauses after their old predecessor', () => {
    const from = ['a', 'b', 'c', 'd', 'e'].map((k) => clause(k));
    const to = [clause('x'), clause('a'), clause('c', 'changed'), clause('e'), clause('y')];
    const { changes, summary } = compareClauses(from, to);
    expect(changes.map((c) => `${c.kind}:${c.key}`)).toEqual([
      'added:x',
      'removed:b',
      'modified:c',
      'removed:d',
      'added:y',
    ]);
    expect(summary).toEqual({ added: 2, removed: 2, modified: 1, moved: 0, unchanged: 2 });
  });

  it('puts removed clauses with no surviving predecessor first, in their old order', () => {
    const from = ['a', 'b', 'c'].map((k) => clause(k));
    const to = [clause('z'), clause('c')];
    expect(compareClauses(from, to).changes.map((c) => `${c.kind}:${c.key}`)).toEqual([
      'removed:a',
      'removed:b',
      'added:z',
    ]);
  });

  it('anchors a removed clause to where its predecessor went, even if that one moved', () => {
    const from = ['a', 'b', 'gone', 'c'].map((k) => clause(k));
    const to = ['a', 'c', 'b'].map((k) => clause(k));
    expect(compareClauses(from, to).changes.map((c) => `${c.kind}:${c.key}`)).toEqual(['moved:b', 'removed:gone']);
  });

  it('is deterministic and every key counts exactly once (random versions)', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 200; round++) {
      const keys = Array.from({ length: random.int(0, 12) }, (_, i) => `k${i}`);
      const from = keys.filter(() => random.next() < 0.8).map((k) => clause(k));
      const kept = keys.filter(() => random.next() < 0.8);
      for (let i = kept.length - 1; i > 0; i--) {
        if (random.next() < 0.3) continue;
        const j = random.int(0, i);
        [kept[i], kept[j]] = [kept[j] as string, kept[i] as string];
      }
      const to = kept.map((k) => (random.next() < 0.3 ? clause(k, 'edited') : clause(k)));
      const result = compareClauses(from, to);
      const toPositions = result.changes.flatMap((c) => (c.to === null ? [] : [c.to.position]));
      expect(toPositions).toEqual([...toPositions].sort((a, b) => a - b));
      for (const c of result.changes) {
        if (c.to !== null) expect(to[c.to.position]?.key).toBe(c.key);
        if (c.from !== null) expect(from[c.from.position]?.key).toBe(c.key);
      }
      expect(compareClauses(from, to)).toEqual(result);
      const s = result.summary;
      expect(s.added + s.removed + s.modified + s.moved + s.unchanged).toBe(
        new Set([...from, ...to].map((c) => c.key)).size,
      );
      expect(new Set(result.changes.map((c) => c.key)).size).toBe(result.changes.length);
    }
  });

  it('compares two 1,000-clause versions, finding the moved ones', () => {
    const from = Array.from({ length: 1000 }, (_, i) =>
      clause(`c${i}`, `Clause ${i} says something about content and consent.`),
    );
    const to = [...from];
    const [first] = to.splice(0, 1);
    to.push(first as ClauseInput);
    to[500] = { ...(to[500] as ClauseInput), body: 'Rewritten.' };
    const { summary } = compareClauses(from, to);
    expect(summary).toEqual({ added: 0, removed: 0, modified: 1, moved: 1, unchanged: 998 });
  });

  it('rejects duplicate keys on either side', () => {
    const duplicated = [clause('a'), clause('a')];
    expect(() => compareClauses(duplicated, [])).toThrow(DomainError);
    try {
      compareClauses([], duplicated);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    }
  });
});
