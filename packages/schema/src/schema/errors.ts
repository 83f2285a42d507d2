import { GraphQLError } from 'graphql';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';

/** Stable codes clients can switch on (docs/partner-api.md, "Errors"). Anything else is masked. */
export type ErrorCode = DomainErrorCode;

/** An expected failure: shown to the client with its code and, where it applies, the bad field. */
export function userError(code: ErrorCode, message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...(field === undefined ? {} : { field }) } });
}

export const notFound = (message: string, field?: string) => userError('NOT_FOUND', message, field);
export const badInput = (message: string, field?: string) => userError('BAD_USER_INPUT', message, field);

/** Runs domain code, turning its DomainError into a coded GraphQL error. */
export function fromDomain<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) throw userError(error.code, error.message, error.field);
    throw error;
  }
}
