/**
 * A property of the HTTP parameter layer (apps/api/src/pipeline/params.ts, request-checks.ts), on
 * both adapters of the pipeline: whatever JSON shapes arrive as `query`, `variables`,
 * `operationName` and `extensions` — or instead of them — under whatever content type and method,
 * the answer is never a 5xx, always carries a request id, and every refusal is a GraphQL error with
 * a documented `extensions.code` (docs/partner-api.md, "Errors") and that request id; and the node adapter and
 * yoga's answer alike. fast-check prints the seed and the shrunk request when it fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useInstance } from '../helpers/shared-state.js';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

/** Every code a client can meet (docs/partner-api.md, "Errors"; "Query limits"; "Rate limits"). */
const DOCUMENTED_CODES = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'CSRF_HEADER_REQUIRED',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'INPUT_TOO_DEEP',
  'PERSISTED_QUERY_NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'DOCUMENT_TOO_LARGE',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'INPUT_LIST_TOO_LONG',
  'QUERY_TOO_COSTLY',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'CROSS_ORIGIN_MUTATION',
]);

const api = useTestApi();
const withNode = useInstance(api, { CANDOR_NODE_ADAPTER: true });
const yogaOnly = useInstance(api, { CANDOR_NODE_ADAPTER: false });
const servers = {
  node: useListeningServer(() => withNode.current),
  yoga: useListeningServer(() => yogaOnly.current),
};

const HASH = '0'.repeat(64);

/** Documents: valid ones of the public schema, near misses, and noise. */
const query = fc.oneof(
  fc.constantFrom(
    '{ segments { key } }',
    '{ __typename }',
    'query Q($slug: String!) { document(slug: $slug) { title } }',
    'query A { __typename } query B { organization { name } }',
    'mutation { revokeToken(prefix: "x") { revoked } }',
    '{ document(slug: "terms-of-service") { versions(first: 1000) { edges { cursor } } } }',
    '{ a: __typename b: __typename c: __typename d: __typename e: __typename f: __typename g: __typename h: __typename i: __typename j: __typename k: __typename l: __typename m: __typename n: __typename o: __typename p: __typename }',
    '{ segments @skip(if: true) @a @b @c @d @e @f { key } }',
    '{ segments { ',
    '',
  ),
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Deeper than the params stage accepts, or just deep. */
const nested = fc.integer({ min: 1, max: 200 }).map((depth) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { v: value };
  return value;
});

const variables = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  fc.record({ slug: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)) }),
  nested.map((value) => ({ x: value })),
  fc.jsonValue({ maxDepth: 2 }),
);

const operationName = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('Q', 'A', 'B', 'Nope'),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const extensions = fc.oneof(
  fc.constant(undefined),
  fc.record({
    persistedQuery: fc.record({
      version: fc.constantFrom(1, 2, '1'),
      sha256Hash: fc.oneof(fc.constant(HASH), fc.stringMatching(/^[0-9a-f]{64}$/), fc.integer()),
    }),
  }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The parameters as an object (a member left out when undefined), with stray members sometimes. */
const params = fc
  .record({
    query: fc.option(query, { nil: undefined }),
    variables,
    operationName,
    extensions,
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), {
      nil: undefined,
    }),
  })
  .map(({ extra, ...members }) => {
    const body: Record<string, unknown> = { ...extra };
    for (const [name, value] of Object.entries(members)) if (value !== undefined) body[name] = value;
    return body;
  });

/** How the parameters travel: the body (or query string) as a client might write it. */
const shape = fc.oneof(
  { weight: 6, arbitrary: params.map((body) => ({ kind: 'object' as const, body })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((body) => ({ kind: 'json' as const, body })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((body) => ({ kind: 'raw' as const, body })) },
);

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/graphql+json',
    'application/graphql',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json, text/plain',
  ),
  fc.constant(undefined),
  fc.stringMatching(/^[a-z/+.;= -]{0,30}$/),
);

const request = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  contentType,
  csrfHeader: fc.boolean(),
  accept: fc.constantFrom(
    undefined,
    'application/json',
    'application/graphql-response+json',
    'application/graphql-response+json, application/json;q=0.9',
  ),
  shape,
});

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** The value of a parameter in a query string or form: strings as they are, anything else as JSON. */
const asParameter = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function encode(sent: Generated): { search: string; body: string | undefined } {
  const { shape: encoded, method, contentType: type } = sent;
  const asObject = encoded.kind === 'object' ? encoded.body : null;
  const pairs = () =>
    new URLSearchParams(Object.entries(asObject ?? {}).map(([name, value]) => [name, asParameter(value)])).toString();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE') {
    // Not String(body): a generated object may hold its own `toString` key, which String() would call.
    return { search: asObject === null ? asParameter(encoded.body) : pairs(), body: undefined };
  }
  if (type === 'application/x-www-form-urlencoded' && asObject !== null) return { search: '', body: pairs() };
  if (type === 'application/graphql' && asObject !== null)
    return { search: '', body: asParameter(asObject.query ?? '') };
  return { search: '', body: encoded.kind === 'raw' ? encoded.body : JSON.stringify(encoded.body) };
}

interface Answer {
  status: number;
  requestId: string | null;
  codes: string[];
  body: string;
}

async function exchange(adapter: 'node' | 'yoga', sent: Generated): Promise<Answer> {
  const { search, body } = encode(sent);
  const headers: Record<string, string> = {};
  if (sent.contentType !== undefined && body !== undefined) headers['content-type'] = sent.contentType;
  if (sent.csrfHeader) headers['x-graphql-yoga-csrf'] = '1';
  if (sent.accept !== undefined) headers.accept = sent.accept;
  const response = await fetch(`${servers[adapter].current.url}/graphql${search === '' ? '' : `?${search}`}`, {
    method: sent.method,
    headers,
    body,
  });
  const text = await response.text();
  const requestId = response.headers.get('x-request-id');
  let codes: string[] = [];
  if (text !== '' && response.headers.get('content-type')?.includes('json')) {
    const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: unknown; requestId?: unknown } }[] };
    codes = (parsed.errors ?? []).map((error) => {
      expect(error.extensions?.requestId, `request id of ${text.slice(0, 200)}`).toBe(requestId);
      return String(error.extensions?.code);
    });
  }
  return { status: response.status, requestId, codes, body: text };
}

describe('the HTTP parameter layer, on random input', () => {
  it('never answers 5xx, and refuses only with documented codes and the request id, on both adapters alike', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const answers = { node: await exchange('node', sent), yoga: await exchange('yoga', sent) };
        for (const [adapter, answer] of Object.entries(answers)) {
          const context = `${adapter}: ${answer.status} ${answer.body.slice(0, 300)}`;
          expect(answer.status, context).toBeLessThan(500);
          expect(answer.requestId, context).toMatch(/^[0-9a-f-]{36}$/);
          for (const code of answer.codes) expect(DOCUMENTED_CODES.has(code), `${context}: code ${code}`).toBe(true);
          const refused = answer.status >= 400;
          const hasBody = sent.method !== 'HEAD' && answer.status !== 406;
          if (refused && hasBody) expect(answer.codes.length, context).toBeGreaterThan(0);
          if (sent.method === 'OPTIONS') expect(answer.status, context).toBe(204);
        }
        expect(answers.node.status, `${answers.node.body.slice(0, 200)} / ${answers.yoga.body.slice(0, 200)}`).toBe(
          answers.yoga.status,
        );
        expect(answers.node.codes).toEqual(answers.yoga.codes);
      }),
      { numRuns: 400, interruptAfterTimeLimit: 25_000 },
    );
  }, 60_000);
});
