import type { MaybePromise } from '../maybe-promise.js';
import type { WindowUsage } from './policy.js';

/**
 * Fixed windows of points per key: the first charge opens a window of `windowMs`; every charge in
 * it adds up; the window and its count vanish together. Charges are counted even when they go over
 * the budget, so hammering a spent budget never earns points back early.
 */
export interface RateLimitStore {
  /** In-process stores answer at once; shared ones (Redis) with a promise. */
  consume(key: string, points: number, windowMs: number): MaybePromise<WindowUsage>;
  /** The window's usage without charging anything; null when no window is open for the key. */
  peek(key: string): MaybePromise<WindowUsage | null>;
}
