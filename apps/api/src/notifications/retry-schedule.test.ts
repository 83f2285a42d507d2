import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_MS } from './retry-schedule.js';

const failedAt = new Date('2026-06-01T12:00:00Z');

describe('the retry schedule', () => {
  it('spans more than a day before the dead letter', () => {
    const total = RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThan(24 * 3_600_000);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('backs off exponentially-ish, then gives up after the last attempt', () => {
    const at = (attempts: number) => nextAttemptAt(attempts, failedAt, () => 0)?.getTime() ?? null;
    expect(at(1)).toBe(failedAt.getTime() + 5_000);
    expect(at(2)).toBe(failedAt.getTime() + 300_000);
    expect(at(7)).toBe(failedAt.getTime() + 36_000_000);
    expect(at(MAX_ATTEMPTS)).toBeNull();
    for (let attempts = 2; attempts < MAX_ATTEMPTS; attempts++) {
      expect(RETRY_DELAYS_MS[attempts - 1]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[attempts - 2] ?? 0);
    }
  });

  it('adds at most 10 % jitter and refuses nonsense', () => {
    const jittered = nextAttemptAt(3, failedAt, () => 0.999)?.getTime() ?? 0;
    expect(jittered - failedAt.getTime()).toBeGreaterThan(30 * 60_000);
    expect(jittered - failedAt.getTime()).toBeLessThanOrEqual(33 * 60_000);
    expect(() => nextAttemptAt(0, failedAt)).toThrow(/from 1/);
  });
});
