import type { CachedResponse, CacheLookup, ResponseCacheStore } from './store.js';

interface Held {
  entry: CachedResponse;
  generation: number;
  expiresAt: number;
  bytes: number;
}

export interface MemoryCacheLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * One instance's cache: a least-recently-used map bounded by entry count and body bytes (a Map
 * keeps insertion order; a hit moves its entry to the end, eviction takes from the front).
 */
export function createMemoryResponseCacheStore(
  limits: MemoryCacheLimits,
  now: () => number = Date.now,
): ResponseCacheStore & { readonly size: number; readonly bytes: number } {
  const held = new Map<string, Held>();
  let generation = 0;
  let bytes = 0;
  const drop = (key: string, item: Held) => {
    held.delete(key);
    bytes -= item.bytes;
  };
  return {
    get size() {
      return held.size;
    },
    get bytes() {
      return bytes;
    },
    lookup(key): CacheLookup {
      const item = held.get(key);
      if (item === undefined) return { entry: null, generation: String(generation) };
      if (item.generation !== generation || item.expiresAt <= now()) {
        drop(key, item);
        return { entry: null, generation: String(generation) };
      }
      held.delete(key);
      held.set(key, item);
      return { entry: item.entry, generation: String(generation) };
    },
    async store(key, entry, expected, ttlMs) {
      if (expected !== String(generation)) return false;
      const size = Buffer.byteLength(entry.body) + key.length;
      if (size > limits.maxBytes) return false;
      const previous = held.get(key);
      if (previous !== undefined) drop(key, previous);
      held.set(key, { entry, generation, expiresAt: now() + ttlMs, bytes: size });
      bytes += size;
      for (const [oldest, item] of held) {
        if (held.size <= limits.maxEntries && bytes <= limits.maxBytes) break;
        drop(oldest, item);
      }
      return true;
    },
    async invalidate() {
      generation += 1;
      held.clear();
      bytes = 0;
    },
  };
}
