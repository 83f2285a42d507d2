/**
 * `pnpm bench [--rounds 3] [--duration 10] [--connections 10] [--only name,…] [--pg postgres://…] [--no-report]`:
 * the API against the physical limit of this machine (issue 6, item 1). A script that prints
 * numbers, never a test: it exits non-zero only when a run errors (connection errors, timeouts,
 * unexpected statuses, failed mutations, error lines in a server's log), never on a threshold.
 *
 * Every server is a separate process on a free port, so its CPU time and peak memory can be read
 * from /proc: a bare `node:http` server answering the cached version query's exact bytes, Candor
 * (`apps/api/src/main.ts`) over a temporary seeded SQLite file and, with DATABASE_URL or --pg
 * pointing at PostgreSQL, over a fresh database created there and dropped afterwards, and a plain
 * in-memory graphql-yoga server over the committed SDL. Rounds are interleaved (every scenario
 * once per round) and medians reported; ratios are taken within a round, then their median.
 * Results: the `api` block of BENCHMARKS.md and bench/results/api.json; with --no-report only the
 * printed tables (for before/after comparisons while working, which must not rewrite the record).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ApiServer, startApiServer } from '@candor/api/scripts/api-server-process';
import {
  bootstrapAdmin,
  migrateDatabase,
  openDatabase,
  repositoryRoot,
  sampleData,
  seedSampleData,
  signerFromPem,
} from '@candor/schema';
import type autocannon from 'autocannon';
import { type Measurement, measure, stopCurrentLoad } from './api-measure.js';
import {
  CREATE_DRAFT,
  CURSORS_QUERY,
  draftMarkdown,
  GET_HEADERS,
  get,
  mutationMix,
  NESTED_QUERY,
  nextBust,
  persistedGetPath,
  STATS_QUERY,
  TERMS,
  TRIVIAL_QUERY,
  UPDATE_DRAFT,
  uncachedPost,
} from './api-scenarios.js';
import { machine, table, writeResults } from './report.js';
import { type ScriptServer, startScriptServer } from './servers/script-server.js';

const SCENARIOS = [
  'bare',
  'in-memory',
  'cached',
  '304',
  'uncached',
  'nested',
  'nested-500',
  'stats',
  'overhead',
  'mutations',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const LABELS: Record<Scenario, string> = {
  bare: 'bare node:http, same bytes (physical limit)',
  'in-memory': 'nested query, plain yoga over in-memory objects',
  cached: 'version by persisted-operation GET, cached',
  '304': 'same GET with If-None-Match → 304',
  uncached: 'same version query, uncached (POST)',
  nested: 'deep nested query, uncached (POST)',
  'nested-500': 'deep nested query, uncached, fixed 500 req/s',
  stats: 'consent statistics, uncached (POST)',
  overhead: '`{ __typename }`, uncached (POST): per-request overhead',
  mutations: 'mutation mix: createDraft + updateDraft (authenticated)',
};
const FIXED_RATE = 500;
const WARM_UP_SECONDS = 2;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
    pg: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const only = values.only === undefined ? [...SCENARIOS] : values.only.split(',').map((name) => name.trim());
const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (
  !Number.isInteger(rounds) ||
  rounds < 1 ||
  !Number.isFinite(duration) ||
  duration <= 0 ||
  !Number.isInteger(connections) ||
  connections < 1 ||
  unknown.length > 0
) {
  process.stderr.write(
    `usage: pnpm bench [--rounds 3] [--duration 10] [--connections 10] [--only ${SCENARIOS.join(',')}] [--pg postgres://…] [--no-report]\n`,
  );
  process.exit(2);
}
const selected = SCENARIOS.filter((name) => only.includes(name));
const envUrl = process.env.DATABASE_URL;
const pgUrl = values.pg ?? (envUrl !== undefined && /^postgres(ql)?:\/\//.test(envUrl) ? envUrl : undefined);

const say = (line: string) => process.stdout.write(`${line}\n`);

// --- clean-up, also on Ctrl-C -----------------------------------------------------------------
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`clean-up: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  })();
  return cleaning;
}
// `on`, not `once`: tsx's CLI relays a signal the child was already sent (Ctrl-C reaches the whole
// process group), and a second SIGINT with no listener left would exit before the clean-up ends.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`\n${signal}: stopping the servers and removing the temporary databases…`);
    stopCurrentLoad();
    void cleanUp().then(() => process.exit(130));
  });
}

const workDirectory = mkdtempSync(join(tmpdir(), 'candor-bench-'));
cleanups.push(() => rmSync(workDirectory, { recursive: true, force: true }));
const signingKeyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Migrates and seeds a database with the sample organisation; returns an admin token for it. */
async function prepareDatabase(url: string): Promise<string> {
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database.target);
    await seedSampleData(database.prisma, sampleData(), { signer: signerFromPem(signingKeyPem) });
    const created = await bootstrapAdmin(database.prisma, { email: 'bench@example.com', name: 'Bench' }, new Date());
    return created.token;
  } finally {
    await database.close();
  }
}

/** A fresh database on the PostgreSQL server at `adminUrl`, dropped on clean-up. */
async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `candor_bench_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = await openDatabase({ url: adminUrl });
    try {
      await admin.prisma.$executeRawUnsafe(sql);
    } finally {
      await admin.close();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    say(`Dropped the PostgreSQL database ${name}.`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Candor {
  name: 'SQLite' | 'PostgreSQL';
  server: ApiServer;
  token: string;
}

async function startCandor(name: Candor['name'], databaseUrl: string): Promise<Candor> {
  say(`${name}: migrating and seeding the sample organisation…`);
  const token = await prepareDatabase(databaseUrl);
  const server = await startApiServer({
    databaseUrl,
    logLevel: 'warn',
    env: {
      CANDOR_SIGNING_KEY: signingKeyPem,
      CANDOR_MIGRATE_ON_START: 'false',
      CANDOR_SEED_ON_EMPTY: 'false',
      CANDOR_RATE_LIMIT_POINTS: 'off',
      CANDOR_RATE_LIMIT_TOKEN_POINTS: 'off',
      CANDOR_BUILD_SITE_ON_START: 'false',
      CANDOR_SITE_DIR: 'off',
    },
  });
  cleanups.push(async () => {
    await server.stop();
  });
  say(`${name}: Candor listens at ${server.url} (pid ${server.pid}).`);
  return { name, server, token };
}

// --- HTTP helpers for the checks --------------------------------------------------------------
interface Answer {
  status: number;
  headers: Headers;
  text: string;
}
async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
function expectOk(what: string, answer: Answer, status = 200): void {
  if (answer.status !== status || (status === 200 && answer.text.includes('"errors"'))) {
    throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 400)}`);
  }
}
const dataOf = (answer: Answer) => JSON.stringify((JSON.parse(answer.text) as { data: unknown }).data);

// --- fixtures: what every Candor instance is asked ---------------------------------------------
interface Fixture {
  cachedPath: string;
  etag: string;
  versionBody: { operationName: string; variables: Record<string, unknown>; extensions: Record<string, unknown> };
}

/** The site's persisted SiteDocumentVersions, paged so that it returns exactly one published version. */
async function fixtureFor(candor: Candor): Promise<Fixture> {
  const base = candor.server.url;
  const manifest = JSON.parse((await send(`${base}/graphql/persisted-operations.json`)).text) as Record<string, string>;
  const hash = Object.entries(manifest).find(([, document]) => document.includes('query SiteDocumentVersions'))?.[0];
  if (hash === undefined) throw new Error('SiteDocumentVersions is not in the persisted-operations manifest');
  const cursors = await post(base, { query: CURSORS_QUERY });
  expectOk('the version cursors', cursors);
  const edges = (
    JSON.parse(cursors.text) as {
      data: { document: { versions: { edges: { cursor: string; node: { label: string } }[] } } };
    }
  ).data.document.versions.edges;
  const after = edges.at(-2)?.cursor;
  if (after === undefined) throw new Error('the sample organisation has fewer than two published versions');
  const variables = { slug: TERMS, after };
  const cachedPath = persistedGetPath(hash, 'SiteDocumentVersions', variables);
  const versionBody = {
    operationName: 'SiteDocumentVersions',
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  };
  const first = await send(`${base}${cachedPath}`, { headers: GET_HEADERS });
  expectOk('the persisted version GET', first);
  if (!first.text.includes('"clauses"') || !first.text.includes('"explanations"')) {
    throw new Error(`the persisted version GET has no clauses or explanations: ${first.text.slice(0, 200)}`);
  }
  return { cachedPath, etag: first.headers.get('etag') ?? '', versionBody };
}

/** Warms the cache entry of the version GET and checks that it is answered from the cache. */
async function warmCached(candor: Candor, fixture: Fixture): Promise<Answer> {
  const url = `${candor.server.url}${fixture.cachedPath}`;
  await send(url, { headers: GET_HEADERS });
  const hit = await send(url, { headers: GET_HEADERS });
  expectOk(`${candor.name} cached GET`, hit);
  if (hit.headers.get('x-cache') !== 'HIT') {
    throw new Error(`${candor.name}: the warmed GET was not a cache hit (X-Cache: ${hit.headers.get('x-cache')})`);
  }
  return hit;
}

// --- servers and fixtures -----------------------------------------------------------------------
const failures: string[] = [];
let exitCode = 0;
try {
  say(
    `pnpm bench: ${rounds} rounds × ${selected.length} scenarios, ${duration} s each, ${connections} connections; ${machine()}.`,
  );
  const sqliteUrl = `file:${join(workDirectory, 'candor.db')}`;
  const candors: Candor[] = [await startCandor('SQLite', sqliteUrl)];
  if (pgUrl !== undefined) candors.push(await startCandor('PostgreSQL', await createPostgresDatabase(pgUrl)));
  else say('PostgreSQL: skipped (set DATABASE_URL or --pg to a PostgreSQL server to include it).');

  const fixtures = new Map<Candor, Fixture>();
  for (const candor of candors) fixtures.set(candor, await fixtureFor(candor));
  const [primary] = candors as [Candor];
  const primaryFixture = fixtures.get(primary) as Fixture;

  // The bare server answers the cached answer's exact bytes with the same headers.
  const cachedAnswer = await warmCached(primary, primaryFixture);
  const hopByHop = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
  writeFileSync(join(workDirectory, 'bare-body'), cachedAnswer.text);
  writeFileSync(
    join(workDirectory, 'bare-headers.json'),
    JSON.stringify(Object.fromEntries([...cachedAnswer.headers].filter(([name]) => !hopByHop.has(name)))),
  );
  const scriptServers: Partial<Record<'bare' | 'in-memory', ScriptServer>> = {};
  if (selected.includes('bare')) {
    const bare = await startScriptServer('./bare-http.ts', {
      BENCH_BODY_FILE: join(workDirectory, 'bare-body'),
      BENCH_HEADERS_FILE: join(workDirectory, 'bare-headers.json'),
    });
    cleanups.push(() => bare.stop());
    const check = await send(`${bare.url}${primaryFixture.cachedPath}`);
    if (check.text !== cachedAnswer.text) throw new Error('the bare server does not answer the cached bytes');
    scriptServers.bare = bare;
    say(
      `bare node:http listens at ${bare.url} (pid ${bare.pid}), answering ${Buffer.byteLength(cachedAnswer.text)} bytes.`,
    );
  }

  // The in-memory yoga serves Candor's own answer to the nested query as plain objects.
  const nestedAnswer = await post(primary.server.url, { query: NESTED_QUERY });
  expectOk('the nested query', nestedAnswer);
  if (selected.includes('in-memory')) {
    writeFileSync(join(workDirectory, 'nested-data.json'), dataOf(nestedAnswer));
    const memory = await startScriptServer('./in-memory-yoga.ts', {
      BENCH_SDL_FILE: join(repositoryRoot, 'packages/schema/schema.graphql'),
      BENCH_DATA_FILE: join(workDirectory, 'nested-data.json'),
    });
    cleanups.push(() => memory.stop());
    const check = await post(memory.url, { query: NESTED_QUERY, variables: { bust: nextBust() } });
    expectOk('the in-memory nested query', check);
    if (dataOf(check) !== dataOf(nestedAnswer))
      throw new Error('the in-memory server answers the nested query differently');
    scriptServers['in-memory'] = memory;
    say(`in-memory yoga listens at ${memory.url} (pid ${memory.pid}), ${Buffer.byteLength(nestedAnswer.text)} bytes.`);
  }

  // One pass over every Candor request, so a broken one fails with its answer shown.
  for (const candor of candors) {
    const base = candor.server.url;
    const fixture = fixtures.get(candor) as Fixture;
    const notModified = await send(`${base}${fixture.cachedPath}`, {
      headers: { ...GET_HEADERS, 'if-none-match': fixture.etag },
    });
    expectOk(`${candor.name} GET with If-None-Match`, notModified, 304);
    const uncached = await post(base, {
      ...fixture.versionBody,
      variables: { ...fixture.versionBody.variables, bust: nextBust() },
    });
    expectOk(`${candor.name} uncached version POST`, uncached);
    if (uncached.headers.get('x-cache') === 'HIT') throw new Error(`${candor.name}: the uncached POST was a cache hit`);
    if (dataOf(uncached) !== dataOf(await warmCached(candor, fixture)))
      throw new Error(`${candor.name}: the POST and the GET answers differ`);
    for (const [what, query] of [
      ['nested', NESTED_QUERY],
      ['consent statistics', STATS_QUERY],
      ['trivial', TRIVIAL_QUERY],
    ] as const) {
      const answer = await post(base, { query, variables: { bust: nextBust() } });
      expectOk(`${candor.name} ${what} query`, answer);
      if (answer.headers.get('x-cache') === 'HIT') throw new Error(`${candor.name}: the ${what} query was a cache hit`);
    }
    const auth = { authorization: `Bearer ${candor.token}` };
    const created = await post(
      base,
      { query: CREATE_DRAFT, variables: { markdown: draftMarkdown('bench-check', 1) } },
      auth,
    );
    expectOk(`${candor.name} createDraft`, created);
    const id = /"id":"([^"]+)"/.exec(created.text)?.[1];
    if (id === undefined || !created.text.includes('"error":null')) throw new Error(`createDraft: ${created.text}`);
    const updated = await post(
      base,
      { query: UPDATE_DRAFT, variables: { id, markdown: draftMarkdown('bench-check', 2) } },
      auth,
    );
    expectOk(`${candor.name} updateDraft`, updated);
    if (!updated.text.includes('"error":null')) throw new Error(`updateDraft: ${updated.text}`);
  }

  // --- the rounds -------------------------------------------------------------------------------
  type Key = string; // `${server} ${scenario}`
  const results = new Map<Key, Measurement[]>();
  const ratios = new Map<Key, number[]>();
  const record = <T>(map: Map<Key, T[]>, key: Key, value: T) => map.set(key, [...(map.get(key) ?? []), value]);

  interface Run {
    key: Key;
    scenario: Scenario;
    server: { url: string; pid: number };
    requests: () => autocannon.Request[];
    prepare?: () => Promise<unknown>;
    expectStatus?: number;
    overallRate?: number;
    extraFailures?: () => string[];
  }
  const runs: Run[] = [];
  if (scriptServers.bare !== undefined) {
    runs.push({
      key: 'bare',
      scenario: 'bare',
      server: scriptServers.bare,
      requests: () => get(primaryFixture.cachedPath),
    });
  }
  if (scriptServers['in-memory'] !== undefined) {
    runs.push({
      key: 'in-memory',
      scenario: 'in-memory',
      server: scriptServers['in-memory'],
      requests: () => uncachedPost({ query: NESTED_QUERY }),
    });
  }
  for (const candor of candors) {
    const fixture = fixtures.get(candor) as Fixture;
    const server = candor.server;
    const at = (scenario: Scenario) => `${candor.name} ${scenario}`;
    const warm = () => warmCached(candor, fixture);
    const mutationFailures: string[] = [];
    const perCandor: Run[] = [
      { key: at('cached'), scenario: 'cached', server, prepare: warm, requests: () => get(fixture.cachedPath) },
      {
        key: at('304'),
        scenario: '304',
        server,
        prepare: warm,
        expectStatus: 304,
        requests: () => get(fixture.cachedPath, { 'if-none-match': fixture.etag }),
      },
      { key: at('uncached'), scenario: 'uncached', server, requests: () => uncachedPost(fixture.versionBody) },
      { key: at('nested'), scenario: 'nested', server, requests: () => uncachedPost({ query: NESTED_QUERY }) },
      {
        key: at('nested-500'),
        scenario: 'nested-500',
        server,
        overallRate: FIXED_RATE,
        requests: () => uncachedPost({ query: NESTED_QUERY }),
      },
      { key: at('stats'), scenario: 'stats', server, requests: () => uncachedPost({ query: STATS_QUERY }) },
      { key: at('overhead'), scenario: 'overhead', server, requests: () => uncachedPost({ query: TRIVIAL_QUERY }) },
      {
        key: at('mutations'),
        scenario: 'mutations',
        server,
        requests: () =>
          mutationMix(candor.token, randomBytes(3).toString('hex'), (body) => {
            if (mutationFailures.length < 3) mutationFailures.push(body.slice(0, 300));
            else mutationFailures.push('');
          }),
        extraFailures: () => mutationFailures.splice(0),
      },
    ];
    runs.push(...perCandor.filter((run) => selected.includes(run.scenario)));
  }

  for (let round = 1; round <= rounds; round += 1) {
    say(`\nRound ${round}/${rounds}`);
    const bareThisRound = { rps: Number.NaN };
    const memoryThisRound = { rps: Number.NaN };
    for (const run of runs) {
      if (interrupted) throw new Error('interrupted');
      const load = (seconds: number) => ({
        url: run.server.url,
        pid: run.server.pid,
        requests: run.requests(),
        duration: seconds,
        connections,
        ...(run.overallRate === undefined ? {} : { overallRate: run.overallRate }),
        ...(run.expectStatus === undefined ? {} : { expectStatus: run.expectStatus }),
      });
      await run.prepare?.();
      if (round === 1) {
        // An unmeasured warm-up, so that round 1 does not time the JIT of the server and autocannon.
        const warmUp = await measure(load(WARM_UP_SECONDS));
        const failed = run.extraFailures?.() ?? [];
        if (warmUp.failures > 0 || failed.length > 0) {
          failures.push(`warm-up, ${run.key}: ${warmUp.failureDetail} ${failed.length} failed mutations`);
        }
        await run.prepare?.();
      }
      const measurement = await measure(load(duration));
      const extra = run.extraFailures?.() ?? [];
      if (measurement.failures > 0 || extra.length > 0) {
        failures.push(
          `round ${round}, ${run.key}: ${measurement.failureDetail}${extra.length > 0 ? ` ${extra.length} failed mutations, e.g. ${extra.filter(Boolean).join(' | ')}` : ''}`,
        );
      }
      record(results, run.key, measurement);
      if (run.scenario === 'bare') bareThisRound.rps = measurement.requestsPerSecond;
      if (run.scenario === 'in-memory') memoryThisRound.rps = measurement.requestsPerSecond;
      record(ratios, `${run.key} bare`, measurement.requestsPerSecond / bareThisRound.rps);
      if (run.scenario === 'nested')
        record(ratios, `${run.key} in-memory`, measurement.requestsPerSecond / memoryThisRound.rps);
      if (run.scenario === 'cached') {
        const bareCpu = results.get('bare')?.at(-1)?.cpuMicrosecondsPerRequest ?? Number.NaN;
        record(ratios, `${run.key} cpu`, measurement.cpuMicrosecondsPerRequest / bareCpu);
      }
      say(
        `  ${run.key.padEnd(22)} ${measurement.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${fmt(measurement.p50)} ms  p99 ${fmt(measurement.p99)} ms  CPU ${measurement.cpuMicrosecondsPerRequest.toFixed(0)} µs/req  peak RSS ${measurement.peakRssMiB.toFixed(0)} MiB${measurement.failures > 0 || extra.length > 0 ? '  ERRORS' : ''}`,
      );
    }
  }
  for (const candor of candors) {
    if (candor.server.errorLines() > 0)
      failures.push(`${candor.name}: ${candor.server.errorLines()} error lines in the server log`);
  }

  // --- report -----------------------------------------------------------------------------------
  const median = (numbers: number[]) => {
    const sorted = numbers.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
    if (sorted.length === 0) return Number.NaN;
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  const summary = (key: Key) => {
    const list = results.get(key) ?? [];
    const of = (pick: (m: Measurement) => number) => median(list.map(pick));
    return {
      requestsPerSecond: of((m) => m.requestsPerSecond),
      p50: of((m) => m.p50),
      p99: of((m) => m.p99),
      cpuMicrosecondsPerRequest: of((m) => m.cpuMicrosecondsPerRequest),
      peakRssMiB: of((m) => m.peakRssMiB),
      ratioToBare: median(ratios.get(`${key} bare`) ?? []),
      rounds: list,
    };
  };
  const medians = Object.fromEntries(runs.map((run) => [run.key, summary(run.key)]));
  const row = (key: Key, name: string) => {
    const s = medians[key];
    if (s === undefined) return null;
    return [
      name,
      s.requestsPerSecond.toFixed(0),
      Number.isFinite(s.ratioToBare) ? `${(s.ratioToBare * 100).toFixed(s.ratioToBare < 0.1 ? 1 : 0)} %` : '—',
      fmt(s.p50),
      fmt(s.p99),
      s.cpuMicrosecondsPerRequest.toFixed(0),
      s.peakRssMiB.toFixed(0),
    ];
  };
  const header = ['scenario', 'req/s', '× bare', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'peak RSS MiB'];
  const sharedRows = (['bare', 'in-memory'] as const).map((key) => row(key, LABELS[key])).filter((r) => r !== null);
  const tables = candors.map((candor) => {
    const rows = [
      ...sharedRows,
      ...SCENARIOS.filter((s) => s !== 'bare' && s !== 'in-memory').map((s) =>
        row(`${candor.name} ${s}`, s === 'nested-500' ? `${LABELS[s]} (achieved rate in req/s)` : LABELS[s]),
      ),
    ].filter((r) => r !== null);
    return `### Candor on ${candor.name}\n\n${table(header, rows)}`;
  });

  const targetRows = targetsTable(candors, medians, ratios, median);
  const markdown = `## API throughput (\`pnpm bench\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} (${cpus().length} CPUs, Node ${process.version});
${rounds} interleaved rounds (every scenario once per round, after a ${WARM_UP_SECONDS} s unmeasured warm-up), medians; autocannon with ${connections} connections,
${duration} s per measurement, on the same machine as the servers (it competes with them for the CPUs). Every
server is its own process; server CPU is its utime + stime (\`/proc/<pid>/stat\`) over the run divided by the
requests answered, peak RSS its \`VmHWM\` (reset before each run). "× bare" is the median of the per-round
ratios to the bare server's req/s. Absolute req/s swing between runs on shared machines; CPU µs/request and
ratios from the same run are the stable numbers.

${tables.join('\n\n')}

### Targets (issue 6)

${table(['target', ...candors.map((c) => `measured, ${c.name}`), 'met?'], targetRows)}

### Method

- **bare**: \`bench/src/servers/bare-http.ts\`, a \`node:http\` server answering every request with the exact
  bytes and headers (minus \`Date\`/\`Connection\`, which node adds) Candor sent for the cached version GET.
- **version query**: the site's persisted operation \`SiteDocumentVersions\` (by its SHA-256 over GET, with
  \`graphql-require-preflight: 1\`), paged (\`after\` the cursor of the second-oldest version) so that it returns exactly
  one published version with its clauses and explanations. Cached: warmed, then checked for \`X-Cache: HIT\`
  before each measurement. 304: the same GET with \`If-None-Match\` of its ETag.
- **uncached**: POSTs that carry an extra variable no operation declares (\`bust\`, new on every request):
  graphql-js ignores it, but it is part of the response cache's key, so every request misses (checked: no
  \`X-Cache: HIT\`) and runs parse, validate, execute and SQL, and the miss is stored, as a real miss is.
- **deep nested query** (\`bench/src/api-scenarios.ts\`): document → versions(first: 10) → clauses,
  explanations → segment; aiFeatures → revisions(first: 10) → facts → segment, governingClauses. Depth 5, cost
  ≈ 12,000 (limits 6 and 50,000).
- **in-memory resolver set**: \`bench/src/servers/in-memory-yoga.ts\`, a plain graphql-yoga server (defaults:
  parse/validate caches on, none of Candor's plugins) over the committed SDL (\`packages/schema/schema.graphql\`)
  whose root fields return Candor's own answer to the nested query, loaded once at start-up as plain JS
  objects; every other field uses graphql-js's default resolver. Same parse, validate and execute over the
  same data, no database (checked: it answers the same data).
- **mutation mix**: per connection, \`createDraft\` then \`updateDraft\` of that draft (non-material terms
  drafts), with an admin token bootstrapped in the benchmark's database; each empties the response cache.
- **per-request overhead**: \`{ __typename }\` uncached over POST touches no database, so its server CPU is
  what yoga and Candor's plugins cost per request.
- Databases: a temporary SQLite file, migrated and seeded with the sample organisation${pgUrl === undefined ? '; PostgreSQL was not measured in this run (set `DATABASE_URL` or `--pg`)' : ', and a fresh PostgreSQL database (`candor_bench_<random>`) created, seeded and dropped'}.
  Rate limiting off, log level warn, no site.
`;
  if (!values['no-report']) {
    writeResults(
      'api',
      {
        date: new Date().toISOString(),
        machine: machine(),
        node: process.version,
        cpus: cpus().length,
        // No arrays of plain values: Biome would fold them onto one line, and `pnpm lint` checks this file.
        options: { rounds, duration, connections, scenarios: selected.join(','), postgres: pgUrl !== undefined },
        medians,
        ratios: Object.fromEntries(
          [...ratios].map(([key, list]) => [
            key,
            Object.fromEntries(list.map((ratio, i) => [`round ${i + 1}`, ratio])),
          ]),
        ),
        failures: Object.fromEntries(failures.map((failure, i) => [String(i + 1), failure])),
      },
      markdown,
    );
  }
  say(
    `\n${tables.join('\n\n')}\n\n### Targets\n\n${table(['target', ...candors.map((c) => c.name), 'met?'], targetRows)}`,
  );
  say(
    values['no-report']
      ? '\n--no-report: BENCHMARKS.md and bench/results/api.json left as they were.'
      : '\nWrote BENCHMARKS.md (api block) and bench/results/api.json.',
  );
  if (failures.length > 0) {
    exitCode = 1;
    say(`\nFAILED: ${failures.length} runs had errors:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  }
} catch (error) {
  exitCode = 1;
  // After Ctrl-C the servers are going away under the run in progress: its errors say nothing.
  if (!interrupted)
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  await cleanUp();
}
process.exit(exitCode);

function fmt(milliseconds: number): string {
  return Number.isFinite(milliseconds) ? milliseconds.toFixed(milliseconds < 10 ? 2 : 1) : '—';
}

/** The issue's targets, each with its measured value per database and whether it is met. */
function targetsTable(
  candors: Candor[],
  medians: Record<string, { requestsPerSecond: number; p99: number; cpuMicrosecondsPerRequest: number } | undefined>,
  ratios: Map<string, number[]>,
  median: (numbers: number[]) => number,
): string[][] {
  const verdict = (values: (number | undefined)[], ok: (value: number) => boolean) => {
    const measured = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
    if (measured.length === 0) return 'not measured';
    return measured.every(ok) ? 'met' : '**missed**';
  };
  const percent = (value: number | undefined) =>
    value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(0)} %`;
  const times = (value: number | undefined) =>
    value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)} ×`;
  const rows: string[][] = [];
  const cachedRatio = candors.map((c) => median(ratios.get(`${c.name} cached bare`) ?? []));
  rows.push([
    'cached version read ≥ 50 % of bare req/s',
    ...cachedRatio.map(percent),
    verdict(cachedRatio, (v) => v >= 0.5),
  ]);
  const cpuRatio = candors.map((c) => median(ratios.get(`${c.name} cached cpu`) ?? []));
  rows.push([
    "cached version read: server CPU/request ≤ 2 × bare's",
    ...cpuRatio.map(
      (v, i) =>
        `${times(v)} (${medians[`${candors[i]?.name} cached`]?.cpuMicrosecondsPerRequest.toFixed(0) ?? '—'} vs ${medians.bare?.cpuMicrosecondsPerRequest.toFixed(0) ?? '—'} µs)`,
    ),
    verdict(cpuRatio, (v) => v <= 2),
  ]);
  const notModified = candors.map((c) => medians[`${c.name} 304`]?.requestsPerSecond);
  rows.push([
    'a 304 path on If-None-Match',
    ...notModified.map((v) => (v === undefined ? '—' : `every answer 304 (${v.toFixed(0)} req/s)`)),
    notModified.some((v) => v === undefined)
      ? 'not measured'
      : failures.some((f) => f.includes(' 304:'))
        ? '**missed**'
        : 'met',
  ]);
  const memoryRatio = candors.map((c) => median(ratios.get(`${c.name} nested in-memory`) ?? []));
  rows.push([
    'uncached nested query ≥ 50 % of the in-memory resolver set’s req/s',
    ...memoryRatio.map(percent),
    verdict(memoryRatio, (v) => v >= 0.5),
  ]);
  const fixedP99 = candors.map((c) => medians[`${c.name} nested-500`]?.p99);
  rows.push([
    `uncached nested query p99 ≤ 15 ms at a fixed ${FIXED_RATE} req/s`,
    ...fixedP99.map((v, i) =>
      v === undefined
        ? '—'
        : `${fmt(v)} ms (at ${medians[`${candors[i]?.name} nested-500`]?.requestsPerSecond.toFixed(0)} req/s)`,
    ),
    verdict(fixedP99, (v) => v <= 15),
  ]);
  const overhead = candors.map((c) => medians[`${c.name} overhead`]?.cpuMicrosecondsPerRequest);
  rows.push([
    'per-request overhead of uncached POSTs ≤ 300 µs CPU (`{ __typename }`)',
    ...overhead.map((v) => (v === undefined ? '—' : `${v.toFixed(0)} µs`)),
    verdict(overhead, (v) => v <= 300),
  ]);
  rows.push([
    'uncached nested query: ≤ 3 SQL statements for 12 or 120 clauses',
    // Counted below Prisma by test/api/query-count.test.ts (a test, so CI fails on an N+1), not here.
    ...candors.map(
      () =>
        '1 a request once warm (the catalogue generation), the same for 12 or 120 clauses; a process’s first read, or the first after a publish, adds the catalogue (6) and published content (≤ 5)',
    ),
    'met (asserted by test/api/query-count.test.ts)',
  ]);
  rows.push([
    'publish invalidates every cached answer it changes before it returns',
    ...candors.map(() => 'every editor mutation empties the cache before it answers'),
    'met (test/api/http-caching, pipeline-parity, scale-out tests)',
  ]);
  return rows;
}
