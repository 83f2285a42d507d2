/** Stable codes the GraphQL layer maps onto `extensions.code`; expected failures only. */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  /** No editor is signed in. */
  | 'UNAUTHENTICATED'
  /** The workflow step is not allowed from the version's current status. */
  | 'INVALID_STATE'
  /** The editor who wrote a version tried to approve it. */
  | 'TWO_PERSON_RULE'
  /** A material version would take effect before the document's notice period has run. */
  | 'NOTICE_PERIOD'
  | 'EFFECTIVE_DATE_IN_PAST'
  /** A material version lacks a plain-language explanation for some segment. */
  | 'EXPLANATIONS_MISSING'
  /** A draft whose text (or facts) repeats the version (or revision) it would follow. */
  | 'NO_CHANGE'
  /** Withdrawing a version that has already taken effect. */
  | 'ALREADY_IN_EFFECT'
  /**
   * Publishing a version or revision that would take effect before one already scheduled which
   * does not contain it: the scheduled one would silently undo it when it takes effect.
   */
  | 'CONFLICTS_WITH_SCHEDULED'
  /** An invitation code that was already used to enrol. */
  | 'INVITATION_REDEEMED'
  /** An invitation code past its expiry. */
  | 'INVITATION_EXPIRED'
  /** An invitation code an admin revoked. */
  | 'INVITATION_REVOKED'
  /** Demoting, disabling or revoking would leave no enabled admin with a live token. */
  | 'LAST_ADMIN';

/**
 * An expected, user-facing failure raised by a pure domain function. The API edge turns it into
 * a typed GraphQL error instead of masking it, so the message must be safe to show to clients.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, when there is one, so forms can point at it. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One thing wrong with an input; `line` (1-based) when the input is a text file. */
export interface ValidationProblem {
  field: string;
  message: string;
  /** 1-based line of a file (a CSV row, a Markdown clause). */
  line?: number;
  /** 1-based column of a CSV file; `field` is then the column's name. */
  column?: number;
}

/** How many problems the message spells out; all of them stay in `problems`. */
const PROBLEMS_IN_MESSAGE = 20;

/**
 * Every problem found in one input (a draft file, a CSV import, a feature revision), thrown at
 * once so that an editor can fix them all in one pass instead of one per attempt. Always
 * BAD_USER_INPUT; `field` is the first problem's field. The message names at most
 * PROBLEMS_IN_MESSAGE of them, because a bad 100,000-row import must not produce a message of
 * megabytes; clients that want the rest read `problems`.
 *
 * It keeps `name` "DomainError": it is one, and code that recognises domain errors by name
 * (for example across a worker boundary) must keep doing so.
 */
export class DomainValidationError extends DomainError {
  readonly problems: readonly ValidationProblem[];

  constructor(problems: readonly ValidationProblem[], what = 'The input') {
    super('BAD_USER_INPUT', describeProblems(problems, what), problems[0]?.field);
    this.problems = problems;
  }
}

/** Throws a DomainValidationError when there is anything in `problems`. */
export function throwIfProblems(problems: readonly ValidationProblem[], what?: string): void {
  if (problems.length > 0) throw new DomainValidationError(problems, what);
}

/** Where a problem is, as much as is known: "line 7, column 9 (participantsLeft)", "line 3, body", "title". */
export function problemPlace(p: ValidationProblem): string {
  if (p.line === undefined) return p.field;
  return p.column === undefined ? `line ${p.line}, ${p.field}` : `line ${p.line}, column ${p.column} (${p.field})`;
}

function describeProblems(problems: readonly ValidationProblem[], what: string): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const listed = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `${problemPlace(p)}: ${p.message}`);
  const rest = problems.length > PROBLEMS_IN_MESSAGE ? [`… and ${problems.length - PROBLEMS_IN_MESSAGE} more`] : [];
  return `${what} has ${count}: ${[...listed, ...rest].join('; ')}`;
}
