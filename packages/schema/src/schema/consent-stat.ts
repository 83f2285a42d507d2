import { type ConsentCountField, consentMeasure } from '../domain/consent-counts.js';
import { currentFigures } from '../domain/consent-release-rules.js';
import { compareMonths } from '../domain/period.js';
import { type ReleasedRow, type ReleasedValue, releasedRows } from '../domain/public-records.js';
import type { SuppressedTable, SuppressedTableRow } from '../domain/suppress-table.js';
import { suppressTable } from '../domain/suppress-table.js';
import type { Cell, VisibleSum } from '../domain/suppression.js';
import { builder, type Context } from './builder.js';
import { listEstimate } from './cost.js';
import { badInput, fromDomain, notFound } from './errors.js';
import { optionalSegmentKey, SEGMENT_KEY_DESCRIPTION } from './segment.js';

/** A published correction of a row: when, why, and the figures it replaced, as they were released. */
interface Correction {
  correctedAt: Date;
  reason: string;
  contentHash: string;
  previous: ReleasedRow;
}

interface RowKeys {
  feature: string;
  featureName: string;
  segment: string;
  period: string;
  /** Oldest first; empty for a figure never corrected. */
  corrections: Correction[];
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

/** A released value as a cell: hidden cells have no value. */
const releasedCell = (value: ReleasedValue): Cell =>
  value === 'suppressed' ? { value: null, suppressed: true } : { value, suppressed: false };

/**
 * The six counts, declared once: the figures in force on a row and the figures a correction
 * replaced both implement it, so clients select the counts with one fragment on ConsentCounts.
 */
const CountsRef = builder.interfaceRef<ReleasedRow | ReportRow>('ConsentCounts').implement({
  description: 'The six counts of one feature × segment × month, each a cell that may be suppressed.',
  fields: (t) =>
    Object.fromEntries(
      CELL_FIELDS.map(({ field, description }) => [
        field,
        t.field({
          type: CellRef,
          description,
          resolve: (counts) => ('cells' in counts ? counts.cells[field] : releasedCell(counts[field])),
        }),
      ]),
    ),
});

const FiguresRef = builder.objectRef<ReleasedRow>('ConsentFigures').implement({
  description: 'The six counts of one feature × segment × month as one release published them.',
  interfaces: [CountsRef],
  isTypeOf: (value) => typeof value === 'object' && value !== null && !('cells' in value),
  fields: () => ({}),
});

const CorrectionRef = builder.objectRef<Correction>('ConsentCorrection').implement({
  description:
    'A published correction of a figure (consent-releases chain, candor-consent-correction/1): the figure it replaced stays on the record.',
  fields: (t) => ({
    correctedAt: t.expose('correctedAt', { type: 'DateTime', description: 'When the correction was published.' }),
    reason: t.exposeString('reason'),
    contentHash: t.exposeString('contentHash', { description: 'The correction’s hash in the consent-releases chain.' }),
    previous: t.field({
      type: FiguresRef,
      description: 'The figures it replaced, as they were published (suppressed as they were then).',
      resolve: (correction) => correction.previous,
    }),
  }),
});

const RowRef = builder.objectRef<ReportRow>('ConsentStatRow').implement({
  description: 'Aggregate consent counts for one feature × segment × month.',
  interfaces: [CountsRef],
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'cells' in value,
  fields: (t) => ({
    feature: t.exposeString('feature', { description: 'AI feature slug.' }),
    featureName: t.exposeString('featureName'),
    segment: t.exposeString('segment'),
    period: t.field({ type: 'Month', resolve: (row) => row.period }),
    enabledRate: t.float({
      nullable: true,
      description: 'ownersEnabled / accountsEligible; null when either is suppressed or nothing was eligible.',
      resolve: (row) => row.enabledRate,
    }),
    corrected: t.boolean({
      description: 'True when a published correction replaced the figures first published (see corrections).',
      resolve: (row) => row.corrections.length > 0,
    }),
    corrections: t.field({
      type: [CorrectionRef],
      description: 'Every published correction of this row, oldest first; the counts above are the latest.',
      resolve: (row) => row.corrections,
    }),
  }),
});

/**
 * Month-end levels (stock counts) do not add up over months: the same accounts are counted again
 * each month. Their totals stay for existing clients, deprecated; the flow counts' totals mean
 * what they say.
 */
const STOCK_TOTAL_DEPRECATION =
  'A sum of month-end levels over several months counts the same accounts once per month; read the latest row instead. Only flow counts (participantsJoined, participantsLeft) add up over months.';

const TotalsRef = builder.objectRef<Report['totals']>('ConsentTotals').implement({
  description:
    'Sums of the published cells over the report’s rows. Only the flow counts (events during a month: participantsJoined, participantsLeft) add up over months; the totals of month-end levels are deprecated.',
  fields: (t) =>
    Object.fromEntries(
      CELL_FIELDS.map(({ field }) => [
        field,
        t.field({
          type: TotalRef,
          ...(consentMeasure(field) === 'stock' ? { deprecationReason: STOCK_TOTAL_DEPRECATION } : {}),
          resolve: (totals) => totals[field],
        }),
      ]),
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
      extensions: listEstimate(100),
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
      const rows = await withCorrections(ctx, stats);
      const table = fromDomain(() => suppressTable(rows, ctx.minimumCellSize));
      return { ...table, from: args.from, to: args.to, minimumCellSize: ctx.minimumCellSize };
    },
  }),
);

type StoredStat = Awaited<ReturnType<Context['prisma']['consentStat']['findMany']>>[number] & {
  feature: { slug: string; name: string };
  segment: { key: string };
};

/**
 * The figure in force for each feature × segment × month — the one its newest release or
 * correction published — with the corrections that replaced earlier ones, each carrying the
 * figures it replaced as their own release published them.
 */
async function withCorrections(ctx: Context, stats: readonly StoredStat[]) {
  const releases = await ctx.prisma.consentImport.findMany({
    where: { contentHash: { not: null } },
    orderBy: [{ importedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, importedAt: true, reason: true, contentHash: true, minimumCellSize: true },
  });
  const index = new Map(releases.map((release, i) => [release.id, i]));
  // A row in no release (written into the database by hand; integrity.verify reports it) is
  // still served, as the oldest figure of its key.
  const figures = stats.map(({ feature, segment, ...counts }) => ({
    row: { ...counts, feature: feature.slug, featureName: feature.name, segment: segment.key },
    releaseIndex: index.get(counts.importId ?? '') ?? -1,
  }));
  return currentFigures(figures).map(({ current, replaced }) => {
    const { id: _id, importId: _i, featureId: _f, segmentId: _s, createdAt: _c, ...row } = current.row;
    const chain = [...replaced, current];
    const corrections = chain.slice(1).map((figure, i) => {
      const release = releases[figure.releaseIndex];
      const before = chain[i] as (typeof chain)[number];
      const beforeRelease = releases[before.releaseIndex];
      return {
        correctedAt: release?.importedAt ?? new Date(0),
        reason: release?.reason ?? '',
        contentHash: release?.contentHash ?? '',
        previous: releasedRows([before.row], beforeRelease?.minimumCellSize ?? ctx.minimumCellSize)[0] as ReleasedRow,
      };
    });
    return { ...row, corrections };
  });
}
