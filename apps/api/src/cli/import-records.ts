/**
 * From what the import readers found (SourceVersion: a text at a commit, a dated snapshot) to what
 * the import service plans with (SourceRecord: a reference that makes re-runs idempotent, a
 * description readers see, clauses), and which document each snapshot folder goes to. Pure: the
 * command reads, this decides, the service writes.
 */

import { clausesFromPolicyMarkdown, type SourceRecord } from '@candor/schema/domain';
import type { SnapshotDocument } from '../import/snapshot-directory.js';
import type { SourceVersion } from '../import/source-version.js';
import { type Problem, RefusedError, UsageError } from './errors.js';
import { slugFrom } from './organisation-spec.js';

const short = (sha: string): string => sha.slice(0, 7);

/**
 * One record per commit: reference `git:<commit>:<path>` (the path at that commit, so a rename is
 * a new reference), described as `commit 1a2b3c4 "subject"`, its change note the commit subject.
 *
 * @throws DomainError BAD_USER_INPUT naming the file and commit whose Markdown has no headings.
 */
export function recordsFromGit(versions: readonly SourceVersion[]): SourceRecord[] {
  return versions.map((version) => {
    const subject = version.subject.trim();
    const description = `commit ${short(version.sourceRef)}${subject === '' ? '' : ` "${subject}"`}`;
    return {
      reference: `git:${version.sourceRef}:${version.path}`,
      description,
      date: version.date,
      clauses:
        version.clauses ??
        clausesFromPolicyMarkdown(version.markdown, { field: `${version.path} at commit ${short(version.sourceRef)}` }),
      ...(version.label === undefined ? {} : { label: version.label }),
      changeNote: subject === '' ? `Imported from git commit ${short(version.sourceRef)}` : subject,
    };
  });
}

/**
 * One record per snapshot: reference `ota:<path relative to the directory>`, described as
 * `snapshot <path>`; a Candor export's own label, change note and clauses are kept.
 *
 * @throws DomainError BAD_USER_INPUT naming the snapshot whose Markdown has no headings.
 */
export function recordsFromSnapshots(versions: readonly SourceVersion[]): SourceRecord[] {
  return versions.map((version) => ({
    reference: `ota:${version.path}`,
    description: `snapshot ${version.path}`,
    date: version.date,
    clauses: version.clauses ?? clausesFromPolicyMarkdown(version.markdown, { field: version.path }),
    ...(version.label === undefined ? {} : { label: version.label }),
    changeNote: version.subject.trim() === '' ? `Imported from snapshot ${version.path}` : version.subject.trim(),
  }));
}

export interface KnownDocument {
  slug: string;
  title: string;
}

export interface FolderMatching {
  /** `--document`: the one document a one-folder directory goes to. */
  document?: string | undefined;
  /** `--map "Folder title=slug"`, by folder title (or folder path). */
  map: ReadonlyMap<string, string>;
}

/**
 * The document slug for each snapshot folder: `--document` when the directory holds one
 * document; else `--map` by the folder's title (or path); else the document whose slug is the
 * slugified title, or whose title is the folder's title. Whether the slug exists is the import
 * service's to say; a folder nothing matches is named here.
 *
 * @throws RefusedError (NOT_FOUND) naming every folder that matches no document; UsageError for
 * `--document` with a directory of several documents, and for a `--map` entry that names no folder.
 */
export function matchSnapshotFolders(
  folders: readonly SnapshotDocument[],
  matching: FolderMatching,
  documents: readonly KnownDocument[],
): { folder: SnapshotDocument; document: string }[] {
  const describe = (f: SnapshotDocument) => `"${folderName(f)}"`;
  if (matching.document !== undefined) {
    if (folders.length !== 1)
      throw new UsageError(
        `--document names one document, and the directory holds ${folders.length}: ${folders.map(describe).join(', ')}; use --map "Folder title=slug" for each instead`,
        'import',
      );
    return [{ folder: folders[0] as SnapshotDocument, document: matching.document }];
  }
  for (const title of matching.map.keys()) {
    if (!folders.some((f) => f.document === title || f.folder === title))
      throw new UsageError(
        `--map "${title}=…" names no folder of the directory (folders: ${folders.map(describe).join(', ')})`,
        'import',
      );
  }
  const unmatched: Problem[] = [];
  const matched = folders.flatMap((folder) => {
    const mapped = matching.map.get(folder.folder) ?? matching.map.get(folder.document);
    const slug = slugFrom(folder.document);
    const found =
      mapped ??
      documents.find((d) => d.slug === slug)?.slug ??
      documents.find((d) => d.title.trim().toLowerCase() === folder.document.trim().toLowerCase())?.slug;
    if (found === undefined)
      unmatched.push({
        field: `folder ${describe(folder)}`,
        message: `matches no document (no document "${slug}" and none titled "${folder.document}"); pass --map "${folder.document}=<document slug>"`,
      });
    return found === undefined ? [] : [{ folder, document: found }];
  });
  if (unmatched.length > 0)
    throw new RefusedError({
      code: 'NOT_FOUND',
      message: `${unmatched.length === 1 ? 'A folder matches' : `${unmatched.length} folders match`} no document; nothing was imported. Documents: ${documents.map((d) => d.slug).join(', ') || 'none yet (pnpm candor document create, or init)'}`,
      field: 'map',
      problems: unmatched,
    });
  return matched;
}

/** A folder as messages name it: its path in the directory, or the directory's own name. */
export const folderName = (folder: SnapshotDocument): string => folder.folder || folder.document;

/** `--map "Folder title=slug"` values, by folder title. */
export function parseFolderMap(values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const title = at === -1 ? '' : value.slice(0, at).trim();
    const slug = at === -1 ? '' : value.slice(at + 1).trim();
    if (title === '' || slug === '')
      throw new UsageError(`--map must be "Folder title=document-slug"; got "${value}"`, 'import');
    map.set(title, slug);
  }
  return map;
}
