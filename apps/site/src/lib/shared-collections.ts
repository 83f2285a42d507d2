/**
 * The collections the pages were rendered from, handed to the integrations that write the
 * site's pure-data files after the pages (integrations/data-files.ts). As with the version bodies
 * (lib/version-bodies.ts), the route modules and the integrations run in the same process but in
 * different module graphs (the bundled server build and the Astro config), so they meet through a
 * global symbol.
 */
import type { SiteCollections } from './page-props';

const KEY = Symbol.for('candor.site.collections');

type Holder = { [KEY]?: SiteCollections | undefined };

/** Called by lib/collections.ts once the collections are read. */
export function shareCollections(site: SiteCollections): void {
  (globalThis as Holder)[KEY] = site;
}

/** The collections of this process's build; fails loudly when no page has read them. */
export function sharedCollections(): SiteCollections {
  const site = (globalThis as Holder)[KEY];
  if (site === undefined) {
    throw new Error(
      'No site collections in this process: no page read them (lib/collections.ts) before the build ended',
    );
  }
  return site;
}
