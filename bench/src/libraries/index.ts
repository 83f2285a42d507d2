/**
 * `pnpm bench:libraries`: every `*.bench.ts` in this folder (ours against the maintained library
 * covering the same ground; docs/adr/0007 on), each in its own Node process so that one's JIT state
 * and heap do not colour the next. Pass file names (e.g. `lru`) to run only those.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();
if (files.length === 0) throw new Error(`no benchmark in ${folder} matches ${only.join(', ')}`);

const failed: string[] = [];
for (const file of files) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(folder, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(file);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
