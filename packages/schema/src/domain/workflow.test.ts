import { describe, expect, it } from 'vitest';
import { DomainError, type DomainErrorCode } from './errors.js';
import {
  assertCanTransition,
  assertDeletable,
  assertExplanationsComplete,
  assertMayComment,
  assertMayReview,
  assertTwoPersonRule,
  assertWithdrawable,
  checkEffectiveDate,
  EFFECTIVE_DATE_GRACE_MS,
  earliestEffectiveAt,
  OPEN_STATUSES,
  VERSION_STATUSES,
  type VersionStatus,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
} from './workflow.js';

/** The DomainError that `run` throws. */
function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

const expectCode = (run: () => unknown, code: DomainErrorCode, field?: string): DomainError => {
  const error = errorOf(run);
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  return error;
};

const now = new Date('2024-05-01T12:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('assertCanTransition', () => {
  const allowed: Record<WorkflowAction, [readonly VersionStatus[], VersionStatus]> = {
    edit: [['DRAFT'], 'DRAFT'],
    submit: [['DRAFT'], 'IN_REVIEW'],
    approve: [['IN_REVIEW'], 'APPROVED'],
    publish: [['APPROVED'], 'PUBLISHED'],
    withdraw: [['PUBLISHED'], 'PUBLISHED'],
    requestChanges: [['IN_REVIEW', 'APPROVED'], 'DRAFT'],
    reject: [['IN_REVIEW', 'APPROVED'], 'REJECTED'],
  };

  it('allows each action from its statuses only and returns the next status', () => {
    for (const action of WORKFLOW_ACTIONS) {
      for (const status of VERSION_STATUSES) {
        const [from, to] = allowed[action];
        if (from.includes(status)) expect(assertCanTransition(status, action)).toBe(to);
        else {
          const error = expectCode(() => assertCanTransition(status, action), 'INVALID_STATE');
          expect(error.message).toContain(status);
          expect(error.message).toContain(action);
        }
      }
    }
  });

  it('says what is wrong in words', () => {
    expect(errorOf(() => assertCanTransition('PUBLISHED', 'edit')).message).toBe(
      'Cannot edit a version that is PUBLISHED: edit is only allowed from DRAFT.',
    );
    expect(errorOf(() => assertCanTransition('DRAFT', 'requestChanges', 'revision')).message).toBe(
      'Cannot request changes on a revision that is DRAFT: requestChanges is only allowed from IN_REVIEW or APPROVED.',
    );
  });

  it('closes a rejected version for good, and says its label is free', () => {
    for (const action of WORKFLOW_ACTIONS) {
      const error = expectCode(() => assertCanTransition('REJECTED', action), 'INVALID_STATE');
      expect(error.message).toContain('closed for good');
    }
    expect(errorOf(() => assertCanTransition('REJECTED', 'submit')).message).toContain('its label is free again');
  });

  it('refuses unknown actions and statuses from untyped callers', () => {
    expectCode(() => assertCanTransition('DRAFT', 'toString' as WorkflowAction), 'INVALID_STATE');
    expectCode(() => assertCanTransition('ARCHIVED' as VersionStatus, 'edit'), 'INVALID_STATE');
  });
});

describe('assertMayReview', () => {
  const publisher = { editorId: 'bob', role: 'PUBLISHER' } as const;

  it('lets a publisher or an admin who is not the author review, and anyone review an authorless version', () => {
    expect(() => assertMayReview(publisher, 'alice')).not.toThrow();
    expect(() => assertMayReview({ editorId: 'carol', role: 'ADMIN' }, 'alice')).not.toThrow();
    expect(() => assertMayReview(publisher, null)).not.toThrow();
  });

  it('refuses the author (two-person rule, admins too), an editor and nobody', () => {
    expectCode(() => assertMayReview(publisher, 'bob'), 'TWO_PERSON_RULE');
    expectCode(() => assertMayReview({ editorId: 'carol', role: 'ADMIN' }, 'carol', 'revision'), 'TWO_PERSON_RULE');
    expectCode(() => assertMayReview({ editorId: 'dave', role: 'EDITOR' }, 'alice'), 'FORBIDDEN');
    expectCode(() => assertMayReview(null, 'alice'), 'UNAUTHENTICATED');
  });
});

describe('assertMayComment', () => {
  it('takes comments while a version is open, not once it is published or rejected', () => {
    for (const status of OPEN_STATUSES) expect(() => assertMayComment(status)).not.toThrow();
    expectCode(() => assertMayComment('PUBLISHED'), 'INVALID_STATE');
    expectCode(() => assertMayComment('REJECTED', 'revision'), 'INVALID_STATE');
  });
});

describe('assertDeletable', () => {
  const author = { editorId: 'alice', role: 'EDITOR' } as const;
  const admin = { editorId: 'root', role: 'ADMIN' } as const;

  it('lets the author or an admin delete a draft', () => {
    expect(() => assertDeletable({ status: 'DRAFT', authorId: 'alice', actor: author })).not.toThrow();
    expect(() => assertDeletable({ status: 'DRAFT', authorId: 'alice', actor: admin })).not.toThrow();
    expect(() => assertDeletable({ status: 'DRAFT', authorId: null, actor: admin })).not.toThrow();
  });

  it('refuses someone else, even a publisher, and an authorless draft to anyone but an admin', () => {
    const publisher = { editorId: 'bob', role: 'PUBLISHER' } as const;
    expectCode(() => assertDeletable({ status: 'DRAFT', authorId: 'alice', actor: publisher }), 'FORBIDDEN');
    expectCode(() => assertDeletable({ status: 'DRAFT', authorId: null, actor: author }), 'FORBIDDEN');
    expectCode(() => assertDeletable({ status: 'DRAFT', authorId: 'alice', actor: null }), 'UNAUTHENTICATED');
  });

  it('never deletes anything but a draft, and says what to do instead', () => {
    for (const status of VERSION_STATUSES.filter((s) => s !== 'DRAFT')) {
      expectCode(() => assertDeletable({ status, authorId: 'alice', actor: admin }), 'INVALID_STATE');
    }
    expect(errorOf(() => assertDeletable({ status: 'IN_REVIEW', authorId: 'alice', actor: author })).message).toContain(
      'request changes',
    );
    expect(errorOf(() => assertDeletable({ status: 'PUBLISHED', authorId: 'alice', actor: admin })).message).toContain(
      'never deleted',
    );
  });
});

describe('assertTwoPersonRule', () => {
  it('lets another editor approve, and anyone approve a version without an author', () => {
    expect(() => assertTwoPersonRule('alice', 'bob')).not.toThrow();
    expect(() => assertTwoPersonRule(null, 'bob')).not.toThrow();
  });

  it('stops authors approving their own work and anonymous approval', () => {
    expectCode(() => assertTwoPersonRule('alice', 'alice'), 'TWO_PERSON_RULE');
    expectCode(() => assertTwoPersonRule('alice', ''), 'UNAUTHENTICATED');
  });
});

describe('earliestEffectiveAt', () => {
  it('is now for a non-material change and now plus the notice for a material one', () => {
    expect(earliestEffectiveAt({ material: false, noticePeriodDays: 30, now })).toEqual(now);
    expect(earliestEffectiveAt({ material: true, noticePeriodDays: 30, now })).toEqual(days(30));
    expect(earliestEffectiveAt({ material: true, noticePeriodDays: 0, now })).toEqual(now);
  });

  it('refuses a bad notice period or date', () => {
    expectCode(
      () => earliestEffectiveAt({ material: true, noticePeriodDays: -1, now }),
      'BAD_USER_INPUT',
      'noticePeriodDays',
    );
    expectCode(
      () => earliestEffectiveAt({ material: true, noticePeriodDays: 1.5, now }),
      'BAD_USER_INPUT',
      'noticePeriodDays',
    );
    expectCode(
      () => earliestEffectiveAt({ material: true, noticePeriodDays: 1, now: new Date(Number.NaN) }),
      'BAD_USER_INPUT',
      'now',
    );
  });
});

describe('checkEffectiveDate', () => {
  const check = (material: boolean, effectiveAt: Date) =>
    checkEffectiveDate({ material, noticePeriodDays: 30, now, effectiveAt });

  it('lets a non-material version take effect now, within a minute of grace, or later', () => {
    expect(() => check(false, now)).not.toThrow();
    expect(() => check(false, new Date(now.getTime() - EFFECTIVE_DATE_GRACE_MS))).not.toThrow();
    expect(() => check(false, days(1))).not.toThrow();
  });

  it('refuses a date in the past', () => {
    const error = expectCode(() => check(false, minutes(-2)), 'EFFECTIVE_DATE_IN_PAST', 'effectiveAt');
    expect(error.message).toContain(now.toISOString());
    expectCode(() => check(true, days(-40)), 'EFFECTIVE_DATE_IN_PAST', 'effectiveAt');
  });

  it('holds a material version to the notice period, naming the earliest instant', () => {
    expect(() => check(true, days(30))).not.toThrow();
    const error = expectCode(() => check(true, new Date(days(30).getTime() - 1)), 'NOTICE_PERIOD', 'effectiveAt');
    expect(error.message).toContain('2024-05-31T12:00:00.000Z');
    expectCode(() => check(true, now), 'NOTICE_PERIOD', 'effectiveAt');
  });

  it('refuses an invalid effectiveAt', () => {
    expectCode(() => check(false, new Date('soon')), 'BAD_USER_INPUT', 'effectiveAt');
  });
});

describe('assertExplanationsComplete', () => {
  const segments = ['consumer', 'business', 'education'];
  const full = (segment: string, affected = true) => ({
    segment,
    summary: `For ${segment}.`,
    whatChanges: affected ? 'Something.' : '',
    affected,
  });

  it('accepts a complete material version and any non-material one', () => {
    const explanations = [full('consumer'), full('business', false), full('education'), full('martians')];
    expect(() => assertExplanationsComplete({ material: true, segments, explanations })).not.toThrow();
    expect(() => assertExplanationsComplete({ material: false, segments, explanations: [] })).not.toThrow();
  });

  it('lists every segment without a summary or, when affected, without what changes', () => {
    const error = expectCode(
      () =>
        assertExplanationsComplete({
          material: true,
          segments,
          explanations: [
            { ...full('consumer'), whatChanges: '  ' },
            { ...full('business'), summary: '' },
          ],
        }),
      'EXPLANATIONS_MISSING',
      'explanations',
    );
    expect(error.message).toContain('consumer (affected, but no "what changes")');
    expect(error.message).toContain('business (no summary)');
    expect(error.message).toContain('education (no summary)');
  });
});

describe('assertWithdrawable', () => {
  const base = { status: 'PUBLISHED' as VersionStatus, effectiveAt: days(10), now, withdrawn: false };

  it('allows withdrawing a scheduled version', () => {
    expect(() => assertWithdrawable(base)).not.toThrow();
  });

  it('refuses a version that is not published, or already withdrawn', () => {
    expectCode(() => assertWithdrawable({ ...base, status: 'APPROVED' }), 'INVALID_STATE');
    expectCode(() => assertWithdrawable({ ...base, withdrawn: true }), 'INVALID_STATE');
  });

  it('refuses a version that has taken effect, including at this very instant', () => {
    expectCode(() => assertWithdrawable({ ...base, effectiveAt: now }), 'ALREADY_IN_EFFECT');
    expectCode(() => assertWithdrawable({ ...base, effectiveAt: days(-1) }), 'ALREADY_IN_EFFECT');
  });
});
