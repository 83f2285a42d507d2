/**
 * The site's downloads (/downloads/): the whole archive in the layout of `candor export`, laid out
 * by the same domain function (buildExportFromRecords) from the records the site was built from
 * and packed as one .tar.gz; the manifest on its own (what the in-browser verifier checks a
 * version against); and two CSVs: the consent statistics and the AI-feature facts. Each has its
 * SHA-256 published beside it as a `sha256sum` line (`<file>.sha256`) and on the page.
 *
 * Every byte depends on the data only, never on the build's clock: the export is dated by the
 * latest checkpoint (when the records it covers were last signed), the tar entries carry that
 * time, and gzip writes no time of its own. Two builds of the same data publish the same files
 * and hashes.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  buildExportFromRecords,
  CONSENT_COUNT_FIELDS,
  type ConsentCountField,
  FEATURE_FACT_FIELDS,
  type LaidOutExport,
  MANIFEST_FILE,
  type PortalRecords,
} from '@candor/schema/domain';
import type { Cell } from './entry-types';
import type { SiteCollections } from './page-props';
import { writeTar } from './tar';

export const DOWNLOADS_PATH = '/downloads/';

export interface Download {
  /** File name under /downloads/. */
  name: string;
  /** URL path. */
  path: string;
  /** URL path of its `sha256sum` line. */
  sha256Path: string;
  title: string;
  /** Its format, in a sentence or two. */
  format: string;
  mediaType: string;
  bytes: Uint8Array;
  size: number;
  sha256: string;
}

export interface Downloads {
  archive: Download;
  manifest: Download;
  consentCsv: Download;
  factsCsv: Download;
  /** In the order /downloads/ lists them. */
  all: Download[];
  /** The name of the archive's one top-level directory (the export's root). */
  archiveRoot: string;
  /** The export it holds, as laid out. */
  laidOut: LaidOutExport;
}

const encoder = new TextEncoder();
const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A file name made of the organisation's slug: lowercase letters, digits and dashes. */
const fileStem = (slug: string): string =>
  slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'candor';

/** The records the site shows, in the shape the exporter reads (as the API serves them). */
export function portalRecords(site: SiteCollections): PortalRecords {
  const { organization, integrity } = site;
  const checkpoint = integrity.latestCheckpoint;
  return {
    organisation: { name: organization.name, isSample: organization.isSample, sampleNotice: organization.sampleNotice },
    publicKeyPem: integrity.publicKeyPem,
    keyId: integrity.keyId,
    checkpoint:
      checkpoint === null
        ? null
        : { sequence: checkpoint.sequence, payload: checkpoint.payload, signature: checkpoint.signature },
    documents: site.documents.map((document) => ({
      slug: document.slug,
      title: document.title,
      versions: site.versions
        .filter((version) => version.document === document.slug)
        .map((version) => ({
          label: version.label,
          publishedAt: version.publishedAt.toISOString(),
          effectiveAt: version.effectiveAt.toISOString(),
          material: version.material,
          changeNote: version.changeNote,
          contentHash: version.contentHash,
          previousHash: version.previousHash,
          importSource: version.importSource,
          importedAt: iso(version.importedAt),
          clauses: version.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body })),
          explanations: version.explanations.map(({ segment, summary, whatChanges, affected }) => ({
            segment: { key: segment },
            summary,
            whatChanges,
            affected,
          })),
          withdrawal:
            version.withdrawal === null
              ? null
              : { ...version.withdrawal, withdrawnAt: version.withdrawal.withdrawnAt.toISOString() },
        })),
    })),
    features: site.features.map((feature) => ({
      slug: feature.slug,
      name: feature.name,
      revisions: feature.revisions.map((revision) => ({
        number: revision.number,
        publishedAt: revision.publishedAt.toISOString(),
        effectiveAt: revision.effectiveAt.toISOString(),
        material: revision.material,
        changeNote: revision.changeNote,
        contentHash: revision.contentHash,
        previousHash: revision.previousHash,
        facts: revision.facts.map(({ segment, governingClauses, ...facts }) => ({
          ...facts,
          segment: { key: segment },
          governingClauseRefs: governingClauses.map(({ document, key }) => ({ document, key })),
        })),
        explanations: revision.explanations.map(({ segment, summary, whatChanges, affected }) => ({
          segment: { key: segment },
          summary,
          whatChanges,
          affected,
        })),
        withdrawal:
          revision.withdrawal === null
            ? null
            : { ...revision.withdrawal, withdrawnAt: revision.withdrawal.withdrawnAt.toISOString() },
      })),
    })),
    releases: integrity.consentReleases.map((release) => ({
      reason: release.reason,
      releasedAt: release.releasedAt.toISOString(),
      rowCount: release.rowCount,
      minimumCellSize: release.minimumCellSize,
      contentHash: release.contentHash,
      previousHash: release.previousHash,
      rows: release.rows,
    })),
    definitionChanges: integrity.definitionChanges.map((change) => ({
      at: change.at.toISOString(),
      subject: change.subject,
      key: change.key,
      action: change.action,
      values: change.values,
      contentHash: change.contentHash,
      previousHash: change.previousHash,
    })),
  };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csv = (rows: readonly (readonly (string | number | boolean | null)[])[]): string =>
  rows
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')
    .concat('\r\n');

const snake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** What a cell's empty value means: published (a number), suppressed (fewer than the minimum) or not tracked. */
export const cellStatus = (cell: Cell): 'published' | 'suppressed' | 'not_tracked' =>
  cell.suppressed ? 'suppressed' : cell.value === null ? 'not_tracked' : 'published';

export const CONSENT_CSV_HEADER = [
  'feature',
  'feature_name',
  'segment',
  'segment_name',
  'month',
  ...CONSENT_COUNT_FIELDS.flatMap((field) => [snake(field), `${snake(field)}_status`]),
  'enabled_rate',
  'corrected',
];

/** Every consent statistic the site publishes: one row per feature × segment × month, figures in force. */
export function consentStatisticsCsv(site: SiteCollections): string {
  const segmentName = new Map(site.segments.map((segment) => [segment.key, segment.name]));
  const rows = site.consent.flatMap((series) =>
    series.rows.map((row) => [
      series.feature,
      series.featureName,
      series.segment,
      segmentName.get(series.segment) ?? series.segment,
      row.period,
      ...CONSENT_COUNT_FIELDS.flatMap((field: ConsentCountField) => {
        const cell = row[field];
        return [cell.suppressed ? null : cell.value, cellStatus(cell)];
      }),
      row.enabledRate,
      row.corrected,
    ]),
  );
  return csv([CONSENT_CSV_HEADER, ...rows]);
}

const factFields = FEATURE_FACT_FIELDS.filter((field) => field !== 'governingClauses');

export const FACTS_CSV_HEADER = [
  'feature',
  'feature_name',
  'revision',
  'published_at',
  'effective_at',
  'material',
  'withdrawn',
  'content_hash',
  'segment',
  'segment_name',
  ...factFields.map(snake),
  'governing_clauses',
];

/** The AI-feature facts: one row per feature × segment × revision, every published revision. */
export function featureFactsCsv(site: SiteCollections): string {
  const segmentName = new Map(site.segments.map((segment) => [segment.key, segment.name]));
  const list = (value: unknown): string | number | boolean | null =>
    Array.isArray(value) ? value.join('; ') : (value as string | number | boolean | null);
  const rows = site.features.flatMap((feature) =>
    [...feature.revisions]
      .sort((a, b) => a.number - b.number)
      .flatMap((revision) =>
        revision.facts.map((facts) => [
          feature.slug,
          feature.name,
          revision.number,
          revision.publishedAt.toISOString(),
          revision.effectiveAt.toISOString(),
          revision.material,
          revision.withdrawal !== null,
          revision.contentHash,
          facts.segment,
          segmentName.get(facts.segment) ?? facts.segment,
          ...factFields.map((field) => list((facts as unknown as Record<string, unknown>)[field])),
          facts.governingClauses.map((clause) => `${clause.document}#${clause.key}`).join('; '),
        ]),
      ),
  );
  return csv([FACTS_CSV_HEADER, ...rows]);
}

/** The `sha256sum` line of a download: its hex digest, two spaces, its file name. */
export const sha256Line = (download: Pick<Download, 'sha256' | 'name'>): string =>
  `${download.sha256}  ${download.name}\n`;

function download(
  name: string,
  bytes: Uint8Array,
  details: Pick<Download, 'title' | 'format' | 'mediaType'>,
): Download {
  const path = `${DOWNLOADS_PATH}${encodeURIComponent(name)}`;
  return {
    ...details,
    name,
    path,
    sha256Path: `${path}.sha256`,
    bytes,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function build(site: SiteCollections): Downloads {
  const stem = fileStem(site.organization.slug);
  const exportedAt = site.integrity.latestCheckpoint?.issuedAt ?? new Date(0);
  const laidOut = buildExportFromRecords(portalRecords(site), exportedAt);
  const archiveRoot = `${stem}-archive`;
  const files = [...laidOut.files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, text]) => ({ path: `${archiveRoot}/${path}`, content: encoder.encode(text) }));
  const archive = download(`${stem}-archive.tar.gz`, gzipSync(writeTar(files, exportedAt), { level: 9 }), {
    title: 'The whole archive',
    format:
      'Every public record, in the layout of candor export: one Version Markdown file per version, one YAML file per AI-feature revision, withdrawal and definition change, one CSV per consent-statistics release, and manifest.json listing every chain with its hashes, the public key and the signed checkpoint. A gzip-compressed tar archive with one folder.',
    mediaType: 'application/gzip',
  });
  const manifest = download(`${stem}-manifest.json`, encoder.encode(laidOut.files.get(MANIFEST_FILE) ?? ''), {
    title: 'The manifest alone',
    format:
      'The archive’s manifest.json: every chain with each record’s content hash and previous hash, the public key and the latest signed checkpoint. JSON (format candor-export/…).',
    mediaType: 'application/json',
  });
  const consentCsv = download(`${stem}-consent-statistics.csv`, encoder.encode(consentStatisticsCsv(site)), {
    title: 'Consent statistics',
    format:
      'One row per AI feature, segment and month, the figures in force. Each count has a status column: published, suppressed (fewer than the minimum cell size: the count is left empty) or not_tracked. CSV (RFC 4180, UTF-8, comma-separated, header row).',
    mediaType: 'text/csv',
  });
  const factsCsv = download(`${stem}-ai-feature-facts.csv`, encoder.encode(featureFactsCsv(site)), {
    title: 'AI-feature facts',
    format:
      'One row per AI feature, segment and revision (every published revision, withdrawn ones marked): the facts label’s fields; lists are separated by “; ”, governing clauses written document#clause. CSV (RFC 4180, UTF-8, comma-separated, header row).',
    mediaType: 'text/csv',
  });
  return {
    archive,
    manifest,
    consentCsv,
    factsCsv,
    all: [archive, manifest, consentCsv, factsCsv],
    archiveRoot,
    laidOut,
  };
}

const KEY = Symbol.for('candor.site.downloads');
type Holder = { [KEY]?: { site: SiteCollections; downloads: Downloads } };

/**
 * The downloads of `site`, built once per process: the /downloads/ page and the data-file writer
 * (integrations/data-files.ts) run in different module graphs and meet through a global symbol,
 * as the collections do (shared-collections.ts).
 */
export function siteDownloads(site: SiteCollections): Downloads {
  const holder = globalThis as Holder;
  const cached = holder[KEY];
  if (cached !== undefined && cached.site === site) return cached.downloads;
  const downloads = build(site);
  holder[KEY] = { site, downloads };
  return downloads;
}

/** "1.2 MB", "840 kB", "512 bytes": a size as the page states it (SI units). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
