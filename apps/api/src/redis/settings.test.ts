import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../env.js';

describe('rate-limit, cache, Redis and CORS settings', () => {
  it('have documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      CANDOR_REDIS_PREFIX: 'candor:',
      CANDOR_RATE_LIMIT_POINTS: 2000,
      CANDOR_RATE_LIMIT_TOKEN_POINTS: 10_000,
      CANDOR_RATE_LIMIT_WINDOW_SECONDS: 3600,
      CANDOR_AUTH_FAILURE_LIMIT: 20,
      CANDOR_AUTH_FAILURE_WINDOW_SECONDS: 900,
      CANDOR_REDIS_FAILURE_MODE: 'open',
      CANDOR_TRUST_PROXY: false,
      CANDOR_RESPONSE_CACHE: true,
      CANDOR_CACHE_TTL_SECONDS: 60,
      CANDOR_EDITOR_ORIGINS: [],
    });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('switch rate limits off with 0 or off', () => {
    expect(loadEnv({ CANDOR_RATE_LIMIT_POINTS: 'off', CANDOR_RATE_LIMIT_TOKEN_POINTS: '0' })).toMatchObject({
      CANDOR_RATE_LIMIT_POINTS: 0,
      CANDOR_RATE_LIMIT_TOKEN_POINTS: 0,
    });
  });

  it('parse the editor origins, refusing anything that is not an origin', () => {
    expect(
      loadEnv({ CANDOR_EDITOR_ORIGINS: 'https://a.example, http://localhost:4321' }).CANDOR_EDITOR_ORIGINS,
    ).toEqual(['https://a.example', 'http://localhost:4321']);
    expect(() => loadEnv({ CANDOR_EDITOR_ORIGINS: 'https://a.example/' })).toThrow(/CANDOR_EDITOR_ORIGINS/);
    expect(() => loadEnv({ CANDOR_EDITOR_ORIGINS: 'a.example' })).toThrow(ConfigError);
  });

  it('refuse a Redis URL of another scheme and a negative budget', () => {
    expect(() => loadEnv({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadEnv({ CANDOR_RATE_LIMIT_POINTS: '-1' })).toThrow(/CANDOR_RATE_LIMIT_POINTS/);
    expect(() => loadEnv({ CANDOR_REDIS_FAILURE_MODE: 'maybe' })).toThrow(/CANDOR_REDIS_FAILURE_MODE/);
  });
});
