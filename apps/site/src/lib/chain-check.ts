/**
 * The build checks the document chains itself, over exactly the versions it publishes: every
 * version's content (as the pages show it) is hashed again and every link checked, with the same
 * domain function the API's `integrity.verify` uses. What /verify/ reports of it is a statement
 * about the text a reader sees on these pages; the server's own verification of every chain (and
 * of its database against its latest signed checkpoint) is shown beside it.
 */
import { verifyChains } from '@candor/schema/domain';
import type { SiteData } from './site-data';

type SiteVersion = SiteData['documents'][number]['versions'][number];

/** Chain order is publication order, then id (ADR 0002), whatever order the site lists versions in. */
const byPublication = (a: SiteVersion, b: SiteVersion) =>
  a.publishedAt === b.publishedAt
    ? a.id < b.id
      ? -1
      : a.id > b.id
        ? 1
        : 0
    : Date.parse(a.publishedAt) - Date.parse(b.publishedAt);

export function checkPublishedChains(documents: SiteData['documents']) {
  const { ok, chains, problems } = verifyChains(
    [...documents]
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
      .map((document) => ({
        slug: document.slug,
        versions: [...document.versions].sort(byPublication).map((version) => ({
          label: version.label,
          publishedAt: new Date(version.publishedAt),
          effectiveAt: new Date(version.effectiveAt),
          material: version.material,
          changeNote: version.changeNote,
          previousHash: version.previousHash,
          contentHash: version.contentHash,
          // An imported version hashes its source too (candor-imported-version/1).
          source:
            version.importSource === null || version.importedAt === null
              ? null
              : { reference: version.importSource, importedAt: new Date(version.importedAt) },
          clauses: [...version.clauses]
            .sort((a, b) => a.position - b.position)
            .map(({ key, number, heading, body }) => ({ key, number, heading, body })),
          explanations: version.explanations.map(({ segment, summary, whatChanges, affected }) => ({
            segment: segment.key,
            summary,
            whatChanges,
            affected,
          })),
        })),
      })),
  );
  return {
    ok,
    chains,
    problems: problems.map(({ chain, label, code, message }) => ({ chain, record: label, code, message })),
  };
}
