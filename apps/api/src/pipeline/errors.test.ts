import { describe, expect, it } from 'vitest';
import { httpExtensionOf, maskedErrorFor } from './errors.js';

/** Prisma's JS-engine shape for a driver error (as PostgreSQL and libsql produce them). */
const driverError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error('Invalid invocation'), { code, meta: { driverAdapterError: { cause } } });

describe('maskedErrorFor: what a client learns about a database failure', () => {
  it.each([
    [driverError('P1001', { kind: 'DatabaseNotReachable' }), 'SERVICE_UNAVAILABLE', 503],
    [
      driverError('P2010', {
        kind: 'postgres',
        code: '57014',
        message: 'canceling statement due to statement timeout',
      }),
      'DATABASE_TIMEOUT',
      503,
    ],
    [driverError('P2010', { kind: 'sqlite', extendedCode: 13, originalCode: '13' }), 'STORAGE_FULL', 507],
    [new TypeError('cannot read properties of undefined'), 'INTERNAL_SERVER_ERROR', 500],
  ])('%#: %s → %s', (error, code, status) => {
    const masked = maskedErrorFor(error);
    expect(masked).toMatchObject({ code, status });
    expect(masked.message).not.toMatch(/Invalid invocation|postgres|sqlite|undefined/i);
  });

  it('sets the HTTP status (and Retry-After) for database states only', () => {
    expect(httpExtensionOf(maskedErrorFor(driverError('P1017', { kind: 'ConnectionClosed' })))).toEqual({
      http: { status: 503, headers: { 'retry-after': '5' } },
    });
    expect(httpExtensionOf(maskedErrorFor(driverError('P2010', { kind: 'sqlite', extendedCode: 13 })))).toEqual({
      http: { status: 507 },
    });
    expect(httpExtensionOf(maskedErrorFor(new Error('bug')))).toEqual({});
  });
});

describe('boundMessage: what a message may quote back', () => {
  it('cuts every quoted input to 100 characters and leaves short messages alone', async () => {
    const { boundMessage } = await import('./errors.js');
    expect(boundMessage('No document with slug "terms".')).toBe('No document with slug "terms".');
    expect(boundMessage(`No document with slug "${'x'.repeat(1000)}".`)).toBe(
      `No document with slug "${'x'.repeat(100)}…".`,
    );
    // Only the start of a huge message is scanned: the quote is cut where the scan ends.
    const bounded = boundMessage(`No document with slug "${'x'.repeat(1_900_000)}".`);
    expect(bounded).toBe(`No document with slug "${'x'.repeat(100)}…`);
    expect(boundMessage(`A "${'\\'.repeat(3000)}`).length).toBeLessThan(250);
    const twice = boundMessage(`Variable "$a" got "${'y'.repeat(500)}" and "${'z'.repeat(500)}".`);
    expect(twice.length).toBeLessThan(260);
  });
});
