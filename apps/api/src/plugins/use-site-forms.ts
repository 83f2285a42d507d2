import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '@candor/schema';
import { endOfDayUtc, isSlug, isVersionLabel, parseDateOnly, versionInForce } from '@candor/schema/domain';
import type { Plugin } from 'graphql-yoga';

export interface SiteFormsOptions {
  /** The built site (apps/site/dist): a comparison is offered only where its page was built. */
  root: string;
  database: Database;
  clock: () => Date;
}

const COMPARE = /^\/documents\/([^/]+)\/compare\/?$/;
const AS_OF = /^\/documents\/([^/]+)\/as-of\/?$/;

/** A same-origin path: one leading slash and percent-encoded segments, never a scheme or a host. */
const pathOf = (...segments: string[]): string => `/${segments.map(encodeURIComponent).join('/')}/`;

const seeOther = (location: string): Response => new Response(null, { status: 303, headers: { location } });

async function isPage(root: string, path: string): Promise<boolean> {
  try {
    return (await stat(join(root, decodeURIComponent(path), 'index.html'))).isFile();
  } catch {
    return false;
  }
}

/**
 * The label of the version a published version's changes page compares it with: its newest
 * rebase's, else its stored changelog's (what the API serves as `changes.from`).
 */
async function comparedWith(database: Database, slug: string, label: string, now: Date): Promise<string | null> {
  const version = await database.prisma.version.findFirst({
    where: { document: { slug }, label, status: 'PUBLISHED', publishedAt: { lte: now } },
    select: {
      changelog: { select: { fromVersion: { select: { label: true } } } },
      rebases: {
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { fromVersion: { select: { label: true } } },
      },
    },
  });
  if (version === null) return null;
  const rebase = version.rebases[0];
  return rebase !== undefined ? (rebase.fromVersion?.label ?? null) : (version.changelog?.fromVersion?.label ?? null);
}

/**
 * The site's two forms, answered without JavaScript: GET /documents/<slug>/compare/?from=A&to=B
 * redirects (303) to the built comparison of A and B (older first, whichever order they were
 * picked in; on a long history, a consecutive pair's comparison is the newer version's changes page), and GET /documents/<slug>/as-of/?date=YYYY-MM-DD to the page of the version in force
 * that day (the domain's rule, versionInForce at the end of the UTC day, as the API's
 * `document.versionAt`). Anything else lands on the form's own page at an anchor that explains
 * (#same-version, #not-available, #unknown-version, #invalid-date, #before-first). Only spellings
 * allowed in slugs and labels are read, and every location is built from them percent-encoded on
 * this origin: the plugin can never redirect elsewhere. A request without the form's fields is
 * left to the static site (the pages themselves).
 */
export function useSiteForms({ root, database, clock }: SiteFormsOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const compare = COMPARE.exec(url.pathname);
      if (compare !== null) {
        const from = url.searchParams.get('from');
        const to = url.searchParams.get('to');
        if (from === null && to === null) return;
        const slug = compare[1] ?? '';
        if (!isSlug(slug)) return;
        const index = pathOf('documents', slug, 'compare');
        // A document the site has no compare page for: the static site answers (404).
        if (!(await isPage(root, index))) return;
        if (from === null || to === null || !isVersionLabel(from) || !isVersionLabel(to)) {
          endResponse(seeOther(`${index}#unknown-version`));
          return;
        }
        if (from === to) {
          endResponse(seeOther(`${index}#same-version`));
          return;
        }
        for (const [older, newer] of [
          [from, to],
          [to, from],
        ] as const) {
          const pair = pathOf('documents', slug, 'compare', older, newer);
          if (await isPage(root, pair)) {
            endResponse(seeOther(pair));
            return;
          }
        }
        // A long history has no page for a consecutive pair: the newer version's changes page is it.
        for (const [older, newer] of [
          [from, to],
          [to, from],
        ] as const) {
          const changes = pathOf('documents', slug, newer, 'changes');
          if ((await comparedWith(database, slug, newer, clock())) === older && (await isPage(root, changes))) {
            endResponse(seeOther(changes));
            return;
          }
        }
        endResponse(seeOther(`${index}#not-available`));
        return;
      }
      const asOf = AS_OF.exec(url.pathname);
      if (asOf !== null) {
        const date = url.searchParams.get('date');
        if (date === null) return;
        const slug = asOf[1] ?? '';
        if (!isSlug(slug)) return;
        const page = pathOf('documents', slug, 'as-of');
        if (!(await isPage(root, page))) return;
        let day: Date;
        try {
          day = parseDateOnly(date, 'date');
        } catch {
          endResponse(seeOther(`${page}#invalid-date`));
          return;
        }
        const now = clock();
        const versions = await database.prisma.version.findMany({
          where: { document: { slug }, status: 'PUBLISHED', publishedAt: { lte: now } },
          select: { label: true, effectiveAt: true, publishedAt: true, withdrawal: { select: { id: true } } },
        });
        const dated = versions.flatMap((version) =>
          version.effectiveAt === null || version.publishedAt === null
            ? []
            : [{ ...version, effectiveAt: version.effectiveAt, publishedAt: version.publishedAt }],
        );
        const inForce = versionInForce(dated, endOfDayUtc(day));
        endResponse(
          seeOther(inForce === undefined ? `${page}#before-first` : pathOf('documents', slug, inForce.label)),
        );
      }
    },
  };
}
