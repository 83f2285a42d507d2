/**
 * What `candor import` reads from an existing history before it becomes versions: one text of
 * one document as it stood at one point of its source (a git commit, a dated snapshot file).
 * The readers (git-history.ts, snapshot-directory.ts) only report what the source holds, in the
 * source's order; deciding what becomes a version, and refusing a history whose dates go
 * backwards, is the import service's job.
 */
import type { ClauseInput } from '@candor/schema/domain';

export interface SourceVersion {
  /** Where the text came from: a full commit id (git) or the file's path relative to the directory (snapshots). */
  sourceRef: string;
  /** The file's path at that point: repository-relative at the commit (git), directory-relative (snapshots). */
  path: string;
  /** The commit's committer date (git), or the instant in the snapshot's file name. */
  date: Date;
  /** The commit's author name; empty for snapshots. */
  author: string;
  /** The commit's subject line; a Candor export's change note; else empty. */
  subject: string;
  /** The file's text as stored (UTF-8, line endings as in the source). */
  markdown: string;
  /** The version label, when the file is Candor Version Markdown (an export). */
  label?: string;
  /** The clauses with their own keys and numbers, when the file is Candor Version Markdown. */
  clauses?: ClauseInput[];
}

/**
 * A source that cannot be read as asked: a missing directory, a directory that is not a git
 * repository, a file never committed, no git on the machine, no dated snapshots. Expected, so
 * the message is written for the person who ran the import; `field` names the input at fault
 * (`repo`, `file`, `ref`, `dir`, or `git` for the git program itself).
 */
export class ImportSourceError extends Error {
  override readonly name = 'ImportSourceError';

  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
