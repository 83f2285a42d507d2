/**
 * `pnpm codegen`: writes the operation types of the site and the CLI (codegen.ts) from the
 * committed SDL. It runs on every install (the root postinstall, like the Prisma client) and in
 * `pnpm check` before the typecheck, so the generated files are never committed and never stale:
 * they are build output, and the typecheck of the apps against them is the check.
 *
 * An operation that does not validate against the SDL — a field, argument or type the schema
 * does not have — stops it with the GraphQL error naming the field and the document.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
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

let written = 0;
for (const { filename, content } of outputs) {
  // Unchanged files keep their timestamps, so watchers and incremental typechecks stay quiet.
  if (read(filename) === content) continue;
  mkdirSync(dirname(filename), { recursive: true });
  writeFileSync(filename, content);
  written += 1;
}
const names = outputs.map((output) => relative(root, output.filename)).join(', ');
console.log(`✓ operation types generated from the SDL (${written} of ${outputs.length} files changed: ${names})`);

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
