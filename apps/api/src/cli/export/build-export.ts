/**
 * Turns what the API served into an Open Terms Archive–style dataset in memory: one Version
 * Markdown file per published version at exportPath(…), a `candor-export/1` manifest listing
 * each document's versions in chain order, and a README. Pure: writing is the caller's job.
 */
import {
  DomainError,
  EXPORT_FORMAT,
  type ExportDocumentEntry,
  type ExportManifest,
  exportPath,
  parseIsoInstant,
  renderVersionMarkdown,
} from '@candor/schema/domain';
import { VerificationFailedError } from '../errors.js';
import type { PortalSnapshot, ServedVersion } from './fetch-history.js';

export const MANIFEST_FILE = 'manifest.json';
export const README_FILE = 'README.md';

export interface BuiltExport {
  manifest: ExportManifest;
  /** Every file to write, by "/"-separated path relative to the export's root. */
  files: Map<string, string>;
}

type Linked = Pick<ServedVersion, 'label' | 'publishedAt' | 'contentHash' | 'previousHash'>;

/**
 * A document's versions in chain order, the order their hashes link in and verifyExport
 * checks: by publication, oldest first (the API lists them newest first by *effective* date,
 * and a version published later may take effect earlier). The server breaks ties in
 * publication time by a row id the API does not expose, so within a tie the version that links
 * to the one before comes first; otherwise ties go by label.
 */
export function chainOrder<V extends Linked>(versions: readonly V[]): V[] {
  const remaining = [...versions].sort(
    (a, b) => instantOf(a.publishedAt) - instantOf(b.publishedAt) || compareText(a.label, b.label),
  );
  const ordered: V[] = [];
  let previousHash: string | null = null;
  while (remaining.length > 0) {
    const earliest = instantOf((remaining[0] as V).publishedAt);
    const tied = remaining.filter((v) => instantOf(v.publishedAt) === earliest);
    const linked = tied.find((v) => v.previousHash === previousHash) ?? (tied[0] as V);
    remaining.splice(remaining.indexOf(linked), 1);
    ordered.push(linked);
    previousHash = linked.contentHash;
  }
  return ordered;
}

/**
 * The export of `snapshot`.
 *
 * @throws VerificationFailedError when a served version cannot be written in the format (a
 * date that is not an instant, a clause body the Markdown format cannot carry).
 */
export function buildExport(snapshot: PortalSnapshot, exportedAt: Date): BuiltExport {
  const organisation = snapshot.organisation.name;
  const files = new Map<string, string>();
  const documents: ExportDocumentEntry[] = snapshot.documents.map((document) => {
    const entry: ExportDocumentEntry = { slug: document.slug, title: document.title, versions: [] };
    for (const version of chainOrder(document.versions)) {
      const at = `${document.slug} ${version.label}`;
      const publishedAt = instant(version.publishedAt, `${at} publishedAt`);
      const effectiveAt = instant(version.effectiveAt, `${at} effectiveAt`);
      const path = uniquePath(
        files,
        describeFailure(at, () => exportPath(organisation, document.title, effectiveAt)),
        version.label,
      );
      const markdown = describeFailure(at, () =>
        renderVersionMarkdown({
          document: document.slug,
          title: document.title,
          label: version.label,
          material: version.material,
          changeNote: version.changeNote,
          publishedAt,
          effectiveAt,
          previousHash: version.previousHash,
          contentHash: version.contentHash,
          explanations: version.explanations.map((e) => ({
            segment: e.segment.key,
            summary: e.summary,
            whatChanges: e.whatChanges,
            affected: e.affected,
          })),
          clauses: version.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body })),
        }),
      );
      files.set(path, markdown);
      entry.versions.push({
        label: version.label,
        path,
        effectiveAt: effectiveAt.toISOString(),
        contentHash: version.contentHash,
        previousHash: version.previousHash,
      });
    }
    return entry;
  });
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    organisation,
    isSample: snapshot.organisation.isSample,
    exportedAt: exportedAt.toISOString(),
    publicKeyPem: snapshot.checkpoint === null ? null : snapshot.publicKeyPem,
    checkpoint:
      snapshot.checkpoint === null
        ? null
        : { payload: snapshot.checkpoint.payload, signature: snapshot.checkpoint.signature },
    documents,
  };
  files.set(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  files.set(README_FILE, readme(manifest, snapshot));
  return { manifest, files };
}

/**
 * exportPath leaves out milliseconds, so two versions of a document that take effect in the
 * same second (a withdrawn version and its replacement) would share a file: the later one in
 * chain order gets its label appended.
 */
function uniquePath(files: ReadonlyMap<string, string>, path: string, label: string): string {
  return files.has(path) ? path.replace(/\.md$/, ` ${label}.md`) : path;
}

function readme(manifest: ExportManifest, snapshot: PortalSnapshot): string {
  const count = manifest.documents.reduce((n, d) => n + d.versions.length, 0);
  const notice = snapshot.organisation.sampleNotice ?? 'Sample data: this organisation is fictional.';
  return `# ${manifest.organisation}: published terms

${manifest.isSample ? `> **${notice}**\n\n` : ''}Exported from Candor on ${manifest.exportedAt}: ${count} published versions of ${manifest.documents.length} documents.

- \`<Organisation>/<Document title>/<effective date and time, UTC>.md\`: one file per published
  version, in Version Markdown. The front matter carries every input of the version's SHA-256
  \`contentHash\`, including \`previousHash\`, the hash of the version published before it.
- \`manifest.json\` (\`${manifest.format}\`): every version in chain order (publication order,
  oldest first) with its hash, the public key${snapshot.checkpoint === null ? '' : ` (key id ${snapshot.keyId})`} and the signed checkpoint${snapshot.checkpoint === null ? ' (none yet)' : ` ${snapshot.checkpoint.sequence}`}.

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
