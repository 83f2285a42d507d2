/**
 * What search says of a version page: its status in words ("In force", "Upcoming, takes effect on
 * 16 July 2026", "Superseded on 20 June 2024", "Withdrawn on 18 October 2024") and its standing,
 * by which public/search.js ranks versions in force first. They reach Pagefind as one metadata
 * field of the page (`data-pagefind-meta="status:…"`: Pagefind takes one static key:value per
 * attribute, the rest of the attribute being the value), written `standing|status|title` and read
 * back by public/search.js; an upcoming version's result is titled by its date, not by its label
 * (lib/version-names.ts).
 */
import type { VersionTiming } from './entry-types';
import { formatDate } from './format';
import { versionTitle } from './version-names';

/** The order search ranks results in (lower first); pages that are not versions rank with upcoming ones. */
export const SEARCH_STANDING_RANK = { 'in-force': 0, upcoming: 1, other: 1, superseded: 2, withdrawn: 3 } as const;
export type SearchStanding = keyof typeof SEARCH_STANDING_RANK;

interface StatusVersion {
  label: string;
  documentTitle: string;
  timing: VersionTiming;
  effectiveAt: Date;
  withdrawal: { withdrawnAt: Date } | null;
}

export interface SearchStatus {
  status: string;
  standing: Exclude<SearchStanding, 'other'>;
  /** A title for the result instead of the page's h1 (an upcoming version), or null. */
  title: string | null;
}

/**
 * A version's status for search. `siblings` are the document's versions: a superseded one is
 * "superseded on" the date the next version that took effect (not withdrawn) began to bind.
 */
export function searchStatus(version: StatusVersion, siblings: readonly StatusVersion[]): SearchStatus {
  switch (version.timing) {
    case 'IN_FORCE':
      return { status: 'In force', standing: 'in-force', title: null };
    case 'UPCOMING':
      return {
        status: `Upcoming, takes effect on ${formatDate(version.effectiveAt)}`,
        standing: 'upcoming',
        title: versionTitle(version),
      };
    case 'WITHDRAWN':
      return {
        status:
          version.withdrawal === null
            ? 'Withdrawn before it took effect'
            : `Withdrawn on ${formatDate(version.withdrawal.withdrawnAt)} before it took effect`,
        standing: 'withdrawn',
        title: null,
      };
    default: {
      const successor = siblings
        .filter(
          (other) =>
            other.timing !== 'WITHDRAWN' &&
            other.timing !== 'UPCOMING' &&
            other.effectiveAt.getTime() > version.effectiveAt.getTime(),
        )
        .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime())[0];
      return {
        status: successor === undefined ? 'Superseded' : `Superseded on ${formatDate(successor.effectiveAt)}`,
        standing: 'superseded',
        title: null,
      };
    }
  }
}

/** The separator of the metadata value's parts (public/search.js splits on it). */
export const SEARCH_META_SEPARATOR = '|';

/** A part of the value: no separator inside, a comma shown as a dash (Pagefind's list separator), spaces folded. */
const metaPart = (text: string): string =>
  text.replaceAll(SEARCH_META_SEPARATOR, '/').replaceAll(',', ' –').replace(/\s+/g, ' ').trim();

/**
 * The `data-pagefind-meta` value of a version page: `status:<standing>|<status>|<title>`, e.g.
 * "status:in-force|In force|" or "status:upcoming|Upcoming – takes effect on 1 January 2027|Terms of
 * Service changes on 1 January 2027".
 */
export function searchMeta(status: SearchStatus): string {
  return `status:${[status.standing, metaPart(status.status), metaPart(status.title ?? '')].join(SEARCH_META_SEPARATOR)}`;
}
