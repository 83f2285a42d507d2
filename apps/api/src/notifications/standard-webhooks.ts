/**
 * Webhook signatures following the Standard Webhooks convention (standardwebhooks.com): each
 * delivery carries `webhook-id` (the event's id, the same on every retry: the receiver's
 * idempotency key), `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature`
 * (space-separated `v1,<base64 HMAC-SHA256>` of `<id>.<timestamp>.<body>`, one per active secret,
 * so a partner rotating its secret accepts either during the overlap).
 *
 * Secrets are `whsec_` + base64 of 32 random bytes, as the convention's libraries generate and
 * expect them; the HMAC key is the decoded bytes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
/** The convention's default tolerance for the timestamp against the receiver's clock. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A new signing secret in the convention's format. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** The HMAC key of a secret; throws naming the problem for a malformed one. */
function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret starts with "whsec_"');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.byteLength < 24 || key.byteLength > 64) throw new Error('a webhook secret holds 24 to 64 bytes (base64)');
  return key;
}

function signature(key: Buffer, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/**
 * The headers of one delivery attempt. `secrets`: the endpoint's active secrets, newest first
 * (during a rotation, the old one too).
 */
export function signWebhook(input: {
  secrets: readonly string[];
  id: string;
  timestamp: Date;
  body: string;
}): WebhookHeaders {
  if (input.secrets.length === 0) throw new Error('a webhook needs at least one secret');
  const seconds = Math.floor(input.timestamp.getTime() / 1000);
  const signatures = input.secrets.map((secret) => `v1,${signature(secretKey(secret), input.id, seconds, input.body)}`);
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signatures.join(' '),
  };
}

export type WebhookVerification =
  | { ok: true }
  | { ok: false; reason: 'MISSING_HEADERS' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'NO_MATCHING_SIGNATURE' };

/**
 * What a receiver does (documented for partners in docs/partner-api.md): the timestamp is within
 * the tolerance of `now`, and one `v1` signature matches the secret, compared in constant time.
 */
export function verifyWebhook(input: {
  secret: string;
  headers: Partial<Record<keyof WebhookHeaders, string | null>>;
  body: string;
  now: Date;
}): WebhookVerification {
  const id = input.headers['webhook-id'];
  const timestamp = input.headers['webhook-timestamp'];
  const signatures = input.headers['webhook-signature'];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'MISSING_HEADERS' };
  const seconds = Number(timestamp);
  if (Math.abs(input.now.getTime() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  }
  const expected = Buffer.from(signature(secretKey(input.secret), id, seconds, input.body));
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value);
    if (given.byteLength === expected.byteLength && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'NO_MATCHING_SIGNATURE' };
}
