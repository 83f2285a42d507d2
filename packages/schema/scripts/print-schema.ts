/**
 * `pnpm schema:print` writes the SDL to packages/schema/schema.graphql and the leaf fragments the
 * site and the CLI spread to packages/schema/fragments.graphql (both committed: partners read
 * them); `pnpm schema:check` fails when either committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';
import { printLeafFragments } from '../src/schema/leaf-fragments.js';

const sorted = lexicographicSortSchema(schema);
const outputs = [
  { file: 'schema.graphql', text: `${printSchema(sorted)}\n` },
  { file: 'fragments.graphql', text: printLeafFragments(sorted) },
];

const read = (path: URL): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

if (process.argv.includes('--check')) {
  const stale = outputs.filter(({ file, text }) => read(new URL(`../${file}`, import.meta.url)) !== text);
  if (stale.length > 0) {
    const names = stale.map(({ file }) => `packages/schema/${file}`).join(', ');
    console.error(`✗ ${names} ${stale.length === 1 ? 'is' : 'are'} stale: run pnpm schema:print and commit`);
    process.exit(1);
  }
  console.log('✓ schema.graphql and fragments.graphql are up to date');
} else {
  for (const { file, text } of outputs) {
    writeFileSync(new URL(`../${file}`, import.meta.url), text);
    console.log(`wrote packages/schema/${file}`);
  }
}
