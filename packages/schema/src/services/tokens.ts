import type { PrismaClient } from '../db/client.js';
import { credentialPrefix, hashCredential, issueCredential } from '../domain/credentials.js';
import { DomainError } from '../domain/errors.js';
import { TOKEN_USE_RESOLUTION_MS, tokenUseDue } from '../domain/people.js';

/** Who is calling, resolved from a bearer token. Null for the public. */
export interface Viewer {
  editorId: string;
  email: string;
  name: string;
  role: 'EDITOR' | 'PUBLISHER' | 'ADMIN';
  tokenId: string;
  tokenPrefix: string;
  /** The token's `lastUsedAt` as read when it was authenticated (recordTokenUse decides from it). */
  tokenLastUsedAt: Date | null;
}

export interface IssuedToken {
  /** The secret, shown once; only its hash is stored. */
  token: string;
  prefix: string;
  hash: string;
}

export const hashToken = hashCredential;

/** A new token, `cnd_<prefix>_<secret>` (domain/credentials.ts). */
export function issueToken(): IssuedToken {
  const { secret, prefix, hash } = issueCredential('token');
  return { token: secret, prefix, hash };
}

/** The token in an `Authorization: Bearer …` header, or null when there is none. */
export function bearerToken(header: string | null): string | null {
  if (header === null || header.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  if (match?.[1] === undefined)
    throw new DomainError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 'authorization');
  return match[1];
}

/**
 * Resolves a token to its editor. Unknown, malformed, revoked or expired tokens and disabled
 * editors are all refused with the same code; the message says which, never the token.
 */
export async function authenticate(prisma: PrismaClient, token: string, now: Date): Promise<Viewer> {
  if (credentialPrefix('token', token) === null)
    throw new DomainError('UNAUTHENTICATED', 'Malformed API token', 'authorization');
  const row = await prisma.apiToken.findUnique({ where: { hash: hashToken(token) }, include: { editor: true } });
  if (row === null) throw new DomainError('UNAUTHENTICATED', 'Unknown API token', 'authorization');
  // First, since disabling also revokes: "disabled" is the more useful answer.
  if (row.editor.disabledAt !== null)
    throw new DomainError('UNAUTHENTICATED', 'This editor is disabled', 'authorization');
  if (row.revokedAt !== null)
    throw new DomainError('UNAUTHENTICATED', `API token ${row.prefix} was revoked`, 'authorization');
  if (row.expiresAt !== null && row.expiresAt <= now) {
    throw new DomainError('UNAUTHENTICATED', `API token ${row.prefix} expired`, 'authorization');
  }
  return {
    editorId: row.editor.id,
    email: row.editor.email,
    name: row.editor.name,
    role: row.editor.role,
    tokenId: row.id,
    tokenPrefix: row.prefix,
    tokenLastUsedAt: row.lastUsedAt,
  };
}

/**
 * Moves the viewer's token's `lastUsedAt` to `now`, at most once per TOKEN_USE_RESOLUTION_MS;
 * null when it is not due. The write is conditional, so concurrent requests (or instances) that
 * all saw an old value write it once; callers run it after the request's own work, unawaited,
 * and log a failure: a token's last use is worth knowing but never worth failing a request for.
 */
export function recordTokenUse(prisma: PrismaClient, viewer: Viewer, now: Date): Promise<void> | null {
  if (!tokenUseDue(viewer.tokenLastUsedAt, now)) return null;
  const stale = new Date(now.getTime() - TOKEN_USE_RESOLUTION_MS);
  return prisma.apiToken
    .updateMany({
      where: { id: viewer.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now },
    })
    .then(() => undefined);
}

/**
 * Re-reads the caller's token and editor inside a mutation's transaction. The admit stage
 * authenticated the request a moment earlier; this closes the gap in which an admin disables the
 * editor, revokes the token or changes the role while the request is on its way (a disabled
 * editor must never approve). Refused as UNAUTHENTICATED, or FORBIDDEN for a changed role.
 */
export async function assertViewerStillActive(
  db: Pick<PrismaClient, 'apiToken'>,
  viewer: Viewer,
  now: Date,
): Promise<void> {
  const row = await db.apiToken.findUnique({
    where: { id: viewer.tokenId },
    select: { revokedAt: true, expiresAt: true, editor: { select: { disabledAt: true, role: true } } },
  });
  if (row === null || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) {
    throw new DomainError('UNAUTHENTICATED', `API token ${viewer.tokenPrefix} is no longer valid`, 'authorization');
  }
  if (row.editor.disabledAt !== null)
    throw new DomainError('UNAUTHENTICATED', 'This editor is disabled', 'authorization');
  if (row.editor.role !== viewer.role) {
    throw new DomainError(
      'FORBIDDEN',
      `Your role changed to ${row.editor.role.toLowerCase()} while this request was on its way; send it again`,
    );
  }
}
