/**
 * Lays out an export (export-manifest.ts) from the records themselves, in memory: one file per
 * record at the layout's path, and the manifest listing them chain by chain. Pure: the caller
 * fetches the records (in chain order) and writes the files. The CLI's `export` and the tests
 * build exports with this one function, so what is written is what verifyExport reads.
 */
import { CONSENT_RELEASES_CHAIN, DEFINITIONS_CHAIN, documentChain, featureChain, WITHDRAWALS_CHAIN } from './chains.js';
import type { ConsentCountField } from './consent-counts.js';
import {
  DEFINITION_ACTIONS,
  DEFINITION_SUBJECTS,
  type DefinitionAction,
  type DefinitionSubject,
  type DefinitionValues,
} from './definitions.js';
import { DomainError } from './errors.js';
import {
  consentReleaseExportPath,
  definitionChangeExportPath,
  EXPORT_FORMAT,
  EXPORT_MARKDOWN_OPTIONS,
  EXPORT_README_FILE,
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
import { factsFromServed, type ServedFacts } from './feature-fact-fields.js';
import { parseIsoInstant } from './instant.js';
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

// ---------------------------------------------------------------------------------------------
// From what the API serves (the CLI's `candor export`) or what the site was built from (the
// site's archive download): one function, so both write the same export for the same records.

/** A withdrawal as the API serves it; contentHash null only for one written behind the workflow's back. */
export interface ServedWithdrawalRecord {
  reason: string;
  withdrawnAt: string;
  contentHash: string | null;
  previousHash: string | null;
}

/** A published version as the API serves it (dates as ISO 8601 strings). */
export interface ServedVersionRecord {
  label: string;
  publishedAt: string;
  effectiveAt: string;
  material: boolean;
  changeNote: string;
  contentHash: string;
  previousHash: string | null;
  importSource: string | null;
  importedAt: string | null;
  clauses: readonly { key: string; number: string; heading: string; body: string }[];
  explanations: readonly { segment: { key: string }; summary: string; whatChanges: string; affected: boolean }[];
  withdrawal: ServedWithdrawalRecord | null;
}

/** A published AI-feature revision in its chain, as served (facts' vocabulary in upper case). */
export interface ServedRevisionRecord {
  number: number;
  publishedAt: string;
  effectiveAt: string;
  material: boolean;
  changeNote: string;
  contentHash: string;
  previousHash: string | null;
  facts: readonly (ServedFacts & { segment: { key: string } })[];
  explanations: readonly { segment: { key: string }; summary: string; whatChanges: string; affected: boolean }[];
  withdrawal: ServedWithdrawalRecord | null;
}

type ServedCellRecord = { value: number | null; suppressed: boolean };

/** A consent-statistics release (or correction) as served, with its rows. */
export interface ServedReleaseRecord {
  reason: string | null;
  releasedAt: string;
  rowCount: number;
  minimumCellSize: number;
  contentHash: string;
  previousHash: string | null;
  rows: readonly ({ feature: string; segment: string; period: string } & Record<ConsentCountField, ServedCellRecord>)[];
}

/** A change to the organisation's definitions as served; `values` is JSON of the public fields after it. */
export interface ServedDefinitionChangeRecord {
  at: string;
  subject: string;
  key: string;
  action: string;
  values: string;
  contentHash: string;
  previousHash: string | null;
}

/** Every public record of an organisation, as served (any order within a chain). */
export interface PortalRecords {
  organisation: { name: string; isSample: boolean; sampleNotice?: string | null };
  publicKeyPem: string;
  keyId: string;
  checkpoint: { sequence: number; payload: string; signature: string } | null;
  documents: readonly { slug: string; title: string; versions: readonly ServedVersionRecord[] }[];
  features: readonly { slug: string; name: string; revisions: readonly ServedRevisionRecord[] }[];
  releases: readonly ServedReleaseRecord[];
  definitionChanges: readonly ServedDefinitionChangeRecord[];
}

interface Linked {
  contentHash: string;
  previousHash: string | null;
}

/**
 * Records in chain order, the order their hashes link in and verifyExport checks: by the time
 * the server orders the chain by (publication, withdrawal or release), oldest first. The server
 * breaks ties by a row id the API does not expose, so within a tie the record that links to the
 * one before comes first; otherwise ties go by `tieBreak`.
 */
export function chainOrder<R extends Linked>(
  records: readonly R[],
  timeOf: (record: R) => string,
  tieBreak: (a: R, b: R) => number,
): R[] {
  const at = (record: R) => instantOf(timeOf(record));
  const remaining = [...records].sort((a, b) => at(a) - at(b) || tieBreak(a, b));
  const ordered: R[] = [];
  let previousHash: string | null = null;
  while (remaining.length > 0) {
    const earliest = at(remaining[0] as R);
    const tied = remaining.filter((r) => at(r) === earliest);
    const linked = tied.find((r) => r.previousHash === previousHash) ?? (tied[0] as R);
    remaining.splice(remaining.indexOf(linked), 1);
    ordered.push(linked);
    previousHash = linked.contentHash;
  }
  return ordered;
}

/**
 * The export of `records` (layOutExport, plus a README), as `candor export` writes it.
 *
 * @param warn told about a withdrawal with no hash (UNCHAINED), which is left out.
 * @throws DomainError BAD_USER_INPUT ("cannot export …") when a served record cannot be written in
 * its format (a date that is not an instant, a clause body the Markdown format cannot carry, a
 * withdrawal of a record that was not served, definition values that are not a JSON object).
 */
export function buildExportFromRecords(
  records: PortalRecords,
  exportedAt: Date,
  warn: (message: string) => void = () => {},
): LaidOutExport {
  const withdrawals: (WithdrawalFile & { at: string })[] = [];
  const documents = records.documents.map((document) => ({
    slug: document.slug,
    title: document.title,
    versions: chainOrder(
      document.versions,
      (v) => v.publishedAt,
      (a, b) => compareText(a.label, b.label),
    ).map((version) => {
      const at = `${document.slug} ${version.label}`;
      if (version.withdrawal !== null) {
        withdrawals.push(
          ...withdrawalOf(version.withdrawal, at, warn, {
            kind: 'version',
            subject: document.slug,
            record: version.label,
            recordHash: version.contentHash,
          }),
        );
      }
      return exportedVersion(document.slug, version, at);
    }),
  }));
  const features = records.features.map((feature) => ({
    slug: feature.slug,
    name: feature.name,
    revisions: chainOrder(
      feature.revisions,
      (r) => r.publishedAt,
      (a, b) => a.number - b.number,
    ).map((revision) => {
      const at = `${feature.slug} revision ${revision.number}`;
      if (revision.withdrawal !== null) {
        withdrawals.push(
          ...withdrawalOf(revision.withdrawal, at, warn, {
            kind: 'revision',
            subject: feature.slug,
            record: String(revision.number),
            recordHash: revision.contentHash,
          }),
        );
      }
      return revisionFile(feature.slug, revision, at);
    }),
  }));
  const releases = chainOrder(
    records.releases,
    (r) => r.releasedAt,
    () => 0,
  ).map(exportedRelease);
  const definitions = chainOrder(
    records.definitionChanges,
    (c) => c.at,
    () => 0,
  ).map(definitionChangeFile);

  let laidOut: LaidOutExport;
  try {
    laidOut = layOutExport({
      organisation: records.organisation.name,
      isSample: records.organisation.isSample,
      exportedAt,
      publicKeyPem: records.publicKeyPem,
      checkpoint:
        records.checkpoint === null
          ? null
          : { payload: records.checkpoint.payload, signature: records.checkpoint.signature },
      documents,
      features,
      withdrawals: chainOrder(
        withdrawals,
        (w) => w.at,
        (a, b) => compareText(a.subject, b.subject) || compareText(a.record, b.record),
      ).map(({ at: _at, ...w }) => w),
      releases,
      definitions,
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const problems =
      'problems' in error && Array.isArray(error.problems) ? (error.problems as { message: string }[]) : [];
    const details = problems.map((p) => ` ${p.message}`).join('');
    throw cannotExport(`the export: ${error.message}${details}`);
  }
  laidOut.files.set(EXPORT_README_FILE, exportReadme(laidOut.manifest, records));
  return laidOut;
}

const cannotExport = (what: string): DomainError => new DomainError('BAD_USER_INPUT', `cannot export ${what}`);

function exportedVersion(document: string, version: ServedVersionRecord, at: string): ExportedVersion {
  return {
    document,
    label: version.label,
    material: version.material,
    changeNote: version.changeNote,
    publishedAt: instant(version.publishedAt, `${at} publishedAt`),
    effectiveAt: instant(version.effectiveAt, `${at} effectiveAt`),
    previousHash: version.previousHash,
    contentHash: version.contentHash,
    ...(version.importSource === null
      ? {}
      : {
          source: version.importSource,
          importedAt: instant(version.importedAt ?? '', `${at} importedAt`),
        }),
    explanations: version.explanations.map((e) => ({
      segment: e.segment.key,
      summary: e.summary,
      whatChanges: e.whatChanges,
      affected: e.affected,
    })),
    clauses: version.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body })),
  };
}

function revisionFile(feature: string, revision: ServedRevisionRecord, at: string): RevisionFile {
  return {
    feature,
    number: revision.number,
    publishedAt: instant(revision.publishedAt, `${at} publishedAt`),
    effectiveAt: instant(revision.effectiveAt, `${at} effectiveAt`),
    material: revision.material,
    changeNote: revision.changeNote,
    previousHash: revision.previousHash,
    contentHash: revision.contentHash,
    facts: Object.fromEntries(revision.facts.map((f) => [f.segment.key, factsFromServed(f)])),
    explanations: Object.fromEntries(
      revision.explanations.map((e) => [
        e.segment.key,
        { summary: e.summary, whatChanges: e.whatChanges, affected: e.affected },
      ]),
    ),
  };
}

function withdrawalOf(
  served: ServedWithdrawalRecord,
  at: string,
  warn: (message: string) => void,
  subject: Pick<WithdrawalFile, 'kind' | 'subject' | 'record' | 'recordHash'>,
): (WithdrawalFile & { at: string })[] {
  if (served.contentHash === null) {
    // Not in the withdrawals chain (written by hand): integrity.verify reports it; no chain to export it in.
    warn(`warning: the withdrawal of ${at} has no hash (UNCHAINED): left out of the export`);
    return [];
  }
  return [
    {
      ...subject,
      withdrawnAt: instant(served.withdrawnAt, `the withdrawal of ${at}`),
      reason: served.reason,
      previousHash: served.previousHash,
      contentHash: served.contentHash,
      at: served.withdrawnAt,
    },
  ];
}

const RELEASE_CELLS: readonly ConsentCountField[] = [
  'accountsEligible',
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
  'participantsJoined',
  'participantsLeft',
];

function exportedRelease(release: ServedReleaseRecord): ExportedRelease {
  const value = (cell: ServedCellRecord | undefined) =>
    cell === undefined || cell.suppressed ? 'suppressed' : cell.value;
  return {
    releasedAt: instant(release.releasedAt, 'a consent release releasedAt'),
    minimumCellSize: release.minimumCellSize,
    previousHash: release.previousHash,
    contentHash: release.contentHash,
    rowCount: release.rowCount,
    reason: release.reason,
    rows: release.rows.map((row) => {
      const released = { feature: row.feature, segment: row.segment, period: row.period } as ReleasedRow;
      for (const field of RELEASE_CELLS) released[field] = value(row[field]);
      return released;
    }),
  };
}

function definitionChangeFile(change: ServedDefinitionChangeRecord): DefinitionChangeFile {
  const at = `the ${change.subject} ${change.key} change of ${change.at}`;
  let values: unknown;
  try {
    values = JSON.parse(change.values);
  } catch {
    values = null;
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw cannotExport(`${at}: its values are not a JSON object`);
  }
  if (!DEFINITION_SUBJECTS.includes(change.subject as DefinitionSubject)) {
    throw cannotExport(`${at}: "${change.subject}" is not a definition subject`);
  }
  if (!DEFINITION_ACTIONS.includes(change.action as DefinitionAction)) {
    throw cannotExport(`${at}: "${change.action}" is not a definition action`);
  }
  return {
    at: instant(change.at, at),
    subject: change.subject as DefinitionSubject,
    key: change.key,
    action: change.action as DefinitionAction,
    values: values as DefinitionValues,
    previousHash: change.previousHash,
    contentHash: change.contentHash,
  };
}

function exportReadme(manifest: ExportManifest, records: PortalRecords): string {
  const count = (kind: string) =>
    manifest.chains.filter((c) => c.kind === kind).reduce((n, c) => n + c.records.length, 0);
  const notice = records.organisation.sampleNotice ?? 'Sample data: this organisation is fictional.';
  return `# ${manifest.organisation}: published terms, AI-feature facts, consent statistics and definitions

${manifest.isSample ? `> **${notice}**\n\n` : ''}Exported from Candor on ${manifest.exportedAt}: ${count('document')} published versions of ${manifest.chains.filter((c) => c.kind === 'document').length} documents, ${count('feature')} AI-feature revisions, ${count('withdrawals')} withdrawals, ${count('consent-releases')} consent-statistics releases and ${count('definitions')} changes to what the organisation defines.

Every file is one public record; each record's SHA-256 \`contentHash\` covers all of its content and
\`previousHash\`, the hash of the record before it in its chain, so an edited, removed or reordered
record breaks the chain.

- \`<Organisation>/<Document title>/<effective date and time, UTC>.md\`: one published version, in
  Version Markdown (format \`candor-version/1\`); the front matter carries every input of its hash.
  A version imported from a history that predates Candor also states its \`source\` and
  \`importedAt\` and is hashed as \`candor-imported-version/1\`: its dates are the source's, not
  Candor's own publication.
- \`<Organisation>/AI features/<Feature name>/<effective date and time, UTC>.yaml\`: one published
  AI-feature revision: its facts per segment and explanations (format \`candor-revision/1\`).
- \`….withdrawal.yaml\` beside a version or revision: its withdrawal before it took effect (format
  \`candor-withdrawal/1\`); the manifest marks the withdrawn record with \`withdrawnBy\`.
- \`<Organisation>/Consent statistics/<release date and time, UTC>.csv\`: one consent-statistics
  release as published (format \`candor-consent-release/1\`): cells hidden by small-cell
  suppression read \`suppressed\`, unknown counts are empty. Its date, minimum cell size and hashes
  are in the manifest.
- \`<Organisation>/Definitions/<date and time, UTC> <subject> <key>.yaml\`: one change to what the
  organisation defines (its profile, a segment, a document and the segments it applies to, an AI
  feature), with the values after the change (format \`candor-definition/1\`).
- \`manifest.json\` (\`${manifest.format}\`): every chain (\`document/<slug>\`, \`feature/<slug>\`,
  \`withdrawals\`, \`consent-releases\`, \`definitions\`) with its records in chain order, each with its file and
  hashes, the public key${records.checkpoint === null ? '' : ` (key id ${records.keyId})`} and the signed checkpoint${records.checkpoint === null ? ' (none yet)' : ` ${records.checkpoint.sequence}`}.

Verify it with no database and no network (keep a checkpoint from an earlier export or from
\`pnpm candor checkpoint save\` to also detect a cut history):

    pnpm candor verify --export <this directory> [--checkpoint earlier-checkpoint.json]
`;
}

function instant(value: string, what: string): Date {
  const date = parseIsoInstant(value);
  if (date === null) throw cannotExport(`${what}: "${value}" is not an ISO 8601 instant`);
  return date;
}

function instantOf(value: string): number {
  return parseIsoInstant(value)?.getTime() ?? Number.NaN;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
