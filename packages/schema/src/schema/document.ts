import { compareClauses } from '../domain/clause-diff.js';
import { endOfDayUtc } from '../domain/period.js';
import { builder } from './builder.js';
import { ClauseComparisonRef } from './changelog.js';
import { badInput, fromDomain, notFound } from './errors.js';
import { pageSize } from './pagination.js';
import { SegmentKey } from './segment.js';
import { VersionRef } from './version.js';
import { inForceCandidateWhere, newestFirst, publicVersionWhere } from './visibility.js';

/** Versions in force at `at`, as a nested selection: the newest effective on or before it. */
const inForceAt = (now: Date, at: Date) => ({
  where: { ...inForceCandidateWhere(now), effectiveAt: { lte: at } },
  orderBy: newestFirst,
  take: 1,
});

const DocumentRef = builder.prismaObject('Document', {
  description: 'A policy with a stable slug, e.g. terms-of-service.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    noticePeriodDays: t.exposeInt('noticePeriodDays', {
      description: 'Material changes take effect no earlier than publication plus this many days.',
    }),
    versions: t.relatedConnection('versions', {
      description: 'Published versions, newest first (by effective date). Drafts are never listed.',
      cursor: 'id',
      ...pageSize,
      query: (_args, ctx) => ({ where: publicVersionWhere(ctx.now), orderBy: newestFirst }),
    }),
    version: t.field({
      type: VersionRef,
      description: 'One published version by its label.',
      args: { label: t.arg.string({ required: true }) },
      select: (args, ctx, nestedSelection) => ({
        versions: nestedSelection({ where: { ...publicVersionWhere(ctx.now), label: args.label }, take: 1 }),
      }),
      resolve: (document, args) => {
        const version = document.versions[0];
        if (version === undefined) throw notFound(`${document.slug} has no published version "${args.label}"`, 'label');
        return version;
      },
    }),
    current: t.field({
      type: VersionRef,
      nullable: true,
      description: 'The version in force now (null before the first version takes effect).',
      args: {
        segment: t.arg({
          type: SegmentKey,
          description: 'The reader’s segment; every document applies to every segment today.',
        }),
      },
      select: (_args, ctx, nestedSelection) => ({ versions: nestedSelection(inForceAt(ctx.now, ctx.now)) }),
      resolve: (document) => document.versions[0] ?? null,
    }),
    asOf: t.field({
      type: VersionRef,
      nullable: true,
      description: 'The latest version effective on `date` (any time that UTC day), whenever it was published.',
      args: {
        date: t.arg({ type: 'Date', required: true }),
        segment: t.arg({ type: SegmentKey }),
      },
      select: (args, ctx, nestedSelection) => ({
        versions: nestedSelection(inForceAt(ctx.now, endOfDayUtc(args.date))),
      }),
      resolve: (document) => document.versions[0] ?? null,
    }),
    upcoming: t.field({
      type: [VersionRef],
      description: 'Published versions that have not taken effect yet, soonest first.',
      select: (_args, ctx, nestedSelection) => ({
        versions: nestedSelection({
          where: { ...inForceCandidateWhere(ctx.now), effectiveAt: { gt: ctx.now } },
          orderBy: [{ effectiveAt: 'asc' }, { publishedAt: 'asc' }],
        }),
      }),
      resolve: (document) => document.versions,
    }),
    compare: t.field({
      type: ClauseComparisonRef,
      description: 'Clause-by-clause changes from one published version to a later one.',
      args: {
        from: t.arg.string({ required: true, description: 'Label of the earlier version.' }),
        to: t.arg.string({ required: true, description: 'Label of the later version.' }),
      },
      select: (args, ctx) => ({
        slug: true,
        versions: {
          where: { ...publicVersionWhere(ctx.now), label: { in: [args.from, args.to] } },
          select: {
            label: true,
            effectiveAt: true,
            publishedAt: true,
            clauses: { orderBy: { position: 'asc' }, select: { key: true, number: true, heading: true, body: true } },
          },
        },
      }),
      resolve: (document, args) => {
        const find = (label: string, field: 'from' | 'to') => {
          const version = document.versions.find((v) => v.label === label);
          if (version === undefined) throw notFound(`${document.slug} has no published version "${label}"`, field);
          return version;
        };
        const from = find(args.from, 'from');
        const to = find(args.to, 'to');
        const order = (v: typeof from) => [v.effectiveAt?.getTime() ?? 0, v.publishedAt?.getTime() ?? 0] as const;
        const [fromEffective, fromPublished] = order(from);
        const [toEffective, toPublished] = order(to);
        if (fromEffective > toEffective || (fromEffective === toEffective && fromPublished > toPublished)) {
          throw badInput(`from (${args.from}) must not be later than to (${args.to})`, 'from');
        }
        return { from: from.label, to: to.label, ...fromDomain(() => compareClauses(from.clauses, to.clauses)) };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  documents: t.prismaConnection({
    type: 'Document',
    cursor: 'id',
    ...pageSize,
    description: 'Every published policy, in display order.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.document.findMany({ ...query, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
  }),
  document: t.prismaField({
    type: 'Document',
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (query, _root, { slug }, ctx) => {
      const document = await ctx.prisma.document.findUnique({ ...query, where: { slug } });
      if (document === null) throw notFound(`No document with slug "${slug}"`, 'slug');
      return document;
    },
  }),
}));

// A shortcut for `Clause.version { document }`: a link to a clause needs its document, and
// partners (and the site) should not spend two levels of the depth limit on it.
builder.prismaObjectField('Clause', 'document', (t) =>
  t.field({
    type: DocumentRef,
    description: 'The document this clause belongs to (the same as `version { document }`).',
    select: { version: { select: { document: true } } },
    resolve: (clause) => clause.version.document,
  }),
);
