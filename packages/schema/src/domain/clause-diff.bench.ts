/**
 * Benchmark, not a test (CONVENTIONS.md: a benchmark prints numbers). Run with
 *   cd packages/schema && node_modules/.bin/tsx src/domain/clause-diff.bench.ts
 * Target: comparing two 1,000-clause versions well under 50 ms.
 */
import { compareClauses } from './clause-diff.js';
import type { ClauseInput } from './types.js';

function version(size: number, shuffleSeed: number, editEvery: number): ClauseInput[] {
  const clauses = Array.from({ length: size }, (_, i) => ({
    key: `c${i}`,
    number: String(i + 1),
    heading: `Clause ${i}`,
    body: `Clause ${i} grants the right to use, store and process customer content for purpose ${i % 17}.`,
  }));
  // Deterministic partial shuffle so that some clauses move.
  let state = shuffleSeed;
  for (let i = 0; i < size / 10; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const a = state % size;
    const b = (state >> 8) % size;
    [clauses[a], clauses[b]] = [clauses[b] as ClauseInput, clauses[a] as ClauseInput];
  }
  return clauses.map((c, i) => (editEvery > 0 && i % editEvery === 0 ? { ...c, body: `${c.body} Amended.` } : c));
}

for (const size of [1000, 10_000]) {
  const from = version(size, 0, 0);
  const cases = {
    identical: from,
    'reversed order': [...from].reverse(),
    'shuffled, every 3rd edited': version(size, 99, 3),
  };
  for (const [name, to] of Object.entries(cases)) {
    compareClauses(from, to);
    const runs = 20;
    const start = performance.now();
    for (let i = 0; i < runs; i++) compareClauses(from, to);
    console.log(`${size} clauses, ${name}: ${((performance.now() - start) / runs).toFixed(2)} ms`);
  }
}
