/**
 * Bounded retries for write transactions that lost a race they could win on a second try: a
 * PostgreSQL serialization failure (40001) or deadlock (40P01), or SQLite answering BUSY/locked
 * (a WAL reader that wants to write after another writer committed gets SQLITE_BUSY_SNAPSHOT at
 * once, whatever the busy timeout). Anything else — a unique-constraint conflict above all —
 * is the caller's to report, never retried.
 */
import { isRetryableDatabaseError } from './error-kinds.js';

export interface RetryOptions {
  /** Total tries, the first included (default 3). */
  attempts?: number;
  /** Upper bound of the first backoff; doubles each retry (default 20 ms). */
  baseDelayMs?: number;
  /** Cap of any one backoff (default 500 ms). */
  maxDelayMs?: number;
  /** Which errors are worth another try (default: isRetryableDatabaseError). */
  isRetryable?: (error: unknown) => boolean;
  /** Told before each retry (for logs and tests). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY_ATTEMPTS = 3;

/**
 * "Full jitter" backoff: a random delay in [0, min(max, base·2^(attempt-1))], so two instances
 * that collided once do not collide again in lockstep.
 */
export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` up to `attempts` times while it fails with a retryable error; rethrows the last error. */
export async function withRetries<T>(work: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? DEFAULT_RETRY_ATTEMPTS));
  const isRetryable = options.isRetryable ?? isRetryableDatabaseError;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      const delay = backoffDelay(attempt, options.baseDelayMs ?? 20, options.maxDelayMs ?? 500, random);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
