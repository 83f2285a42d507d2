/**
 * `pnpm codegen:check` (part of `pnpm check`): generates the operation types in memory (codegen.ts)
 * and fails when a committed file differs from them, or when an operation does not validate
 * against the committed SDL — a field, argument or type the schema does not have.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let outputs: { filename: string; content: string }[];
try {
  outputs = await generate({ ...config, silent: true, errorsOnly: true }, false);
} catch (error) {
  console.error(`✗ the operations do not match packages/schema/schema.graphql:\n${describe(error)}`);
  process.exit(1);
}

const stale = outputs
  .filter(({ filename, content }) => read(filename) !== content)
  .map((o) => relative(root, o.filename));
if (stale.length > 0) {
  console.error(`✗ stale generated operation types: ${stale.join(', ')}; run pnpm codegen and commit them`);
  process.exit(1);
}
console.log(`✓ generated operation types are up to date (${outputs.length} files)`);

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Codegen's errors wrap GraphQL's validation errors, which name the field and the document. */
function describe(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describe).join('\n');
  if (error instanceof Error) return error.message;
  return String(error);
}
