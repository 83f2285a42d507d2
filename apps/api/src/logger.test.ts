import { describe, expect, it } from 'vitest';
import { createLogger, redact, redactText, withLogFields } from './logger.js';

const TOKEN = 'cnd_ab12cd34ef_Zx9-Qw_ertyUIOPasdfghjklZXCVBNM1234567890abcde';
const SECRET = TOKEN.slice('cnd_ab12cd34ef_'.length);
const PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIDf3ZmVtaWtleWJ5dGVz\n-----END PRIVATE KEY-----';

const captured = (level: Parameters<typeof createLogger>[0] = 'debug') => {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
};

describe('redactText', () => {
  it('keeps a token prefix and drops its secret', () => {
    const text = redactText(`lookup failed for ${TOKEN}.`);
    expect(text).toBe('lookup failed for cnd_ab12cd34ef_[REDACTED].');
    expect(text).not.toContain(SECRET);
  });

  it('drops the whole of anything else shaped like a token', () => {
    expect(redactText('cnd_SHORT_secretsecret')).toBe('cnd_[REDACTED]');
  });

  it('drops bearer and basic credentials', () => {
    expect(redactText('Authorization: Bearer abc.def.ghi')).toBe('Authorization: Bearer [REDACTED]');
    expect(redactText('authorization: basic dXNlcjpwYXNz')).toBe('authorization: basic [REDACTED]');
  });

  it('drops PEM private keys, even cut off ones', () => {
    expect(redactText(`key: ${PEM} done`)).toBe('key: [REDACTED PRIVATE KEY] done');
    expect(redactText('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE')).toBe('[REDACTED PRIVATE KEY]');
  });

  it('drops passwords from database URLs and keyword strings, keeping the host', () => {
    expect(redactText('connect postgresql://candor:hunter2@db.internal:5432/candor failed')).toBe(
      'connect postgresql://candor:[REDACTED]@db.internal:5432/candor failed',
    );
    expect(redactText('redis://:s3cret@cache:6379')).toBe('redis://:[REDACTED]@cache:6379');
    expect(redactText('host=db password=hunter2 user=x')).toBe('host=db password=[REDACTED] user=x');
    expect(redactText('postgresql://postgres@127.0.0.1:5432/candor')).toBe(
      'postgresql://postgres@127.0.0.1:5432/candor',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'request GET /graphql 200 in 3.2 ms; clause 10.4 changed';
    expect(redactText(text)).toBe(text);
  });
});

describe('redact', () => {
  it('walks objects, arrays and errors, and blanks secret-named fields', () => {
    const error = new Error(`bad token ${TOKEN}`);
    const value = redact({
      nested: { list: [`Bearer ${TOKEN}`, 3, null], error },
      Authorization: 'anything',
      password: 'p',
      signingKey: PEM,
      keyId: 'ed25519:abc',
    });
    const text = JSON.stringify(value);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('MC4CAQAw');
    expect(value).toMatchObject({
      nested: { list: ['Bearer [REDACTED]', 3, null], error: { name: 'Error', message: expect.any(String) } },
      Authorization: '[REDACTED]',
      password: '[REDACTED]',
      signingKey: '[REDACTED]',
      keyId: 'ed25519:abc',
    });
  });

  it('survives cycles and repeats shared objects', () => {
    const shared = { value: 1 };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ a: { value: 1 }, b: { value: 1 }, self: '[Circular]' });
  });
});

describe('createLogger', () => {
  it('writes one redacted JSON object per line', () => {
    const { logger, lines, parsed } = captured();
    logger.error(`failed with ${TOKEN}`, { header: `Bearer ${TOKEN}`, url: 'postgres://u:pw@h/db' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(lines.join('')).not.toContain(SECRET);
    expect(parsed()[0]).toMatchObject({ level: 'error', url: 'postgres://u:[REDACTED]@h/db' });
  });

  it('adds the fields of the request being handled, across awaits', async () => {
    const { logger, parsed } = captured();
    await withLogFields({ requestId: 'r-1', trace_id: 't' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('inside');
    });
    logger.info('outside');
    expect(parsed()).toMatchObject([{ msg: 'inside', requestId: 'r-1', trace_id: 't' }, { msg: 'outside' }]);
    expect(parsed()[1]).not.toHaveProperty('requestId');
  });

  it('drops lines below its level', () => {
    const { logger, lines } = captured('warn');
    logger.info('no');
    logger.warn('yes');
    expect(lines).toHaveLength(1);
  });
});
