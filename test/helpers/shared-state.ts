import { randomBytes } from 'node:crypto';
import {
  type CandorYoga,
  connectRedis,
  createCandorYoga,
  createLogger,
  createMetrics,
  deleteKeysWithPrefix,
  type Env,
  type Logger,
  type Metrics,
} from '@candor/api';
import { afterAll, beforeAll } from 'vitest';
import { TEST_NOW } from './providers.js';
import { TEST_ENV, type TestApi, testSigner } from './testkit.js';

/** Where rate-limit windows and the response cache live: this process, or the local Redis. */
export const STATE_PROVIDERS = ['memory', 'redis'] as const;
export type StateProvider = (typeof STATE_PROVIDERS)[number];

export const TEST_REDIS_URL = process.env.CANDOR_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Settings that put an instance's shared state in `provider`: for Redis a fresh key prefix, whose
 * keys are deleted after the test file.
 */
export function stateEnv(provider: StateProvider): Partial<Env> {
  if (provider === 'memory') return {};
  const prefix = `candor-test:${randomBytes(6).toString('hex')}:`;
  afterAll(async () => {
    const redis = connectRedis({
      url: TEST_REDIS_URL,
      prefix,
      logger: createLogger('silent'),
      metrics: createMetrics(),
    });
    await deleteKeysWithPrefix(redis);
    await redis.close();
  });
  return { REDIS_URL: TEST_REDIS_URL, CANDOR_REDIS_PREFIX: prefix };
}

/**
 * Another API instance over the test API's database, with `env` over the test defaults (rate
 * limits and cache off unless `env` switches them on). Register it at collection time; read
 * `.current` in tests. Disposed (its Redis connection closed) after the test file.
 */
export function useInstance(
  api: { current: TestApi },
  env: Partial<Env>,
  options: { metrics?: Metrics; clock?: () => Date; logger?: Logger } = {},
): { current: CandorYoga } {
  const holder = {} as { current: CandorYoga };
  beforeAll(() => {
    holder.current = createCandorYoga({
      database: api.current.database,
      env: { ...TEST_ENV, ...env },
      clock: options.clock ?? (() => TEST_NOW),
      logger: options.logger ?? createLogger('silent'),
      signer: testSigner(),
      metrics: options.metrics ?? createMetrics(),
    });
  });
  afterAll(async () => {
    await holder.current?.dispose();
  });
  return holder;
}

/** A TestApi whose requests go to `yoga` (for setUpEditors and asToken). */
export const through = (api: TestApi, yoga: CandorYoga): TestApi => ({ ...api, yoga });

export interface GraphQLRequest {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
  method?: 'GET' | 'POST';
  token?: string;
  headers?: Record<string, string>;
}

/** One GraphQL request to an instance, over GET (with a CSRF header) or as a JSON POST. */
export async function send(yoga: CandorYoga, request: GraphQLRequest): Promise<Response> {
  const { query, variables, operationName, extensions, method = 'POST', token, headers = {} } = request;
  const auth = token === undefined ? {} : { authorization: `Bearer ${token}` };
  if (method === 'GET') {
    const search = new URLSearchParams();
    if (query !== undefined) search.set('query', query);
    if (variables !== undefined) search.set('variables', JSON.stringify(variables));
    if (operationName !== undefined) search.set('operationName', operationName);
    if (extensions !== undefined) search.set('extensions', JSON.stringify(extensions));
    return await yoga.fetch(`http://yoga/graphql?${search}`, {
      headers: { 'graphql-require-preflight': '1', ...auth, ...headers },
    });
  }
  return await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: JSON.stringify({ query, variables, operationName, extensions }),
  });
}

/** The value of a counter (with these labels) in an instance's metrics registry. */
export async function counterValue(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const match = metric?.values.find((value) =>
    Object.entries(labels).every(([key, label]) => value.labels[key] === label),
  );
  return match?.value ?? 0;
}

const DAY = 86_400_000;

/** A small non-material terms version in Candor's Markdown format. */
const versionMarkdown = (label: string) => `---
document: terms-of-service
label: ${label}
material: false
changeNote: Wording only (${label}).
---

## 10.1 Customer Content {#10.1}

You own your content. We use it only to provide the Services (${label}).
`;

async function mutate(yoga: CandorYoga, token: string, field: string): Promise<Record<string, unknown>> {
  const response = await send(yoga, { query: `mutation { ${field} }`, token });
  const body = (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown };
  const result = Object.values(body.data ?? {})[0];
  if (body.errors !== undefined || result === undefined || (result.error ?? null) !== null) {
    throw new Error(`${field.split('(')[0]} failed: ${JSON.stringify(body)}`);
  }
  return result;
}

/**
 * Drafts, submits, approves and publishes a new terms version through `yoga` (editor, then
 * publisher), effective two months after TEST_NOW — after the sample's scheduled version, which
 * does not contain this text and would otherwise refuse it (CONFLICTS_WITH_SCHEDULED); resolves
 * once publishVersion has answered.
 */
export async function publishVersion(
  yoga: CandorYoga,
  tokens: { editor: string; publisher: string },
  label: string,
): Promise<void> {
  const fields = 'draft { id } error { code message }';
  const draft = (
    await mutate(yoga, tokens.editor, `createDraft(markdown: ${JSON.stringify(versionMarkdown(label))}) { ${fields} }`)
  ).draft as { id: string };
  await mutate(yoga, tokens.editor, `submitForReview(id: "${draft.id}") { ${fields} }`);
  await mutate(yoga, tokens.publisher, `approveVersion(id: "${draft.id}") { ${fields} }`);
  const effectiveAt = new Date(TEST_NOW.getTime() + 60 * DAY).toISOString();
  await mutate(
    yoga,
    tokens.publisher,
    `publishVersion(id: "${draft.id}", effectiveAt: "${effectiveAt}") { error { code message } }`,
  );
}

/** The labels of every published terms version, newest first: a read that a publish changes. */
export const VERSION_LABELS =
  '{ document(slug: "terms-of-service") { versions(first: 50) { edges { node { label } } } } }';

export const labelsIn = (body: unknown): string[] =>
  (
    body as { data: { document: { versions: { edges: { node: { label: string } }[] } } } }
  ).data.document.versions.edges.map((edge) => edge.node.label);
