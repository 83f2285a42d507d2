/**
 * E-mail subscriptions of the public, as rules: what a subscriber can follow, which changes reach
 * whom, and the address checks. The storage and the endpoints use these; nothing here does I/O.
 *
 * A subscriber says which kind of account they have (the segment: every notice explains the
 * change for it) and follows everything that changes for that segment, or one document or one AI
 * feature as it applies to the segment; and chooses material changes only (the default: what a
 * notice period protects) or every change.
 */
import { createHash, randomBytes } from 'node:crypto';

export const SUBSCRIPTION_SUBJECTS = ['everything', 'document', 'feature'] as const;
export type SubscriptionSubject = (typeof SUBSCRIPTION_SUBJECTS)[number];

export const SUBSCRIPTION_MODES = ['material', 'all'] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

export interface SubscriptionScope {
  /** The subscriber's segment key. */
  segment: string;
  subject: SubscriptionSubject;
  /** The document or feature slug; unused for `everything`. */
  key?: string | undefined;
  mode: SubscriptionMode;
}

/** A published change, as far as deciding who hears of it goes. */
export interface ChangeNotice {
  material: boolean;
  /** The document the version belongs to, for versions. */
  document?: string | undefined;
  /** The AI feature the revision belongs to, for revisions. */
  feature?: string | undefined;
  /** The segments the change applies to (a document's segments, a revision's segments). */
  segments: readonly string[];
}

/** Whether a subscription hears of a change. */
export function subscriptionWants(scope: SubscriptionScope, change: ChangeNotice): boolean {
  if (scope.mode === 'material' && !change.material) return false;
  if (!change.segments.includes(scope.segment)) return false;
  switch (scope.subject) {
    case 'everything':
      return true;
    case 'document':
      return change.document === scope.key;
    case 'feature':
      return change.feature === scope.key;
  }
}

/** The longest address SMTP carries (RFC 5321: 64 + @ + 255, in practice 254). */
const MAX_ADDRESS_LENGTH = 254;
/**
 * Deliberately plain: one @, a local part without spaces, a domain with a dot. The real check is
 * the confirmation message arriving; this one only catches typing mistakes early.
 */
const ADDRESS = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;

/**
 * The address as stored: trimmed, domain in lower case (domains are case-insensitive; local parts
 * may not be, so they stay as typed). Null when it is not an address.
 */
export function normalizeAddress(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(trimmed)) return null;
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * A one-time token for a confirmation or unsubscribe link: 32 random bytes, base64url. Only its
 * SHA-256 is stored (`tokenHash`), as for API tokens, so a database leak gives no working links.
 */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** How long a confirmation link works: an unconfirmed address is deleted after this. */
export const CONFIRMATION_TTL_MS = 48 * 3_600_000;
