import { describe, expect, it } from 'vitest';
import { checkWebhookTarget, isPrivateAddress } from './target-policy.js';

describe('isPrivateAddress', () => {
  it('knows loopback, private, link-local, shared and unique-local addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses through', () => {
    for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });
});

describe('checkWebhookTarget', () => {
  const strict = { allowPrivate: false };

  it('accepts a public https target', () => {
    expect(checkWebhookTarget('https://hooks.partner.example/candor', ['93.184.216.34'], strict)).toBeNull();
  });

  it('refuses loopback and private targets, naming the address and the setting', () => {
    const problem = checkWebhookTarget('https://internal.example/', ['10.0.0.5'], strict);
    expect(problem?.code).toBe('PRIVATE_ADDRESS');
    expect(problem?.message).toContain('10.0.0.5');
    expect(problem?.message).toContain('CANDOR_WEBHOOKS_ALLOW_PRIVATE');
    expect(checkWebhookTarget('https://a.example/', ['93.184.216.34', '127.0.0.1'], strict)?.code).toBe(
      'PRIVATE_ADDRESS',
    );
    expect(checkWebhookTarget('https://nowhere.example/', [], strict)?.code).toBe('PRIVATE_ADDRESS');
  });

  it('requires https unless private targets are allowed, and refuses other schemes and credentials', () => {
    expect(checkWebhookTarget('http://hooks.partner.example/', ['93.184.216.34'], strict)?.code).toBe(
      'INSECURE_SCHEME',
    );
    expect(checkWebhookTarget('http://127.0.0.1:8080/hook', ['127.0.0.1'], { allowPrivate: true })).toBeNull();
    expect(checkWebhookTarget('ftp://x.example/', ['93.184.216.34'], strict)?.code).toBe('INVALID_URL');
    expect(checkWebhookTarget('https://user:pw@x.example/', ['93.184.216.34'], strict)?.code).toBe('INVALID_URL');
    expect(checkWebhookTarget('/relative', [], strict)?.code).toBe('INVALID_URL');
  });
});
