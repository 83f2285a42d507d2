/**
 * Turns what the API served into an export in memory (layout and formats:
 * packages/schema/src/domain/export-manifest.ts): every record in chain order, laid out by the
 * domain's layOutExport, plus a README. Pure: writing is the caller's job.
 */
import {
  type ConsentCountField,
  DEFINITION_ACTIONS,
  DEFINITION_SUBJECTS,
  type DefinitionAction,
  type DefinitionChangeFile,
  type DefinitionSubject,
  type DefinitionValues,
  DomainError,
  EXPORT_README_FILE,
  type ExportedRelease,
  type ExportedVersion,
  type ExportManifest,
  factsFromServed,
  layOutExport,
  MANIFEST_FILE,
  parseIsoInstant,
  type ReleasedRow,
  type RevisionFile,
  type WithdrawalFile,
} from '@candor/schema/domain';
import { VerificationFailedError } from '../errors.js';
import { progress } from '../output.js';
import type {
  PortalSnapshot,
  ServedDefinitionChange,
  ServedRelease,
  ServedRevision,
  ServedVersion,
} from './fetch-history.js';

export { MANIFEST_FILE };
export const README_FILE = EXPORT_README_FILE;

export interface BuiltExport {
  manifest: ExportManifest;
  /** Every file to write, by "/"-separated path relative to the export's root. */
  files: Map<string, string>;
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
 * The export of `snapshot`.
 *
 * @throws VerificationFailedError when a served record cannot be written in its format (a date
 * that is not an instant, a clause body the Markdown format cannot carry, a withdrawal of a record
 * the API did not serve, definition values that are not a JSON object).
 */
export function buildExport(snapshot: PortalSnapshot, exportedAt: Date): BuiltExport {
  const withdrawals: (WithdrawalFile & { at: string })[] = [];
  const documents = snapshot.documents.map((document) => ({
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
          ...withdrawalOf(version.withdrawal, at, {
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
  const features = snapshot.features.map((feature) => ({
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
          ...withdrawalOf(revision.withdrawal, at, {
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
    snapshot.releases,
    (r) => r.releasedAt,
    () => 0,
  ).map(exportedRelease);
  const definitions = chainOrder(
    snapshot.definitionChanges,
    (c) => c.at,
    () => 0,
  ).map(definitionChangeFile);

  const laidOut = describeFailure('the export', () =>
    layOutExport({
      organisation: snapshot.organisation.name,
      isSample: snapshot.organisation.isSample,
      exportedAt,
      publicKeyPem: snapshot.publicKeyPem,
      checkpoint:
        snapshot.checkpoint === null
          ? null
          : { payload: snapshot.checkpoint.payload, signature: snapshot.checkpoint.signature },
      documents,
      features,
      withdrawals: chainOrder(
        withdrawals,
        (w) => w.at,
        (a, b) => compareText(a.subject, b.subject) || compareText(a.record, b.record),
      ).map(({ at: _at, ...w }) => w),
      releases,
      definitions,
    }),
  );
  laidOut.files.set(README_FILE, readme(laidOut.manifest, snapshot));
  return laidOut;
}

function exportedVersion(document: string, version: ServedVersion, at: string): ExportedVersion {
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

/** GraphQL serves enumeration values in upper case; the canonical form has them as in types.ts. */

function revisionFile(feature: string, revision: ServedRevision, at: string): RevisionFile {
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
  served: NonNullable<ServedVersion['withdrawal']>,
  at: string,
  subject: Pick<WithdrawalFile, 'kind' | 'subject' | 'record' | 'recordHash'>,
): (WithdrawalFile & { at: string })[] {
  if (served.contentHash === null) {
    // Not in the withdrawals chain (written by hand): integrity.verify reports it; no chain to export it in.
    progress(`warning: the withdrawal of ${at} has no hash (UNCHAINED): left out of the export`);
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

function exportedRelease(release: ServedRelease): ExportedRelease {
  const value = (cell: { value: number | null; suppressed: boolean } | undefined) =>
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
      for (const field of CELLS) released[field] = value(row[field]);
      return released;
    }),
  };
}

function definitionChangeFile(change: ServedDefinitionChange): DefinitionChangeFile {
  const at = `the ${change.subject} ${change.key} change of ${change.at}`;
  let values: unknown;
  try {
    values = JSON.parse(change.values);
  } catch {
    values = null;
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new VerificationFailedError(`cannot export ${at}: its values are not a JSON object`);
  }
  if (!DEFINITION_SUBJECTS.includes(change.subject as DefinitionSubject)) {
    throw new VerificationFailedError(`cannot export ${at}: "${change.subject}" is not a definition subject`);
  }
  if (!DEFINITION_ACTIONS.includes(change.action as DefinitionAction)) {
    throw new VerificationFailedError(`cannot export ${at}: "${change.action}" is not a definition action`);
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

const CELLS: readonly ConsentCountField[] = [
  'accountsEligible',
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
  'participantsJoined',
  'participantsLeft',
];

function readme(manifest: ExportManifest, snapshot: PortalSnapshot): string {
  const count = (kind: string) =>
    manifest.chains.filter((c) => c.kind === kind).reduce((n, c) => n + c.records.length, 0);
  const notice = snapshot.organisation.sampleNotice ?? 'Sample data: this organisation is fictional.';
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
  hashes, the public key${snapshot.checkpoint === null ? '' : ` (key id ${snapshot.keyId})`} and the signed checkpoint${snapshot.checkpoint === null ? ' (none yet)' : ` ${snapshot.checkpoint.sequence}`}.

Verify it with no database and no network (keep a checkpoint from an earlier export or from
\`pnpm candor checkpoint save\` to also detect a cut history):

    pnpm candor verify --export <this directory> [--checkpoint earlier-checkpoint.json]
`;
}

function instant(value: string, what: string): Date {
  const date = parseIsoInstant(value);
  if (date === null) throw new VerificationFailedError(`cannot export ${what}: "${value}" is not an ISO 8601 instant`);
  return date;
}

function instantOf(value: string): number {
  return parseIsoInstant(value)?.getTime() ?? Number.NaN;
}

function describeFailure<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError) {
      const problems =
        'problems' in error && Array.isArray(error.problems) ? (error.problems as { message: string }[]) : [];
      const details = problems.map((p) => ` ${p.message}`).join('');
      throw new VerificationFailedError(`cannot export ${what}: ${error.message}${details}`);
    }
    throw error;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
