import { classifyDatabaseError } from '@candor/schema';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { describeError, type Logger } from '../logger.js';

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
 * Expected errors (a GraphQLError raised on purpose, with an extensions.code) reach the client
 * as they are; anything else is logged with the request id and replaced by a masked error that
 * carries only that id, so a partner can quote it without learning anything internal.
 */
/**
 * By name, not instanceof: graphql ships CommonJS and ESM builds, and yoga and our resolvers can
 * load different ones (the dual-package hazard), so one build's errors fail the other's instanceof.
 */
const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === 'GraphQLError';

/** Pothos validation messages about a client's cursor or page arguments (not its schema-building ones). */
const CLIENT_MISTAKE =
  /^(Invalid (offset )?cursor|Invalid cursor (type|chunk)|Cursor (chunk )?must be a string|Invalid base64 string|Expected compound cursor|Invalid global ID|Invalid id received|Arguments? "(first|last|before|after)")/;

/** Only the database's 5xx states set the HTTP status: a plain bug keeps yoga's default. */
export function httpExtensionOf(masked: MaskedError): { http?: { status: number; headers?: Record<string, string> } } {
  if (masked.code === 'INTERNAL_SERVER_ERROR') return {};
  const headers =
    masked.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(masked.retryAfterSeconds) } };
  return { http: { status: masked.status, ...headers } };
}

/**
 * The masking both paths apply to an execution's errors (yoga's through useErrorMasking, the
 * node-level POST path directly): each error kept, tagged or masked as described above.
 */
export function createErrorMasker(
  logger: Logger,
): (errors: readonly GraphQLError[], requestId: string) => GraphQLError[] {
  const mask = (error: GraphQLError, requestId: string): GraphQLError => {
    const original = error.originalError;
    // Raised on purpose (by us or by graphql-js validating the request): keep, tag with the id.
    if (original === undefined || original === null || isGraphQLError(original)) {
      const code = error.extensions.code ?? (isGraphQLError(original) ? original.extensions.code : undefined);
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, ...(code === undefined ? {} : { code }), requestId },
      });
    }
    // Pothos rejects a malformed Relay cursor or page argument with a PothosValidationError (found
    // by test/api/fuzz.test.ts): the client's mistake, so BAD_USER_INPUT, not a masked bug.
    if (original.name === 'PothosValidationError' && CLIENT_MISTAKE.test(original.message)) {
      return new GraphQLError(original.message, {
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
      ...describeError(original ?? error),
    });
    return new GraphQLError(masked.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: masked.code, requestId, ...httpExtensionOf(masked) },
    });
  };
  return (errors, requestId) => errors.map((error) => mask(error, requestId));
}

export function useErrorMasking(logger: Logger): Plugin<{ requestId?: string }> {
  const maskAll = createErrorMasker(logger);
  return {
    onExecute({ args }) {
      const requestId = (args.contextValue as { requestId?: string }).requestId ?? 'unknown';
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || result.errors === undefined) return;
          setResult({ ...result, errors: maskAll(result.errors, requestId) });
        },
      };
    },
  };
}
