import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../checkpoint.js';
import { attackerKeys, realKeys } from '../testing/export-fixture.js';
import { backend as nodeBackend } from './node.js';
import { settle, backend as webBackend } from './web.js';

/** The browser backend (WebCrypto, which Node has too) answers what node:crypto answers, once settled. */
describe('crypto/web.ts', () => {
  const payload = '{"format":"candor-checkpoint/2","sequence":1,"issuedAt":"2024-01-01T00:00:00.000Z","chains":[]}';
  const signature = signCheckpoint(payload, realKeys.privateKeyPem);

  it('hashes text and bytes as node:crypto does', async () => {
    const inputs = ['', 'é\n', 'x'.repeat(10_000)];
    const web = await settle(() => inputs.map((text) => webBackend.sha256Hex(text)));
    expect(web).toEqual(inputs.map((text) => nodeBackend.sha256Hex(text)));
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(await settle(() => webBackend.sha256Hex(bytes))).toBe(nodeBackend.sha256Hex(bytes));
  });

  it('verifies Ed25519 signatures as node:crypto does, and refuses a wrong key or signature', async () => {
    const cases: [string, string, string][] = [
      [payload, signature, realKeys.publicKeyPem],
      [payload, signature, attackerKeys.publicKeyPem],
      [`${payload} `, signature, realKeys.publicKeyPem],
      [payload, 'not base64', realKeys.publicKeyPem],
      [payload, signature, 'not a key'],
    ];
    const web = await settle(() => cases.map(([m, s, k]) => webBackend.verifyEd25519(m, s, k)));
    expect(web).toEqual(cases.map(([m, s, k]) => nodeBackend.verifyEd25519(m, s, k)));
    expect(web).toEqual([true, false, false, false, false]);
  });

  it('reads a PEM public key to the same DER bytes', () => {
    expect(Buffer.from(webBackend.publicKeyDer(realKeys.publicKeyPem))).toEqual(
      Buffer.from(nodeBackend.publicKeyDer(realKeys.publicKeyPem)),
    );
  });
});
