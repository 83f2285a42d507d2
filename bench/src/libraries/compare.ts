/**
 * Ours against a library on one workload, for the library decision records (docs/adr/0008 on).
 * The machine is small and shared, so absolute numbers drift between runs: every contender runs
 * in the same process, in short alternating rounds (ours first in even rounds, last in odd ones),
 * and the table reports each one's median round and its ratio to ours, which is what the ADRs cite.
 */
import { Bench } from 'tinybench';
import { machine, table } from '../report.js';

export interface Contender {
  name: string;
  /** One operation; a promise is awaited before the next. */
  run: () => unknown;
}

export interface Workload {
  name: string;
  /**
   * Operations per timed sample (default 1): tinybench times every sample, and its own overhead
   * (microseconds) would swamp operations that take less.
   */
  perCall?: number;
  ours: Contender;
  theirs: readonly Contender[];
}

export interface CompareOptions {
  rounds?: number;
  /** Measured time per contender and round. */
  roundMs?: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Mean µs per operation of one timed round. */
async function timeRound(contender: Contender, perCall: number, roundMs: number): Promise<number> {
  const bench = new Bench({ time: roundMs, warmupTime: Math.min(100, roundMs / 2) });
  const { run } = contender;
  bench.add(contender.name, async () => {
    for (let i = 0; i < perCall; i++) {
      const result = run();
      if (result instanceof Promise) await result;
    }
  });
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result === undefined || result.state !== 'completed') {
    const reason = result !== undefined && result.state === 'errored' ? String(result.error) : result?.state;
    throw new Error(`${contender.name}: ${reason ?? 'no result'}`);
  }
  return (result.latency.mean * 1000) / perCall;
}

const format = (microseconds: number): string =>
  microseconds >= 100 ? microseconds.toFixed(0) : microseconds >= 1 ? microseconds.toFixed(2) : microseconds.toFixed(3);

/** Runs every workload and prints a Markdown table: µs/op, ops/s and time relative to ours. */
export async function compare(
  title: string,
  workloads: readonly Workload[],
  options: CompareOptions = {},
): Promise<void> {
  const rounds = options.rounds ?? 5;
  const roundMs = options.roundMs ?? 300;
  const rows: (string | number)[][] = [];
  for (const workload of workloads) {
    const perCall = workload.perCall ?? 1;
    const contenders = [workload.ours, ...workload.theirs];
    const samples = contenders.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      const order = contenders.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      for (const i of order) samples[i]?.push(await timeRound(contenders[i] as Contender, perCall, roundMs));
    }
    const ours = median(samples[0] ?? []);
    contenders.forEach((contender, i) => {
      const us = median(samples[i] ?? []);
      const spread = `${format(Math.min(...(samples[i] ?? [])))}–${format(Math.max(...(samples[i] ?? [])))}`;
      rows.push([
        workload.name,
        contender.name,
        format(us),
        spread,
        Math.round(1_000_000 / us).toLocaleString('en-GB'),
        i === 0 ? '1.00 (ours)' : `${(us / ours).toFixed(2)}×`,
      ]);
    });
  }
  console.log(`\n## ${title}\n`);
  console.log(
    `${new Date().toISOString().slice(0, 10)}, ${machine()}; median of ${rounds} alternating rounds of ${roundMs} ms each.\n`,
  );
  console.log(table(['workload', 'implementation', 'µs/op (median)', 'rounds min–max', 'ops/s', 'time vs ours'], rows));
}
