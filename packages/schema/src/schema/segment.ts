import { SEGMENT_KEYS } from '../domain/types.js';
import { builder } from './builder.js';
import { notFound } from './errors.js';

export const SegmentKey = builder.enumType('SegmentKey', {
  description: 'A class of customer the terms treat differently.',
  values: Object.fromEntries(SEGMENT_KEYS.map((key) => [key, { value: key }])) as {
    [K in (typeof SEGMENT_KEYS)[number]]: { value: K };
  },
});

export const Segment = builder.prismaObject('Segment', {
  description: 'A class of customer: every explanation, feature default and statistic is per segment.',
  fields: (t) => ({
    key: t.field({ type: SegmentKey, resolve: (segment) => segment.key as (typeof SEGMENT_KEYS)[number] }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
  }),
});

builder.queryFields((t) => ({
  segments: t.prismaField({
    type: ['Segment'],
    description: 'All segments, in display order.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.segment.findMany({ ...query, orderBy: { position: 'asc' } }),
  }),
  segment: t.prismaField({
    type: 'Segment',
    args: { key: t.arg({ type: SegmentKey, required: true }) },
    resolve: async (query, _root, { key }, ctx) => {
      const segment = await ctx.prisma.segment.findUnique({ ...query, where: { key } });
      if (segment === null) throw notFound(`No segment "${key}" is configured`, 'key');
      return segment;
    },
  }),
}));
