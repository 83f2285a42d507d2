/**
 * Our signer against the convention's own reference library (the `standardwebhooks` package, an
 * independent implementation): what we sign, it verifies; what it signs, we verify.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from './standard-webhooks.js';

const body = JSON.stringify({ type: 'version.published', data: { document: 'terms-of-service', label: '2023-08' } });
const id = 'evt_01J0000000000000000000000';

describe('Standard Webhooks signatures', () => {
  it('are verified by the reference implementation, with either secret during a rotation', () => {
    const oldSecret = newWebhookSecret();
    const newSecret = newWebhookSecret();
    const headers = signWebhook({ secrets: [newSecret, oldSecret], id, timestamp: new Date(), body });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [newSecret, oldSecret]) {
      expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    }
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });

  it('verify what the reference implementation signs, and refuse a changed body or an old timestamp', () => {
    const secret = newWebhookSecret();
    const timestamp = new Date();
    const signatureHeader = new Webhook(secret).sign(id, timestamp, body);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signatureHeader,
    };
    expect(verifyWebhook({ secret, headers, body, now: timestamp })).toEqual({ ok: true });
    expect(verifyWebhook({ secret, headers, body: `${body} `, now: timestamp })).toEqual({
      ok: false,
      reason: 'NO_MATCHING_SIGNATURE',
    });
    const later = new Date(timestamp.getTime() + 6 * 60 * 1000);
    expect(verifyWebhook({ secret, headers, body, now: later })).toEqual({
      ok: false,
      reason: 'TIMESTAMP_OUT_OF_TOLERANCE',
    });
    expect(verifyWebhook({ secret, headers: { 'webhook-id': id }, body, now: timestamp })).toEqual({
      ok: false,
      reason: 'MISSING_HEADERS',
    });
  });

  it('refuse malformed secrets and an endpoint without any', () => {
    expect(() => signWebhook({ secrets: ['secret'], id, timestamp: new Date(), body })).toThrow(/whsec_/);
    expect(() => signWebhook({ secrets: ['whsec_c2hvcnQ='], id, timestamp: new Date(), body })).toThrow(/24 to 64/);
    expect(() => signWebhook({ secrets: [], id, timestamp: new Date(), body })).toThrow(/at least one/);
  });
});
