import { describe, expect, it } from 'vitest';
import { codedEtag, etagMatches, negotiateCoding } from './static-representations.js';

describe('negotiateCoding', () => {
  it('prefers brotli, then gzip, for compressible files of 1 KB or more', () => {
    expect(negotiateCoding('gzip, deflate, br, zstd', true, 5000)).toBe('br');
    expect(negotiateCoding('gzip', true, 5000)).toBe('gzip');
    expect(negotiateCoding('br;q=0, gzip;q=0.5', true, 5000)).toBe('gzip');
    expect(negotiateCoding('*', true, 5000)).toBe('br');
    expect(negotiateCoding('*, br;q=0', true, 5000)).toBe('gzip');
  });

  it('sends identity when nothing acceptable is offered, the file is small or already compressed', () => {
    expect(negotiateCoding(null, true, 5000)).toBe('identity');
    expect(negotiateCoding('identity', true, 5000)).toBe('identity');
    expect(negotiateCoding('deflate', true, 5000)).toBe('identity');
    expect(negotiateCoding('br, gzip', true, 1023)).toBe('identity');
    expect(negotiateCoding('br, gzip', false, 5000)).toBe('identity');
  });
});

describe('ETags', () => {
  const etag = '"abc"';

  it('differ per coding', () => {
    expect(codedEtag(etag, 'identity')).toBe('"abc"');
    expect(codedEtag(etag, 'br')).toBe('"abc-br"');
    expect(codedEtag(etag, 'gzip')).toBe('"abc-gzip"');
  });

  it('match If-None-Match weakly, in any coding of the same bytes, in a list or as *', () => {
    expect(etagMatches('"abc"', etag)).toBe(true);
    expect(etagMatches('W/"abc-br"', etag)).toBe(true);
    expect(etagMatches('"zzz", "abc-gzip"', etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"abcd"', etag)).toBe(false);
    expect(etagMatches('"abc-deflate"', etag)).toBe(false);
    expect(etagMatches('abc', etag)).toBe(false);
  });
});
