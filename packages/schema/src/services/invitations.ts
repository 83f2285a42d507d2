/**
 * Enrolment: an admin invites a person (email, name, role) and gets a one-time code; the person
 * redeems it for their own editor record and first token. This is the only way a token comes into
 * being for someone other than its caller (apart from the database-direct bootstrap and
 * recovery), and the code is the invitee's: an admin never holds another person's token.
 */
import { credentialPrefix, hashCredential, issueCredential, normalisePrefix } from '../domain/credentials.js';
import { DomainError } from '../domain/errors.js';
import { assertRedeemable, assertRevocable, invitationExpiresAt } from '../domain/people.js';
import { type CreatedToken, createTokenFor, type EditorRole, type PeopleDb, validateEditorInput } from './editors.js';
import type { Viewer } from './tokens.js';

type InvitationRow = Awaited<ReturnType<PeopleDb['invitation']['create']>>;

export interface CreatedInvitation {
  /** The one-time code, `cni_<prefix>_<secret>`: shown once; only its hash is stored. */
  code: string;
  invitation: InvitationRow;
}

/**
 * A new invitation from `inviter` (an admin; the resolver checks the role). Refused for an email
 * that already belongs to an editor — an invitation never gives access to an existing editor,
 * or an admin could take over a publisher's identity — and while another invitation for it is
 * pending (revoke that one first).
 */
export async function createInvitation(
  db: PeopleDb,
  inviter: Pick<Viewer, 'editorId'>,
  input: { email: string; name: string; role: EditorRole; expiresInDays?: number | null | undefined },
  now: Date,
): Promise<CreatedInvitation> {
  const { email, name } = validateEditorInput(input);
  const expiresAt = invitationExpiresAt(now, input.expiresInDays);
  const existing = await db.editor.findUnique({ where: { email } });
  if (existing !== null) {
    const state = existing.disabledAt === null ? existing.role.toLowerCase() : 'disabled';
    throw new DomainError(
      'CONFLICT',
      `${email} is already an editor (${state}); invitations are for new people only. An editor makes further tokens with "token create".`,
      'email',
    );
  }
  const pending = await db.invitation.findFirst({
    where: { email, redeemedAt: null, revokedAt: null, expiresAt: { gt: now } },
  });
  if (pending !== null) {
    throw new DomainError(
      'CONFLICT',
      `Invitation ${pending.prefix} for ${email} is pending until ${pending.expiresAt.toISOString()}; revoke it first to issue a new code`,
      'email',
    );
  }
  const issued = issueCredential('invitation');
  const invitation = await db.invitation.create({
    data: {
      prefix: issued.prefix,
      hash: issued.hash,
      email,
      name,
      role: input.role,
      invitedById: inviter.editorId,
      createdAt: now,
      expiresAt,
    },
  });
  return { code: issued.secret, invitation };
}

/** Revokes a pending invitation by its prefix (`cni_` and the rest of a code are accepted). */
export async function revokeInvitation(db: PeopleDb, prefix: string, now: Date): Promise<InvitationRow> {
  const wanted = normalisePrefix(prefix);
  const invitation = await db.invitation.findUnique({ where: { prefix: wanted } });
  if (invitation === null) throw new DomainError('NOT_FOUND', `No invitation with prefix ${wanted}`, 'prefix');
  assertRevocable(invitation, now);
  return db.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
}

export interface Enrolment {
  editor: { id: string; email: string; name: string; role: EditorRole };
  token: CreatedToken;
  invitation: InvitationRow;
  /** Who invited them, for the audit event. */
  invitedBy: string;
}

/**
 * Redeems an invitation code: creates the invitee's editor and their first token, and marks the
 * invitation redeemed by them. A code that is malformed (BAD_USER_INPUT), unknown (NOT_FOUND),
 * already redeemed, revoked or expired (INVITATION_*) is refused with nothing written.
 */
export async function redeemInvitation(
  db: PeopleDb,
  input: { code: string; tokenName?: string | null | undefined },
  now: Date,
): Promise<Enrolment> {
  const code = input.code.trim();
  if (credentialPrefix('invitation', code) === null) {
    const hint = code.startsWith('cnd_') ? ' (this looks like an API token, not an invitation code)' : '';
    throw new DomainError('BAD_USER_INPUT', `Malformed invitation code: expected cni_<prefix>_<secret>${hint}`, 'code');
  }
  const invitation = await db.invitation.findUnique({
    where: { hash: hashCredential(code) },
    include: { invitedBy: { select: { email: true } } },
  });
  if (invitation === null) throw new DomainError('NOT_FOUND', 'No invitation matches this code', 'code');
  assertRedeemable(invitation, now);
  if ((await db.editor.count({ where: { email: invitation.email } })) > 0) {
    throw new DomainError('CONFLICT', `${invitation.email} is already an editor`, 'code');
  }
  const editor = await db.editor.create({
    data: { email: invitation.email, name: invitation.name, role: invitation.role, createdAt: now },
  });
  const token = await createTokenFor(
    db,
    { editorId: editor.id, name: input.tokenName ?? 'enrolment', expiresAt: null },
    now,
  );
  // Conditional, so that two redemptions racing each other cannot both succeed.
  const marked = await db.invitation.updateMany({
    where: { id: invitation.id, redeemedAt: null, revokedAt: null },
    data: { redeemedAt: now, editorId: editor.id },
  });
  if (marked.count !== 1) {
    throw new DomainError(
      'INVITATION_REDEEMED',
      `Invitation ${invitation.prefix} was redeemed at the same time`,
      'code',
    );
  }
  const { invitedBy, ...row } = invitation;
  return {
    editor: { id: editor.id, email: editor.email, name: editor.name, role: editor.role },
    token,
    invitation: { ...row, redeemedAt: now, editorId: editor.id },
    invitedBy: invitedBy.email,
  };
}
