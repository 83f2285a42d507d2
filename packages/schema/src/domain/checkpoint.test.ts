import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ChainHead,
  canonicalCheckpoint,
  checkAgainstCheckpoint,
  generateSigningKeyPair,
  parseCheckpoint,
  publicKeyId,
  signCheckpoint,
  verifyCheckpointSignature,
} from './checkpoint.js';
import { DomainError } from './errors.js';
import { sha256Hex } from './hash.js';

const h = (s: string) => sha256Hex(s);
const chains: ChainHead[] = [
  { chain: 'document/terms-of-service', count: 3, headHash: h('tos3') },
  { chain: 'feature/ai-terms', count: 0, headHash: null },
  { chain: 'document/privacy-statement', count: 2, headHash: h('ps2') },
];
const checkpoint = { sequence: 7, issuedAt: new Date('2024-06-20T10:00:00Z'), chains };
const keys = generateSigningKeyPair();

describe('canonicalCheckpoint', () => {
  it('writes one line of JSON with fixed member order and chains sorted by name', () => {
    expect(canonicalCheckpoint(checkpoint)).toBe(
      `{"format":"candor-checkpoint/2","sequence":7,"issuedAt":"2024-06-20T10:00:00.000Z","chains":[` +
        `{"chain":"document/privacy-statement","count":2,"headHash":"${h('ps2')}"},` +
        `{"chain":"document/terms-of-service","count":3,"headHash":"${h('tos3')}"},` +
        `{"chain":"feature/ai-terms","count":0,"headHash":null}]}`,
    );
    expect(canonicalCheckpoint({ ...checkpoint, chains: [...chains].reverse() })).toBe(canonicalCheckpoint(checkpoint));
  });

  it('refuses what would make the checkpoint meaningless', () => {
    const bad = [
      { ...checkpoint, sequence: -1 },
      { ...checkpoint, sequence: 1.5 },
      { ...checkpoint, issuedAt: new Date('never') },
      { ...checkpoint, chains: [...chains, { chain: 'feature/ai-terms', count: 1, headHash: h('x') }] },
      { ...checkpoint, chains: [{ chain: 'a', count: 0, headHash: h('x') }] },
      { ...checkpoint, chains: [{ chain: 'a', count: 1, headHash: null }] },
      { ...checkpoint, chains: [{ chain: 'a', count: 1, headHash: 'ABC' }] },
      { ...checkpoint, chains: [{ chain: 'a', count: -1, headHash: null }] },
      { ...checkpoint, chains: [{ chain: '', count: 0, headHash: null }] },
    ];
    for (const input of bad) {
      expect(() => canonicalCheckpoint(input)).toThrow(DomainError);
    }
  });
});

describe('parseCheckpoint', () => {
  it('reads back a canonical payload', () => {
    const parsed = parseCheckpoint(canonicalCheckpoint(checkpoint));
    expect(canonicalCheckpoint(parsed)).toBe(canonicalCheckpoint(checkpoint));
    expect(parsed.sequence).toBe(7);
  });

  it('refuses anything but the canonical text', () => {
    const payload = canonicalCheckpoint(checkpoint);
    for (const text of [
      'nonsense',
      'null',
      JSON.stringify(JSON.parse(payload), null, 2),
      payload.replace('candor-checkpoint/2', 'candor-checkpoint/3'),
      payload.replace('candor-checkpoint/2', 'candor-checkpoint/1'),
      payload.replace('"sequence":7', '"sequence":"7"'),
      payload.replace('.000Z', 'Z'),
      `${payload}\n`,
      payload.replace('"count":2', '"count":0'),
    ]) {
      expect(() => parseCheckpoint(text)).toThrow(DomainError);
    }
  });
});

describe('signatures', () => {
  const payload = canonicalCheckpoint(checkpoint);

  it('verify under the matching public key, as PEM or KeyObject', () => {
    const signature = signCheckpoint(payload, createPrivateKey(keys.privateKeyPem));
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(signCheckpoint(payload, keys.privateKeyPem)).toBe(signature); // Ed25519 is deterministic
    expect(verifyCheckpointSignature(payload, signature, keys.publicKeyPem)).toBe(true);
    expect(verifyCheckpointSignature(payload, signature, createPublicKey(keys.publicKeyPem))).toBe(true);
  });

  it('fail for another payload, another key, or a damaged signature, without throwing', () => {
    const signature = signCheckpoint(payload, keys.privateKeyPem);
    const other = generateSigningKeyPair();
    expect(verifyCheckpointSignature(`${payload} `, signature, keys.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature(payload, signature, other.publicKeyPem)).toBe(false);
    const flipped = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
    expect(verifyCheckpointSignature(payload, flipped, keys.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature(payload, 'not base64!', keys.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature(payload, '', keys.publicKeyPem)).toBe(false);
    expect(verifyCheckpointSignature(payload, signature, 'not a key')).toBe(false);
    // A private key is not a public key, even though it could derive one.
    expect(verifyCheckpointSignature(payload, signature, createPrivateKey(keys.privateKeyPem))).toBe(false);
  });

  it('refuse keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signCheckpoint(payload, rsa.privateKey)).toThrow(DomainError);
    expect(() => signCheckpoint(payload, 'garbage')).toThrow(DomainError);
    expect(() => signCheckpoint(payload, createPublicKey(keys.publicKeyPem))).toThrow(DomainError);
    expect(verifyCheckpointSignature(payload, signCheckpoint(payload, keys.privateKeyPem), rsa.publicKey)).toBe(false);
  });
});

describe('keys', () => {
  it('are PEM encoded PKCS #8 and SPKI', () => {
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('are named by the first 16 hex digits of the SHA-256 of the SPKI DER', () => {
    const der = createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' });
    const id = publicKeyId(keys.publicKeyPem);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(id).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(publicKeyId(keys.publicKeyPem)).toBe(id);
    expect(publicKeyId(generateSigningKeyPair().publicKeyPem)).not.toBe(id);
    expect(() => publicKeyId('nope')).toThrow(DomainError);
  });
});

describe('checkAgainstCheckpoint', () => {
  const current = [
    { chain: 'document/terms-of-service', hashes: [h('tos1'), h('tos2'), h('tos3'), h('tos4')] },
    { chain: 'document/privacy-statement', hashes: [h('ps1'), h('ps2')] },
  ];

  it('accepts chains that only grew, and ignores documents that had no versions', () => {
    expect(checkAgainstCheckpoint(current, chains)).toEqual({ ok: true, problems: [] });
    expect(checkAgainstCheckpoint(current, [])).toEqual({ ok: true, problems: [] });
  });

  it('reports a missing document, a cut tail and a rewritten head', () => {
    const result = checkAgainstCheckpoint(
      [
        { chain: 'document/terms-of-service', hashes: [h('tos1'), h('tos2')] },
        { chain: 'document/privacy-statement', hashes: [h('ps1'), h('ps2-rewritten'), h('ps3')] },
      ],
      [...chains, { chain: 'document/cookie-policy', count: 1, headHash: h('c1') }],
    );
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.chain, p.code])).toEqual([
      ['document/terms-of-service', 'TRUNCATED'],
      ['document/privacy-statement', 'REWRITTEN'],
      ['document/cookie-policy', 'CHAIN_MISSING'],
    ]);
    expect(result.problems[0]?.message).toContain('had 3 records');
  });

  it('with exact, also reports records and chains that no checkpoint covers', () => {
    const exact = checkAgainstCheckpoint(
      [...current, { chain: 'withdrawals', hashes: [h('w1')] }, { chain: 'consent-releases', hashes: [] }],
      chains,
      { exact: true },
    );
    expect(exact.problems.map((p) => [p.chain, p.code])).toEqual([
      ['document/terms-of-service', 'ADDED'],
      ['withdrawals', 'ADDED'],
    ]);
    const same = [
      { chain: 'document/terms-of-service', hashes: [h('tos1'), h('tos2'), h('tos3')] },
      { chain: 'document/privacy-statement', hashes: [h('ps1'), h('ps2')] },
    ];
    expect(checkAgainstCheckpoint(same, chains, { exact: true })).toEqual({ ok: true, problems: [] });
  });
});

describe('parseCheckpoint of the documents-only format 1', () => {
  it('reads a candor-checkpoint/1 payload, naming its documents document/<slug>', () => {
    const payload = `{"format":"candor-checkpoint/1","sequence":2,"issuedAt":"2024-06-20T10:00:00.000Z","chains":[{"document":"terms","count":1,"headHash":"${h('t1')}"}]}`;
    expect(parseCheckpoint(payload).chains).toEqual([{ chain: 'document/terms', count: 1, headHash: h('t1') }]);
    expect(() => parseCheckpoint(payload.replace('"sequence":2,', '"sequence":2, '))).toThrow(DomainError);
  });
});
