/**
 * A value that in-process stores have at once and remote ones (Redis) only later. Hot paths take
 * the value as it comes instead of awaiting it: with AsyncLocalStorage in use, every promise runs
 * async hooks, a measurable share of a cached answer's CPU.
 */
export type MaybePromise<T> = T | Promise<T>;

export const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** `then` for a value that may already be there: synchronous when it is. */
export const whenReady = <T, R>(value: MaybePromise<T>, next: (ready: T) => MaybePromise<R>): MaybePromise<R> =>
  isThenable(value) ? value.then(next) : next(value);
