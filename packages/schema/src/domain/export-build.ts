/**
 * Lays out an export (export-manifest.ts) from the records themselves, in memory: one file per
 * record at the layout's path, and the manifest listing them chain by chain. Pure: the caller
 * fetches the records (in chain order) and writes the files. The CLI's `export` and the tests
 * build exports with this one function, so what is written is what verifyExport reads.
 */
import { CONSENT_RELEASES_CHAIN, DEFINITIONS_CHAIN, documentChain, featureChain, WITHDRAWALS_CHAIN } from './chains.js';
import { DomainError } from './errors.js';
import {
  consentReleaseExportPath,
  definitionChangeExportPath,
  EXPORT_FORMAT,
  EXPORT_MARKDOWN_OPTIONS,
  type ExportChain,
  type ExportDefinitionEntry,
  type ExportManifest,
  type ExportReleaseEntry,
  type ExportRevisionEntry,
  type ExportVersionEntry,
  type ExportWithdrawalEntry,
  exportPath,
  MANIFEST_FILE,
  revisionExportPath,
  uniqueExportPath,
  withdrawalExportPath,
} from './export-manifest.js';
import {
  type DefinitionChangeFile,
  type RevisionFile,
  renderConsentReleaseCsv,
  renderDefinitionChangeYaml,
  renderRevisionYaml,
  renderWithdrawalYaml,
  type WithdrawalFile,
} from './export-records.js';
import type { ReleasedRow } from './public-records.js';
import { renderVersionMarkdown, type VersionMarkdown } from './version-markdown.js';

/** A published version with every input of its hash (source and importedAt when it was imported). */
export type ExportedVersion = VersionMarkdown &
  Required<Pick<VersionMarkdown, 'publishedAt' | 'effectiveAt' | 'previousHash' | 'contentHash'>>;

export interface ExportedRelease {
  releasedAt: Date;
  minimumCellSize: number;
  previousHash: string | null;
  contentHash: string;
  rowCount: number;
  /** Why, for a correction of earlier figures; null for a release of new ones. */
  reason: string | null;
  /** As released (suppressed cells "suppressed"); any order, written sorted. */
  rows: readonly ReleasedRow[];
}

export interface ExportContents {
  organisation: string;
  isSample: boolean;
  exportedAt: Date;
  publicKeyPem: string | null;
  checkpoint: { payload: string; signature: string } | null;
  /** Each document's published versions in chain order (publication order). */
  documents: readonly { slug: string; title: string; versions: readonly ExportedVersion[] }[];
  /** Each feature's published revisions in chain order. */
  features: readonly { slug: string; name: string; revisions: readonly RevisionFile[] }[];
  /** In chain order. */
  withdrawals: readonly WithdrawalFile[];
  /** In chain order. */
  releases: readonly ExportedRelease[];
  /** Changes to the organisation's definitions, in chain order. */
  definitions: readonly DefinitionChangeFile[];
}

export interface LaidOutExport {
  manifest: ExportManifest;
  /** Every record file and manifest.json, by "/"-separated path relative to the export's root. */
  files: Map<string, string>;
}

/**
 * @throws DomainError BAD_USER_INPUT when a record cannot be written (a name that cleans to
 * nothing, a date outside years 0000–9999, content its format refuses) or a withdrawal names a
 * record that is not among those given.
 */
export function layOutExport(contents: ExportContents): LaidOutExport {
  const { organisation } = contents;
  const files = new Map<string, string>();
  const add = (path: string, text: string): void => {
    files.set(path, text);
  };
  const taken = { has: (path: string) => files.has(path) };
  /** "document/<slug> <label>" or "feature/<slug> <number>" → the record's manifest entry. */
  const withdrawable = new Map<string, ExportVersionEntry | ExportRevisionEntry>();

  const chains: ExportChain[] = [];
  for (const document of contents.documents) {
    const chain = documentChain(document.slug);
    const records = document.versions.map((version): ExportVersionEntry => {
      const path = uniqueExportPath(
        taken,
        exportPath(organisation, document.title, version.effectiveAt),
        version.label,
      );
      add(
        path,
        renderVersionMarkdown({ ...version, document: document.slug, title: document.title }, EXPORT_MARKDOWN_OPTIONS),
      );
      const entry: ExportVersionEntry = {
        label: version.label,
        path,
        effectiveAt: version.effectiveAt.toISOString(),
        contentHash: version.contentHash,
        previousHash: version.previousHash,
        withdrawnBy: null,
      };
      withdrawable.set(`${chain} ${version.label}`, entry);
      return entry;
    });
    chains.push({ chain, kind: 'document', title: document.title, records });
  }
  for (const feature of contents.features) {
    const chain = featureChain(feature.slug);
    const records = feature.revisions.map((revision): ExportRevisionEntry => {
      const path = uniqueExportPath(
        taken,
        revisionExportPath(organisation, feature.name, revision.effectiveAt),
        `revision ${revision.number}`,
      );
      add(path, renderRevisionYaml({ ...revision, feature: feature.slug }));
      const entry: ExportRevisionEntry = {
        number: revision.number,
        path,
        effectiveAt: revision.effectiveAt.toISOString(),
        contentHash: revision.contentHash,
        previousHash: revision.previousHash,
        withdrawnBy: null,
      };
      withdrawable.set(`${chain} ${revision.number}`, entry);
      return entry;
    });
    chains.push({ chain, kind: 'feature', name: feature.name, records });
  }

  const withdrawals = contents.withdrawals.map((withdrawal): ExportWithdrawalEntry => {
    const subjectChain =
      withdrawal.kind === 'version' ? documentChain(withdrawal.subject) : featureChain(withdrawal.subject);
    const target = withdrawable.get(`${subjectChain} ${withdrawal.record}`);
    if (target === undefined) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `The withdrawal of ${withdrawal.kind} ${withdrawal.record} of ${withdrawal.subject} names a record that is not exported.`,
        'withdrawals',
      );
    }
    const path = withdrawalExportPath(target.path);
    target.withdrawnBy = path;
    add(path, renderWithdrawalYaml(withdrawal));
    return {
      kind: withdrawal.kind,
      subject: withdrawal.subject,
      record: withdrawal.record,
      recordHash: withdrawal.recordHash,
      withdrawnAt: withdrawal.withdrawnAt.toISOString(),
      path,
      contentHash: withdrawal.contentHash,
      previousHash: withdrawal.previousHash,
    };
  });
  chains.push({ chain: WITHDRAWALS_CHAIN, kind: 'withdrawals', records: withdrawals });

  const releases = contents.releases.map((release, index): ExportReleaseEntry => {
    const path = uniqueExportPath(
      taken,
      consentReleaseExportPath(organisation, release.releasedAt),
      `release ${index + 1}`,
    );
    add(path, renderConsentReleaseCsv(release.rows));
    return {
      releasedAt: release.releasedAt.toISOString(),
      rowCount: release.rowCount,
      minimumCellSize: release.minimumCellSize,
      ...(release.reason === null ? {} : { reason: release.reason }),
      path,
      contentHash: release.contentHash,
      previousHash: release.previousHash,
    };
  });
  chains.push({ chain: CONSENT_RELEASES_CHAIN, kind: 'consent-releases', records: releases });

  const definitions = contents.definitions.map((change, index): ExportDefinitionEntry => {
    const path = uniqueExportPath(
      taken,
      definitionChangeExportPath(organisation, change.at, change.subject, change.key),
      `change ${index + 1}`,
    );
    add(path, renderDefinitionChangeYaml(change));
    return {
      at: change.at.toISOString(),
      subject: change.subject,
      key: change.key,
      action: change.action,
      path,
      contentHash: change.contentHash,
      previousHash: change.previousHash,
    };
  });
  chains.push({ chain: DEFINITIONS_CHAIN, kind: 'definitions', records: definitions });

  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    organisation,
    isSample: contents.isSample,
    exportedAt: contents.exportedAt.toISOString(),
    publicKeyPem: contents.checkpoint === null ? null : contents.publicKeyPem,
    checkpoint: contents.checkpoint,
    chains,
  };
  files.set(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, files };
}
