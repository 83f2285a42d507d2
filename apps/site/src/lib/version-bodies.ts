/**
 * The bulky part of every version (explanations, clauses, stored changes with word diffs), held in
 * memory for the build instead of in Astro's content-layer store.
 *
 * Why: Astro 5 writes the whole data store to data-store.json, then turns it into one JavaScript
 * module (`astro:data-layer-content`, via Vite's dataToEsm) that Rollup parses and bundles into
 * the server build, and every page's render process parses it back. With the clauses and diffs
 * inside, that store grows by ~14 KB per version: at 1,000 versions the content sync, the
 * server build and peak memory were dominated by it (see BENCHMARKS.md). The `versions`
 * collection keeps each version's summary; its loader puts the body here, keyed by the same
 * entry id.
 *
 * Astro evaluates the content config (and so the loaders) in the same process that later renders
 * the pages, but from a different module graph (a temporary Vite server, then the bundled server
 * build), so the two copies of this module share the map through a global symbol, not a
 * module-level variable.
 */
import type { VersionBody } from './entry-types';

const KEY = Symbol.for('candor.site.versionBodies');

type Holder = { [KEY]?: Map<string, VersionBody> };

/** Replaces every body (called by the versions loader on each content sync). */
export function setVersionBodies(bodies: Map<string, VersionBody>): void {
  (globalThis as Holder)[KEY] = bodies;
}

/** The body of version `<slug>/<label>`; fails loudly when the loader has not run in this process. */
export function versionBody(id: string): VersionBody {
  const bodies = (globalThis as Holder)[KEY];
  if (bodies === undefined) {
    throw new Error(
      'No version bodies in this process: the versions loader (src/loaders/candor-loaders.ts) must run in the process that renders the pages',
    );
  }
  const body = bodies.get(id);
  if (body === undefined) throw new Error(`No body for version ${id}: the versions loader did not load it`);
  return body;
}
