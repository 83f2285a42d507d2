import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  assertAdminRemains,
  assertRedeemable,
  assertRevocable,
  INVITATION_DEFAULT_DAYS,
  INVITATION_MAX_DAYS,
  invitationExpiresAt,
  invitationState,
  TOKEN_USE_RESOLUTION_MS,
  tokenUseDue,
} from './people.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

/** The DomainError that `run` throws. */
function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const pending = { prefix: 'abcdefghij', expiresAt: at(DAY), redeemedAt: null, revokedAt: null };

describe('invitationExpiresAt', () => {
  it('defaults to a week and allows whole days up to a month', () => {
    expect(INVITATION_DEFAULT_DAYS).toBe(7);
    expect(invitationExpiresAt(NOW, undefined)).toEqual(at(7 * DAY));
    expect(invitationExpiresAt(NOW, null)).toEqual(at(7 * DAY));
    expect(invitationExpiresAt(NOW, 1)).toEqual(at(DAY));
    expect(invitationExpiresAt(NOW, INVITATION_MAX_DAYS)).toEqual(at(30 * DAY));
  });

  it.each([0, -1, 31, 1.5, Number.NaN])('refuses %s days, naming the field', (days) => {
    const error = errorOf(() => invitationExpiresAt(NOW, days));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresInDays' });
    expect(error.message).toMatch(/from 1 to 30/);
  });
});

describe('invitationState', () => {
  it('is pending until its expiry, which is exclusive', () => {
    expect(invitationState(pending, NOW)).toBe('PENDING');
    expect(invitationState(pending, at(DAY - 1))).toBe('PENDING');
    expect(invitationState(pending, at(DAY))).toBe('EXPIRED');
  });

  it('keeps redeemed and revoked for good, redeemed first', () => {
    expect(invitationState({ ...pending, redeemedAt: NOW }, at(2 * DAY))).toBe('REDEEMED');
    expect(invitationState({ ...pending, revokedAt: NOW }, at(2 * DAY))).toBe('REVOKED');
    expect(invitationState({ ...pending, revokedAt: NOW, redeemedAt: NOW }, NOW)).toBe('REDEEMED');
  });
});

describe('assertRedeemable', () => {
  it('lets a pending code through', () => {
    expect(() => assertRedeemable(pending, NOW)).not.toThrow();
  });

  it('refuses a used, revoked or expired code, each with its own code and the prefix', () => {
    const used = errorOf(() => assertRedeemable({ ...pending, redeemedAt: NOW }, NOW));
    expect(used).toMatchObject({ code: 'INVITATION_REDEEMED', field: 'code' });
    expect(used.message).toMatch(/abcdefghij.*works once/);
    expect(errorOf(() => assertRedeemable({ ...pending, revokedAt: NOW }, NOW)).code).toBe('INVITATION_REVOKED');
    const expired = errorOf(() => assertRedeemable(pending, at(DAY)));
    expect(expired.code).toBe('INVITATION_EXPIRED');
    expect(expired.message).toContain(pending.expiresAt.toISOString());
  });
});

describe('assertRevocable', () => {
  it('revokes only a pending invitation', () => {
    expect(() => assertRevocable(pending, NOW)).not.toThrow();
    const redeemed = errorOf(() => assertRevocable({ ...pending, redeemedAt: NOW }, NOW));
    expect(redeemed).toMatchObject({ code: 'CONFLICT', field: 'prefix' });
    expect(redeemed.message).toMatch(/redeemed; disable the editor/);
    expect(errorOf(() => assertRevocable(pending, at(2 * DAY))).message).toMatch(/is expired/);
  });
});

describe('assertAdminRemains', () => {
  it('allows a change that leaves an admin who can act, and refuses one that leaves none', () => {
    expect(() => assertAdminRemains(1, 'x')).not.toThrow();
    const error = errorOf(() => assertAdminRemains(0, 'disabling root@example.com'));
    expect(error.code).toBe('LAST_ADMIN');
    expect(error.message).toMatch(/disabling root@example.com would leave no enabled admin with a live token/);
    expect(error.message).toMatch(/admin recover/);
  });
});

describe('tokenUseDue', () => {
  it('writes the first use, then at most once per resolution, never backwards', () => {
    expect(TOKEN_USE_RESOLUTION_MS).toBe(60_000);
    expect(tokenUseDue(null, NOW)).toBe(true);
    expect(tokenUseDue(NOW, at(59_999))).toBe(false);
    expect(tokenUseDue(NOW, at(60_000))).toBe(true);
    expect(tokenUseDue(NOW, at(-DAY))).toBe(false);
  });
});
