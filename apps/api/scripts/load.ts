/**
 * `pnpm load [--duration 60] [--connections 10] [--url http://host:port]`: a load run of mixed
 * public queries with autocannon (docs/operating.md, "Load test"). A benchmark script, not a test: it
 * prints numbers, and exits non-zero only when something failed (a connection error, a
 * timeout, a 5xx or other non-2xx status, or a GraphQL error in a response body).
 *
 * Without --url it starts its own API process (`src/main.ts`, as `pnpm start` does) on a free
 * port over a fresh SQLite database in a temporary directory, seeded with the sample
 * organisation on start, with rate limiting switched off: the run measures the server, not
 * its abuse limits. With --url it loads the server you point it at, as it is configured.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type ApiServer, startApiServer } from './api-server-process.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!Number.isFinite(duration) || duration <= 0 || !Number.isInteger(connections) || connections <= 0) {
  process.stderr.write('usage: pnpm load [--duration seconds] [--connections n] [--url http://host:port]\n');
  process.exit(2);
}

/** The mix: what partners' dashboards and scripts read most (docs/partner-api.md, "The GraphQL API for partners"). */
const QUERIES: Record<string, string> = {
  'current version': `{ document(slug: "terms-of-service") { title noticePeriodDays
      current(segment: "healthcare") { label effectiveAt explanation(segment: "healthcare") { summary } }
      upcoming { label effectiveAt material } } }`,
  'version by label': `{ document(slug: "terms-of-service") { version(label: "2023-03") { label publishedAt effectiveAt
      contentHash clauses { key number heading body } explanations { segment { key } summary whatChanges affected } } } }`,
  compare: `{ document(slug: "terms-of-service") { compare(from: "2022-11", to: "2023-03") {
      summary { added removed modified moved unchanged }
      changes { key kind moved renumbered from { number heading } to { number heading } bodyDiff { op text } } } } }`,
  'AI features': `{ aiFeatures { slug name current(segment: "consumer") { whatItDoes availability dataCategories
      trainsFirstPartyModels sharedWithVendor retention defaultState governingClauses { key number heading } } } }`,
  'consent statistics': `{ consentStatistics(feature: "meeting-summary", segment: "education", from: "2024-01", to: "2024-12") {
      minimumCellSize rows { period accountsEligible { value suppressed } ownersEnabled { value suppressed } enabledRate }
      totals { accountsEligible { value complete suppressedCells } } enabledRate } }`,
};

interface LoadRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Every query over POST, and over GET with the CSRF header a non-browser client sends. */
const REQUESTS: LoadRequest[] = Object.entries(QUERIES).flatMap(([name, query]): LoadRequest[] => {
  const compact = query.replace(/\s+/g, ' ');
  return [
    {
      name: `POST ${name}`,
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: compact }),
    },
    {
      name: `GET ${name}`,
      method: 'GET',
      path: `/graphql?${new URLSearchParams({ query: compact })}`,
      headers: { 'x-graphql-yoga-csrf': '1' },
    },
  ];
});

/** Starts `src/main.ts` on a free port over a temporary SQLite database; resolves once it listens. */
async function startServer(): Promise<ApiServer> {
  const server = await startApiServer({ logLevel: 'info' });
  process.stdout.write(
    `Started the API at ${server.url} over a fresh sample database (${server.directory}); rate limiting is switched off for this run.\n`,
  );
  return server;
}

/** One pass over every request before the run, so a broken query fails with its answer shown. */
async function checkOnce(url: string): Promise<void> {
  for (const request of REQUESTS) {
    const response = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"')) {
      throw new Error(`${request.name} answered ${response.status}: ${text.slice(0, 400)}`);
    }
  }
}

const server = values.url === undefined ? await startServer() : null;
const url = values.url ?? server?.url ?? '';
let exitCode = 1;
try {
  await checkOnce(url);
  process.stdout.write(
    `Loading ${url} for ${duration} s with ${connections} connections: ${REQUESTS.length} requests in turn (${Object.keys(QUERIES).join(', ')}; POST and GET).\n`,
  );
  let graphqlErrors = 0;
  let finish: (error: Error | null, result: autocannon.Result) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error === null ? resolve(result) : reject(error));
  });
  const instance = autocannon(
    {
      url,
      duration,
      connections,
      requests: REQUESTS.map(({ name: _, ...request }) => ({
        ...request,
        onResponse: (status: number, body: string) => {
          if (status === 200 && body.includes('"errors"')) graphqlErrors += 1;
        },
      })),
    },
    (error, result) => finish(error ?? null, result),
  );
  let seconds = 0;
  let completed = 0;
  instance.on('response', () => {
    completed += 1;
  });
  instance.on('tick', () => {
    seconds += 1;
    if (seconds % 10 === 0 || seconds === duration) {
      process.stdout.write(`  ${seconds} s: ${completed} responses, ${Math.round(completed / seconds)} req/s\n`);
    }
  });
  const result = await finished;
  const fivexx = result['5xx'];
  const lines = [
    `requests/s   ${result.requests.average.toFixed(0)} average (${result.requests.total} requests in ${result.duration} s)`,
    `latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
    `errors       ${result.errors} (timeouts ${result.timeouts})`,
    `non-2xx      ${result.non2xx}`,
    `5xx          ${fivexx}`,
    `GraphQL errors in 200 answers: ${graphqlErrors}`,
    ...(server === null ? [] : [`server error log lines: ${server.errorLines()}`]),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  const failed =
    result.errors > 0 ||
    result.timeouts > 0 ||
    result.non2xx > 0 ||
    fivexx > 0 ||
    graphqlErrors > 0 ||
    (server?.errorLines() ?? 0) > 0;
  exitCode = failed ? 1 : 0;
  process.stdout.write(failed ? 'FAILED: see the counts above.\n' : 'OK: no errors, no 5xx.\n');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  if (server !== null) {
    const code = await server.stop();
    process.stdout.write(`The API stopped on SIGTERM with exit code ${code}.\n`);
    if (code !== 0) exitCode = 1;
  }
}
process.exit(exitCode);
