/**
 * `pnpm bench:import [--versions 300,600] [--provider sqlite|postgresql|both] [--pg postgres://…]
 * [--profile DIR] [--no-report]`: `candor import` of a long history (issue 13: "several hundred
 * versions of a 60 KB document in well under a minute"). A script that prints numbers, never a
 * test: it exits non-zero only when a run errors or an import does not create what it should.
 *
 * For each history length: a git repository of that many commits of a synthetic ~60 KB privacy
 * policy (synthetic/policy-history.ts: one or two clauses reworded a commit, a few clauses added,
 * whitespace-only commits, a rename half-way) and the same history as dated snapshots. For each
 * database: a fresh one (a SQLite file; a new PostgreSQL database, dropped afterwards), set up by
 * `candor init`; then the real CLI, each command its own process as `pnpm candor` starts it (tsx
 * on apps/api/src/cli/index.ts; pnpm's own start-up left out): `import git --dry-run`, `import
 * git`, the same again (must create nothing), and `import ota` of the snapshots into a second
 * document. Phases are read off the CLI's own progress lines on stderr, timed as they arrive.
 * --profile DIR writes a V8 CPU profile of each `import git` (node --cpu-prof, through tsx).
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDatabase } from '@candor/schema';
import { machine, REPOSITORY_ROOT, table, writeResults } from './report.js';
import {
  type PolicyCommit,
  policyHistory,
  writeGitRepository,
  writeSnapshotDirectory,
} from './synthetic/policy-history.js';

/** "Well under a minute", made a number: half of one, for the whole command. */
const TARGET_SECONDS = 30;
const USAGE =
  'usage: pnpm bench:import [--versions 300,600] [--provider sqlite|postgresql|both] [--pg postgres://…] [--profile DIR] [--no-report]';

const { values } = parseArgs({
  options: {
    versions: { type: 'string', default: '300,600' },
    provider: { type: 'string', default: 'both' },
    pg: { type: 'string' },
    profile: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
type Provider = 'SQLite' | 'PostgreSQL';
const PROVIDERS: Record<string, readonly Provider[]> = {
  sqlite: ['SQLite'],
  postgresql: ['PostgreSQL'],
  both: ['SQLite', 'PostgreSQL'],
};
const lengths = values.versions.split(',').map((n) => Number(n.trim()));
const providers = PROVIDERS[values.provider] ?? [];
if (providers.length === 0 || lengths.some((n) => !Number.isInteger(n) || n < 2)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const envUrl = process.env.DATABASE_URL;
const pgAdminUrl =
  values.pg ??
  (envUrl !== undefined && /^postgres(ql)?:\/\//.test(envUrl)
    ? envUrl
    : 'postgresql://postgres@127.0.0.1:5432/postgres');
const profileDirectory = values.profile === undefined ? undefined : resolve(values.profile);

const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

// --- clean-up, also on Ctrl-C -----------------------------------------------------------------
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      say(`clean-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`\n${signal}: removing the temporary repositories and databases…`);
    void cleanUp().then(() => process.exit(130));
  });
}

const work = mkdtempSync(join(tmpdir(), 'candor-bench-import-'));
cleanups.push(() => rmSync(work, { recursive: true, force: true }));
const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

// --- the CLI, as `pnpm candor` runs it ----------------------------------------------------------
const CLI = join(REPOSITORY_ROOT, 'apps/api/src/cli/index.ts');
const TSX = join(REPOSITORY_ROOT, 'apps/api/node_modules/.bin/tsx');
/** Variables the CLI reads; never inherited from the shell running the benchmark. */
const CLI_VARIABLES = ['CANDOR_API_URL', 'CANDOR_TOKEN', 'DATABASE_URL', 'CANDOR_NOW', 'INIT_CWD', 'NODE_OPTIONS'];

interface CliRun {
  stdout: string;
  /** Each stderr line with the milliseconds since the process was started when it arrived. */
  lines: { text: string; ms: number }[];
  ms: number;
  /** User + system CPU of the command and every process it waited for (git, prisma migrate; not a database server). */
  cpuMs: number;
}

/**
 * bash runs the command, then `times` writes its children's CPU (user, system) to fd 3: Node
 * has no way to read a finished child's resource usage, and the CLI's work is spread over tsx,
 * node, git and prisma processes.
 */
const WITH_TIMES = '"$@"; status=$?; times >&3; exit $status';

function cpuOf(times: string): number {
  const children = times.trim().split('\n')[1] ?? '';
  return [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, minutes, secs]) => sum + (Number(minutes) * 60 + Number(secs)) * 1000,
    0,
  );
}

/** Runs `candor <args>` on `databaseUrl`; `nodeFlags` go to node through tsx (e.g. --cpu-prof). */
function runCli(args: readonly string[], databaseUrl: string, nodeFlags: readonly string[] = []): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CLI_VARIABLES.includes(name)));
  const env = {
    ...base,
    DATABASE_URL: databaseUrl,
    CANDOR_SIGNING_KEY: signingKeyPem,
    CANDOR_DATA_DIR: work,
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', WITH_TIMES, 'candor', TSX, ...nodeFlags, CLI, ...args], {
      cwd: REPOSITORY_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    // With a fourth pipe, node's types no longer know which streams are readable.
    const [, out, err, timesOut] = child.stdio as unknown as [null, Readable, Readable, Readable];
    let times = '';
    timesOut.setEncoding('utf8').on('data', (chunk: string) => {
      times += chunk;
    });
    let stdout = '';
    let partial = '';
    const lines: CliRun['lines'] = [];
    out.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    err.setEncoding('utf8').on('data', (chunk: string) => {
      const ms = performance.now() - started;
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) {
        lines.push({ text, ms });
        // "version 12/480…" twice a second is the CLI's; once a run is enough here.
        if (!/^version \d+\/\d+…$/.test(text)) say(`    ${seconds(ms).padStart(6)} s  ${text}`);
      }
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (partial !== '') lines.push({ text: partial, ms });
      if (code === 0) resolve({ stdout, lines, ms, cpuMs: cpuOf(times) });
      else
        reject(
          new Error(`candor ${args.join(' ')} exited ${code}:\n${lines.map((l) => l.text).join('\n')}\n${stdout}`),
        );
    });
  });
}

/** When the first stderr line matching `pattern` arrived. */
function mark(run: CliRun, pattern: RegExp): number {
  const line = run.lines.find((l) => pattern.test(l.text));
  if (line === undefined) throw new Error(`the CLI printed no line matching ${pattern}`);
  return line.ms;
}

interface Counts {
  created: number;
  known: number;
  unchanged: number;
}

/** The CLI's summary line: "<slug>: created N, already imported K, unchanged (whitespace only) U". */
function counts(run: CliRun): Counts {
  const match = /: (?:would create|created) (\d+), already imported (\d+), unchanged \(whitespace only\) (\d+)$/m.exec(
    run.stdout,
  );
  if (match === null) throw new Error(`no summary line in the CLI's output:\n${run.stdout.slice(-500)}`);
  return { created: Number(match[1]), known: Number(match[2]), unchanged: Number(match[3]) };
}

function expectCounts(what: string, actual: Counts, expected: Counts): void {
  if (actual.created !== expected.created || actual.known !== expected.known || actual.unchanged !== expected.unchanged)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, the CLI reported ${JSON.stringify(actual)}`);
}

// --- sources ----------------------------------------------------------------------------------
const DAY = 86_400_000;
const FILE = 'legal/privacy-policy.md';

interface Sources {
  commits: number;
  repo: string;
  snapshots: string;
  /** What an import should make of the history: every commit but the whitespace-only ones. */
  expected: Counts;
  firstKb: number;
  lastKb: number;
  buildMs: number;
}

async function buildSources(commits: number): Promise<Sources> {
  // Three days apart, ending before 2025: dates in the past, the same on every run.
  const options = { commits, start: new Date(Date.UTC(2025, 0, 1) - commits * 3 * DAY), stepMs: 3 * DAY };
  const history = (): Generator<PolicyCommit> => policyHistory(options);
  let whitespace = 0;
  let first = 0;
  let last = 0;
  for (const commit of history()) {
    if (commit.kind === 'whitespace') whitespace++;
    last = Buffer.byteLength(commit.markdown);
    if (first === 0) first = last;
  }
  const started = performance.now();
  const repo = join(work, `repo-${commits}`);
  await writeGitRepository(repo, history());
  const snapshots = join(work, `snapshots-${commits}`);
  writeSnapshotDirectory(snapshots, history());
  return {
    commits,
    repo,
    snapshots,
    expected: { created: commits - whitespace, known: 0, unchanged: whitespace },
    firstKb: first / 1024,
    lastKb: last / 1024,
    buildMs: performance.now() - started,
  };
}

// --- databases --------------------------------------------------------------------------------
async function adminSql(sql: string): Promise<void> {
  const admin = await openDatabase({ url: pgAdminUrl });
  try {
    await admin.prisma.$executeRawUnsafe(sql);
  } finally {
    await admin.close();
  }
}

/** An empty database of `provider`, removed on clean-up. */
async function emptyDatabase(provider: Provider, name: string): Promise<string> {
  if (provider === 'SQLite') return `file:${join(work, `${name}.db`)}`;
  const database = `candor_bench_import_${randomBytes(4).toString('hex')}`;
  await adminSql(`CREATE DATABASE ${database}`);
  cleanups.push(() => adminSql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  const url = new URL(pgAdminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const GIT_DOCUMENT = 'privacy-policy';
const OTA_DOCUMENT = 'privacy-policy-snapshots';

// --- one measurement --------------------------------------------------------------------------
interface Measurement {
  provider: Provider;
  commits: number;
  created: number;
  unchanged: number;
  firstKb: number;
  lastKb: number;
  /** import git, by phase (ms): process start to its first line; reading git; splitting into clauses; opening the database and checking migrations; planning, the transaction and the checkpoint, to exit. */
  startMs: number;
  gitReadMs: number;
  parseMs: number;
  migrateMs: number;
  writeMs: number;
  totalMs: number;
  cpuMs: number;
  /** The machine's one-minute load average when the import ended. */
  load: number;
  rerunMs: number;
  dryRunMs: number;
  ota: { readAndParseMs: number; writeMs: number; totalMs: number; cpuMs: number; created: number };
}

async function measure(provider: Provider, sources: Sources): Promise<Measurement> {
  const { commits, repo, snapshots, expected } = sources;
  say(`\n${provider}, ${commits} commits: a fresh database, set up by candor init…`);
  const url = await emptyDatabase(provider, `${provider.toLowerCase()}-${commits}`);
  await runCli(
    [
      'init',
      '--name',
      'Synthetic Service',
      '--segment',
      'everyone=Everyone',
      '--document',
      `${GIT_DOCUMENT}=Privacy Policy`,
      '--document',
      `${OTA_DOCUMENT}=Privacy Policy (snapshots)`,
      '--document-kind',
      `${GIT_DOCUMENT}=privacy`,
      '--document-kind',
      `${OTA_DOCUMENT}=privacy`,
    ],
    url,
  );
  const git = ['import', 'git', '--repo', repo, '--file', FILE, '--document', GIT_DOCUMENT];

  say(`  import git --dry-run:`);
  const dryRun = await runCli([...git, '--dry-run'], url);
  expectCounts('dry run', counts(dryRun), expected);

  say(`  import git:`);
  const profile = profileDirectory === undefined ? [] : profileFlags(join(profileDirectory, `${provider}-${commits}`));
  const run = await runCli(git, url, profile);
  const loadAfterImport = loadavg()[0] ?? 0;
  expectCounts('import', counts(run), expected);
  const readAt = mark(run, /^reading the history of /);
  const readDone = mark(run, /^\d+ commits? changed /);
  const databaseAt = mark(run, /^database: /);
  const importingAt = mark(run, /^importing /);

  say(`  import git again (idempotent):`);
  const rerun = await runCli(git, url);
  expectCounts('re-run', counts(rerun), { created: 0, known: expected.created, unchanged: expected.unchanged });

  say(`  import ota of the same history as dated snapshots:`);
  const ota = await runCli(['import', 'ota', '--dir', snapshots, '--document', OTA_DOCUMENT], url);
  expectCounts('import ota', counts(ota), expected);

  return {
    provider,
    commits,
    created: expected.created,
    unchanged: expected.unchanged,
    firstKb: sources.firstKb,
    lastKb: sources.lastKb,
    startMs: readAt,
    gitReadMs: readDone - readAt,
    parseMs: databaseAt - readDone,
    migrateMs: importingAt - databaseAt,
    writeMs: run.ms - importingAt,
    totalMs: run.ms,
    cpuMs: run.cpuMs,
    load: loadAfterImport,
    rerunMs: rerun.ms,
    dryRunMs: dryRun.ms,
    ota: {
      readAndParseMs: mark(ota, /^database: /) - mark(ota, /^reading the snapshots in /),
      writeMs: ota.ms - mark(ota, /^importing /),
      totalMs: ota.ms,
      cpuMs: ota.cpuMs,
      created: counts(ota).created,
    },
  };
}

function profileFlags(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${directory}`];
}

// --- the run ----------------------------------------------------------------------------------
const measurements: Measurement[] = [];
/** The machine's one-minute load average before and after: wall times mean little on a busy machine. */
const load = { before: loadavg()[0] ?? 0, after: 0 };
let exitCode = 0;
try {
  say(`pnpm bench:import: ${lengths.join(', ')} commits × ${providers.join(', ')}; ${machine()}; working in ${work}`);
  for (const commits of lengths) {
    say(`\nwriting ${commits} commits of the synthetic policy as a git repository and as dated snapshots…`);
    const sources = await buildSources(commits);
    say(
      `  ${seconds(sources.buildMs)} s (${sources.firstKb.toFixed(0)} KB → ${sources.lastKb.toFixed(0)} KB; ${sources.expected.unchanged} whitespace-only commits)`,
    );
    for (const provider of providers) measurements.push(await measure(provider, sources));
  }
  load.after = loadavg()[0] ?? 0;
  report(measurements);
} catch (error) {
  exitCode = 1;
  say(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);

function report(rows: readonly Measurement[]): void {
  const perSecond = (m: Measurement) => (m.created / (m.totalMs / 1000)).toFixed(0);
  const gitTable = table(
    [
      'database',
      'commits',
      'versions created',
      'document KB',
      'start-up s',
      'git read s',
      'parse s',
      'open + migrations s',
      'write s',
      'total s',
      'CPU s',
      'load',
      'versions/s',
      're-run s (0 created)',
      'dry run s',
    ],
    rows.map((m) => [
      m.provider,
      m.commits,
      m.created,
      `${m.firstKb.toFixed(0)} → ${m.lastKb.toFixed(0)}`,
      seconds(m.startMs),
      seconds(m.gitReadMs),
      seconds(m.parseMs),
      seconds(m.migrateMs),
      seconds(m.writeMs),
      seconds(m.totalMs),
      seconds(m.cpuMs),
      m.load.toFixed(1),
      perSecond(m),
      seconds(m.rerunMs),
      seconds(m.dryRunMs),
    ]),
  );
  const otaTable = table(
    ['database', 'snapshots', 'versions created', 'read + parse s', 'write s', 'total s', 'CPU s'],
    rows.map((m) => [
      m.provider,
      m.commits,
      m.ota.created,
      seconds(m.ota.readAndParseMs),
      seconds(m.ota.writeMs),
      seconds(m.ota.totalMs),
      seconds(m.ota.cpuMs),
    ]),
  );
  const targets = providers.flatMap((provider) => {
    const largest = rows.filter((m) => m.provider === provider).sort((a, b) => b.commits - a.commits)[0];
    if (largest === undefined) return [];
    const met = largest.totalMs / 1000 < TARGET_SECONDS;
    return [
      `- ${provider}: several hundred versions of a 60 KB document in well under a minute (< ${TARGET_SECONDS} s for the whole \`import git\`): ${largest.created} versions in ${seconds(largest.totalMs)} s (${seconds(largest.cpuMs)} s of CPU, load average ${largest.load.toFixed(1)} on ${cpus().length} CPUs) — ${met ? 'met' : '**missed**'}`,
    ];
  });
  const markdown = `## History import (\`pnpm bench:import\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} (load average ${load.before.toFixed(1)} before the
run, ${load.after.toFixed(1)} after: wall times swing with it on a shared machine). A synthetic privacy policy of ~60 KB of
Markdown (front matter, numbered and unnumbered headings, subsections, nested lists, a table, links;
\`bench/src/synthetic/policy-history.ts\`) committed N times: each commit rewords one or two clauses, every
75th adds a clause, every 37th only re-wraps a section (skipped as whitespace-only), and the file is
renamed half-way (followed). The git repository is written by one \`git fast-import\`. Each database is new
(a SQLite file; a new PostgreSQL database) and set up by \`candor init\`; every command is the real CLI in its
own process (tsx on \`apps/api/src/cli/index.ts\`, as \`pnpm candor\` runs it, without pnpm's own start-up),
timed from the progress lines it prints as they arrive: start-up (to its first line), git read (\`git log
--follow\` and one \`git cat-file --batch\`), parse (Markdown into clauses), open + migrations (the
migration check every database command makes), write (reading the document's history, planning, the one
transaction, the checkpoint, exit). CPU is user + system time of the command and every process it ran
(tsx, node, git, prisma), not the PostgreSQL server's: steadier than wall time on a busy machine; load is
the one-minute load average when the import ended (above the CPU count, wall times stretch).

### \`import git\`

${gitTable}

### \`import ota\` of the same history as dated snapshots (Open Terms Archive layout), into a second document

${otaTable}

### Target (issue 13)

${targets.join('\n')}
`;
  const json = {
    date: new Date().toISOString(),
    machine: machine(),
    loadAverage: load,
    targetSeconds: TARGET_SECONDS,
    runs: rows.map((m) => ({ ...m, versionsPerSecond: Number(perSecond(m)) })),
  };
  if (!values['no-report']) writeResults('import', json, markdown);
  process.stdout.write(`\n${markdown}`);
  say(
    values['no-report']
      ? '\n--no-report: BENCHMARKS.md and bench/results/import.json left as they were.'
      : '\nWrote BENCHMARKS.md (import block) and bench/results/import.json.',
  );
}
