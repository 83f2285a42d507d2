import { builder } from './builder.js';
import { listEstimate } from './cost.js';
import { requireSegmentKey, SEGMENT_KEY_DESCRIPTION, Segment } from './segment.js';

export const VersionTiming = builder.enumType('VersionTiming', {
  description: 'Where a published version stands relative to now.',
  values: {
    UPCOMING: { description: 'Published, not yet effective.' },
    IN_FORCE: { description: 'The version that binds now.' },
    SUPERSEDED: { description: 'Replaced by a later version.' },
    WITHDRAWN: { description: 'Withdrawn before it took effect; kept in the history and the hash chain.' },
  },
});

export const ClauseRef = builder.prismaObject('Clause', {
  description: 'A numbered section of a version. `key` is stable across versions even when `number` changes.',
  fields: (t) => ({
    id: t.exposeID('id'),
    key: t.exposeString('key'),
    number: t.exposeString('number'),
    heading: t.exposeString('heading'),
    body: t.exposeString('body'),
    position: t.exposeInt('position', { description: '0-based reading order.' }),
    version: t.relation('version'),
  }),
});

export const ExplanationRef = builder.prismaObject('Explanation', {
  description: 'What a version means for one segment, in plain language.',
  fields: (t) => ({
    segment: t.field({
      type: Segment,
      resolve: (explanation, _args, ctx) => ctx.loaders.segmentOf(explanation.segmentId),
    }),
    summary: t.exposeString('summary'),
    whatChanges: t.exposeString('whatChanges', {
      description: '"What changes for you" compared with the previous version; empty for a first version.',
    }),
    affected: t.exposeBoolean('affected', { description: 'Whether this version changes anything for this segment.' }),
  }),
});

export const VersionRef = builder.prismaObject('Version', {
  description:
    'One published text of a document. Immutable: its clauses and hashes never change; corrections are new versions.',
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label', { description: 'Unique within the document; used in URLs.' }),
    material: t.exposeBoolean('material', {
      description: 'A material change must respect the document’s notice period.',
    }),
    changeNote: t.exposeString('changeNote'),
    importSource: t.exposeString('importSource', {
      nullable: true,
      description:
        'Where an imported version came from (e.g. "git:<commit>:<path>"); null for versions published in Candor. An imported version’s dates come from that source, not from Candor’s own publication.',
    }),
    importedAt: t.expose('importedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was imported into Candor (hashed with it); null for versions published in Candor.',
    }),
    publishedAt: t.field({
      type: 'DateTime',
      description: 'When the public could first read it.',
      resolve: (version) => required(version.publishedAt, 'publishedAt'),
    }),
    effectiveAt: t.field({
      type: 'DateTime',
      description: 'When it binds. Differs from publishedAt by the notice given.',
      resolve: (version) => required(version.effectiveAt, 'effectiveAt'),
    }),
    contentHash: t.string({
      description: 'SHA-256 (hex) of the canonical serialisation, which includes previousHash.',
      resolve: (version) => required(version.contentHash, 'contentHash'),
    }),
    previousHash: t.exposeString('previousHash', {
      nullable: true,
      description: 'contentHash of the previous published version of this document; null for the first.',
    }),
  }),
});

/** Fields that lead to other versions, clauses and explanations (declared after the refs they use). */
builder.prismaObjectFields(VersionRef, (t) => ({
  clauses: t.field({
    type: [ClauseRef],
    extensions: listEstimate(50),
    description: 'Clauses in reading order; `keys` narrows to some stable keys.',
    args: { keys: t.arg.stringList({ description: 'Stable clause keys, e.g. ["10.4"].' }) },
    resolve: async (version, args, ctx) => {
      const clauses = await ctx.loaders.clausesOf.load(parentKeyOf(version));
      if (args.keys == null) return clauses;
      const keys = new Set(args.keys);
      return clauses.filter((clause) => keys.has(clause.key));
    },
  }),
  clause: t.field({
    type: ClauseRef,
    nullable: true,
    description: 'One clause by stable key (null when this version has no such clause).',
    args: { key: t.arg.string({ required: true }) },
    resolve: async (version, args, ctx) =>
      (await ctx.loaders.clausesOf.load(parentKeyOf(version))).find((clause) => clause.key === args.key) ?? null,
  }),
  explanations: t.field({
    type: [ExplanationRef],
    extensions: listEstimate(5),
    description: 'Plain-language explanations, one per segment.',
    resolve: (version, _args, ctx) => ctx.loaders.explanationsOf.load(parentKeyOf(version)),
  }),
  explanation: t.field({
    type: ExplanationRef,
    nullable: true,
    description: 'The plain-language explanation for one segment.',
    args: { segment: t.arg.string({ required: true, description: SEGMENT_KEY_DESCRIPTION }) },
    resolve: async (version, args, ctx) => {
      await requireSegmentKey(ctx, args.segment);
      const [explanations, segments] = await Promise.all([
        ctx.loaders.explanationsOf.load(parentKeyOf(version)),
        ctx.loaders.segmentsByKey(),
      ]);
      const segmentId = segments.get(args.segment)?.id;
      return explanations.find((explanation) => explanation.segmentId === segmentId) ?? null;
    },
  }),
}));

/**
 * Clauses and explanations come from the published-content cache (published-content.ts) rather
 * than from a nested Prisma selection: a published version's are frozen, a draft's are read anew.
 */
const parentKeyOf = (version: { id: string; status: string }) => ({
  id: version.id,
  frozen: version.status === 'PUBLISHED',
});

/** Published versions always carry these; a missing one means corrupted data, not bad input. */
function required<T>(value: T | null, field: string): T {
  if (value === null) throw new Error(`published version without ${field}`);
  return value;
}

export const WithdrawalRef = builder.prismaObject('Withdrawal', {
  description:
    'The withdrawal of a scheduled version (or AI-feature revision) before it took effect. A public record of its own, in the `withdrawals` hash chain and covered by the signed checkpoints.',
  fields: (t) => ({
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime' }),
    reason: t.exposeString('reason'),
    contentHash: t.exposeString('contentHash', {
      nullable: true,
      description:
        'SHA-256 (hex) of the canonical withdrawal (candor-withdrawal/1), which commits to the withdrawn record’s hash and includes previousHash. Null only for a row written behind the workflow’s back, which integrity.verify reports as UNCHAINED.',
    }),
    previousHash: t.exposeString('previousHash', {
      nullable: true,
      description: 'contentHash of the previous withdrawal in the withdrawals chain; null for the first.',
    }),
  }),
});
