import type { PrismaClient } from '../db/client.js';
import { DomainError } from '../domain/errors.js';
import { assertAdminRemains } from '../domain/people.js';
import { writeAudit } from './audit.js';
import { issueToken } from './tokens.js';

/** What these services write to: the client or a transaction of it. */
export type PeopleDb = Pick<PrismaClient, 'editor' | 'apiToken' | 'invitation' | 'auditEvent'>;
type Db = Pick<PrismaClient, 'editor' | 'apiToken' | 'auditEvent'>;

export const EDITOR_ROLES = ['EDITOR', 'PUBLISHER', 'ADMIN'] as const;
export type EditorRole = (typeof EDITOR_ROLES)[number];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEditorInput(input: { email: string; name: string }): { email: string; name: string } {
  const email = input.email.trim().toLowerCase();
  const name = input.name.trim();
  if (!EMAIL.test(email) || email.length > 254)
    throw new DomainError('BAD_USER_INPUT', 'email is not a valid address', 'email');
  if (name === '' || name.length > 200)
    throw new DomainError('BAD_USER_INPUT', 'name must be 1–200 characters', 'name');
  return { email, name };
}

export interface CreatedToken {
  token: string;
  tokenId: string;
  prefix: string;
  editorId: string;
}

/** Creates a token row; the secret is returned once and never stored. */
export async function createTokenFor(
  db: Db,
  input: { editorId: string; name: string; expiresAt: Date | null },
  now: Date,
): Promise<CreatedToken> {
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    throw new DomainError('BAD_USER_INPUT', 'token name must be 1–100 characters', 'name');
  if (input.expiresAt !== null && input.expiresAt <= now) {
    throw new DomainError('BAD_USER_INPUT', 'expiresAt must be in the future', 'expiresAt');
  }
  const issued = issueToken();
  const row = await db.apiToken.create({
    data: {
      editorId: input.editorId,
      name,
      prefix: issued.prefix,
      hash: issued.hash,
      expiresAt: input.expiresAt,
      createdAt: now,
    },
  });
  return { token: issued.token, tokenId: row.id, prefix: row.prefix, editorId: input.editorId };
}

/**
 * The first admin token, for a database that has none yet (`pnpm candor admin bootstrap`).
 * Refused once any token exists: from then on people enrol through invitations, and a lost
 * last admin is recovered with recoverAdmin.
 */
export async function bootstrapAdmin(db: Db, input: { email: string; name: string }, now: Date): Promise<CreatedToken> {
  const { email, name } = validateEditorInput(input);
  if ((await db.apiToken.count()) > 0) {
    throw new DomainError(
      'CONFLICT',
      'API tokens already exist; ask an admin for an invitation instead of bootstrapping (or, if every admin is locked out, use "admin recover")',
    );
  }
  const existing = await db.editor.findUnique({ where: { email } });
  if (existing !== null && existing.role !== 'ADMIN') {
    throw new DomainError(
      'CONFLICT',
      `${email} exists with role ${existing.role.toLowerCase()}; use another email`,
      'email',
    );
  }
  const editor = existing ?? (await db.editor.create({ data: { email, name, role: 'ADMIN', createdAt: now } }));
  const created = await createTokenFor(db, { editorId: editor.id, name: 'bootstrap', expiresAt: null }, now);
  await writeAudit(
    db,
    null,
    {
      action: 'bootstrapAdmin',
      subjectType: 'ApiToken',
      subjectId: created.tokenId,
      afterId: created.tokenId,
      outcome: 'OK',
      detail: `admin ${email}, token ${created.prefix}`,
    },
    now,
  );
  return created;
}

/** A token that still works at `now`: not revoked, not expired. */
export const liveTokenWhere = (now: Date) => ({
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

/**
 * Enabled admins holding a live token: the admins who can act. `without` takes away the editor
 * or the token a change is about to disable, demote or revoke.
 */
export function countActingAdmins(
  db: Pick<PrismaClient, 'editor'>,
  now: Date,
  without: { editorId?: string; tokenId?: string } = {},
): Promise<number> {
  return db.editor.count({
    where: {
      role: 'ADMIN',
      disabledAt: null,
      ...(without.editorId === undefined ? {} : { id: { not: without.editorId } }),
      tokens: {
        some: { ...liveTokenWhere(now), ...(without.tokenId === undefined ? {} : { id: { not: without.tokenId } }) },
      },
    },
  });
}

/** The editor with `email` (normalised as stored). @throws DomainError NOT_FOUND. */
export async function editorByEmail(db: Pick<PrismaClient, 'editor'>, email: string) {
  const normalised = email.trim().toLowerCase();
  const editor = await db.editor.findUnique({ where: { email: normalised } });
  if (editor === null) throw new DomainError('NOT_FOUND', `No editor with email ${normalised}`, 'email');
  return editor;
}

/** Revokes the invitations `editorId` sent that are still pending: they invited as an admin. */
async function revokePendingInvitationsFrom(db: PeopleDb, editorId: string, now: Date): Promise<number> {
  const { count } = await db.invitation.updateMany({
    where: { invitedById: editorId, redeemedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return count;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export interface EditorChange {
  editor: Awaited<ReturnType<typeof editorByEmail>>;
  /** For the audit event: what changed, never a secret. */
  detail: string;
}

/**
 * Changes an editor's role. Taking the admin role away from the last admin who can act is refused
 * (LAST_ADMIN); an admin who is demoted loses their pending invitations.
 */
export async function setEditorRole(
  db: PeopleDb,
  input: { email: string; role: EditorRole },
  now: Date,
): Promise<EditorChange> {
  const editor = await editorByEmail(db, input.email);
  if (editor.role === input.role) {
    throw new DomainError('CONFLICT', `${editor.email} is already ${input.role.toLowerCase()}`, 'role');
  }
  let revoked = 0;
  if (editor.role === 'ADMIN') {
    assertAdminRemains(
      await countActingAdmins(db, now, { editorId: editor.id }),
      `demoting ${editor.email} to ${input.role.toLowerCase()}`,
    );
    revoked = await revokePendingInvitationsFrom(db, editor.id, now);
  }
  const updated = await db.editor.update({ where: { id: editor.id }, data: { role: input.role } });
  const invitations = revoked === 0 ? '' : `; ${plural(revoked, 'pending invitation')} revoked`;
  return {
    editor: updated,
    detail: `${editor.email}: ${editor.role.toLowerCase()} → ${input.role.toLowerCase()}${invitations}`,
  };
}

/**
 * Disables an editor: their live tokens are revoked at once (so they also read as revoked in
 * listings) and the pending invitations they sent are revoked; everything they wrote, approved or
 * published stays theirs. Disabling the last admin who can act is refused (LAST_ADMIN).
 */
export async function disableEditor(db: PeopleDb, input: { email: string }, now: Date): Promise<EditorChange> {
  const editor = await editorByEmail(db, input.email);
  if (editor.disabledAt !== null) {
    throw new DomainError('CONFLICT', `${editor.email} was already disabled at ${editor.disabledAt.toISOString()}`);
  }
  if (editor.role === 'ADMIN') {
    assertAdminRemains(await countActingAdmins(db, now, { editorId: editor.id }), `disabling ${editor.email}`);
  }
  const tokens = await db.apiToken.updateMany({
    where: { editorId: editor.id, ...liveTokenWhere(now) },
    data: { revokedAt: now },
  });
  const invitations = await revokePendingInvitationsFrom(db, editor.id, now);
  const updated = await db.editor.update({ where: { id: editor.id }, data: { disabledAt: now } });
  return {
    editor: updated,
    detail: `${editor.email} disabled; ${plural(tokens.count, 'token')} and ${plural(invitations, 'pending invitation')} revoked`,
  };
}

export interface RecoveredAdmin extends CreatedToken {
  email: string;
  /** What happened to the editor: created, re-enabled, promoted, or given a new token. */
  outcome: 'created' | 're-enabled' | 'promoted' | 'reissued';
  /** Live tokens of theirs revoked (lost or possibly leaked). */
  revokedTokens: number;
}

/**
 * Recovery of a lost last admin (`pnpm candor admin recover`), for someone with access to the
 * database itself: creates, re-enables or promotes the admin with `email`, revokes that editor's
 * live tokens (lost, or in the wrong hands) and issues a new one, with an audit event. Refused
 * (CONFLICT, naming them) while an enabled admin with a live token exists, since they can act
 * through the API; `force` overrides that, for an admin whose token is compromised.
 */
export async function recoverAdmin(
  db: Db,
  input: { email: string; name?: string | undefined; force: boolean },
  now: Date,
): Promise<RecoveredAdmin> {
  const email = input.email.trim().toLowerCase();
  const existing = await db.editor.findUnique({ where: { email } });
  if (existing === null && (input.name === undefined || input.name.trim() === '')) {
    throw new DomainError('BAD_USER_INPUT', `No editor with email ${email}: give --name to create one`, 'name');
  }
  const valid = validateEditorInput({ email, name: input.name ?? existing?.name ?? '' });
  const acting = await db.editor.findMany({
    where: { role: 'ADMIN', disabledAt: null, tokens: { some: liveTokenWhere(now) } },
    select: { email: true },
    orderBy: { email: 'asc' },
    take: 3,
  });
  if (acting.length > 0 && !input.force) {
    throw new DomainError(
      'CONFLICT',
      `An admin can still act (${acting.map((a) => a.email).join(', ')} holds a live token): ask them to invite you, or pass --force if that token is lost or compromised`,
    );
  }
  let outcome: RecoveredAdmin['outcome'];
  let editorId: string;
  let revokedTokens = 0;
  if (existing === null) {
    editorId = (await db.editor.create({ data: { ...valid, role: 'ADMIN', createdAt: now } })).id;
    outcome = 'created';
  } else {
    outcome = existing.disabledAt !== null ? 're-enabled' : existing.role !== 'ADMIN' ? 'promoted' : 'reissued';
    await db.editor.update({
      where: { id: existing.id },
      data: { role: 'ADMIN', disabledAt: null, ...(input.name === undefined ? {} : { name: valid.name }) },
    });
    revokedTokens = (
      await db.apiToken.updateMany({
        where: { editorId: existing.id, ...liveTokenWhere(now) },
        data: { revokedAt: now },
      })
    ).count;
    editorId = existing.id;
  }
  const created = await createTokenFor(db, { editorId, name: 'recovery', expiresAt: null }, now);
  const was = existing !== null && existing.role !== 'ADMIN' ? ` (was ${existing.role.toLowerCase()})` : '';
  const forced = acting.length > 0 ? `; forced while ${acting.map((a) => a.email).join(', ')} could act` : '';
  await writeAudit(
    db,
    null,
    {
      action: 'recoverAdmin',
      subjectType: 'Editor',
      subjectId: editorId,
      afterId: created.tokenId,
      outcome: 'OK',
      detail: `admin ${email} ${outcome}${was} from the database; token ${created.prefix}; ${plural(revokedTokens, 'old token')} revoked${forced}`,
    },
    now,
  );
  return { ...created, email, outcome, revokedTokens };
}
