/**
 * What /verify/ needs beyond the chains (page-props.ts's verifyProps): the hash-format example,
 * the downloads to check, and the versions the in-browser verifier offers.
 */
import { type Download, siteDownloads } from './downloads';
import { type HashRecipe, hashRecipe } from './hash-recipe';
import { type SiteCollections, versionsOf } from './page-props';
import { versionJsonPath } from './urls';

/** A download as a page lists it: everything but its bytes. */
export type ListedDownload = Omit<Download, 'bytes'>;

export const listed = ({ bytes: _bytes, ...download }: Download): ListedDownload => download;

export interface VerifyTools {
  recipe: HashRecipe | null;
  manifest: ListedDownload;
  archive: ListedDownload;
  /** Every published version's JSON download, by document, newest first. */
  versions: { title: string; versions: { label: string; path: string }[] }[];
}

export function verifyTools(site: SiteCollections): VerifyTools {
  const downloads = siteDownloads(site);
  return {
    recipe: hashRecipe(site, downloads),
    manifest: listed(downloads.manifest),
    archive: listed(downloads.archive),
    versions: site.documents.map((document) => ({
      title: document.title,
      versions: versionsOf(site, document).map((version) => ({
        label: version.label,
        path: versionJsonPath(document.slug, version.label),
      })),
    })),
  };
}
