/**
 * Rules about the people who act through the API: how long an invitation lasts and what state it
 * is in, which admin changes would leave nobody able to administer, and how often a token's
 * `lastUsedAt` is written. Pure: the services pass in what they read.
 */
import { DomainError } from './errors.js';

const DAY_MS = 86_400_000;

/** An invitation lasts a week unless the admin says otherwise… */
export const INVITATION_DEFAULT_DAYS = 7;
/** …and never more than a month: an unredeemed code is a credential lying around. */
export const INVITATION_MAX_DAYS = 30;

export const INVITATION_STATES = ['PENDING', 'REDEEMED', 'REVOKED', 'EXPIRED'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export interface InvitationDates {
  expiresAt: Date;
  redeemedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * When an invitation created at `now` expires, `days` whole days later (default
 * INVITATION_DEFAULT_DAYS).
 *
 * @throws DomainError BAD_USER_INPUT (field `expiresInDays`) unless 1 ≤ days ≤ INVITATION_MAX_DAYS.
 */
export function invitationExpiresAt(now: Date, days: number | null | undefined): Date {
  const chosen = days ?? INVITATION_DEFAULT_DAYS;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > INVITATION_MAX_DAYS) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `expiresInDays must be a whole number of days from 1 to ${INVITATION_MAX_DAYS}; got ${chosen}`,
      'expiresInDays',
    );
  }
  return new Date(now.getTime() + chosen * DAY_MS);
}

/** Redeemed and revoked are final; otherwise the clock decides. */
export function invitationState(invitation: InvitationDates, now: Date): InvitationState {
  if (invitation.redeemedAt !== null) return 'REDEEMED';
  if (invitation.revokedAt !== null) return 'REVOKED';
  return invitation.expiresAt <= now ? 'EXPIRED' : 'PENDING';
}

/**
 * Refuses a code that can no longer be redeemed, each case with its own code so the invitee
 * knows whether to ask for a new invitation or to use the token they already have.
 */
export function assertRedeemable(invitation: InvitationDates & { prefix: string }, now: Date): void {
  switch (invitationState(invitation, now)) {
    case 'REDEEMED':
      throw new DomainError(
        'INVITATION_REDEEMED',
        `Invitation ${invitation.prefix} was already redeemed; a code works once. Use the token it gave, or ask an admin for a new invitation.`,
        'code',
      );
    case 'REVOKED':
      throw new DomainError(
        'INVITATION_REVOKED',
        `Invitation ${invitation.prefix} was revoked; ask an admin for a new one.`,
        'code',
      );
    case 'EXPIRED':
      throw new DomainError(
        'INVITATION_EXPIRED',
        `Invitation ${invitation.prefix} expired at ${invitation.expiresAt.toISOString()}; ask an admin for a new one.`,
        'code',
      );
    case 'PENDING':
      return;
  }
}

/** Only a pending invitation can be revoked: a redeemed one made an editor (disable them instead). */
export function assertRevocable(invitation: InvitationDates & { prefix: string }, now: Date): void {
  const state = invitationState(invitation, now);
  if (state === 'PENDING') return;
  const hint = state === 'REDEEMED' ? '; disable the editor it enrolled instead' : '';
  throw new DomainError('CONFLICT', `Invitation ${invitation.prefix} is ${state.toLowerCase()}${hint}`, 'prefix');
}

/**
 * Refuses a change that would leave no admin able to act: `remaining` counts the enabled admins
 * who would still hold a live token afterwards. An admin without a token cannot act (tokens are
 * made only by their owner), so counting them would allow locking everyone out.
 */
export function assertAdminRemains(remaining: number, change: string): void {
  if (remaining > 0) return;
  throw new DomainError(
    'LAST_ADMIN',
    `Refused: ${change} would leave no enabled admin with a live token. Enrol another admin first (invite create --role admin); if every admin is already locked out, use "candor admin recover" with database access.`,
  );
}

/** `lastUsedAt` is kept to the minute: writing it on every request would cost a write per read. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/** Whether a token used at `now` should have its `lastUsedAt` moved (never backwards). */
export function tokenUseDue(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= TOKEN_USE_RESOLUTION_MS;
}
