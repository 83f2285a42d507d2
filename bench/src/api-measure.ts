/**
 * One measurement of `pnpm bench`: an autocannon run against a server process, with that process's
 * CPU time (utime + stime from /proc/<pid>/stat) before and after, and its peak resident memory
 * (VmHWM from /proc/<pid>/status, reset through /proc/<pid>/clear_refs before the run when the
 * kernel allows it, so each measurement reports its own peak).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time the process has used so far, in microseconds. */
export function cpuMicroseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}

/** Peak resident set size in MiB (VmHWM). */
export function peakRssMiB(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface Load {
  url: string;
  pid: number;
  requests: autocannon.Request[];
  duration: number;
  connections: number;
  /** Requests per second over all connections (autocannon overallRate); unset: as fast as possible. */
  overallRate?: number;
  /** Status every response must have (default 200). */
  expectStatus?: number;
}

export interface Measurement {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  cpuMicrosecondsPerRequest: number;
  peakRssMiB: number;
  /** Connection errors, timeouts and responses with another status than expected. */
  failures: number;
  failureDetail: string;
}

let current: autocannon.Instance | null = null;

/** Stops the run in progress (Ctrl-C). */
export function stopCurrentLoad(): void {
  current?.stop();
}

export async function measure(load: Load): Promise<Measurement> {
  resetPeakRss(load.pid);
  const cpuBefore = cpuMicroseconds(load.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    current = autocannon(
      {
        url: load.url,
        duration: load.duration,
        connections: load.connections,
        requests: load.requests,
        ...(load.overallRate === undefined ? {} : { overallRate: load.overallRate }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  current = null;
  const cpu = cpuMicroseconds(load.pid) - cpuBefore;
  const expected = String(load.expectStatus ?? 200);
  const statuses = Object.entries(result.statusCodeStats ?? {}) as [string, { count: number }][];
  const unexpected = statuses.filter(([status]) => status !== expected).reduce((sum, [, { count }]) => sum + count, 0);
  const requests = statuses.reduce((sum, [, { count }]) => sum + count, 0);
  const failures = result.errors + result.timeouts + unexpected;
  return {
    requestsPerSecond: requests / result.duration,
    requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicrosecondsPerRequest: requests > 0 ? cpu / requests : Number.NaN,
    peakRssMiB: peakRssMiB(load.pid),
    failures,
    failureDetail:
      failures === 0
        ? ''
        : `${result.errors} errors, ${result.timeouts} timeouts, statuses ${statuses.map(([s, { count }]) => `${s}×${count}`).join(' ')}`,
  };
}
