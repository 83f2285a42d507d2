/**
 * The CLI compiled once per test run into one ES module, so each `runCli` starts a plain
 * `node <bundle>` instead of tsx: tsx spawns a second node process and loads every module of
 * the CLI through its loader thread, about 2.5 s of CPU per run against under 1 s for the
 * bundle, and the CLI tests start a few hundred of them per database.
 *
 * It stays the code `pnpm candor` runs: the same sources compiled by the same esbuild version
 * tsx uses. Only Candor's own files are inlined; every package import is left to Node, pointed
 * at the file esbuild resolved from the importing source file (with Node's conditions), so
 * packages load exactly as under tsx. Each inlined file keeps its own `import.meta.url`, which
 * the code uses to find the repository, the migrations and the Prisma runtime.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const entry = new URL('../../apps/api/src/cli/index.ts', import.meta.url);

/** Marks the nested resolve call so the plugin does not answer itself. */
const NESTED = Symbol('nested resolve');

const candorSourcesOnly: Plugin = {
  name: 'candor-sources-only',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === NESTED || args.path.startsWith('node:') || args.path.startsWith('@candor/')) {
        return undefined;
      }
      const resolved = await bundler.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: NESTED,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      // A workspace package's source is inlined like any other Candor file.
      if (!resolved.path.includes('/node_modules/')) return undefined;
      return { path: resolved.path, external: true };
    });
    bundler.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const ownUrl = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', ownUrl), loader: 'ts' };
    });
  },
};

/** Writes the bundle to `outfile` (an .mjs path) and returns it. */
export async function bundleCli(outfile: string): Promise<string> {
  await build({
    entryPoints: [entry.pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node's own conditions only (esbuild would add "module"), so a package resolves here to
    // the file Node would load for it.
    conditions: [],
    logLevel: 'warning',
    plugins: [candorSourcesOnly],
  });
  return outfile;
}
