import type { SharedRedis } from '../redis/connection.js';
import type { CachedResponse, CacheLookup, ResponseCacheStore } from './store.js';

/**
 * Stores the entry only while the generation is still the one the request read when it began
 * (atomic in Redis, so a publish on another instance cannot slip between the check and the SET).
 */
const STORE_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or '0'
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1
`;

type WithStore = SharedRedis['client'] & {
  candorCacheStore(
    generationKey: string,
    entryKey: string,
    generation: string,
    value: string,
    ttlMs: number,
  ): Promise<number>;
};

/**
 * An entry is one string: `generation cost computedAt etag` on the first line, the body after it,
 * so a hit is one MGET (generation + entry) and no JSON parsing of the body.
 */
const encode = (entry: CachedResponse, generation: string) =>
  `${generation} ${entry.cost} ${entry.computedAt} ${entry.etag}\n${entry.body}`;

function decode(value: string): { generation: string; entry: CachedResponse } | null {
  const newline = value.indexOf('\n');
  const [generation, cost, computedAt, etag] = value.slice(0, newline).split(' ');
  if (newline < 0 || generation === undefined || etag === undefined) return null;
  return {
    generation,
    entry: { body: value.slice(newline + 1), etag, cost: Number(cost), computedAt: Number(computedAt) },
  };
}

/** The cache shared by every instance on the same Redis and prefix. Throws when Redis fails. */
export function createRedisResponseCacheStore(redis: SharedRedis): ResponseCacheStore {
  redis.client.defineCommand('candorCacheStore', { numberOfKeys: 2, lua: STORE_SCRIPT });
  const client = redis.client as WithStore;
  const generationKey = `${redis.prefix}cache:generation`;
  const entryKey = (key: string) => `${redis.prefix}cache:entry:${key}`;
  return {
    async lookup(key): Promise<CacheLookup> {
      const [generation, value] = await client.mget(generationKey, entryKey(key));
      const current = generation ?? '0';
      const stored = value === null || value === undefined ? null : decode(value);
      return { entry: stored !== null && stored.generation === current ? stored.entry : null, generation: current };
    },
    async store(key, entry, generation, ttlMs) {
      return (
        (await client.candorCacheStore(generationKey, entryKey(key), generation, encode(entry, generation), ttlMs)) ===
        1
      );
    },
    async invalidate() {
      await client.incr(generationKey);
    },
  };
}
