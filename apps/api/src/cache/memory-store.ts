import { LRUCache } from 'lru-cache';
import type { CachedResponse, CacheLookup, ResponseCacheStore } from './store.js';

interface Held {
  entry: CachedResponse;
  generation: number;
  expiresAt: number;
}

export interface MemoryCacheLimits {
  maxEntries: number;
  maxBytes: number;
}

/** What an entry weighs against `maxBytes`: its body's bytes and its key. */
const weightOf = (body: string, key: string): number => Buffer.byteLength(body) + key.length;

/**
 * One instance's cache: least recently used entries go first beyond the entry count or the body
 * bytes. lru-cache keeps the order and the bounds (ADR 0011: 0.15× the time of the Map this
 * replaced on a lookup-and-store mix); expiry stays here, on the clock the store is given, and so
 * does the generation check every store makes.
 */
export function createMemoryResponseCacheStore(
  limits: MemoryCacheLimits,
  now: () => number = Date.now,
): ResponseCacheStore & { readonly size: number; readonly bytes: number } {
  const held = new LRUCache<string, Held>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: (item, key) => weightOf(item.entry.body, key),
  });
  let generation = 0;
  return {
    get size() {
      return held.size;
    },
    get bytes() {
      return held.calculatedSize;
    },
    lookup(key): CacheLookup {
      const item = held.get(key);
      if (item === undefined) return { entry: null, generation: String(generation) };
      if (item.generation !== generation || item.expiresAt <= now()) {
        held.delete(key);
        return { entry: null, generation: String(generation) };
      }
      return { entry: item.entry, generation: String(generation) };
    },
    async store(key, entry, expected, ttlMs) {
      if (expected !== String(generation)) return false;
      // Refused before lru-cache sees it: it would also drop an entry already under the key.
      if (weightOf(entry.body, key) > limits.maxBytes) return false;
      held.set(key, { entry, generation, expiresAt: now() + ttlMs });
      return true;
    },
    async invalidate() {
      generation += 1;
      held.clear();
    },
  };
}
