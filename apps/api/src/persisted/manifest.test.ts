import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPersistedDocument, loadPersistedOperations, SITE_OPERATIONS_DIRECTORY, sha256Hex } from './manifest.js';

describe('the persisted operations manifest', () => {
  it("holds each of the site's operation files under the SHA-256 of its full text", () => {
    const files = readdirSync(SITE_OPERATIONS_DIRECTORY).filter((name) => name.endsWith('.graphql'));
    const { byHash, manifestJson } = loadPersistedOperations();
    expect(files.length).toBeGreaterThan(0);
    expect(byHash.size).toBe(files.length);
    for (const file of files) {
      const text = readFileSync(join(SITE_OPERATIONS_DIRECTORY, file), 'utf8');
      expect(byHash.get(sha256Hex(text))).toBe(text);
      expect(isPersistedDocument(text)).toBe(true);
      expect(isPersistedDocument(`${text} `)).toBe(false);
    }
    expect(JSON.parse(manifestJson)).toEqual(Object.fromEntries(byHash));
  });

  it('refuses a directory with a file that does not parse', () => {
    const directory = mkdtempSync(join(tmpdir(), 'candor-ops-'));
    writeFileSync(join(directory, 'broken.graphql'), 'query {');
    expect(() => loadPersistedOperations(directory)).toThrow(/Syntax Error/);
  });

  it('skips fragment-only files', () => {
    const directory = mkdtempSync(join(tmpdir(), 'candor-ops-'));
    writeFileSync(join(directory, 'fragments.graphql'), 'fragment F on Query { __typename }');
    writeFileSync(join(directory, 'q.graphql'), 'query Q { __typename }');
    expect([...loadPersistedOperations(directory).byHash.values()]).toEqual(['query Q { __typename }']);
  });
});
