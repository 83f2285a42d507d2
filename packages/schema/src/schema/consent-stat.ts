import type { ConsentCountField } from '../domain/consent-counts.js';
import { compareMonths } from '../domain/period.js';
import type { SuppressedTable, SuppressedTableRow } from '../domain/suppress-table.js';
import { suppressTable } from '../domain/suppress-table.js';
import type { Cell, VisibleSum } from '../domain/suppression.js';
import { builder } from './builder.js';
import { badInput, fromDomain, notFound } from './errors.js';
import { optionalSegmentKey, SEGMENT_KEY_DESCRIPTION } from './segment.js';

interface RowKeys {
  feature: string;
  featureName: string;
  segment: string;
  period: string;
}
type ReportRow = SuppressedTableRow<RowKeys>;
interface Report extends SuppressedTable<RowKeys> {
  from: string;
  to: string;
  minimumCellSize: number;
}

export const CellRef = builder.objectRef<Cell>('ConsentCell').implement({
  description:
    'One published count. Counts below the minimum cell size (and any that would reveal one by subtraction) are suppressed: value null, suppressed true.',
  fields: (t) => ({
    value: t.exposeInt('value', { nullable: true }),
    suppressed: t.exposeBoolean('suppressed'),
  }),
});

const TotalRef = builder.objectRef<VisibleSum>('ConsentTotal').implement({
  description:
    'A total over the published cells only, so subtracting visible cells never reveals a suppressed one. complete is false when suppressed cells were left out.',
  fields: (t) => ({
    value: t.exposeInt('value', { nullable: true }),
    suppressedCells: t.exposeInt('suppressedCells'),
    complete: t.exposeBoolean('complete'),
  }),
});

const cellField = (description: string) => (field: ConsentCountField) => ({ field, description });
const CELL_FIELDS = [
  cellField('Accounts for which the feature was available.')('accountsEligible'),
  cellField('Account owners or admins who turned the feature on.')('ownersEnabled'),
  cellField('Account owners or admins who turned it off.')('ownersDisabled'),
  cellField('Account owners or admins who never decided (the default applies).')('ownersUndecided'),
  cellField('Participants who accepted and joined (null cell when not tracked).')('participantsJoined'),
  cellField('Participants who left rather than accept.')('participantsLeft'),
] as const;

const RowRef = builder.objectRef<ReportRow>('ConsentStatRow').implement({
  description: 'Aggregate consent counts for one feature × segment × month.',
  fields: (t) => ({
    feature: t.exposeString('feature', { description: 'AI feature slug.' }),
    featureName: t.exposeString('featureName'),
    segment: t.exposeString('segment'),
    period: t.field({ type: 'Month', resolve: (row) => row.period }),
    ...Object.fromEntries(
      CELL_FIELDS.map(({ field, description }) => [
        field,
        t.field({ type: CellRef, description, resolve: (row) => row.cells[field] }),
      ]),
    ),
    enabledRate: t.float({
      nullable: true,
      description: 'ownersEnabled / accountsEligible; null when either is suppressed or nothing was eligible.',
      resolve: (row) => row.enabledRate,
    }),
  }),
});

const TotalsRef = builder.objectRef<Report['totals']>('ConsentTotals').implement({
  fields: (t) =>
    Object.fromEntries(
      CELL_FIELDS.map(({ field }) => [field, t.field({ type: TotalRef, resolve: (totals) => totals[field] })]),
    ),
});

const ReportRef = builder.objectRef<Report>('ConsentReport').implement({
  description: 'Consent statistics for a period range with small-cell suppression applied.',
  fields: (t) => ({
    from: t.field({ type: 'Month', resolve: (report) => report.from }),
    to: t.field({ type: 'Month', resolve: (report) => report.to }),
    minimumCellSize: t.exposeInt('minimumCellSize', { description: 'Counts below this are suppressed.' }),
    rows: t.field({
      type: [RowRef],
      description: 'Rows by period, feature, segment.',
      resolve: (report) => report.rows,
    }),
    totals: t.field({ type: TotalsRef, resolve: (report) => report.totals }),
    enabledRate: t.float({
      nullable: true,
      description: 'Enabled rate over the rows where both counts are published (see enabledRateRows).',
      resolve: (report) => report.enabledRate,
    }),
    enabledRateRows: t.int({
      description: 'Rows that fed enabledRate.',
      resolve: (report) => report.enabledRateRows.included,
    }),
  }),
});

/** Rows per request; 24 months × 2 features × 5 segments is 240, so this is generous. */
const MAX_ROWS = 5000;

builder.queryField('consentStatistics', (t) =>
  t.field({
    type: ReportRef,
    description: 'Monthly consent statistics, optionally for one feature and/or segment, suppressed for privacy.',
    args: {
      feature: t.arg.string({ description: 'AI feature slug; all features when omitted.' }),
      segment: t.arg.string({ description: `${SEGMENT_KEY_DESCRIPTION} All segments when omitted.` }),
      from: t.arg({ type: 'Month', required: true }),
      to: t.arg({ type: 'Month', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      if (compareMonths(args.from, args.to) > 0) throw badInput(`from (${args.from}) is after to (${args.to})`, 'from');
      if (args.feature != null && (await ctx.prisma.aiFeature.count({ where: { slug: args.feature } })) === 0) {
        throw notFound(`No AI feature with slug "${args.feature}"`, 'feature');
      }
      await optionalSegmentKey(ctx, args.segment);
      const stats = await ctx.prisma.consentStat.findMany({
        where: {
          period: { gte: args.from, lte: args.to },
          ...(args.feature == null ? {} : { feature: { slug: args.feature } }),
          ...(args.segment == null ? {} : { segment: { key: args.segment } }),
        },
        orderBy: [{ period: 'asc' }, { feature: { position: 'asc' } }, { segment: { position: 'asc' } }],
        include: { feature: { select: { slug: true, name: true } }, segment: { select: { key: true } } },
        take: MAX_ROWS + 1,
      });
      if (stats.length > MAX_ROWS) throw badInput(`The range holds more than ${MAX_ROWS} rows; narrow it`, 'to');
      const rows = stats.map(({ feature, segment, period, ...counts }) => ({
        ...counts,
        feature: feature.slug,
        featureName: feature.name,
        segment: segment.key,
        period,
      }));
      const table = fromDomain(() => suppressTable(rows, ctx.minimumCellSize));
      return { ...table, from: args.from, to: args.to, minimumCellSize: ctx.minimumCellSize };
    },
  }),
);
