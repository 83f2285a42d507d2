import { describe, expect, it } from 'vitest';
import { credentialPrefix, hashCredential, issueCredential, normalisePrefix } from './credentials.js';
import { sha256Hex } from './hash.js';

describe('issueCredential', () => {
  it('makes tokens and invitation codes of one shape, told apart by their mark', () => {
    const token = issueCredential('token');
    const code = issueCredential('invitation');
    expect(token.secret).toMatch(/^cnd_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(code.secret).toMatch(/^cni_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(token.secret.slice(4, 14)).toBe(token.prefix);
    expect(token.hash).toBe(sha256Hex(token.secret));
    expect(hashCredential(code.secret)).toBe(code.hash);
    expect(token.hash).not.toContain(token.secret.slice(15));
  });

  it('pads a prefix whose random bytes gave too few letters and digits', () => {
    // 80 one-bits in base64url: thirteen "_" (dropped) and a final "w".
    const ones = (size: number) => Buffer.alloc(size, 0xff);
    const issued = issueCredential('token', ones);
    expect(issued.prefix).toBe('w000000000');
    expect(credentialPrefix('token', issued.secret)).toBe('w000000000');
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => issueCredential('invitation').secret));
    expect(secrets.size).toBe(200);
  });
});

describe('credentialPrefix', () => {
  const token = issueCredential('token').secret;
  const code = issueCredential('invitation').secret;

  it('reads the prefix of a well-formed secret of the kind asked for', () => {
    expect(credentialPrefix('token', token)).toBe(token.slice(4, 14));
    expect(credentialPrefix('invitation', code)).toBe(code.slice(4, 14));
  });

  it('refuses the other kind, a truncated secret or anything else', () => {
    expect(credentialPrefix('token', code)).toBeNull();
    expect(credentialPrefix('invitation', token)).toBeNull();
    expect(credentialPrefix('token', token.slice(0, -1))).toBeNull();
    expect(credentialPrefix('token', ` ${token}`)).toBeNull();
    expect(credentialPrefix('token', 'not-a-token')).toBeNull();
  });
});

describe('normalisePrefix', () => {
  it('accepts a bare prefix, a marked one, or a whole secret', () => {
    const code = issueCredential('invitation');
    expect(normalisePrefix(code.prefix)).toBe(code.prefix);
    expect(normalisePrefix(`cni_${code.prefix}`)).toBe(code.prefix);
    expect(normalisePrefix(` ${code.secret} `)).toBe(code.prefix);
  });

  it('leaves what is not a prefix as typed (trimmed), for the NOT_FOUND message', () => {
    expect(normalisePrefix(' Sapphire ')).toBe('Sapphire');
  });
});
