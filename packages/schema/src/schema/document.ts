import { isScheduledAfter } from '../domain/as-of.js';
import { compareClauses } from '../domain/clause-diff.js';
import { endOfDayUtc } from '../domain/period.js';
import { builder, type Context } from './builder.js';
import { versionInForceAt } from './catalogue.js';
import { documentPages, pageOver, versionPages } from './catalogue-connection.js';
import { ClauseComparisonRef } from './changelog.js';
import { listEstimate } from './cost.js';
import { DocumentKindDescription } from './definitions.js';
import { badInput, fromDomain, notFound } from './errors.js';
import { optionalSegmentKey, SEGMENT_KEY_DESCRIPTION, Segment } from './segment.js';
import { VersionRef } from './version.js';

/** A document's public versions at the request's clock, newest first. */
const publicVersionsOf = (document: { id: string }, ctx: Context) => ctx.loaders.publicVersions(document.id);

export const DocumentRef = builder.prismaObject('Document', {
  description: 'A policy with a stable slug, e.g. terms-of-service.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    noticePeriodDays: t.exposeInt('noticePeriodDays', {
      description: 'Material changes take effect no earlier than publication plus this many days.',
    }),
    kind: t.exposeString('kind', { description: DocumentKindDescription }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the organisation stopped using it; its published versions stay readable.',
    }),
    segments: t.field({
      type: [Segment],
      description: 'The segments it applies to, in display order.',
      resolve: async (document, _args, ctx) => {
        const catalogue = await ctx.loaders.catalogue();
        return (catalogue.segmentKeysOf.get(document.id) ?? []).flatMap((key) => {
          const segment = catalogue.segmentByKey.get(key);
          return segment === undefined ? [] : [segment];
        });
      },
    }),
    appliesTo: t.boolean({
      description: 'Whether it applies to the segment.',
      args: { segment: t.arg.string({ required: true, description: SEGMENT_KEY_DESCRIPTION }) },
      resolve: async (document, args, ctx) => appliesTo(document, await optionalSegmentKey(ctx, args.segment), ctx),
    }),
    versions: t.connection({
      type: VersionRef,
      description: 'Published versions, newest first (by effective date). Drafts are never listed.',
      resolve: async (document, args, ctx) =>
        pageOver(versionPages, await publicVersionsOf(document, ctx), args, ctx, document),
    }),
    version: t.field({
      type: VersionRef,
      description: 'One published version by its label.',
      args: { label: t.arg.string({ required: true }) },
      resolve: async (document, args, ctx) => {
        const version = (await publicVersionsOf(document, ctx)).find((candidate) => candidate.label === args.label);
        if (version === undefined) throw notFound(`${document.slug} has no published version "${args.label}"`, 'label');
        return version;
      },
    }),
    current: t.field({
      type: VersionRef,
      nullable: true,
      description:
        'The version in force now (null before the first version takes effect, or when it does not apply to `segment`).',
      args: {
        segment: t.arg.string({ description: `The reader’s segment. ${SEGMENT_KEY_DESCRIPTION}` }),
      },
      resolve: async (document, args, ctx) =>
        (await appliesTo(document, await optionalSegmentKey(ctx, args.segment), ctx))
          ? versionInForceAt(await publicVersionsOf(document, ctx), ctx.now)
          : null,
    }),
    asOf: t.field({
      type: VersionRef,
      nullable: true,
      description:
        'The latest version effective on `date` (any time that UTC day), whenever it was published; null when it does not apply to `segment`.',
      args: {
        date: t.arg({ type: 'Date', required: true }),
        segment: t.arg.string({ description: SEGMENT_KEY_DESCRIPTION }),
      },
      resolve: async (document, args, ctx) =>
        (await appliesTo(document, await optionalSegmentKey(ctx, args.segment), ctx))
          ? versionInForceAt(await publicVersionsOf(document, ctx), endOfDayUtc(args.date))
          : null,
    }),
    upcoming: t.field({
      type: [VersionRef],
      extensions: listEstimate(5),
      description: 'Published versions that have not taken effect yet, soonest first.',
      resolve: async (document, _args, ctx) =>
        (await publicVersionsOf(document, ctx)).filter((version) => isScheduledAfter(version, ctx.now)).reverse(),
    }),
    compare: t.field({
      type: ClauseComparisonRef,
      description: 'Clause-by-clause changes from one published version to a later one.',
      args: {
        from: t.arg.string({ required: true, description: 'Label of the earlier version.' }),
        to: t.arg.string({ required: true, description: 'Label of the later version.' }),
      },
      resolve: async (document, args, ctx) => {
        const versions = await publicVersionsOf(document, ctx);
        const find = (label: string, field: 'from' | 'to') => {
          const version = versions.find((v) => v.label === label);
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
        const [fromClauses, toClauses] = await Promise.all(
          [from, to].map((version) => ctx.loaders.clausesOf.load({ id: version.id, frozen: true })),
        );
        return {
          from: from.label,
          to: to.label,
          ...fromDomain(() => compareClauses(fromClauses ?? [], toClauses ?? [])),
        };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  documents: t.connection({
    type: DocumentRef,
    description: 'Every policy, in display order; `segment` narrows to those that apply to it.',
    args: { segment: t.arg.string({ description: SEGMENT_KEY_DESCRIPTION }) },
    resolve: async (_root, args, ctx) => {
      const segment = await optionalSegmentKey(ctx, args.segment);
      const catalogue = await ctx.loaders.catalogue();
      const documents =
        segment === null
          ? catalogue.documents
          : catalogue.documents.filter((document) => catalogue.segmentKeysOf.get(document.id)?.includes(segment));
      return pageOver(documentPages, documents, args, ctx);
    },
  }),
  document: t.field({
    type: DocumentRef,
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, { slug }, ctx) => {
      const document = (await ctx.loaders.catalogue()).documentBySlug.get(slug);
      if (document === undefined) throw notFound(`No document with slug "${slug}"`, 'slug');
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

/** Whether a document applies to a segment (null: no segment given, so yes). */
async function appliesTo(document: { id: string }, segment: string | null, ctx: Context): Promise<boolean> {
  if (segment === null) return true;
  return (await ctx.loaders.catalogue()).segmentKeysOf.get(document.id)?.includes(segment) ?? false;
}
