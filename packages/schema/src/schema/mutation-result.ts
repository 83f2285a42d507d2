/**
 * Shared shape and runner for every mutation: expected refusals come back as data
 * (`error { code message field problems }`), every attempt is audited, and all writes of one
 * mutation happen in one transaction together with its audit event.
 */
import { classifyDatabaseError } from '../db/error-kinds.js';
import { withRetries } from '../db/retry.js';
import { DomainError } from '../domain/errors.js';
import { type AuditEntry, writeAudit } from '../services/audit.js';
import { assertViewerStillActive, type Viewer } from '../services/tokens.js';
import { builder, type Context } from './builder.js';
import { listEstimate } from './cost.js';

export interface Problem {
  field: string;
  message: string;
  line?: number | null;
  column?: number | null;
}

export interface MutationErrorShape {
  code: string;
  message: string;
  field: string | null;
  problems: Problem[];
}

const ProblemRef = builder.objectRef<Problem>('Problem').implement({
  description: 'One invalid input, e.g. a CSV row or a Markdown clause.',
  fields: (t) => ({
    field: t.exposeString('field'),
    message: t.exposeString('message'),
    line: t.int({
      nullable: true,
      description: '1-based line of the file, when it is one.',
      resolve: (problem) => problem.line ?? null,
    }),
    column: t.int({
      nullable: true,
      description: '1-based column of a CSV file; field is then the column’s name.',
      resolve: (problem) => problem.column ?? null,
    }),
  }),
});

export const MutationErrorRef = builder.objectRef<MutationErrorShape>('MutationError').implement({
  description: 'Why a mutation was refused. Nothing was written (except the audit event of the refusal).',
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'Stable: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT, INVALID_STATE, TWO_PERSON_RULE, NOTICE_PERIOD, EFFECTIVE_DATE_IN_PAST, EXPLANATIONS_MISSING, NO_CHANGE, ALREADY_IN_EFFECT, CONFLICTS_WITH_SCHEDULED, INVITATION_REDEEMED, INVITATION_EXPIRED, INVITATION_REVOKED, LAST_ADMIN.',
    }),
    message: t.exposeString('message'),
    field: t.exposeString('field', { nullable: true, description: 'The input at fault, when there is one.' }),
    problems: t.field({ type: [ProblemRef], extensions: listEstimate(10), resolve: (error) => error.problems }),
  }),
});

export type Tx = Parameters<Parameters<Context['prisma']['$transaction']>[0]>[0];

export interface MutationOutcome<T> {
  value: T | null;
  error: MutationErrorShape | null;
}

interface Work<T> {
  result: T;
  audit?: Partial<AuditEntry>;
  /** Who the audit event names when not the caller: the new editor of an enrolment. */
  actor?: Viewer;
}

const isUniqueViolation = (error: unknown) => classifyDatabaseError(error) === 'unique-violation';

export function toMutationError(error: DomainError): MutationErrorShape {
  const problems = 'problems' in error && Array.isArray(error.problems) ? (error.problems as Problem[]) : [];
  return { code: error.code, message: error.message, field: error.field ?? null, problems };
}

/**
 * Runs `work` in one transaction with its audit event. A DomainError (or a unique-constraint
 * race, reported as CONFLICT) rolls everything back and is returned as data, with a REFUSED
 * audit event written on its own; anything else is audited as ERROR and rethrown (masked).
 * A transaction that lost a race the database reports as retryable (serialization failure,
 * deadlock, SQLite busy) is run again from the start, at most three times in all (db/retry.ts).
 */
export async function runMutation<T>(
  ctx: Context,
  spec: { action: string; subjectType: string; subjectId?: string | null },
  work: (tx: Tx) => Promise<Work<T>>,
): Promise<MutationOutcome<T>> {
  try {
    const value = await withRetries(() =>
      ctx.prisma.$transaction(
        async (tx) => {
          if (ctx.viewer !== null) await assertViewerStillActive(tx, ctx.viewer, ctx.now);
          const { result, audit, actor } = await work(tx);
          await writeAudit(tx, actor ?? ctx.viewer, { ...spec, ...audit, outcome: 'OK' }, ctx.now);
          return result;
        },
        { maxWait: 10_000, timeout: 30_000 },
      ),
    );
    // Later fields of this request (the payload's public view, a second mutation) see the write.
    ctx.loaders.afterWrite();
    return { value, error: null };
  } catch (error) {
    const refusal =
      error instanceof DomainError
        ? toMutationError(error)
        : isUniqueViolation(error)
          ? {
              code: 'CONFLICT',
              message: 'Someone else changed this at the same time; reload and retry',
              field: null,
              problems: [],
            }
          : null;
    if (refusal === null) {
      await writeAudit(ctx.prisma, ctx.viewer, { ...spec, outcome: 'ERROR', errorCode: 'INTERNAL' }, ctx.now).catch(
        () => {},
      );
      throw error;
    }
    await writeAudit(
      ctx.prisma,
      ctx.viewer,
      { ...spec, outcome: 'REFUSED', errorCode: refusal.code, detail: refusal.message },
      ctx.now,
    );
    return { value: null, error: refusal };
  }
}

/**
 * Scope auth's hook for a refused mutation field: audit the attempt and answer with a typed
 * error instead of throwing, like every other refusal.
 */
export function refusedByRole(action: string, subjectType: string) {
  return async (_parent: unknown, _args: unknown, ctx: Context): Promise<{ error: MutationErrorShape }> => {
    const code = ctx.viewer === null ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    const message =
      ctx.viewer === null
        ? 'This needs an API token (Authorization: Bearer …)'
        : `Your role (${ctx.viewer.role.toLowerCase()}) may not ${action}`;
    await writeAudit(
      ctx.prisma,
      ctx.viewer,
      { action, subjectType, outcome: 'REFUSED', errorCode: code, detail: message },
      ctx.now,
    );
    return { error: { code, message, field: null, problems: [] } };
  };
}
