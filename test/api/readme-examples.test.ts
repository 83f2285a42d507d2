import { describe, expect, it } from 'vitest';
import { documentedExamples } from '../helpers/documented-examples.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

/** Every ```graphql block of the README and docs/*.md: partners copy them into GraphiQL as they are. */
const examples = documentedExamples();

describe('documented examples (README.md, docs/*.md)', () => {
  it('has the partner guide examples', () => {
    // The partner guide's key-idea queries and its integrity query: fewer means one was lost.
    expect(examples.filter((example) => example.file === 'docs/partner-api.md').length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples.map((example) => [`${example.file} example ${example.number}`, example.query] as const))(
    '%s runs without variables or errors and returns data',
    async (_name, query) => {
      expect(query).not.toMatch(/\$\w+/);
      const data = await api.current.execute(query);
      expect(Object.values(data).every((value) => value !== null)).toBe(true);
    },
  );
});
