/**
 * The params stage: the GraphQL-over-HTTP parameters of a request — from a GET's query string, a
 * JSON body, or (through yoga's other parsers) a form — checked to the shape the spec allows, with
 * a documented code for every refusal, and a persisted hash resolved to its document. Nothing a
 * client sends can reach a later stage with the wrong type (a non-string operationName used to be
 * hashed and answered 500) or nested deep enough to overflow the stack.
 */
import type { GraphQLError } from 'graphql';
import { kindOf, quote, refusal } from './errors.js';
import type { GraphQLParams } from './exchange.js';

/** Deepest JSON nesting accepted in `variables` or `extensions` (Candor's inputs nest a few levels). */
export const MAX_INPUT_DEPTH = 32;

const EXPECTED = new Set(['query', 'variables', 'operationName', 'extensions']);

export type ParamsResult = { params: GraphQLParams } | { error: GraphQLError };

const badRequest = (message: string) => ({ error: refusal('BAD_REQUEST', message, 400) });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a JSON value nests deeper than `max` (arrays and objects), walked with an explicit stack. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (depth > max) return true;
    if (Array.isArray(current)) {
      for (const item of current) if (typeof item === 'object' && item !== null) pending.push([item, depth + 1]);
    } else {
      for (const key in current as Record<string, unknown>) {
        const item = (current as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) pending.push([item, depth + 1]);
      }
    }
  }
  return false;
}

/** Resolves a persisted hash (Apollo-style, version 1) to its document. */
export type PersistedLookup = (hash: string) => string | undefined;

/**
 * The parameters of an already decoded body or query string: an object with only query,
 * operationName, variables and extensions (each of its type; null counts as absent), and a
 * document sent in full or named by a known persisted hash (a document sent in full wins).
 */
export function paramsFromObject(body: unknown, persisted: PersistedLookup): ParamsResult {
  if (Array.isArray(body)) return { error: refusal('BAD_REQUEST', 'Batching is not supported.', 400) };
  if (!isPlainObject(body)) return badRequest(`The request body must be a JSON object, not ${kindOf(body)}.`);
  for (const key in body) {
    if (body[key] != null && !EXPECTED.has(key)) {
      return { error: refusal('BAD_REQUEST', `Unexpected parameter ${quote(key)} in the request body.`, 400) };
    }
  }
  const { query, operationName, variables, extensions } = body;
  if (query != null && typeof query !== 'string') {
    return badRequest(`Expected "query" to be a string, but given ${kindOf(query)}.`);
  }
  if (operationName != null && typeof operationName !== 'string') {
    return badRequest(`Expected "operationName" to be a string, but given ${kindOf(operationName)}.`);
  }
  if (variables != null && !isPlainObject(variables)) {
    return badRequest(`Expected "variables" to be empty or an object, but given ${kindOf(variables)}.`);
  }
  if (extensions != null && !isPlainObject(extensions)) {
    return badRequest(`Expected "extensions" to be empty or an object, but given ${kindOf(extensions)}.`);
  }
  for (const [name, value] of [
    ['variables', variables],
    ['extensions', extensions],
  ] as const) {
    if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
      return {
        error: refusal('INPUT_TOO_DEEP', `"${name}" nests deeper than the limit of ${MAX_INPUT_DEPTH} levels.`, 400, {
          extensions: { limit: MAX_INPUT_DEPTH },
        }),
      };
    }
  }
  const rest = {
    operationName: operationName ?? null,
    variables: (variables ?? null) as Record<string, unknown> | null,
    extensions: (extensions ?? null) as Record<string, unknown> | null,
  };
  if (typeof query === 'string' && query !== '') return { params: { query, ...rest } };
  const persistedQuery = rest.extensions?.persistedQuery;
  if (isPlainObject(persistedQuery) && typeof persistedQuery.sha256Hash === 'string') {
    const document = persistedQuery.version === 1 ? persisted(persistedQuery.sha256Hash) : undefined;
    if (document === undefined) {
      return {
        error: refusal(
          'PERSISTED_QUERY_NOT_FOUND',
          'Persisted operation not found: no operation has this sha256Hash (see GET /graphql/persisted-operations.json); send the document in "query" instead.',
          404,
        ),
      };
    }
    return { params: { query: document, ...rest } };
  }
  return badRequest('Must provide query string.');
}

/** The parameters of a JSON body. */
export function paramsFromJson(text: string, persisted: PersistedLookup): ParamsResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return badRequest('POST body sent invalid JSON.');
  }
  return paramsFromObject(body, persisted);
}

/** A JSON-encoded query-string parameter; undefined when absent or empty. */
const jsonParameter = (search: URLSearchParams, name: string): { value: unknown } | { error: GraphQLError } => {
  const text = search.get(name);
  if (text === null || text === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return badRequest(`The "${name}" parameter is not valid JSON.`);
  }
};

/**
 * The parameters of a GET's query string (`query`, `operationName`, and `variables` and
 * `extensions` as JSON; empty means absent; other parameters are ignored, as yoga does).
 */
export function paramsFromSearch(search: string, persisted: PersistedLookup): ParamsResult {
  const parameters = new URLSearchParams(search);
  const variables = jsonParameter(parameters, 'variables');
  if ('error' in variables) return variables;
  const extensions = jsonParameter(parameters, 'extensions');
  if ('error' in extensions) return extensions;
  return paramsFromObject(
    {
      query: parameters.get('query') || undefined,
      operationName: parameters.get('operationName') || undefined,
      variables: variables.value,
      extensions: extensions.value,
    },
    persisted,
  );
}
