import { describe, expect, it } from 'vitest';
import { ConfigError, clockFrom, loadEnv } from './env.js';

describe('loadEnv', () => {
  it('works with nothing set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ HOST: '127.0.0.1', PORT: 4000, CANDOR_MIN_CELL_SIZE: 10, CANDOR_GRAPHIQL: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('parses booleans and numbers', () => {
    const env = loadEnv({ PORT: '0', CANDOR_GRAPHIQL: 'off', CANDOR_MIN_CELL_SIZE: '5' });
    expect(env).toMatchObject({ PORT: 0, CANDOR_GRAPHIQL: false, CANDOR_MIN_CELL_SIZE: 5 });
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ PORT: '' }).PORT).toBe(4000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['CANDOR_MIN_CELL_SIZE', '0'],
    ['CANDOR_GRAPHIQL', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['CANDOR_NOW', 'yesterday'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(name));
  });

  it('freezes the clock when CANDOR_NOW is set', () => {
    expect(clockFrom({ CANDOR_NOW: '2024-01-02T03:04:05Z' })().toISOString()).toBe('2024-01-02T03:04:05.000Z');
  });
});
