/**
 * `pnpm bench:notices [--subscribers 1000,5000] [--provider sqlite|postgresql|both] [--pg postgres://…]
 * [--no-report]`: a material notice e-mailed to N confirmed subscribers (issue 18). A script that
 * prints numbers, never a test: it exits non-zero only when a run errors or a notice does not
 * reach every subscriber. The default stops at 5,000: `--subscribers 1000,10000` (the recorded
 * run) takes about 6 minutes on 2 cores, nearly all of it the two 10,000-message drains per database.
 *
 * For each database and N: a fresh database (a SQLite file; a new PostgreSQL database, dropped
 * afterwards), migrated and seeded with the sample organisation as `pnpm bench` does, N confirmed
 * subscribers to everything (material changes), spread over the terms' segments, written with one
 * createMany per 1,000. Then, all in this process, on a fixed clock:
 *
 * 1. Fan-out: a material version of the terms (explained for every segment) published through the
 *    `publishVersion` mutation of an in-process yoga; then the first `runOnce()` of a notification
 *    worker without a mailer, timed: it only fans out (reads the recipients, writes N MailDelivery
 *    rows and marks the event dispatched in one transaction).
 * 2. Outbox drain: a worker (`createNotificationWorker`, default batch size, 50 ms poll) with the
 *    outbox mailer (.eml files in a temporary directory) is started; timed from `start()` until
 *    all N deliveries are DELIVERED (counted every 200 ms, so ±0.2 s), then stopped.
 * 3. SMTP drain: a second material version published and fanned out the same way (a new event,
 *    N new deliveries), then the same drain through a real SMTP server (`smtp-server`) on
 *    127.0.0.1 in this process, through the mailer as SMTP_URL makes it (pooled, 5 connections).
 *    The server shares the worker's CPU: on a real deployment the mail server is elsewhere.
 * 4. Proof of notice: the public `documents { … versions { … notice { … } } }` query, in-process
 *    (yoga.fetch, response cache off), after both drains (2N deliveries): the first run and the
 *    median of 5 more.
 *
 * Results: the `notices` block of BENCHMARKS.md and bench/results/notices.json; with --no-report
 * only the printed table.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CandorYoga,
  createCandorYoga,
  createLogger,
  createMailer,
  createNotificationWorker,
  type Mailer,
} from '@candor/api';
import {
  bootstrapAdmin,
  type Database,
  migrateDatabase,
  openDatabase,
  type PrismaClient,
  sampleData,
  seedSampleData,
  signerFromPem,
} from '@candor/schema';
import { SMTPServer } from 'smtp-server';
import { machine, table, writeResults } from './report.js';

const USAGE =
  'usage: pnpm bench:notices [--subscribers 1000,5000] [--provider sqlite|postgresql|both] [--pg postgres://…] [--no-report]';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000,5000' },
    provider: { type: 'string', default: 'both' },
    pg: { type: 'string' },
    'no-report': { type: 'boolean', default: false },
  },
});
type Provider = 'SQLite' | 'PostgreSQL';
const PROVIDERS: Record<string, readonly Provider[]> = {
  sqlite: ['SQLite'],
  postgresql: ['PostgreSQL'],
  both: ['SQLite', 'PostgreSQL'],
};
const sizes = values.subscribers.split(',').map((n) => Number(n.trim()));
const providers = PROVIDERS[values.provider] ?? [];
if (providers.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const envUrl = process.env.DATABASE_URL;
const pgAdminUrl =
  values.pg ??
  (envUrl !== undefined && /^postgres(ql)?:\/\//.test(envUrl)
    ? envUrl
    : 'postgresql://postgres@127.0.0.1:5432/postgres');

const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (numbers: readonly number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

// --- clean-up, also on Ctrl-C -----------------------------------------------------------------
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        say(`clean-up: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}
// `on`, not `once`: tsx relays a signal the process was already sent (api.bench.ts says why).
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    say(`\n${signal}: stopping the workers and removing the temporary databases…`);
    void cleanUp().then(() => process.exit(130));
  });
}

const work = mkdtempSync(join(tmpdir(), 'candor-bench-notices-'));
cleanups.push(() => rmSync(work, { recursive: true, force: true }));
const signer = signerFromPem(
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);

/** The benchmark's clock: the sample organisation is dated from it, and nothing moves it. */
const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const TERMS = 'terms-of-service';
const FROM = 'Candor notices <notices@bench.example>';
const SITE_URL = 'https://candor.bench.example';

// --- databases --------------------------------------------------------------------------------
async function adminSql(sql: string): Promise<void> {
  const admin = await openDatabase({ url: pgAdminUrl });
  try {
    await admin.prisma.$executeRawUnsafe(sql);
  } finally {
    await admin.close();
  }
}

/** A fresh database of `provider`, migrated and seeded with the sample organisation, removed on clean-up. */
async function freshDatabase(provider: Provider, name: string): Promise<Database> {
  let url: string;
  if (provider === 'SQLite') {
    const file = join(work, `${name}.db`);
    url = `file:${file}`;
  } else {
    const database = `candor_bench_notices_${randomBytes(4).toString('hex')}`;
    await adminSql(`CREATE DATABASE ${database}`);
    cleanups.push(() => adminSql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    const parsed = new URL(pgAdminUrl);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  }
  const database = await openDatabase({ url });
  cleanups.push(() => database.close());
  await migrateDatabase(database.target);
  await seedSampleData(database.prisma, sampleData(NOW), { signer });
  return database;
}

// --- the API, in this process -----------------------------------------------------------------
interface Api {
  yoga: CandorYoga;
  post<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
}

function inProcessApi(database: Database): Api {
  // Its own (unused) mailer: confirmation e-mails would otherwise go to the default data directory.
  const mailer = createMailer({ smtpUrl: null, outboxDirectory: join(work, 'api-outbox'), from: FROM });
  const yoga = createCandorYoga({
    database,
    env: { CANDOR_RATE_LIMIT_POINTS: 0, CANDOR_RATE_LIMIT_TOKEN_POINTS: 0, CANDOR_RESPONSE_CACHE: false },
    clock: () => NOW,
    logger: createLogger('silent'),
    signer,
    siteDirectory: null,
    mailer,
  });
  cleanups.push(async () => {
    await yoga.dispose();
    mailer.close();
  });
  return {
    yoga,
    async post<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (body.errors !== undefined || body.data === undefined)
        throw new Error(`GraphQL errors (HTTP ${response.status}): ${JSON.stringify(body.errors)}`);
      return body.data;
    },
  };
}

const PUBLISH = `mutation Publish($id: ID!, $effectiveAt: DateTime!) {
  publishVersion(id: $id, effectiveAt: $effectiveAt) { version { label } error { code message } }
}`;

const PROOF_OF_NOTICE = `{
  documents(first: 20) { edges { node { slug versions(first: 5) { edges { node {
    label notice { dispatchedAt subscribers { delivered failed pending } webhooks { delivered } daysBeforeEffective }
  } } } } } }
}`;

interface ProofData {
  documents: {
    edges: {
      node: {
        slug: string;
        versions: {
          edges: {
            node: {
              label: string;
              notice: {
                dispatchedAt: string | null;
                subscribers: { delivered: number; failed: number; pending: number };
              } | null;
            };
          }[];
        };
      };
    }[];
  };
}

/**
 * Publishes a material version of the terms, explained for every segment, effective `days` after
 * NOW (past the sample's scheduled version): an approved draft written as
 * test/helpers/publish-fixtures.ts writes one (`createApprovedDraft`, `makeMaterial`), published
 * through the mutation. Returns the version's id.
 */
async function publishMaterialVersion(prisma: PrismaClient, api: Api, token: string, days: number): Promise<string> {
  const document = await prisma.document.findUniqueOrThrow({ where: { slug: TERMS } });
  const label = `bench-${days}`;
  const version = await prisma.version.create({
    data: {
      documentId: document.id,
      label,
      status: 'APPROVED',
      material: true,
      changeNote: `Benchmark notice ${label}.`,
      createdAt: NOW,
    },
  });
  await prisma.clause.create({
    data: {
      versionId: version.id,
      key: '99.1',
      number: '99.1',
      heading: 'Benchmark',
      body: `Clause text of ${label}.`,
      position: 0,
    },
  });
  const segments = await prisma.segment.findMany({
    where: { retiredAt: null, documents: { some: { documentId: document.id } } },
  });
  await prisma.explanation.createMany({
    data: segments.map((segment) => ({
      versionId: version.id,
      segmentId: segment.id,
      summary: `What changes for ${segment.name}.`,
      whatChanges: 'Clause 99.1 is new.',
    })),
  });
  const effectiveAt = new Date(NOW.getTime() + days * DAY_MS).toISOString();
  const { publishVersion } = await api.post<{ publishVersion: { error: { code: string; message: string } | null } }>(
    PUBLISH,
    { id: version.id, effectiveAt },
    token,
  );
  if (publishVersion.error !== null) throw new Error(`publishVersion: ${JSON.stringify(publishVersion.error)}`);
  return version.id;
}

/** The e-mailed event of a published version. */
async function publishedEvent(prisma: PrismaClient, versionId: string): Promise<string> {
  const event = await prisma.notificationEvent.findFirstOrThrow({
    where: { type: 'version.published', subjectKey: { endsWith: versionId } },
    select: { id: true },
  });
  return event.id;
}

const workerOptions = (prisma: PrismaClient, mailer: Mailer | undefined) => ({
  prisma,
  clock: () => NOW,
  allowPrivate: false,
  pollMs: 50,
  logger: createLogger('silent'),
  mailer,
  siteUrl: SITE_URL,
});

/** Times the first round of a worker without a mailer: the fan-out alone. */
async function timeFanOut(prisma: PrismaClient, versionId: string, expected: number): Promise<number> {
  const worker = createNotificationWorker(workerOptions(prisma, undefined));
  const started = performance.now();
  const round = await worker.runOnce();
  const ms = performance.now() - started;
  const eventId = await publishedEvent(prisma, versionId);
  const rows = await prisma.mailDelivery.count({ where: { eventId } });
  if (round.dispatched < 1 || rows !== expected)
    throw new Error(`fan-out: ${round.dispatched} events dispatched, ${rows} deliveries (expected ${expected})`);
  return ms;
}

/** Starts a worker with `mailer`; the seconds until every delivery of the event is DELIVERED. */
async function timeDrain(prisma: PrismaClient, mailer: Mailer, eventId: string, expected: number): Promise<number> {
  const worker = createNotificationWorker(workerOptions(prisma, mailer));
  const started = performance.now();
  worker.start();
  try {
    let last = { delivered: -1, at: started };
    for (;;) {
      await sleep(200);
      if (interrupted) throw new Error('interrupted');
      const delivered = await prisma.mailDelivery.count({ where: { eventId, status: 'DELIVERED' } });
      const at = performance.now();
      if (delivered >= expected) return at - started;
      if (delivered !== last.delivered) last = { delivered, at };
      else if (at - last.at > 30_000) {
        const failed = await prisma.mailDelivery.findFirst({
          where: { eventId, lastError: { not: null } },
          select: { lastError: true },
        });
        throw new Error(
          `drain stuck at ${delivered}/${expected} delivered for 30 s${failed === null ? '' : `; last error: ${failed.lastError}`}`,
        );
      }
      if (Math.round((at - started) / 200) % 25 === 0) say(`    ${seconds(at - started)} s: ${delivered}/${expected}`);
    }
  } finally {
    await worker.stop();
  }
}

/** A real SMTP server on 127.0.0.1 (as test/helpers/smtp-receiver.ts starts one), counting what it takes. */
async function startSmtpServer(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// --- one measurement --------------------------------------------------------------------------
interface Measurement {
  provider: Provider;
  subscribers: number;
  seedMs: number;
  /** The first worker round of each notice (no mailer): the outbox notice's and the SMTP notice's. */
  fanOutMs: number;
  fanOutSecondMs: number;
  outboxDrainMs: number;
  smtpDrainMs: number;
  /** The proof-of-notice query after both drains: the first run and the median of the next 5. */
  proofFirstMs: number;
  proofMedianMs: number;
}

async function measure(provider: Provider, count: number): Promise<Measurement> {
  say(`\n${provider}, ${count} subscribers: a fresh database, migrated and seeded with the sample organisation…`);
  const database = await freshDatabase(provider, `${provider.toLowerCase()}-${count}`);
  const { prisma } = database;
  const api = inProcessApi(database);
  const { token } = await bootstrapAdmin(prisma, { email: 'bench@example.com', name: 'Bench' }, NOW);

  // Whatever the sample left in the outbox goes out before there are subscribers to e-mail.
  const idle = createNotificationWorker(workerOptions(prisma, undefined));
  while ((await idle.runOnce()).dispatched > 0);
  await api.post(PROOF_OF_NOTICE); // warms the schema and the query path up

  const terms = await prisma.document.findUniqueOrThrow({
    where: { slug: TERMS },
    select: { segments: { where: { segment: { retiredAt: null } }, select: { segment: { select: { key: true } } } } },
  });
  const segmentKeys = terms.segments.map((link) => link.segment.key);
  if (segmentKeys.length === 0) throw new Error(`${TERMS} applies to no active segment`);
  say(`  ${count} confirmed subscribers over the segments ${segmentKeys.join(', ')}…`);
  const seedStarted = performance.now();
  for (let from = 0; from < count; from += 1000) {
    await prisma.subscriber.createMany({
      data: Array.from({ length: Math.min(1000, count - from) }, (_, offset) => {
        const i = from + offset;
        return {
          address: `reader${i}@bench.example`,
          segmentKey: segmentKeys[i % segmentKeys.length] ?? '',
          subject: 'everything',
          subjectKey: '',
          mode: 'material',
          createdAt: NOW,
          confirmedAt: NOW,
        };
      }),
    });
  }
  const seedMs = performance.now() - seedStarted;

  say('  publishing a material version and fanning it out…');
  const first = await publishMaterialVersion(prisma, api, token, 365);
  const fanOutMs = await timeFanOut(prisma, first, count);
  say(`    fan-out: ${fanOutMs.toFixed(0)} ms`);

  say('  draining to the outbox directory…');
  const outboxDirectory = join(work, `outbox-${provider.toLowerCase()}-${count}`);
  const outbox = createMailer({ smtpUrl: null, outboxDirectory, from: FROM });
  let outboxDrainMs: number;
  try {
    outboxDrainMs = await timeDrain(prisma, outbox, await publishedEvent(prisma, first), count);
  } finally {
    outbox.close();
    rmSync(outboxDirectory, { recursive: true, force: true });
  }
  say(`    ${seconds(outboxDrainMs)} s`);

  say('  publishing a second material version and fanning it out…');
  const second = await publishMaterialVersion(prisma, api, token, 366);
  const fanOutSecondMs = await timeFanOut(prisma, second, count);
  say(`    fan-out: ${fanOutSecondMs.toFixed(0)} ms`);

  say('  draining to an SMTP server on 127.0.0.1…');
  const smtp = await startSmtpServer();
  const smtpMailer = createMailer({ smtpUrl: smtp.url, outboxDirectory: join(work, 'unused'), from: FROM });
  let smtpDrainMs: number;
  try {
    smtpDrainMs = await timeDrain(prisma, smtpMailer, await publishedEvent(prisma, second), count);
  } finally {
    smtpMailer.close();
    await smtp.close();
  }
  if (smtp.received() !== count) throw new Error(`the SMTP server took ${smtp.received()} messages, not ${count}`);
  say(`    ${seconds(smtpDrainMs)} s`);

  say('  proof of notice…');
  const timings: number[] = [];
  let proof: ProofData | undefined;
  for (let run = 0; run < 6; run++) {
    const started = performance.now();
    proof = await api.post<ProofData>(PROOF_OF_NOTICE);
    timings.push(performance.now() - started);
  }
  const versions = proof?.documents.edges.find((edge) => edge.node.slug === TERMS)?.node.versions.edges ?? [];
  for (const label of ['bench-365', 'bench-366']) {
    const notice = versions.find((edge) => edge.node.label === label)?.node.notice;
    if (notice?.subscribers.delivered !== count)
      throw new Error(`proof of notice of ${label}: ${JSON.stringify(notice)} (expected ${count} delivered)`);
  }
  const [proofFirstMs = Number.NaN, ...rest] = timings;
  say(`    ${proofFirstMs.toFixed(1)} ms, then a median of ${median(rest).toFixed(1)} ms`);

  return {
    provider,
    subscribers: count,
    seedMs,
    fanOutMs,
    fanOutSecondMs,
    outboxDrainMs,
    smtpDrainMs,
    proofFirstMs,
    proofMedianMs: median(rest),
  };
}

// --- the run ----------------------------------------------------------------------------------
const measurements: Measurement[] = [];
const load = { before: loadavg()[0] ?? 0, after: 0 };
let exitCode = 0;
try {
  say(
    `pnpm bench:notices: ${sizes.join(', ')} subscribers × ${providers.join(', ')}; ${machine()}; working in ${work}`,
  );
  for (const provider of providers) {
    for (const count of sizes) {
      measurements.push(await measure(provider, count));
      // Each database is closed and dropped as soon as it is measured.
      await cleanUpDatabases();
    }
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

/** Runs every clean-up step registered after the working directory's (the databases and the API). */
async function cleanUpDatabases(): Promise<void> {
  const steps = cleanups.splice(1);
  for (const step of steps.reverse()) {
    try {
      await step();
    } catch (error) {
      say(`clean-up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function report(rows: readonly Measurement[]): void {
  const perSecond = (count: number, ms: number) => (count / (ms / 1000)).toFixed(0);
  const resultTable = table(
    [
      'database',
      'subscribers',
      'fan-out ms (1st / 2nd notice)',
      'outbox drain s',
      'outbox msgs/s',
      'SMTP drain s',
      'SMTP msgs/s',
      'proof-of-notice query ms (1st / median of 5)',
    ],
    rows.map((m) => [
      m.provider,
      m.subscribers.toLocaleString('en'),
      `${m.fanOutMs.toFixed(0)} / ${m.fanOutSecondMs.toFixed(0)}`,
      seconds(m.outboxDrainMs),
      perSecond(m.subscribers, m.outboxDrainMs),
      seconds(m.smtpDrainMs),
      perSecond(m.subscribers, m.smtpDrainMs),
      `${m.proofFirstMs.toFixed(1)} / ${m.proofMedianMs.toFixed(1)}`,
    ]),
  );
  const markdown = `## E-mail notices (\`pnpm bench:notices\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} (load average ${load.before.toFixed(1)} before the
run, ${load.after.toFixed(1)} after). Each database is new (a SQLite file; a new PostgreSQL database), seeded with the
sample organisation and N confirmed subscribers to every material change. Fan-out: the first round of a notification
worker without a mailer after a material version of the terms is published (reading the recipients, one transaction
writing N MailDelivery rows). Drain: a worker (default batch of 20 per round, \`createNotificationWorker\`) started
until all N are DELIVERED (counted every 200 ms): first to the outbox directory (.eml files), then, for a second
published version, through a real SMTP server on 127.0.0.1 in the same process (pooled, 5 connections; the server
shares the worker's CPU). Proof of notice: the public \`documents { versions { notice { … } } }\` query in-process
after both drains (2N deliveries), response cache off.

${resultTable}
`;
  const json = {
    date: new Date().toISOString(),
    machine: machine(),
    loadAverage: load,
    runs: rows.map((m) => ({
      ...m,
      outboxPerSecond: Number(perSecond(m.subscribers, m.outboxDrainMs)),
      smtpPerSecond: Number(perSecond(m.subscribers, m.smtpDrainMs)),
    })),
  };
  if (!values['no-report']) writeResults('notices', json, markdown);
  process.stdout.write(`\n${markdown}`);
  say(
    values['no-report']
      ? '\n--no-report: BENCHMARKS.md and bench/results/notices.json left as they were.'
      : '\nWrote BENCHMARKS.md (notices block) and bench/results/notices.json.',
  );
}
