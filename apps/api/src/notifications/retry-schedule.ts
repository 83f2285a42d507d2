/**
 * When a failed delivery is tried again: the Standard Webhooks convention's schedule (immediately,
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure), about 27.6 hours in all, so a
 * receiver that is down for a day still gets the event. After the last attempt fails the delivery
 * is dead-lettered: kept, visible to the partner and replayable.
 */

/** Delay before attempt n+1 (index n-1 after the n-th failure), in milliseconds. */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** Attempts in all: the first, then one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * When to try again after `attempts` failed attempts, the last at `failedAt`; null when the
 * delivery is out of attempts (dead letter). Jitter of up to 10 % spreads retries of many
 * deliveries that failed together (`random` in [0, 1), injectable for tests).
 */
export function nextAttemptAt(attempts: number, failedAt: Date, random: () => number = Math.random): Date | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error('attempts counts failed attempts, from 1');
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return null;
  return new Date(failedAt.getTime() + Math.round(delay * (1 + 0.1 * random())));
}
