/**
 * The worked example on /verify/: how to check one version, its chain link and the checkpoint
 * with standard tools (jq, sha256sum, base64, openssl) on the files this site publishes. The
 * commands are built here from the domain's canonical form (packages/schema/src/domain/canonical.ts,
 * checkpoint.ts) and the test suite runs them on the built site (test/site/downloads.test.ts), so
 * what the page tells a reader to type is known to work.
 */
import { CHECKPOINT_FORMAT, canonicalVersion, documentChain } from '@candor/schema/domain';
import { CANONICAL_JQ } from './canonical-jq';
import { type Downloads, siteDownloads } from './downloads';
import type { VersionEntry } from './entry-types';
import { type SiteCollections, versionsOf } from './page-props';
import { versionJsonPath } from './urls';

export interface HashRecipe {
  version: { document: string; documentTitle: string; label: string };
  /** The version JSON download's URL path and the file name it is saved under. */
  jsonPath: string;
  jsonFile: string;
  /** The canonical text the hash covers (one line), and its SHA-256. */
  canonical: string;
  contentHash: string;
  previousHash: string | null;
  chain: string;
  manifestPath: string;
  manifestFile: string;
  archivePath: string;
  archiveFile: string;
  /** Shell commands, one string per step. */
  commands: { hashVersion: string; chainLinks: string; checkpoint: string; downloads: string };
}

/** The version the example uses: the newest published, not imported, with a previous version (a real link). */
function sampleVersion(site: SiteCollections): VersionEntry | undefined {
  const candidates = site.documents.flatMap((document) =>
    versionsOf(site, document).filter((version) => version.importSource === null),
  );
  return candidates.find((version) => version.previousHash !== null) ?? candidates[0];
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'"'"'`)}'`;

export function hashRecipe(site: SiteCollections, downloads: Downloads = siteDownloads(site)): HashRecipe | null {
  const version = sampleVersion(site);
  if (version === undefined) return null;
  const jsonPath = versionJsonPath(version.document, version.label);
  const jsonFile = decodeURIComponent(jsonPath.slice(jsonPath.lastIndexOf('/') + 1));
  const chain = documentChain(version.document);
  const canonical = canonicalVersion({
    ...version,
    clauses: [...version.clauses].sort((a, b) => a.position - b.position),
  });
  const manifestFile = downloads.manifest.name;
  return {
    version: { document: version.document, documentTitle: version.documentTitle, label: version.label },
    jsonPath,
    jsonFile,
    canonical,
    contentHash: version.contentHash,
    previousHash: version.previousHash,
    chain,
    manifestPath: downloads.manifest.path,
    manifestFile,
    archivePath: downloads.archive.path,
    archiveFile: downloads.archive.name,
    commands: {
      hashVersion: `jq -j -c ${shellQuote(CANONICAL_JQ)} ${shellQuote(jsonFile)} | sha256sum`,
      chainLinks: `jq -r ${shellQuote(`.chains[] | select(.chain == "${chain}") | .records[] | "\\(.label)  previous \\(.previousHash)  hash \\(.contentHash)"`)} ${shellQuote(manifestFile)}`,
      checkpoint: [
        `jq -j .checkpoint.payload ${shellQuote(manifestFile)} > checkpoint.txt`,
        `jq -r .checkpoint.signature ${shellQuote(manifestFile)} | base64 -d > checkpoint.sig`,
        `jq -r .publicKeyPem ${shellQuote(manifestFile)} > key.pem`,
        'openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in checkpoint.txt -sigfile checkpoint.sig',
        `jq -r ${shellQuote(`.chains[] | select(.chain == "${chain}")`)} checkpoint.txt`,
      ].join('\n'),
      downloads: downloads.all.map((download) => `sha256sum -c ${shellQuote(`${download.name}.sha256`)}`).join('\n'),
    },
  };
}

/** The checkpoint format's name, for the page. */
export const CHECKPOINT_FORMAT_NAME = CHECKPOINT_FORMAT;
