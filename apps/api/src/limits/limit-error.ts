import type { GraphQLError as GraphQLErrorType } from 'graphql';
import { graphqlRuntime } from '../graphql-runtime.js';

// The build of graphql-js yoga uses, so yoga keeps these errors as they are (pipeline/errors.ts).
const { GraphQLError } = graphqlRuntime;

/** The stable codes of the query limits and request guards (docs/partner-api.md, "Query limits"). */
export type LimitCode =
  | 'DOCUMENT_TOO_LARGE'
  | 'TOO_MANY_TOKENS'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'INPUT_LIST_TOO_LONG'
  | 'QUERY_TOO_COSTLY'
  | 'PAYLOAD_TOO_LARGE'
  | 'EXECUTION_TIMEOUT'
  | 'INPUT_TOO_DEEP'
  // Not a limit, but refused at the same point: a string input no text field can hold.
  | 'BAD_USER_INPUT';

export interface LimitViolation {
  code: LimitCode;
  /** Names the limit and the value that broke it, e.g. "Query depth 7 exceeds the limit of 6." */
  message: string;
  limit: number;
}

/** Most refusals are the client's doing: 400, like any other invalid request. */
const HTTP_STATUS: Record<LimitCode, number> = {
  DOCUMENT_TOO_LARGE: 400,
  TOO_MANY_TOKENS: 400,
  QUERY_TOO_DEEP: 400,
  TOO_MANY_ALIASES: 400,
  TOO_MANY_DIRECTIVES: 400,
  INPUT_LIST_TOO_LONG: 400,
  QUERY_TOO_COSTLY: 400,
  PAYLOAD_TOO_LARGE: 413,
  // 503, not 504: no gateway timed out; this server gave up on purpose and a retry may succeed.
  EXECUTION_TIMEOUT: 503,
  INPUT_TOO_DEEP: 400,
  BAD_USER_INPUT: 400,
};

export const httpStatusOf = (code: LimitCode): number => HTTP_STATUS[code];

export const exceeds = (code: LimitCode, what: string, measured: number, limit: number, unit = ''): LimitViolation => ({
  code,
  message: `${what} ${measured}${unit} exceeds the limit of ${limit}${unit}.`,
  limit,
});

export const executionTimedOut = (timeoutMs: number): LimitViolation => ({
  code: 'EXECUTION_TIMEOUT',
  message: `Execution time exceeds the limit of ${timeoutMs} ms.`,
  limit: timeoutMs,
});

/** `measured` is unknown when a streamed body was cut off as soon as it passed the limit. */
export const bodyTooLarge = (maxBytes: number, measured?: number): LimitViolation =>
  measured === undefined
    ? { code: 'PAYLOAD_TOO_LARGE', message: `Request body exceeds the limit of ${maxBytes} bytes.`, limit: maxBytes }
    : exceeds('PAYLOAD_TOO_LARGE', 'Request body', measured, maxBytes, ' bytes');

/** The GraphQL error a refusal is answered with: stable code, the limit, and the HTTP status. */
export const limitError = (violation: LimitViolation, requestId?: string): GraphQLErrorType =>
  new GraphQLError(violation.message, {
    extensions: {
      code: violation.code,
      limit: violation.limit,
      ...(requestId === undefined ? {} : { requestId }),
      // Not a GraphQL-over-HTTP request error (`spec`): a client asking for legacy JSON gets the status too.
      http: { status: httpStatusOf(violation.code), spec: false },
    },
  });
