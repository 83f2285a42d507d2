import type { WindowUsage } from './policy.js';
import type { RateLimitStore } from './store.js';

interface Window {
  used: number;
  endsAt: number;
}

/** Sweep ended windows once this many keys are held, so one-off IPs do not pile up. */
const SWEEP_AT = 10_000;

/** One instance's windows, in memory (the default, without REDIS_URL). */
export function createMemoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const windows = new Map<string, Window>();
  const sweep = (at: number) => {
    for (const [key, window] of windows) if (window.endsAt <= at) windows.delete(key);
  };
  return {
    consume(key, points, windowMs): WindowUsage {
      const at = now();
      let window = windows.get(key);
      if (window === undefined || window.endsAt <= at) {
        if (windows.size >= SWEEP_AT) sweep(at);
        window = { used: 0, endsAt: at + windowMs };
        windows.set(key, window);
      }
      window.used += points;
      return { used: window.used, resetInMs: window.endsAt - at };
    },
    peek(key): WindowUsage | null {
      const at = now();
      const window = windows.get(key);
      return window === undefined || window.endsAt <= at ? null : { used: window.used, resetInMs: window.endsAt - at };
    },
  };
}
