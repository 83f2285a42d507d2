import { describe, expect, it } from 'vitest';
import { raceAgainstTimeout } from './timeout.js';

describe('raceAgainstTimeout', () => {
  it('returns the work’s result when it finishes in time', async () => {
    await expect(
      raceAgainstTimeout(
        async () => 'done',
        1000,
        () => 'late',
      ),
    ).resolves.toBe('done');
  });

  it('answers onTimeout’s value when the work never finishes', async () => {
    await expect(
      raceAgainstTimeout(
        () => new Promise<string>(() => undefined),
        5,
        () => 'timed out',
      ),
    ).resolves.toBe('timed out');
  });

  it('times out work that never yields to the timer, by the deadline when it ends', async () => {
    let clock = 0;
    const work = () => {
      clock = 11; // synchronous work past the 10 ms deadline: no timer can fire meanwhile
      return 'too late';
    };
    await expect(
      raceAgainstTimeout(
        work,
        10,
        () => 'timed out',
        () => clock,
      ),
    ).resolves.toBe('timed out');
  });

  it('passes on the work’s own error when it fails in time, and drops a late one', async () => {
    const failing = async () => {
      throw new Error('boom');
    };
    await expect(raceAgainstTimeout(failing, 1000, () => 'late')).rejects.toThrow('boom');
    const lateFailure = () => new Promise<string>((_, reject) => setTimeout(() => reject(new Error('late')), 30));
    await expect(raceAgainstTimeout(lateFailure, 5, () => 'timed out')).resolves.toBe('timed out');
    // Let the late rejection happen: it must not surface as unhandled.
    await new Promise((resolve) => setTimeout(resolve, 40));
  });
});
