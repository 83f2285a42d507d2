import type { SharedRedis } from '../redis/connection.js';
import type { WindowUsage } from './policy.js';
import type { RateLimitStore } from './store.js';

/**
 * Adds the points and opens the window in one atomic step, so instances sharing the key can never
 * both see a fresh window: returns {points used, milliseconds left}.
 */
const CONSUME_SCRIPT = `
local used = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {used, ttl}
`;

type WithConsume = SharedRedis['client'] & {
  candorRateLimitConsume(key: string, points: number, windowMs: number): Promise<[number, number]>;
};

/** Windows shared by every instance on the same Redis and prefix. Throws when Redis fails. */
export function createRedisRateLimitStore(redis: SharedRedis): RateLimitStore {
  // defineCommand sends EVALSHA and falls back to EVAL once, when Redis does not know the script.
  redis.client.defineCommand('candorRateLimitConsume', { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  const client = redis.client as WithConsume;
  return {
    async consume(key, points, windowMs): Promise<WindowUsage> {
      const [used, resetInMs] = await client.candorRateLimitConsume(`${redis.prefix}rl:${key}`, points, windowMs);
      return { used, resetInMs };
    },
  };
}
