import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STAGES } from './index.js';

const SOURCE = fileURLToPath(new URL('../', import.meta.url));

/** Every TypeScript file under apps/api/src, with the modules it imports, relative to src/. */
function sources(directory = SOURCE): { file: string; imports: string[] }[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    if (!entry.name.endsWith('.ts')) return [];
    const text = readFileSync(path, 'utf8');
    const imports = [...text.matchAll(/from '(\.[^']+)'/g)].map((match) =>
      relative(SOURCE, join(directory, match[1] ?? '')).replace(/\.js$/, '.ts'),
    );
    return [{ file: relative(SOURCE, path), imports }];
  });
}

describe('the layers of the HTTP edge point one way', () => {
  const files = sources();

  it('has no import of a plugin file outside the yoga wiring (yoga.ts)', () => {
    const offending = files.filter(
      ({ file, imports }) => file !== 'yoga.ts' && imports.some((path) => path.startsWith('plugins/')),
    );
    expect(offending.map(({ file }) => file)).toEqual([]);
  });

  it('keeps the pipeline below both adapters: it imports neither plugins/ nor node/', () => {
    const offending = files.filter(
      ({ file, imports }) =>
        file.startsWith('pipeline/') && imports.some((path) => path.startsWith('plugins/') || path.startsWith('node/')),
    );
    expect(offending.map(({ file }) => file)).toEqual([]);
  });

  it('keeps the two adapters apart: plugins/ never imports node/, node/ never imports plugins/', () => {
    const crossing = files.filter(
      ({ file, imports }) =>
        (file.startsWith('plugins/') && imports.some((path) => path.startsWith('node/'))) ||
        (file.startsWith('node/') && imports.some((path) => path.startsWith('plugins/'))),
    );
    expect(crossing.map(({ file }) => file)).toEqual([]);
  });

  it('names the stages in the issue’s order, the charge split around the work', () => {
    expect(STAGES).toEqual([
      'identify',
      'check-request',
      'params',
      'pre-parse-limits',
      'admit',
      'cache-lookup',
      'parse-validate',
      'execute',
      'mask',
      'settle',
      'headers',
      'store',
      'log',
    ]);
  });
});
