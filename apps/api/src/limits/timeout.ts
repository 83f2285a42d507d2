import { isThenable } from '../maybe-promise.js';

/**
 * Runs `work` with `timeoutMs` to finish: if the timer fires first, or `work` ends (either way)
 * after the deadline, the answer is `onTimeout()`'s and the late result or error is dropped.
 *
 * The deadline is checked again when `work` ends because a timer cannot fire while work never
 * yields to the event loop (libsql answers local SQLite queries synchronously under promises).
 * `work` is not aborted: graphql-tools' executor, aborted mid-flight, leaves the promises of
 * fields already started unhandled, and an unhandled rejection ends a Node process. Its database
 * statements are bounded on their own (CANDOR_PG_STATEMENT_TIMEOUT_MS).
 *
 * Work that finishes synchronously (an operation no resolver of which awaited anything) gets no
 * timer at all: only the deadline check applies, and a timer per request is measurable CPU.
 */
export function raceAgainstTimeout<T>(
  work: () => T | Promise<T>,
  timeoutMs: number,
  onTimeout: () => T,
  now: () => number = () => performance.now(),
): Promise<T> {
  const deadline = now() + timeoutMs;
  const settle = (answer: () => T) => new Promise<T>((resolve) => resolve(answer()));
  let started: T | Promise<T>;
  try {
    started = work();
  } catch (error) {
    return settle(() => {
      if (now() > deadline) return onTimeout();
      throw error;
    });
  }
  if (!isThenable(started)) {
    const value = started;
    return settle(() => (now() > deadline ? onTimeout() : value));
  }
  const pending = Promise.resolve(started);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (answer: () => T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        resolve(answer());
      } catch (error) {
        reject(error);
      }
    };
    const timer = setTimeout(() => finish(onTimeout), timeoutMs);
    pending.then(
      (value) => finish(() => (now() > deadline ? onTimeout() : value)),
      (error: unknown) =>
        finish(() => {
          if (now() > deadline) return onTimeout();
          throw error;
        }),
    );
  });
}
