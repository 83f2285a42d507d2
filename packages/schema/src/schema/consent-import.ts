/**
 * Importing consent statistics publishes them: every import is a consent release, hashed as the
 * public reads it (suppressed at the API's minimum cell size, candor-consent-release/1), chained
 * to the release before it and covered by a new signed checkpoint, all in the import's one
 * transaction (ADR 0005).
 */
import { createHash } from 'node:crypto';
import { parseConsentCsv } from '../domain/consent-csv.js';
import { DomainError, DomainValidationError } from '../domain/errors.js';
import { issueCheckpoint } from '../services/checkpoints.js';
import { appendConsentRelease } from '../services/public-chains.js';
import { builder, type Context } from './builder.js';
import { MutationErrorRef, refusedByRole, runMutation, type Tx } from './mutation-result.js';

const ImportPayload = builder.simpleObject('ConsentImportPayload', {
  fields: (t) => ({
    importId: t.id({ nullable: true }),
    rowCount: t.int({ nullable: true }),
    contentHash: t.string({
      nullable: true,
      description: 'The release’s hash in the consent-releases chain (see consentReleases).',
    }),
    checkpointSequence: t.int({ nullable: true, description: 'The signed checkpoint issued with the release.' }),
    error: t.field({ type: MutationErrorRef, nullable: true, description: 'Every invalid row is listed in problems.' }),
  }),
});

/** Largest CSV accepted in one request; bigger histories are imported month by month. */
const MAX_CSV_CHARS = 10_000_000;

/**
 * Months per read of existing rows: SQLite refuses a statement with more than 999 bound
 * parameters, so a long backfill is checked in a few statements (rows are written in batches by
 * appendConsentRelease for the same reason).
 */
const MONTHS_PER_READ = 500;

builder.mutationField('importConsentStatistics', (t) =>
  t.field({
    type: ImportPayload,
    description:
      'Imports consent statistics from CSV (one row per feature × segment × month; README, "Consent statistics CSV") and publishes them as one consent release (consentReleases), with a new signed checkpoint. All rows or none: every invalid row is reported at once.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('importConsentStatistics', 'ConsentImport'),
    args: { csv: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(
        ctx,
        { action: 'importConsentStatistics', subjectType: 'ConsentImport' },
        async (tx) => {
          const release = await importRelease(tx, args.csv, ctx);
          return {
            result: release,
            audit: { subjectId: release.id, afterId: release.id, detail: `${release.rowCount} rows` },
          };
        },
      );
      const release = outcome.value;
      return {
        importId: release?.id ?? null,
        rowCount: release?.rowCount ?? null,
        contentHash: release?.contentHash ?? null,
        checkpointSequence: release?.checkpointSequence ?? null,
        error: outcome.error,
      };
    },
  }),
);

async function importRelease(tx: Tx, csv: string, ctx: Context) {
  if (csv.length > MAX_CSV_CHARS) {
    throw new DomainError('BAD_USER_INPUT', `The CSV is larger than ${MAX_CSV_CHARS} characters`, 'csv');
  }
  const [features, segments] = await Promise.all([
    tx.aiFeature.findMany({ select: { id: true, slug: true } }),
    tx.segment.findMany({ select: { id: true, key: true } }),
  ]);
  const rows = parseConsentCsv(csv, { features: features.map((f) => f.slug), segments: segments.map((s) => s.key) });
  const featureIds = new Map(features.map((f) => [f.slug, f.id]));
  const segmentIds = new Map(segments.map((s) => [s.key, s.id]));
  await refusePublishedRows(tx, rows);

  const release = await appendConsentRelease(tx, {
    rows: rows.map((row) => ({
      ...row,
      featureId: featureIds.get(row.feature) ?? '',
      segmentId: segmentIds.get(row.segment) ?? '',
    })),
    releasedAt: ctx.now,
    minimumCellSize: ctx.minimumCellSize,
    editorId: ctx.viewer?.editorId ?? null,
    fileHash: createHash('sha256').update(csv, 'utf8').digest('hex'),
  });
  const checkpoint = await issueCheckpoint(tx, ctx.signer, ctx.now);
  return {
    id: release.id,
    rowCount: release.rowCount,
    contentHash: release.contentHash,
    checkpointSequence: checkpoint.sequence,
  };
}

/**
 * Published statistics are never overwritten: a row that exists is a conflict, listed like any
 * other problem. Read by month (a few hundred rows per month at most) rather than one OR-clause
 * per row, which would exceed the bound-parameter limit on a long backfill.
 */
async function refusePublishedRows(
  tx: Tx,
  rows: readonly { feature: string; segment: string; period: string }[],
): Promise<void> {
  const wanted = new Set(rows.map((row) => `${row.feature}\n${row.segment}\n${row.period}`));
  const months = [...new Set(rows.map((row) => row.period))];
  const existing: { feature: string; segment: string; period: string }[] = [];
  for (let i = 0; i < months.length; i += MONTHS_PER_READ) {
    const stats = await tx.consentStat.findMany({
      where: { period: { in: months.slice(i, i + MONTHS_PER_READ) } },
      select: { period: true, feature: { select: { slug: true } }, segment: { select: { key: true } } },
      orderBy: [{ period: 'asc' }, { id: 'asc' }],
    });
    for (const stat of stats) {
      const row = { feature: stat.feature.slug, segment: stat.segment.key, period: stat.period };
      if (wanted.has(`${row.feature}\n${row.segment}\n${row.period}`)) existing.push(row);
    }
  }
  if (existing.length > 0) {
    throw new DomainValidationError(
      existing.map((row) => ({
        field: 'period',
        message: `${row.feature} × ${row.segment} × ${row.period} is already published`,
      })),
      'The import',
    );
  }
}
