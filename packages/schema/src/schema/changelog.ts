import type { ClauseChange, ClauseComparison, ClauseSnapshot } from '../domain/clause-diff.js';
import type { WordDiffPart } from '../domain/word-diff.js';
import { builder } from './builder.js';

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
    headingDiff: t.field({ type: [WordDiffPartRef], nullable: true, resolve: (change) => change.headingDiff }),
    bodyDiff: t.field({ type: [WordDiffPartRef], nullable: true, resolve: (change) => change.bodyDiff }),
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
      changes: t.field({ type: [ClauseChangeRef], resolve: (comparison) => comparison.changes }),
    }),
  });

/**
 * Parsed once per changelog row, however many of its fields a query selects (the site selects
 * both, for every version: the word diffs make this JSON the largest part of a version's answer).
 * The JSON was written by compareClauses at publish time.
 */
const parsedRows = new WeakMap<{ changesJson: string }, ClauseComparison>();
const parse = (changelog: { changesJson: string }): ClauseComparison => {
  let parsed = parsedRows.get(changelog);
  if (parsed === undefined) {
    parsed = JSON.parse(changelog.changesJson) as ClauseComparison;
    parsedRows.set(changelog, parsed);
  }
  return parsed;
};

export const ChangelogRef = builder.prismaObject('Changelog', {
  description: 'The stored changes of a version against the previous published one (computed once, at publish).',
  fields: (t) => ({
    summary: t.field({ type: ComparisonSummaryRef, resolve: (changelog) => parse(changelog).summary }),
    changes: t.field({ type: [ClauseChangeRef], resolve: (changelog) => parse(changelog).changes }),
  }),
});
