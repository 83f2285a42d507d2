/**
 * The refusals the pipeline answers with, and the last word on every error a client sees (the mask
 * stage): a stable `extensions.code`, the request id, input quoted at most ~100 characters, and
 * anything unexpected masked and logged. Both adapters call `finishErrors` on every answer with
 * errors, so a 401, 403, 405, 413, 415, 429 or 500 looks the same whichever adapter wrote it.
 */
import { classifyDatabaseError } from '@candor/schema';
import type { GraphQLError as GraphQLErrorType } from 'graphql';
import { graphqlRuntime } from '../graphql-runtime.js';
import { describeError, type Logger } from '../logger.js';

// The build of graphql-js yoga and the schema use: yoga keeps its own build's errors as they are.
const { GraphQLError } = graphqlRuntime;

/** Most input a message may quote. */
export const MAX_QUOTED_CHARACTERS = 100;

/** `"value"`, JSON-escaped, cut to MAX_QUOTED_CHARACTERS with an ellipsis. */
export function quote(value: string, max = MAX_QUOTED_CHARACTERS): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}

/** What kind of value a client sent, for messages (`array`, `null`, `number`, …). */
export const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

export interface RefusalOptions {
  /** Extra response headers (Allow, Retry-After, …). */
  headers?: Record<string, string>;
  /**
   * A GraphQL-over-HTTP request error: a client that asked for the legacy `application/json` gets
   * 200 with the error, as the spec prescribes; `application/graphql-response+json` gets `status`.
   */
  spec?: boolean;
  /** Further extensions (`limit`, `field`, …). */
  extensions?: Record<string, unknown>;
}

/** A refusal: a GraphQL error with its stable code and HTTP status. */
export function refusal(code: string, message: string, status: number, options: RefusalOptions = {}): GraphQLErrorType {
  const http: Record<string, unknown> = { status, spec: options.spec === true };
  if (options.headers !== undefined) http.headers = options.headers;
  return new GraphQLError(message, { extensions: { code, ...options.extensions, http } });
}

export interface MaskedError {
  code: string;
  message: string;
  status: number;
  /** Seconds a client should wait before trying again, when that is worth it. */
  retryAfterSeconds?: number;
}

/**
 * What a client is told about an unexpected failure: a database that is down, slow or full is
 * named as such (with an HTTP status a load balancer or client can act on), never with details.
 */
export function maskedErrorFor(error: unknown): MaskedError {
  switch (classifyDatabaseError(error)) {
    case 'unavailable':
      return {
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database is unavailable; try again shortly.',
        status: 503,
        retryAfterSeconds: 5,
      };
    case 'statement-timeout':
      return {
        code: 'DATABASE_TIMEOUT',
        message: 'The database did not answer within the statement timeout (CANDOR_PG_STATEMENT_TIMEOUT_MS).',
        status: 503,
        retryAfterSeconds: 5,
      };
    case 'storage-full':
      return { code: 'STORAGE_FULL', message: 'The server’s storage is full; nothing was written.', status: 507 };
    default:
      return { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.', status: 500 };
  }
}

/**
 * The HTTP status (and Retry-After) of a masked error: the database's 5xx states always; a plain
 * bug only when it broke the whole request (`requestLevel`), since an answer with partial data
 * stays 200.
 */
export function httpExtensionOf(
  masked: MaskedError,
  requestLevel = false,
): { http?: { status: number; headers?: Record<string, string> } } {
  if (masked.code === 'INTERNAL_SERVER_ERROR' && !requestLevel) return {};
  const headers =
    masked.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(masked.retryAfterSeconds) } };
  return { http: { status: masked.status, ...headers } };
}

/**
 * By name, not instanceof: graphql ships CommonJS and ESM builds, and yoga and our resolvers can
 * load different ones (the dual-package hazard), so one build's errors fail the other's instanceof.
 */
const isGraphQLError = (error: unknown): error is GraphQLErrorType =>
  error instanceof Error && error.name === 'GraphQLError';

/** Pothos validation messages about a client's cursor or page arguments (not its schema-building ones). */
const CLIENT_MISTAKE =
  /^(Invalid (offset )?cursor|Invalid cursor (type|chunk)|Cursor (chunk )?must be a string|Invalid base64 string|Expected compound cursor|Invalid global ID|Invalid id received|Arguments? "(first|last|before|after)")/;

/**
 * A double-quoted run longer than the quoting limit (escapes included), anywhere in a message; one
 * cut off by the end of the message counts too.
 */
const QUOTED_CHARACTER = String.raw`(?:[^"\\]|\\[\s\S]?)`;
const LONG_QUOTED = new RegExp(`"(${QUOTED_CHARACTER}{${MAX_QUOTED_CHARACTERS}})${QUOTED_CHARACTER}+("|$)`, 'g');
/** Only this much of a message is looked at: what a client sees is far shorter anyway. */
const MAX_SCANNED_CHARACTERS = 4000;
/** A message never grows past this, whatever it quotes (a last line of defence). */
const MAX_MESSAGE_CHARACTERS = 1000;

/**
 * A message with every quoted input cut to MAX_QUOTED_CHARACTERS: resolvers and graphql-js quote
 * what they were given (`No document with slug "…"`, `Variable "$x" got invalid value "…"`), and
 * a 1.9 MB slug must not come back as a 1.9 MB error. Only the message's first few thousand
 * characters are scanned, so a crafted input cannot make this slow either; whatever a message
 * quotes, it never grows past MAX_MESSAGE_CHARACTERS.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_QUOTED_CHARACTERS + 2) return message;
  const scanned = message.length > MAX_SCANNED_CHARACTERS ? message.slice(0, MAX_SCANNED_CHARACTERS) : message;
  const quoted = scanned.replace(LONG_QUOTED, (_, kept: string, end: string) => `"${kept}…${end}`);
  const cut = quoted.length < message.length && quoted === scanned;
  return quoted.length > MAX_MESSAGE_CHARACTERS || cut ? `${quoted.slice(0, MAX_MESSAGE_CHARACTERS)}…` : quoted;
}

/**
 * The code an error raised on purpose gets when it has none: graphql-js's own request errors
 * (variables that do not coerce, an unknown operation) are the client's input.
 */
const DEFAULT_CODE = 'BAD_USER_INPUT';

/**
 * The mask stage: every error of an answer, as the client sees it. Errors raised on purpose keep
 * their message (bounded) and code (one is given when missing) and get the request id; Pothos's
 * complaints about a client's cursor become BAD_USER_INPUT; anything else is logged with the
 * request id and replaced by a masked error that carries only that id (HTTP 500 when it broke
 * the whole request: `requestLevel`, an answer without data).
 */
export function createErrorFinisher(
  logger: Logger,
): (errors: readonly GraphQLErrorType[], requestId: string, requestLevel?: boolean) => GraphQLErrorType[] {
  const finish = (error: GraphQLErrorType, requestId: string, requestLevel: boolean): GraphQLErrorType => {
    const original = error.originalError;
    if (original === undefined || original === null || isGraphQLError(original)) {
      const code = error.extensions.code ?? (isGraphQLError(original) ? original.extensions.code : undefined);
      const message = boundMessage(error.message);
      if (error.extensions.requestId === requestId && code !== undefined && message === error.message) return error;
      return new GraphQLError(message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, code: code ?? DEFAULT_CODE, requestId },
      });
    }
    if (original.name === 'PothosValidationError' && CLIENT_MISTAKE.test(original.message)) {
      return new GraphQLError(boundMessage(original.message), {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: 'BAD_USER_INPUT', requestId },
      });
    }
    const masked = maskedErrorFor(original);
    logger.error('unexpected error', {
      requestId,
      path: error.path?.join('.'),
      code: masked.code,
      ...describeError(original),
    });
    return new GraphQLError(masked.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: masked.code, requestId, ...httpExtensionOf(masked, requestLevel) },
    });
  };
  return (errors, requestId, requestLevel = false) => errors.map((error) => finish(error, requestId, requestLevel));
}

/** A thrown value as a GraphQL error to finish: kept when it is one, wrapped (and so masked) otherwise. */
export const asGraphQLError = (error: unknown): GraphQLErrorType =>
  isGraphQLError(error)
    ? error
    : new GraphQLError(error instanceof Error ? error.message : String(error), {
        originalError: error instanceof Error ? error : new Error(String(error)),
      });
