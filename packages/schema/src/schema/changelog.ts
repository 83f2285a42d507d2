import type { ClauseChange, ClauseComparison, ClauseSnapshot } from '../domain/clause-diff.js';
import type { WordDiffPart } from '../domain/word-diff.js';
import { builder } from './builder.js';
import { listEstimate } from './cost.js';

const WordDiffOp = builder.enumType('WordDiffOp', {
  description: 'EQUAL text is in both versions; INSERT only in the later; DELETE only in the earlier.',
  values: { EQUAL: { value: 'equal' }, INSERT: { value: 'insert' }, DELETE: { value: 'delete' } } as const,
});

const WordDiffPartRef = builder.objectRef<WordDiffPart>('WordDiffPart').implement({
  description: 'A run of words in a word-level diff. EQUAL+DELETE parts rebuild the old text, EQUAL+INSERT the new.',
  fields: (t) => ({
    op: t.field({ type: WordDiffOp, resolve: (part) => part.op }),
    text: t.exposeString('text'),
  }),
});

const ClauseSnapshotRef = builder.objectRef<ClauseSnapshot>('ClauseSnapshot').implement({
  description: 'A clause as it reads on one side of a comparison.',
  fields: (t) => ({
    number: t.exposeString('number'),
    heading: t.exposeString('heading'),
    body: t.exposeString('body'),
    position: t.exposeInt('position'),
  }),
});

const ClauseChangeKind = builder.enumType('ClauseChangeKind', {
  values: {
    ADDED: { value: 'added', description: 'Only in the later version.' },
    REMOVED: { value: 'removed', description: 'Only in the earlier version.' },
    MODIFIED: { value: 'modified', description: 'Heading, body or number changed; order kept.' },
    MOVED: { value: 'moved', description: 'Its place relative to other clauses changed (it may also be modified).' },
  } as const,
});

const ClauseChangeRef = builder.objectRef<ClauseChange>('ClauseChange').implement({
  description: 'One clause that differs between two versions, matched by its stable key.',
  fields: (t) => ({
    kind: t.field({ type: ClauseChangeKind, resolve: (change) => change.kind }),
    key: t.exposeString('key'),
    from: t.field({ type: ClauseSnapshotRef, nullable: true, resolve: (change) => change.from }),
    to: t.field({ type: ClauseSnapshotRef, nullable: true, resolve: (change) => change.to }),
    headingChanged: t.exposeBoolean('headingChanged'),
    bodyChanged: t.exposeBoolean('bodyChanged'),
    renumbered: t.exposeBoolean('renumbered'),
    moved: t.exposeBoolean('moved'),
    headingDiff: t.field({
      type: [WordDiffPartRef],
      nullable: true,
      extensions: listEstimate(5),
      resolve: (change) => change.headingDiff,
    }),
    bodyDiff: t.field({
      type: [WordDiffPartRef],
      nullable: true,
      extensions: listEstimate(20),
      resolve: (change) => change.bodyDiff,
    }),
  }),
});

const ComparisonSummaryRef = builder.objectRef<ClauseComparison['summary']>('ComparisonSummary').implement({
  fields: (t) => ({
    added: t.exposeInt('added'),
    removed: t.exposeInt('removed'),
    modified: t.exposeInt('modified'),
    moved: t.exposeInt('moved'),
    unchanged: t.exposeInt('unchanged'),
  }),
});

/** A computed comparison between two labelled versions (Document.compare). */
export const ClauseComparisonRef = builder
  .objectRef<ClauseComparison & { from: string; to: string }>('Comparison')
  .implement({
    description: 'Clause-by-clause differences between two versions of one document.',
    fields: (t) => ({
      from: t.exposeString('from', { description: 'Label of the earlier version.' }),
      to: t.exposeString('to', { description: 'Label of the later version.' }),
      summary: t.field({ type: ComparisonSummaryRef, resolve: (comparison) => comparison.summary }),
      changes: t.field({
        type: [ClauseChangeRef],
        extensions: listEstimate(50),
        resolve: (comparison) => comparison.changes,
      }),
    }),
  });

/** A stored comparison: the changelog written at publication, or a later rebase (ChangeRebase). */
interface StoredComparison {
  fromVersionId: string | null;
  changesJson: string;
  createdAt: Date;
}

/**
 * What Version.changes answers: the version's current comparison — its newest rebase when a
 * later publication or a withdrawal changed what takes effect right before it, else the
 * changelog stored at publication — with the reason when it is a rebase.
 */
export interface VersionChanges {
  row: StoredComparison;
  /** Null for the comparison made at publication. */
  reason: string | null;
}

/** The current comparison of a version: its newest rebase (rebases come newest first), else its changelog. */
export function currentChanges(version: {
  changelog: StoredComparison | null;
  rebases: readonly (StoredComparison & { reason: string })[];
}): VersionChanges | null {
  const rebase = version.rebases[0];
  if (rebase !== undefined) return { row: rebase, reason: rebase.reason };
  return version.changelog === null ? null : { row: version.changelog, reason: null };
}

/**
 * Parsed once per stored row, however many of its fields a query selects (the site selects
 * both, for every version: the word diffs make this JSON the largest part of a version's answer).
 * Rows are the catalogue's frozen objects, so the cache lives as long as the catalogue does. The
 * JSON was written by compareClauses when the row was stored.
 */
const parsedRows = new WeakMap<StoredComparison, ClauseComparison>();
const parse = ({ row }: VersionChanges): ClauseComparison => {
  let parsed = parsedRows.get(row);
  if (parsed === undefined) {
    parsed = JSON.parse(row.changesJson) as ClauseComparison;
    parsedRows.set(row, parsed);
  }
  return parsed;
};

export const ChangelogRef = builder.objectRef<VersionChanges>('Changelog').implement({
  description:
    'What changed in a version compared with the version in force right before it takes effect (effective-date order, withdrawn versions skipped). Computed at publication; when a later publication or a withdrawal changes which version takes effect right before a scheduled one, it is compared again (rebased, with the reason). Earlier comparisons stay stored.',
  fields: (t) => ({
    summary: t.field({ type: ComparisonSummaryRef, resolve: (changes) => parse(changes).summary }),
    changes: t.field({
      type: [ClauseChangeRef],
      extensions: listEstimate(50),
      resolve: (changes) => parse(changes).changes,
    }),
    rebased: t.boolean({
      description:
        'True when this comparison replaced the one made at publication, because a later publication or a withdrawal changed which version takes effect right before this one.',
      resolve: (changes) => changes.reason !== null,
    }),
    reason: t.string({
      nullable: true,
      description: 'Why the comparison was made again, in a sentence; null for the comparison made at publication.',
      resolve: (changes) => changes.reason,
    }),
    comparedAt: t.field({
      type: 'DateTime',
      description: 'When this comparison was made: the publication, or the write that caused the rebase.',
      resolve: (changes) => changes.row.createdAt,
    }),
  }),
});
