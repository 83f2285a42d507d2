/**
 * The least-recently-used maps (ADR 0011) against lru-cache, on the mixes they serve:
 *
 * - RecentlyUsedMap (@candor/schema): the published-content cache (2,000 ids, read far more than
 *   written) and the API's document cache (500 document strings of ~1 kB, keyed by the string the
 *   request carried: mostly hits, a miss stores).
 * - The response cache's memory store: bounded by entries and bytes with a TTL; a hit per anonymous
 *   cached request, a store (with eviction once full) per miss.
 *
 * Keys are drawn from a fixed pseudo-random sequence, the same for every contender: 90 % from a hot
 * set that fits, 10 % from a cold set that does not (misses, then a set that evicts).
 */
import { type CachedResponse, type CacheLookup, createMemoryResponseCacheStore } from '@candor/api/benchmarked';
import { RecentlyUsedMap } from '@candor/schema';
import { LRUCache } from 'lru-cache';
import { seededRandom } from '../synthetic/text.js';
import { compare } from './compare.js';
import { siteQuery } from './workloads.js';

/** A key sequence: 90 % from `hot` keys, 10 % from `cold` others. */
function sequence(hot: readonly string[], cold: readonly string[], length = 65_536): string[] {
  const random = seededRandom(5);
  return Array.from({ length }, () => {
    const pool = random() < 0.9 ? hot : cold;
    return pool[Math.floor(random() * pool.length)] as string;
  });
}

interface MapLike<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
}
/** Read through: a get, and on a miss a set, as the caches' callers do. */
const readThrough = <V>(map: MapLike<V>, keys: readonly string[], value: V) => {
  let at = 0;
  return () => {
    const key = keys[at++ & (keys.length - 1)] as string;
    if (map.get(key) === undefined) map.set(key, value);
  };
};

// Published content: ids (cuid-like, 25 characters), capacity 2,000.
const ids = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `c${tag}${i.toString(36).padStart(23, '0')}`);
const idKeys = sequence(ids(1_800, 'h'), ids(4_000, 'c'));
const clauses: readonly unknown[] = [];

// Documents: ~1 kB sources that differ in a variable name. (A request's string is a new one, whose
// hash both maps compute alike; the benchmark reuses strings, so it times the maps' own work.)
const sources = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => siteQuery.replace('$first', `$${tag}${i}`));
const documentKeys = sequence(sources(400, 'h'), sources(2_000, 'c'));

// Response cache: 1,000 entries of ~2 kB bodies, TTL one hour.
const body = 'x'.repeat(2_000);
const entry: CachedResponse = { body, etag: '"e"', cost: 1, computedAt: 0 };
const responseKeys = sequence(ids(900, 'r'), ids(3_000, 's'));
const ours = createMemoryResponseCacheStore({ maxEntries: 1_000, maxBytes: 64 * 2 ** 20 });
const theirs = new LRUCache<string, CachedResponse>({
  max: 1_000,
  maxSize: 64 * 2 ** 20,
  sizeCalculation: (value, key) => Buffer.byteLength(value.body) + key.length,
  ttl: 3_600_000,
  ttlAutopurge: false,
});
let oursAt = 0;
let theirsAt = 0;

await compare('LRU maps, 90 % hot keys (`bench/src/libraries/lru.bench.ts`)', [
  {
    name: 'published content: 2,000 ids, get (+ set on a miss)',
    perCall: 1000,
    ours: { name: 'ours (RecentlyUsedMap)', run: readThrough(new RecentlyUsedMap(2_000), idKeys, clauses) },
    theirs: [{ name: 'lru-cache (max)', run: readThrough(new LRUCache({ max: 2_000 }), idKeys, clauses) }],
  },
  {
    name: 'documents: 500 sources of ~1 kB, get (+ set on a miss)',
    perCall: 1000,
    ours: { name: 'ours (RecentlyUsedMap)', run: readThrough(new RecentlyUsedMap(500), documentKeys, {}) },
    theirs: [{ name: 'lru-cache (max)', run: readThrough(new LRUCache({ max: 500 }), documentKeys, {}) }],
  },
  {
    name: 'response cache: 1,000 entries, bytes + TTL, lookup (+ store on a miss)',
    perCall: 1000,
    ours: {
      name: 'ours (memory store)',
      run: () => {
        const key = responseKeys[oursAt++ & (responseKeys.length - 1)] as string;
        // The memory store answers synchronously.
        if ((ours.lookup(key) as CacheLookup).entry === null) void ours.store(key, entry, '0', 3_600_000);
      },
    },
    theirs: [
      {
        name: 'lru-cache (max, maxSize, ttl)',
        run: () => {
          const key = responseKeys[theirsAt++ & (responseKeys.length - 1)] as string;
          if (theirs.get(key) === undefined) theirs.set(key, entry);
        },
      },
    ],
  },
]);
