import { describe, expect, it } from 'vitest';
import { newLinkToken, normalizeAddress, subscriptionWants, tokenHash } from './subscriptions.js';

const material = { material: true, document: 'terms-of-service', segments: ['education', 'business'] };
const editorial = { ...material, material: false };
const revision = { material: true, feature: 'meeting-summary', segments: ['education'] };

describe('subscriptionWants', () => {
  const education = { segment: 'education', mode: 'material' } as const;

  it('sends material changes for the subscriber’s segment: everything, one document or one feature', () => {
    expect(subscriptionWants({ ...education, subject: 'everything' }, material)).toBe(true);
    expect(subscriptionWants({ ...education, segment: 'consumer', subject: 'everything' }, material)).toBe(false);
    expect(subscriptionWants({ ...education, subject: 'document', key: 'terms-of-service' }, material)).toBe(true);
    expect(subscriptionWants({ ...education, subject: 'document', key: 'privacy' }, material)).toBe(false);
    expect(subscriptionWants({ ...education, subject: 'feature', key: 'meeting-summary' }, revision)).toBe(true);
    expect(subscriptionWants({ ...education, subject: 'feature', key: 'meeting-summary' }, material)).toBe(false);
    expect(
      subscriptionWants({ ...education, segment: 'business', subject: 'feature', key: 'meeting-summary' }, revision),
    ).toBe(false);
  });

  it('sends changes that are not material only to those who asked for every change', () => {
    expect(subscriptionWants({ ...education, subject: 'everything' }, editorial)).toBe(false);
    expect(subscriptionWants({ ...education, subject: 'everything', mode: 'all' }, editorial)).toBe(true);
  });
});

describe('normalizeAddress', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normalizeAddress('  Ada.Lovelace@School.EXAMPLE ')).toBe('Ada.Lovelace@school.example');
  });

  it('refuses what cannot be an address', () => {
    for (const raw of [
      '',
      'ada',
      'ada@school',
      '@school.example',
      'a b@school.example',
      'a@b@c.example',
      `${'a'.repeat(250)}@b.example`,
    ]) {
      expect(normalizeAddress(raw), raw).toBeNull();
    }
  });
});

describe('link tokens', () => {
  it('are random, URL-safe, and stored only as their hash', () => {
    const token = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newLinkToken()).not.toBe(token);
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).toBe(tokenHash(token));
  });
});
