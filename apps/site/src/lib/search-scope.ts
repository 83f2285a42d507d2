/**
 * What the search index holds of a version (a product decision, issue 6): the full clause text
 * only for the version in force, the upcoming ones, and a first version (all of whose text it
 * introduced). Every other version is found by its label, dates, change note, plain-language
 * explanations and the wording its changes added against the previous version, so a phrase search
 * finds the version that introduced the words instead of every later copy of them. At 10,000
 * versions, indexing every full text made Pagefind's final write hold 10,000 copies of the same
 * clauses (2–3 GB, tens of seconds).
 */
import type { ClauseChange, VersionEntry } from './entry-types';

/** The wording one clause gained in a version: its whole body when added, else its inserted runs. */
export interface AddedWording {
  key: string;
  number: string;
  heading: string;
  passages: string[];
}

/** Whether the version page's full text goes into the search index. */
export function indexesFullText(version: Pick<VersionEntry, 'timing' | 'changes'>): boolean {
  return (
    version.timing === 'IN_FORCE' || version.timing === 'UPCOMING' || (version.changes?.fromLabel ?? null) === null
  );
}

function inserted(change: ClauseChange): string[] {
  // An added clause's heading is shown (and indexed) with it; its body is the passage.
  if (change.kind === 'ADDED') return change.to === null ? [] : [change.to.body];
  return [...(change.headingDiff ?? []), ...(change.bodyDiff ?? [])]
    .filter((part) => part.op === 'INSERT')
    .map((part) => part.text.trim())
    .filter((text) => text !== '');
}

/** The wording a version added to its document, clause by clause, in the order of its stored changes. */
export function addedWording(version: Pick<VersionEntry, 'changes'>): AddedWording[] {
  return (version.changes?.changes ?? []).flatMap((change) => {
    const passages = inserted(change);
    const shown = change.to ?? change.from;
    return passages.length === 0 || shown === null
      ? []
      : [{ key: change.key, number: shown.number, heading: shown.heading, passages }];
  });
}
