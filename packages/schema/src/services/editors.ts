import { DomainError } from '../domain/errors.js';
import { writeAudit } from './audit.js';
import { issueToken } from './tokens.js';

type Db = Parameters<typeof writeAudit>[0] & {
  editor: import('../db/client.js').PrismaClient['editor'];
  apiToken: import('../db/client.js').PrismaClient['apiToken'];
};

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
 * Refused once any token exists: from then on admins create tokens through the API.
 */
export async function bootstrapAdmin(db: Db, input: { email: string; name: string }, now: Date): Promise<CreatedToken> {
  const { email, name } = validateEditorInput(input);
  if ((await db.apiToken.count()) > 0) {
    throw new DomainError('CONFLICT', 'API tokens already exist; ask an admin for a token instead of bootstrapping');
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
