/** The GraphQL-over-HTTP parameters of a POST body the POST path handles itself. */
export interface PostParams {
  /** The document: sent in full, or resolved from a persisted hash. */
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const EXPECTED = new Set(['query', 'variables', 'operationName', 'extensions']);

/**
 * The body's parameters when they have exactly the shape yoga accepts without an error (an object
 * with only query, operationName, variables and extensions, each of the right type) and name a
 * document: in `query`, or as a known persisted hash (Apollo-style, version 1, as yoga's
 * persisted-operations plugin reads it). Null for anything else — malformed JSON included — which
 * yoga's path answers with its own errors.
 */
export function postParamsOf(text: string, persisted: (hash: string) => string | undefined): PostParams | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(body)) return null;
  for (const key in body) if (body[key] != null && !EXPECTED.has(key)) return null;
  const { query, operationName, variables, extensions } = body;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && !isPlainObject(variables)) return null;
  if (extensions != null && !isPlainObject(extensions)) return null;
  const params = { operationName: operationName ?? null, variables: variables ?? null };
  // A document sent in full wins over a hash (yoga's plugin allows arbitrary operations).
  if (typeof query === 'string' && query !== '') return { query, ...params };
  if (query != null) return null;
  const persistedQuery = extensions?.persistedQuery;
  if (!isPlainObject(persistedQuery) || persistedQuery.version !== 1 || typeof persistedQuery.sha256Hash !== 'string') {
    return null;
  }
  const document = persisted(persistedQuery.sha256Hash);
  return document === undefined ? null : { query: document, ...params };
}
