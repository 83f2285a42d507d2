import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

/** Every ```graphql block of the README: partners copy them into GraphiQL as they are. */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((query, index) => [index + 1, query] as const))(
    'example %i runs without variables or errors and returns data',
    async (_index, query) => {
      expect(query).not.toMatch(/\$\w+/);
      const data = await api.current.execute(query);
      expect(Object.values(data).every((value) => value !== null)).toBe(true);
    },
  );
});
