import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import { DomainError } from '../domain/errors.js';

/** Who is calling, resolved from a bearer token. Null for the public. */
export interface Viewer {
  editorId: string;
  email: string;
  name: string;
  role: 'EDITOR' | 'PUBLISHER' | 'ADMIN';
  tokenId: string;
  tokenPrefix: string;
}

export interface IssuedToken {
  /** The secret, shown once; only its hash is stored. */
  token: string;
  prefix: string;
  hash: string;
}

const TOKEN_PATTERN = /^cnd_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 is enough for 256-bit random secrets: there is nothing to brute-force. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * A new token: `cnd_<prefix>_<secret>`. The prefix identifies it in listings and logs without
 * revealing it; the 32-byte secret makes it unguessable.
 */
export function issueToken(): IssuedToken {
  const prefix = randomBytes(10)
    .toString('base64url')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .padEnd(10, '0')
    .slice(0, 10);
  const token = `cnd_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, hash: hashToken(token) };
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
  if (!TOKEN_PATTERN.test(token)) throw new DomainError('UNAUTHENTICATED', 'Malformed API token', 'authorization');
  const row = await prisma.apiToken.findUnique({ where: { hash: hashToken(token) }, include: { editor: true } });
  if (row === null) throw new DomainError('UNAUTHENTICATED', 'Unknown API token', 'authorization');
  if (row.revokedAt !== null)
    throw new DomainError('UNAUTHENTICATED', `API token ${row.prefix} was revoked`, 'authorization');
  if (row.expiresAt !== null && row.expiresAt <= now) {
    throw new DomainError('UNAUTHENTICATED', `API token ${row.prefix} expired`, 'authorization');
  }
  if (row.editor.disabledAt !== null)
    throw new DomainError('UNAUTHENTICATED', 'This editor is disabled', 'authorization');
  return {
    editorId: row.editor.id,
    email: row.editor.email,
    name: row.editor.name,
    role: row.editor.role,
    tokenId: row.id,
    tokenPrefix: row.prefix,
  };
}
