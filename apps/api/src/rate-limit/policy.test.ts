import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress } from './client-address.js';
import { decide, rateLimitHeaders } from './policy.js';

describe('decisions and headers', () => {
  const budget = { points: 10, windowSeconds: 60 };
  it('allows up to the budget and refuses beyond it', () => {
    expect(decide('ip', budget, { used: 10, resetInMs: 30_000 })).toMatchObject({ allowed: true, remaining: 0 });
    expect(decide('ip', budget, { used: 11, resetInMs: 30_000 })).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('writes the RateLimit headers, and Retry-After only when refused', () => {
    expect(rateLimitHeaders(decide('token', budget, { used: 4, resetInMs: 1_200 }))).toEqual({
      'ratelimit-limit': '10',
      'ratelimit-remaining': '6',
      'ratelimit-reset': '2',
      'ratelimit-policy': '10;w=60',
    });
    expect(rateLimitHeaders(decide('ip', budget, { used: 12, resetInMs: 59_001 }))['retry-after']).toBe('60');
  });
});

describe('client address', () => {
  const request = (headers: Record<string, string> = {}) => new Request('http://api/graphql', { headers });
  const socket = (remoteAddress: string) => ({ req: { socket: { remoteAddress } } });

  it('is the socket peer, with IPv4-mapped addresses unmapped', () => {
    expect(clientAddress(request(), socket('::ffff:203.0.113.5'), false)).toBe('203.0.113.5');
    expect(normalizeAddress('2001:DB8::1')).toBe('2001:db8::1');
  });

  it('ignores X-Forwarded-For unless the proxy is trusted, then takes its last entry', () => {
    const forwarded = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.9' });
    expect(clientAddress(forwarded, socket('10.0.0.1'), false)).toBe('10.0.0.1');
    expect(clientAddress(forwarded, socket('10.0.0.1'), true)).toBe('203.0.113.9');
  });

  it('falls back to one shared key without a socket (in-process requests)', () => {
    expect(clientAddress(request(), {}, false)).toBe('unknown');
  });
});
