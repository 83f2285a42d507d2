/**
 * `pnpm bench:domain`: the pure functions that run on every comparison page and every publish,
 * at a size far beyond real terms (issue 6, item 4). Prints a table; exits non-zero only on error.
 *   - compare two 1,000-clause versions: target < 50 ms
 *   - hash a 1 MB version (canonical form + SHA-256): target < 20 ms
 */
import { type CanonicalVersionInput, canonicalVersion, compareClauses, contentHash } from '@candor/schema/domain';
import { Bench } from 'tinybench';
import { machine, table, writeResults } from './report.js';
import { reviseClauses, syntheticClauses } from './synthetic/clauses.js';
import { paragraph, seededRandom } from './synthetic/text.js';

const from = syntheticClauses(1000, 1);
const to = reviseClauses(from);

/** A version whose canonical form is about 1 MB: ~2,400 clauses of ~420 characters. */
function megabyteVersion(): CanonicalVersionInput {
  const random = seededRandom(7);
  const clauses = syntheticClauses(2400, 3);
  return {
    document: 'terms-of-service',
    label: '2026-01',
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    effectiveAt: new Date('2026-02-01T00:00:00Z'),
    material: true,
    changeNote: 'Benchmark version.',
    previousHash: null,
    clauses,
    explanations: ['consumer', 'business', 'enterprise', 'education', 'healthcare'].map((segment) => ({
      segment,
      summary: paragraph(random, 5),
      whatChanges: paragraph(random, 3),
      affected: true,
    })),
  };
}
const big = megabyteVersion();
const megabytes = Buffer.byteLength(canonicalVersion(big)) / 1_000_000;

const targets: Record<string, number> = {
  'compare 1,000 clauses (7th edited, moves, 3 added)': 50,
  [`hash a ${megabytes.toFixed(2)} MB version`]: 20,
};

const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('compare 1,000 clauses (7th edited, moves, 3 added)', () => {
    compareClauses(from, to);
  })
  .add(`hash a ${megabytes.toFixed(2)} MB version`, () => {
    contentHash(big);
  });

await bench.run();

const rows: (string | number)[][] = [];
for (const task of bench.tasks) {
  const result = task.result;
  if (result === undefined || result.state !== 'completed') {
    console.error(`${task.name}: ${result?.state ?? 'no result'}`);
    process.exitCode = 1;
    continue;
  }
  const target = targets[task.name] ?? Number.NaN;
  const { mean, p99, samplesCount } = result.latency;
  rows.push([
    task.name,
    mean.toFixed(2),
    (p99 ?? mean).toFixed(2),
    samplesCount,
    `< ${target}`,
    mean < target ? 'met' : '**missed**',
  ]);
}
const markdown = `## Diff and hash at scale (\`pnpm bench:domain\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} with tinybench (2 s per task after warm-up).

${table(['task', 'mean ms', 'p99 ms', 'samples', 'target ms', 'target'], rows)}
`;
writeResults('domain', { machine: machine(), rows }, markdown);
console.log(`\n${markdown}`);
