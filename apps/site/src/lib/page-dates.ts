/**
 * When each page last changed, for the sitemap's <lastmod>.
 *
 * A page changes when something it shows happens: a version is published, takes effect or is
 * withdrawn, a revision or a consent release comes out, a figure is corrected. So a page's
 * modification time is the latest instant among the dates in its props that has already passed
 * when the site is built (`latestPastDate`); future dates (an upcoming effective date) and the
 * build instant itself say nothing about the page. The middleware computes it from each page's
 * props as the page renders and records it here; the sitemap integration looks it up by path.
 *
 * Astro renders the pages and runs the sitemap's build hook in one process but from different
 * module graphs (see version-bodies.ts): they share the record through a global symbol.
 */

const KEY = Symbol.for('candor.site.pageModified');

type Holder = { [KEY]?: Map<string, string> };

function record(): Map<string, string> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** Records a page's modification time (ISO 8601), by its URL path ("/documents/x/"). */
export function recordPageModified(path: string, modified: string): void {
  record().set(path, modified);
}

/**
 * The modification time of a page: its own when its props carry dates; otherwise (index pages
 * that read their data as they render, pages whose props are only keys) the latest of all pages',
 * the last time anything on the site changed, which is never later than the truth.
 */
export function pageModified(path: string): string | undefined {
  const pages = record();
  const own = pages.get(path);
  if (own !== undefined) return own;
  let latest: string | undefined;
  // ISO 8601 instants in UTC (toISOString) compare as strings.
  for (const modified of pages.values()) if (latest === undefined || modified > latest) latest = modified;
  return latest;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** Bounds the walk: props are plain data, but a cycle or a huge history must not hang a build. */
const MAX_VALUES = 100_000;

/**
 * The latest date in `value` (Dates and ISO-8601 instants, at any depth of objects and arrays)
 * strictly before `now`; null when there is none.
 */
export function latestPastDate(value: unknown, now: Date): Date | null {
  const limit = now.getTime();
  let latest = Number.NEGATIVE_INFINITY;
  let visited = 0;
  const seen = new Set<object>();
  const consider = (time: number) => {
    if (time < limit && time > latest) latest = time;
  };
  const walk = (item: unknown): void => {
    if (++visited > MAX_VALUES) return;
    if (item instanceof Date) consider(item.getTime());
    else if (typeof item === 'string') {
      if (ISO_INSTANT.test(item)) consider(Date.parse(item));
    } else if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return;
      seen.add(item);
      for (const child of Array.isArray(item) ? item : Object.values(item)) walk(child);
    }
  };
  walk(value);
  return Number.isFinite(latest) ? new Date(latest) : null;
}

/**
 * A page's modification time from its props (every page's props carry the organisation, whose
 * `dataAsOf` is the build's instant); undefined for a page without them or without a past date.
 */
export function pageModifiedFromProps(props: Record<string, unknown>): string | undefined {
  const organization = props.organization as { dataAsOf?: unknown } | undefined;
  if (!(organization?.dataAsOf instanceof Date)) return undefined;
  return latestPastDate(props, organization.dataAsOf)?.toISOString();
}
