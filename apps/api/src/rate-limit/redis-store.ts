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

/** The window's points and milliseconds left, without charging: {0, -2} when no window is open. */
const PEEK_SCRIPT = `
local used = redis.call('GET', KEYS[1])
if not used then return {0, -2} end
return {tonumber(used), redis.call('PTTL', KEYS[1])}
`;

type WithConsume = SharedRedis['client'] & {
  candorRateLimitConsume(key: string, points: number, windowMs: number): Promise<[number, number]>;
  candorRateLimitPeek(key: string): Promise<[number, number]>;
};

/** Windows shared by every instance on the same Redis and prefix. Throws when Redis fails. */
export function createRedisRateLimitStore(redis: SharedRedis): RateLimitStore {
  // defineCommand sends EVALSHA and falls back to EVAL once, when Redis does not know the script.
  redis.client.defineCommand('candorRateLimitConsume', { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  redis.client.defineCommand('candorRateLimitPeek', { numberOfKeys: 1, lua: PEEK_SCRIPT });
  const client = redis.client as WithConsume;
  return {
    async consume(key, points, windowMs): Promise<WindowUsage> {
      const [used, resetInMs] = await client.candorRateLimitConsume(`${redis.prefix}rl:${key}`, points, windowMs);
      return { used, resetInMs };
    },
    async peek(key): Promise<WindowUsage | null> {
      const [used, resetInMs] = await client.candorRateLimitPeek(`${redis.prefix}rl:${key}`);
      return resetInMs < 0 ? null : { used, resetInMs };
    },
  };
}
