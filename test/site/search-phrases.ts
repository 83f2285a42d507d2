/**
 * Phrases to search for, picked from the built site's own JSON downloads (so a change to the
 * sample data picks new ones instead of passing silently): a sentence every version of a document
 * shares, and a sentence a superseded version introduced. What the search index should return for
 * each is the product decision in apps/site/src/lib/search-scope.ts.
 */
import { readSiteFile } from './site-files.js';

interface VersionJson {
  label: string;
  timing: 'UPCOMING' | 'IN_FORCE' | 'SUPERSEDED' | 'WITHDRAWN';
  clauses: { body: string }[];
  changes: {
    from: { label: string } | null;
    changes: { kind: string; to: { body: string } | null; bodyDiff: { op: string; text: string }[] | null }[];
  } | null;
}

export interface SearchPhrases {
  document: string;
  /** The version in force, and the versions whose full text search covers (in force, upcoming, the first). */
  current: string;
  fullTextLabels: string[];
  /** Superseded versions after the first: search finds them by what they added, not their full text. */
  supersededLabels: string[];
  /** In every version's text. */
  unchanged: string;
  /** First in `introducedIn`'s text (a superseded version after the first). */
  introduced: string;
  introducedIn: string;
}

const MIN_WORDS = 8;
const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.split(/\s+/).length >= MIN_WORDS);

export function searchPhrases(root: string, document: string, labels: string[]): SearchPhrases {
  // The JSON downloads leave out `timing` (it depends on the build's clock): the version page states it.
  const timingOf = (label: string): VersionJson['timing'] => {
    const page = readSiteFile(root, `/documents/${document}/${label}/index.html`);
    const timing = /class="version-status" data-timing="([A-Z_]+)"/.exec(page)?.[1];
    if (timing === undefined) throw new Error(`${document}/${label}: the page states no timing`);
    return timing as VersionJson['timing'];
  };
  const versions = labels.map(
    (label): VersionJson => ({
      ...(JSON.parse(readSiteFile(root, `/documents/${document}/${label}.json`)) as Omit<VersionJson, 'timing'>),
      timing: timingOf(label),
    }),
  );
  const textOf = (version: VersionJson) => version.clauses.map((clause) => clause.body).join('\n');
  const current = versions.find((version) => version.timing === 'IN_FORCE');
  if (current === undefined) throw new Error(`${document} has no version in force`);
  const isFirst = (version: VersionJson) => (version.changes?.from ?? null) === null;
  const superseded = versions.filter((version) => version.timing === 'SUPERSEDED' && !isFirst(version));
  const unchanged = sentences(textOf(current)).find((sentence) =>
    versions.every((version) => textOf(version).includes(sentence)),
  );
  if (unchanged === undefined) throw new Error(`${document}: no sentence is in every version`);
  for (const version of superseded) {
    const previous = versions.find((candidate) => candidate.label === version.changes?.from?.label);
    const inserted = (version.changes?.changes ?? []).flatMap((change) =>
      change.kind === 'ADDED'
        ? [change.to?.body ?? '']
        : (change.bodyDiff ?? []).filter((part) => part.op === 'INSERT').map((part) => part.text),
    );
    const introduced = inserted
      .flatMap(sentences)
      .find((sentence) => previous !== undefined && !textOf(previous).includes(sentence));
    if (introduced !== undefined) {
      return {
        document,
        current: current.label,
        fullTextLabels: versions.filter((v) => v.timing !== 'SUPERSEDED' || isFirst(v)).map((v) => v.label),
        supersededLabels: superseded.map((v) => v.label),
        unchanged,
        introduced,
        introducedIn: version.label,
      };
    }
  }
  throw new Error(`${document}: no superseded version introduced a whole sentence`);
}
