/**
 * Bad-input suite (issue 5, item 9): random documents and variables against the public schema.
 * Whatever arrives — garbage, token soup, schema-shaped queries with wrong arguments, mutations
 * without a valid token — over POST or GET: never a 5xx (nor a masked INTERNAL_SERVER_ERROR,
 * which means a resolver crashed on the input), never slower than the execution timeout (plus
 * slack), and never a change to the data. fast-check prints the seed and the shrunk
 * counterexample when a property fails; rerun with `seed` and `path` in fc.assert to replay it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CandorYoga, createCandorYoga, createLogger, loadEnv } from '@candor/api';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpEditors } from '../helpers/editors.js';
import { type Fingerprint, fingerprint, rowCounts } from '../helpers/fingerprint.js';
import { type GeneratedRequest, garbageRequest, type KnownValues, schemaWalk } from '../helpers/graphql-arbitraries.js';
import { testSigner, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
const schema = buildSchema(
  readFileSync(fileURLToPath(new URL('../../packages/schema/schema.graphql', import.meta.url)), 'utf8'),
);
const env = loadEnv({
  // Rate limiting has its own tests; here every request should reach parsing and execution, bad
  // tokens included (in-process requests share one client address, which the failed-authentication
  // throttle would soon refuse).
  CANDOR_RATE_LIMIT_POINTS: 'off',
  CANDOR_RATE_LIMIT_TOKEN_POINTS: 'off',
  CANDOR_AUTH_FAILURE_LIMIT: 'off',
});
const TIMEOUT_MS = (env as { CANDOR_EXECUTION_TIMEOUT_MS?: number }).CANDOR_EXECUTION_TIMEOUT_MS ?? 10_000;
/** Room for a slow CI machine on top of the execution timeout. */
const SLACK_MS = 2_000;
/** The time each property may run (three properties, about 20 s per provider). */
const BUDGET_MS = { garbage: 5_000, queries: 9_000, mutations: 5_000 };

type Transport = 'post' | 'get' | 'form';

/** No token, or one that must not work: malformed, unknown, or another scheme. */
const badAuthorization = fc.oneof(
  // Mostly none: a bad token fails the whole request before execution (401), reaching no resolver.
  { weight: 10, arbitrary: fc.constant(undefined) },
  fc.constant('Bearer '),
  fc.constant('Bearer cnd_abcdefghij_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
  fc.stringMatching(/^cnd_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/).map((token) => `Bearer ${token}`),
  fc.string({ maxLength: 80 }).map((token) => `Bearer ${token}`),
  fc.constant('Basic YWRtaW46YWRtaW4='),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
);
const transport = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Transport>('post') },
  { weight: 4, arbitrary: fc.constant<Transport>('get') },
  { weight: 1, arbitrary: fc.constant<Transport>('form') },
);

describe('bad input never breaks the API or changes data', () => {
  let yoga: CandorYoga;
  let baseline: Fingerprint;
  let known: KnownValues;
  const runs = { garbage: 0, queries: 0, mutations: 0 };
  /** How requests ended (status and first error code), printed so a reader can see what was reached. */
  const outcomes = new Map<string, number>();

  beforeAll(async () => {
    yoga = createCandorYoga({
      database: api.current.database,
      env,
      clock: () => new Date(),
      logger: createLogger('silent'),
      signer: testSigner(),
    });
    const sample = await api.current.execute<{
      documents: {
        edges: { node: { slug: string; versions: { edges: { node: { id: string; label: string } }[] } } }[];
      };
      aiFeatures: { slug: string; revisions: { edges: { node: { id: string } }[] } }[];
    }>(`{
      documents(first: 5) { edges { node { slug versions(first: 5) { edges { node { id label } } } } } }
      aiFeatures { slug revisions(first: 3) { edges { node { id } } } }
    }`);
    const documents = sample.documents.edges.map((edge) => edge.node);
    known = {
      strings: [
        ...documents.map((document) => document.slug),
        ...documents.flatMap((document) => document.versions.edges.map((edge) => edge.node.label)),
        ...sample.aiFeatures.map((feature) => feature.slug),
        '10.4',
        '1',
        'x'.repeat(3000),
        '\u0000',
        "' OR 1=1 --",
        '../../etc/passwd',
      ],
      ids: [
        ...documents.flatMap((document) => document.versions.edges.map((edge) => edge.node.id)),
        ...sample.aiFeatures.flatMap((feature) => feature.revisions.edges.map((edge) => edge.node.id)),
      ],
    };
    baseline = await fingerprint(api.current.database.prisma);
  });

  afterAll(async () => {
    console.info(`fuzz: ${JSON.stringify(runs)} requests; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
    await (yoga as { dispose?: () => Promise<void> | void }).dispose?.();
  });

  const send = (request: GeneratedRequest, how: Transport, authorization: string | undefined) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    if (how === 'get') {
      const search = new URLSearchParams({ query: request.query });
      if (request.variables !== undefined) search.set('variables', JSON.stringify(request.variables));
      if (request.operationName !== undefined) search.set('operationName', request.operationName);
      // A non-browser client: it may send the CSRF header (docs/partner-api.md, "HTTP endpoints").
      return yoga.fetch(`http://yoga/graphql?${search}`, { headers: { ...headers, 'x-graphql-yoga-csrf': '1' } });
    }
    const body = JSON.stringify(request);
    return yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': how === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      },
      body: how === 'form' ? `query=${encodeURIComponent(request.query)}` : body,
    });
  };

  const unchanged = (now: Fingerprint) => {
    const changed = Object.keys(baseline).filter((table) => now[table]?.hash !== baseline[table]?.hash);
    if (changed.length > 0) throw new Error(`data changed without a valid token: ${changed.join(', ')}`);
  };

  /**
   * The three properties, checked on every request. Data: row counts after every request (one
   * cheap query); the content hash of every table after every mutation attempt, where a write
   * that keeps counts (an approval, a revocation) could hide, and at the end of each property.
   */
  const check = async (request: GeneratedRequest, how: Transport, authorization: string | undefined, full: boolean) => {
    const started = performance.now();
    const response = await send(request, how, authorization);
    const text = await response.text();
    const elapsed = performance.now() - started;
    const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? (text.includes('"data":{') ? 'DATA' : 'NONE');
    outcomes.set(`${response.status} ${code}`, (outcomes.get(`${response.status} ${code}`) ?? 0) + 1);
    if (response.status >= 500) throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
    // Bad input deserves a clear error; a masked one means a resolver crashed on it.
    if (text.includes('"INTERNAL_SERVER_ERROR"')) throw new Error(`unexpected error: ${text.slice(0, 500)}`);
    if (elapsed > TIMEOUT_MS + SLACK_MS) throw new Error(`took ${Math.round(elapsed)} ms`);
    if (full) {
      unchanged(await fingerprint(api.current.database.prisma));
    } else {
      const counts = await rowCounts(api.current.database.prisma);
      const changed = Object.keys(baseline).filter((table) => counts[table] !== baseline[table]?.rows);
      if (changed.length > 0) throw new Error(`rows added or removed without a valid token: ${changed.join(', ')}`);
    }
  };

  const assertFor = async (name: keyof typeof runs, arbitrary: fc.Arbitrary<GeneratedRequest>, full: boolean) => {
    const property = fc.asyncProperty(arbitrary, transport, badAuthorization, async (request, how, authorization) => {
      runs[name] += 1;
      await check(request, how, authorization, full);
    });
    await fc.assert(property, { numRuns: 5_000, plugins: [fc.interruptAfterTimeLimit(BUDGET_MS[name])] });
    unchanged(await fingerprint(api.current.database.prisma));
    // The time limit ends a property early; it must still have tried a meaningful number of inputs.
    expect(runs[name]).toBeGreaterThanOrEqual(25);
  };

  it('survives garbage documents and variables', async () => {
    await assertFor('garbage', garbageRequest(), false);
  }, 60_000);

  it('survives schema-shaped queries with random arguments, aliases, fragments and directives', async () => {
    await assertFor('queries', schemaWalk(schema, known, 'query'), false);
  }, 60_000);

  it('refuses mutations without a valid token and writes nothing', async () => {
    await assertFor('mutations', schemaWalk(schema, known, 'mutation'), true);
  }, 60_000);

  it('notices a real change (the fingerprint is not blind)', async () => {
    const tokens = await setUpEditors(api.current);
    const before = await fingerprint(api.current.database.prisma);
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({ query: 'mutation { revokeToken(prefix: "nosuchprefix") { revoked } }' }),
    });
    expect(response.status).toBe(200);
    const after = await fingerprint(api.current.database.prisma);
    expect(after.AuditEvent?.hash).not.toBe(before.AuditEvent?.hash);
    expect(before.Editor?.hash).not.toBe(baseline.Editor?.hash);
  });
});
