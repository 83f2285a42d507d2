/**
 * `pnpm schema:print` writes the SDL to packages/schema/schema.graphql (committed);
 * `pnpm schema:check` fails when the committed file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

const path = new URL('../schema.graphql', import.meta.url);
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {}
  if (committed !== sdl) {
    console.error('✗ packages/schema/schema.graphql is stale: run pnpm schema:print and commit it');
    process.exit(1);
  }
  console.log('✓ schema.graphql is up to date');
} else {
  writeFileSync(path, sdl);
  console.log('wrote packages/schema/schema.graphql');
}
