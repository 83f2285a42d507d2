/**
 * `pnpm bench:site [--sizes 10,1000,10000]`: builds the public site for synthetic organisations
 * of growing size and measures build time, search-index time, peak memory and how much of the
 * build the GraphQL data fetch takes (issue 6, item 3). Writes BENCHMARKS.md and
 * bench/results/site.json; exits non-zero only if a build fails, never on a target.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase, seedSampleData, signerFromPem } from '@candor/schema';
import { buildSiteIsolated, SITE_PACKAGE } from '@candor/site/isolated-build';
import { machine, REPOSITORY_ROOT, table, writeResults } from './report.js';
import { syntheticOrganization } from './synthetic/organization.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10,1000,10000' } } });
const sizes = (values.sizes ?? '').split(',').map((size) => Number.parseInt(size, 10));

interface SiteRun {
  versions: number;
  pages: number;
  seedSeconds: number;
  astroSeconds: number;
  pagefindSeconds: number;
  buildSeconds: number;
  peakMegabytes: number | null;
  queries: number;
  fetchSeconds: number;
}

const NOW = '2026-06-01T12:00:00.000Z';
const scratch = join(REPOSITORY_ROOT, 'bench/.scratch');
const logFile = join(REPOSITORY_ROOT, 'bench/results/site-build.log');
mkdirSync(join(REPOSITORY_ROOT, 'bench/results'), { recursive: true });
const log = createWriteStream(logFile);

async function measure(versions: number): Promise<SiteRun> {
  const suffix = randomBytes(3).toString('hex');
  mkdirSync(scratch, { recursive: true });
  const databaseFile = join(scratch, `site-${versions}-${suffix}.db`);
  const runDirectory = join(SITE_PACKAGE, 'node_modules/.candor-bench', `run-${versions}-${suffix}`);
  const keyPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    process.stdout.write(`site ${versions} versions: seeding… `);
    const seedStarted = performance.now();
    const database = await openDatabase({ url: `file:${databaseFile}` });
    try {
      await migrateDatabase(database.target);
      await seedSampleData(database.prisma, syntheticOrganization({ versions }), { signer: signerFromPem(keyPem) });
      await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      await database.close();
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    process.stdout.write(`${seedSeconds.toFixed(1)} s; building… `);
    const build = await buildSiteIsolated({
      runDirectory,
      log,
      measureMemory: true,
      env: {
        ...process.env,
        DATABASE_URL: `file:${databaseFile}`,
        CANDOR_NOW: NOW,
        CANDOR_SIGNING_KEY: keyPem,
        CANDOR_MIGRATE_ON_START: 'false',
        CANDOR_SEED_ON_EMPTY: 'false',
        CANDOR_API_URL: '',
        NO_COLOR: '1',
      },
    });
    // The site's GraphQL client logs one line per operation ("GraphQL <name> <ms> ms (…)") and
    // the wall time of the whole fetch, which runs operations concurrently ("GraphQL: N operations in M ms").
    const queries = [...build.astro.output.matchAll(/GraphQL \S+ \d+ ms/g)].length;
    const fetchMs = [...build.astro.output.matchAll(/GraphQL: \d+ operations in (\d+) ms/g)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    const run: SiteRun = {
      versions,
      pages: countPages(build.outDir),
      seedSeconds,
      astroSeconds: build.astro.seconds,
      pagefindSeconds: build.pagefind.seconds,
      buildSeconds: build.astro.seconds + build.pagefind.seconds,
      peakMegabytes: peakOf(build.astro.peakBytes, build.pagefind.peakBytes),
      queries,
      fetchSeconds: fetchMs / 1000,
    };
    console.log(
      `${run.buildSeconds.toFixed(1)} s (astro ${run.astroSeconds.toFixed(1)} s, pagefind ${run.pagefindSeconds.toFixed(1)} s), ${run.pages} pages, peak ${run.peakMegabytes ?? '?'} MB`,
    );
    return run;
  } finally {
    rmSync(runDirectory, { recursive: true, force: true });
    for (const extension of ['', '-wal', '-shm']) rmSync(`${databaseFile}${extension}`, { force: true });
  }
}

function peakOf(...bytes: (number | null)[]): number | null {
  const known = bytes.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.round(Math.max(...known) / 2 ** 20);
}

function countPages(directory: string): number {
  return readdirSync(directory, { recursive: true }).filter((name) => String(name).endsWith('.html')).length;
}

const runs: SiteRun[] = [];
for (const size of sizes) runs.push(await measure(size));
log.end();

const smallest = runs[0];
const verdict = (met: boolean) => (met ? 'met' : '**missed**');
const rows = runs.map((run) => [
  run.versions,
  run.pages,
  run.seedSeconds.toFixed(1),
  run.astroSeconds.toFixed(1),
  run.pagefindSeconds.toFixed(1),
  run.buildSeconds.toFixed(1),
  smallest === undefined ? '–' : `${(run.buildSeconds / smallest.buildSeconds).toFixed(2)}×`,
  run.peakMegabytes ?? '?',
  run.queries,
  `${run.fetchSeconds.toFixed(2)} s (${((100 * run.fetchSeconds) / run.buildSeconds).toFixed(1)} %)`,
]);
const targets: string[] = [];
for (const run of runs) {
  if (smallest !== undefined && run.versions === 1000)
    targets.push(
      `- 1,000 versions build in ≤ 2× the 10-version build: ${(run.buildSeconds / smallest.buildSeconds).toFixed(2)}× — ${verdict(run.buildSeconds <= 2 * smallest.buildSeconds)}`,
    );
  if (run.versions === 10_000) {
    targets.push(`- 10,000 versions in < 90 s: ${run.buildSeconds.toFixed(1)} s — ${verdict(run.buildSeconds < 90)}`);
    targets.push(
      `- 10,000 versions with < 2 GB peak memory: ${run.peakMegabytes ?? '?'} MB — ${verdict((run.peakMegabytes ?? Infinity) < 2048)}`,
    );
  }
  targets.push(
    `- ${run.versions} versions: data fetch ${run.queries} queries, ${((100 * run.fetchSeconds) / run.buildSeconds).toFixed(1)} % of build time (target ≤ 10 %) — ${verdict(run.fetchSeconds <= 0.1 * run.buildSeconds)}`,
  );
}
const markdown = `## Site build at scale (\`pnpm bench:site\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}. One synthetic terms document with N versions
(20 clauses each, 5 segment explanations), 2 AI features × 3 revisions, 24 months of consent statistics.
"build" is \`astro build\` + \`pagefind\`; peak memory is the larger of the two processes' peak RSS.

${table(['versions', 'HTML pages', 'seed s', 'astro s', 'pagefind s', 'build s', 'vs smallest', 'peak MB', 'queries', 'data fetch'], rows)}

${targets.join('\n')}
`;
writeResults('site', { machine: machine(), runs }, markdown);
console.log(`\n${markdown}`);
