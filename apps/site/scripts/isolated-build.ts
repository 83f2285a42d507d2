/**
 * Builds the site (`astro build`, the package's own build script, which also writes the Pagefind
 * index: src/integrations/search-index.ts) into a private
 * directory with its own Astro cache, never into apps/site/dist: the test suite and the
 * benchmarks build from their own databases without disturbing a developer's build, or each other.
 * The run directory must lie inside apps/site (Astro misplaces its content-layer files when outDir
 * lies outside the project root).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SITE_PACKAGE = fileURLToPath(new URL('../', import.meta.url));

/** The build script this module reproduces with its own outDir; if it changes, change this too. */
const EXPECTED_BUILD_SCRIPT = 'astro build';

/** GNU time, when installed, reports a command's peak memory (benchmarks only). */
const GNU_TIME = '/usr/bin/time';
const PEAK_MARKER = 'candor-peak-rss-kb=';
const CPU_MARKER = 'candor-cpu-seconds=';

export interface IsolatedBuildOptions {
  /** A fresh directory inside apps/site (e.g. apps/site/node_modules/.candor-test/run-…). */
  runDirectory: string;
  /** The build's environment: DATABASE_URL, CANDOR_NOW, CANDOR_SIGNING_KEY, CANDOR_SITE_URL … */
  env: NodeJS.ProcessEnv;
  /** Receives the commands and their whole output. */
  log: NodeJS.WritableStream;
  /** Measure each step's peak resident memory with GNU time (when installed). */
  measureMemory?: boolean;
}

export interface StepResult {
  seconds: number;
  /** Peak resident set size in bytes; null when not measured. */
  peakBytes: number | null;
  /** User + system CPU seconds (steadier than wall time on a shared machine); null when not measured. */
  cpuSeconds: number | null;
  /** Everything the step printed. */
  output: string;
}

/** What the search-index integration reported (its "Pagefind: …" log line). */
export interface SearchIndexReport {
  pages: number;
  /** Waiting for the last pages to be indexed, after Astro rendered them. */
  settleSeconds: number;
  /** Writing the index files: the part of Pagefind's work left after rendering. */
  writeSeconds: number;
  /** The pagefind process's CPU seconds and peak RSS (bytes); null where /proc is missing. */
  cpuSeconds: number | null;
  peakBytes: number | null;
}

export interface IsolatedBuild {
  outDir: string;
  astro: StepResult;
  searchIndex: SearchIndexReport;
}

export async function buildSiteIsolated(options: IsolatedBuildOptions): Promise<IsolatedBuild> {
  const script = (
    JSON.parse(readFileSync(join(SITE_PACKAGE, 'package.json'), 'utf8')) as { scripts: { build: string } }
  ).scripts.build;
  if (script !== EXPECTED_BUILD_SCRIPT) {
    throw new Error(`apps/site's build script is now "${script}"; update apps/site/scripts/isolated-build.ts to match`);
  }
  const { runDirectory } = options;
  const configFile = join(runDirectory, 'astro.config.mjs');
  const outDir = join(runDirectory, 'dist');
  mkdirSync(runDirectory, { recursive: true });
  const siteConfig = relative(runDirectory, join(SITE_PACKAGE, 'astro.config.ts')).split(sep).join('/');
  // The site's own config with a private cacheDir: Astro keeps the content-layer data store there
  // between its two build stages, so concurrent builds sharing the default one could mix data.
  writeFileSync(
    configFile,
    `import site from '${siteConfig}';\nexport default { ...site, cacheDir: ${JSON.stringify(join(runDirectory, 'cache'))} };\n`,
  );
  const bin = (name: string) => join(SITE_PACKAGE, 'node_modules/.bin', name);
  // Astro joins --config to the project root: it must be relative.
  const astro = await run(
    bin('astro'),
    ['build', '--config', relative(SITE_PACKAGE, configFile), '--outDir', outDir],
    options,
  );
  return { outDir, astro, searchIndex: searchIndexReport(astro.output) };
}

function searchIndexReport(output: string): SearchIndexReport {
  const line = output.match(
    /Pagefind: (\d+) pages indexed while rendering; last pages (\d+) ms, index written in (\d+) ms(?: \(pagefind process: ([\d.]+) s CPU, peak (\d+) MB\))?/,
  );
  if (line === null) throw new Error('The build did not report its search index (no "Pagefind: …" line)');
  return {
    pages: Number(line[1]),
    settleSeconds: Number(line[2]) / 1000,
    writeSeconds: Number(line[3]) / 1000,
    cpuSeconds: line[4] === undefined ? null : Number(line[4]),
    peakBytes: line[5] === undefined ? null : Number(line[5]) * 2 ** 20,
  };
}

function run(command: string, args: string[], options: IsolatedBuildOptions): Promise<StepResult> {
  const measured = options.measureMemory === true && existsSync(GNU_TIME);
  const [file, argv] = measured
    ? [GNU_TIME, ['-f', `${PEAK_MARKER}%M ${CPU_MARKER}%U+%S`, command, ...args]]
    : [command, args];
  return new Promise((resolvePromise, reject) => {
    options.log.write(`\n$ ${command} ${args.join(' ')}\n`);
    const started = performance.now();
    const child = spawn(file, argv, { cwd: SITE_PACKAGE, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      options.log.write(chunk);
      chunks.push(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8');
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
        return;
      }
      const peak = measured ? Number(output.match(new RegExp(`${PEAK_MARKER}(\\d+)`))?.[1]) : Number.NaN;
      const cpu = measured ? output.match(new RegExp(`${CPU_MARKER}([\\d.]+)\\+([\\d.]+)`)) : null;
      resolvePromise({
        seconds: (performance.now() - started) / 1000,
        peakBytes: Number.isFinite(peak) ? peak * 1024 : null,
        cpuSeconds: cpu === null ? null : Number(cpu[1]) + Number(cpu[2]),
        output,
      });
    });
  });
}
