import type { Context } from './builder.js';
import { builder } from './builder.js';
import { listEstimate } from './cost.js';
import { notFound } from './errors.js';

/**
 * Segments are the organisation's data, not the schema's (issue 13): arguments take a segment's
 * key as a string, checked here against the segments the organisation defined. Partners discover
 * the keys with `{ segments { key name } }`.
 */
export async function requireSegmentKey(ctx: Context, key: string, field = 'segment'): Promise<string> {
  const { segmentByKey, segments } = await ctx.loaders.catalogue();
  if (!segmentByKey.has(key)) {
    const known = segments.map((segment) => segment.key).join(', ');
    throw notFound(`No segment "${key}"${known === '' ? '' : ` (segments: ${known})`}`, field);
  }
  return key;
}

/** The same check for an optional argument: null or undefined means "every segment". */
export const optionalSegmentKey = async (ctx: Context, key: string | null | undefined, field = 'segment') =>
  key == null ? null : requireSegmentKey(ctx, key, field);

export const SEGMENT_KEY_DESCRIPTION = 'A segment key, as `segments { key }` lists them (e.g. "consumer").';

export const Segment = builder.prismaObject('Segment', {
  description: 'A class of customer: every explanation, feature default and statistic is per segment.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable, chosen by the organisation; used in URLs and arguments.' }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    position: t.exposeInt('position', { description: 'Display order, smallest first.' }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the organisation stopped using it; what was published for it stays readable.',
    }),
  }),
});

builder.queryFields((t) => ({
  segments: t.prismaField({
    type: ['Segment'],
    extensions: listEstimate(5),
    description: 'The segments the organisation defined, in display order (retired ones only when asked).',
    args: { includeRetired: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.segment.findMany({
        ...query,
        where: args.includeRetired ? {} : { retiredAt: null },
        orderBy: { position: 'asc' },
      }),
  }),
  segment: t.prismaField({
    type: 'Segment',
    args: { key: t.arg.string({ required: true, description: SEGMENT_KEY_DESCRIPTION }) },
    resolve: async (query, _root, { key }, ctx) => {
      const segment = await ctx.prisma.segment.findUnique({ ...query, where: { key } });
      if (segment === null) await requireSegmentKey(ctx, key, 'key');
      if (segment === null) throw notFound(`No segment "${key}"`, 'key');
      return segment;
    },
  }),
}));
