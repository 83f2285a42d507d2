/**
 * The CLI's exit codes and the typed errors that carry them. Commands throw these; index.ts
 * prints them and exits with their code, so every command fails the same way.
 */

export const EXIT = {
  /** Done. */
  OK: 0,
  /** The server refused (its error code is printed), or a verification failed. */
  FAILED: 1,
  /** Unknown command or flag, missing or malformed flag, unreadable input file. */
  USAGE: 2,
  /** The API cannot be reached, or it refused the token (UNAUTHENTICATED). */
  UNREACHABLE_OR_UNAUTHENTICATED: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One invalid input as the API reports it (a CSV row, a Markdown clause). */
export interface Problem {
  field: string;
  message: string;
  line?: number | null;
  /** 1-based column of a CSV file; `field` is then the column's name. */
  column?: number | null;
}

/** The `error` member of every mutation payload. */
export interface MutationError {
  code: string;
  message: string;
  field?: string | null;
  problems: Problem[];
}

export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
}

/** The command line is wrong: exit 2, with a pointer to the usage text of `topic`. */
export class UsageError extends CliError {
  override name = 'UsageError';
  readonly exitCode = EXIT.USAGE;
  constructor(
    message: string,
    /** The group whose `--help` to suggest, e.g. "draft". */
    readonly topic?: string,
  ) {
    super(message);
  }
}

/** The server (or, for database-direct commands, the domain) refused: exit 1. */
export class RefusedError extends CliError {
  override name = 'RefusedError';
  readonly exitCode = EXIT.FAILED;
  constructor(readonly error: MutationError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** A query failed with GraphQL errors other than UNAUTHENTICATED: exit 1. */
export class GraphQLRequestError extends CliError {
  override name = 'GraphQLRequestError';
  readonly exitCode = EXIT.FAILED;
  constructor(readonly errors: { message: string; code: string | null; requestId: string | null }[]) {
    super(errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message}`).join('\n'));
  }
}

/** A check found problems (integrity verification, a signature): exit 1; details already printed. */
export class VerificationFailedError extends CliError {
  override name = 'VerificationFailedError';
  readonly exitCode = EXIT.FAILED;
}

/** No answer from the API, or an answer that is not GraphQL: exit 3. */
export class ApiUnreachableError extends CliError {
  override name = 'ApiUnreachableError';
  readonly exitCode = EXIT.UNREACHABLE_OR_UNAUTHENTICATED;
}

/** The API refused the token, or the command needs one and none was given: exit 3. */
export class AuthenticationError extends CliError {
  override name = 'AuthenticationError';
  readonly exitCode = EXIT.UNREACHABLE_OR_UNAUTHENTICATED;
}
