import { describe, expect, it } from 'vitest';
import type { CanonicalVersionInput } from './canonical.js';
import { contentHash } from './hash.js';
import { type ChainEntry, verifyChain, verifyChains, verifyRecordChains } from './hash-chain.js';

type Stored = CanonicalVersionInput & { contentHash: string };

/** Publishes versions the way the system does: each one links to the hash of the one before. */
function publish(bodies: readonly string[]): Stored[] {
  const chain: Stored[] = [];
  bodies.forEach((body, i) => {
    const input: CanonicalVersionInput = {
      document: 'terms-of-service',
      label: `v${i + 1}`,
      publishedAt: new Date(Date.UTC(2023, i, 1)),
      effectiveAt: new Date(Date.UTC(2023, i, 15)),
      material: i % 2 === 0,
      changeNote: `Change ${i + 1}`,
      previousHash: chain[i - 1]?.contentHash ?? null,
      clauses: [{ key: '10.4', number: '10.4', heading: 'AI', body }],
      explanations: [],
    };
    chain.push({ ...input, contentHash: contentHash(input) });
  });
  return chain;
}

/** What a verifier does with an export: recompute each hash from the content it received. */
const entries = (chain: readonly Stored[]): ChainEntry[] =>
  chain.map((v) => ({
    label: v.label,
    contentHash: v.contentHash,
    previousHash: v.previousHash,
    recomputedHash: contentHash(v),
  }));

const history = publish([
  'Early text.',
  'Broad licence and AI training.',
  'No training without consent.',
  'Later text.',
]);

describe('verifyChain', () => {
  it('accepts an untouched chain, a single version and an empty export', () => {
    expect(verifyChain(entries(history))).toEqual({ ok: true, problems: [] });
    expect(verifyChain(entries(history.slice(0, 1)))).toEqual({ ok: true, problems: [] });
    expect(verifyChain([])).toEqual({ ok: true, problems: [] });
  });

  it('detects a version whose content was edited', () => {
    const tampered = history.map((v) => (v.label === 'v2' ? { ...v, changeNote: 'Nothing to see here.' } : v));
    const result = verifyChain(entries(tampered));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.label, p.code])).toEqual([['v2', 'HASH_MISMATCH']]);
  });

  it('detects an edit whose stored hash was rewritten too, by the next link', () => {
    const tampered = history.map((v) => {
      if (v.label !== 'v2') return v;
      const edited = { ...v, clauses: [{ key: '10.4', number: '10.4', heading: 'AI', body: 'Harmless text.' }] };
      return { ...edited, contentHash: contentHash(edited) };
    });
    expect(verifyChain(entries(tampered)).problems.map((p) => [p.label, p.code])).toEqual([['v3', 'BROKEN_LINK']]);
  });

  it('detects a removed version in the middle and at the start', () => {
    const withoutMiddle = history.filter((v) => v.label !== 'v2');
    expect(verifyChain(entries(withoutMiddle)).problems.map((p) => [p.label, p.code])).toEqual([['v3', 'BROKEN_LINK']]);
    const withoutFirst = history.slice(1);
    expect(verifyChain(entries(withoutFirst)).problems.map((p) => [p.label, p.code])).toEqual([['v2', 'BROKEN_LINK']]);
  });

  it('detects reordered versions', () => {
    const [v1, v2, v3, v4] = history as [Stored, Stored, Stored, Stored];
    expect(verifyChain(entries([v1, v3, v2, v4])).problems.map((p) => [p.label, p.code])).toEqual([
      ['v3', 'BROKEN_LINK'],
      ['v2', 'BROKEN_LINK'],
      ['v4', 'BROKEN_LINK'],
    ]);
    expect(verifyChain(entries([v2, v1, v3, v4])).problems.map((p) => [p.label, p.code])).toEqual([
      ['v2', 'BROKEN_LINK'],
      ['v1', 'UNEXPECTED_GENESIS'],
      ['v3', 'BROKEN_LINK'],
    ]);
  });

  it('reports a second genesis in the middle of the chain', () => {
    const list = entries(history).map((e) => (e.label === 'v3' ? { ...e, previousHash: null } : e));
    const result = verifyChain(list);
    expect(result.problems).toEqual([
      { label: 'v3', code: 'UNEXPECTED_GENESIS', message: expect.stringContaining('v2') },
    ]);
  });
});

describe('verifyChains', () => {
  const version = (label: string, previousHash: string | null) => ({
    label,
    publishedAt: new Date('2024-01-01T00:00:00.000Z'),
    effectiveAt: new Date('2024-02-01T00:00:00.000Z'),
    material: false,
    changeNote: `Version ${label}`,
    previousHash,
    clauses: [{ key: '1', number: '1', heading: 'One', body: `Body of ${label}` }],
    explanations: [],
  });
  const chained = () => {
    const first = version('v1', null);
    const firstHash = contentHash({ ...first, document: 'terms' });
    const second = version('v2', firstHash);
    return [
      { ...first, contentHash: firstHash },
      { ...second, contentHash: contentHash({ ...second, document: 'terms' }) },
    ];
  };

  it('reports each document chain, its length and head', () => {
    const versions = chained();
    expect(verifyChains([{ slug: 'terms', versions }])).toEqual({
      ok: true,
      chains: [{ chain: 'document/terms', count: 2, headHash: versions[1]?.contentHash, ok: true }],
      problems: [],
    });
  });

  it('reports content that cannot be canonicalised as a mismatch naming the reason, without throwing', () => {
    const [first, second] = chained();
    if (first === undefined || second === undefined) throw new Error('two versions expected');
    const result = verifyChains([{ slug: 'terms', versions: [first, { ...second, previousHash: 'not-a-hash' }] }]);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => [problem.chain, problem.label, problem.code])).toEqual([
      ['document/terms', 'v2', 'HASH_MISMATCH'],
      ['document/terms', 'v2', 'BROKEN_LINK'],
    ]);
    expect(result.problems[0]?.message).toContain('previousHash must be 64 lowercase hexadecimal digits');
  });
});

describe('verifyRecordChains', () => {
  it('names a record without a hash once, as UNCHAINED, and leaves it out of the links', () => {
    const a = { label: 'a', contentHash: 'a'.repeat(64), previousHash: null, recomputedHash: 'a'.repeat(64) };
    const loose = { label: 'by hand', contentHash: null, previousHash: null, recomputedHash: 'x' };
    const b = { label: 'b', contentHash: 'b'.repeat(64), previousHash: 'a'.repeat(64), recomputedHash: 'b'.repeat(64) };
    const result = verifyRecordChains([{ chain: 'withdrawals', records: [a, loose, b] }]);
    expect(result.problems.map((p) => [p.chain, p.label, p.code])).toEqual([['withdrawals', 'by hand', 'UNCHAINED']]);
    expect(result.chains).toEqual([{ chain: 'withdrawals', count: 2, headHash: 'b'.repeat(64), ok: false }]);
  });
});
