/**
 * Props of the information pages (/downloads/, /about/, /accessibility/, /contact/): pure
 * functions of the collections, like page-props.ts.
 */
import { siteDownloads } from './downloads';
import type { Organization } from './entry-types';
import type { SiteCollections } from './page-props';
import { type ListedDownload, listed } from './verify-tools';

export interface InfoProps {
  organization: Organization;
}

export interface DownloadsProps extends InfoProps {
  downloads: ListedDownload[];
  archiveRoot: string;
  keyId: string;
  checkpointSequence: number | null;
  /** When the archive is dated (the latest checkpoint), null when nothing was signed yet. */
  exportedAt: Date | null;
  minimumCellSize: number | null;
}

export function downloadsProps(site: SiteCollections): DownloadsProps {
  const downloads = siteDownloads(site);
  return {
    organization: site.organization,
    downloads: downloads.all.map(listed),
    archiveRoot: downloads.archiveRoot,
    keyId: site.integrity.keyId,
    checkpointSequence: site.integrity.latestCheckpoint?.sequence ?? null,
    exportedAt: site.integrity.latestCheckpoint?.issuedAt ?? null,
    minimumCellSize: site.consent[0]?.minimumCellSize ?? null,
  };
}

export interface AboutProps extends InfoProps {
  counts: { documents: number; versions: number; features: number; segments: number; consentSeries: number };
  minimumCellSize: number | null;
}

export function aboutProps(site: SiteCollections): AboutProps {
  return {
    organization: site.organization,
    counts: {
      documents: site.documents.length,
      versions: site.versions.length,
      features: site.features.length,
      segments: site.segments.length,
      consentSeries: site.consent.length,
    },
    minimumCellSize: site.consent[0]?.minimumCellSize ?? null,
  };
}

export const infoProps = (site: SiteCollections): InfoProps => ({ organization: site.organization });
