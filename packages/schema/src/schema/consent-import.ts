import { createHash } from 'node:crypto';
import { parseConsentCsv } from '../domain/consent-csv.js';
import { DomainError, DomainValidationError } from '../domain/errors.js';
import { builder } from './builder.js';
import { MutationErrorRef, refusedByRole, runMutation } from './mutation-result.js';

const ImportPayload = builder.simpleObject('ConsentImportPayload', {
  fields: (t) => ({
    importId: t.id({ nullable: true }),
    rowCount: t.int({ nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true, description: 'Every invalid row is listed in problems.' }),
  }),
});

/** Largest CSV accepted in one request; bigger histories are imported month by month. */
const MAX_CSV_CHARS = 10_000_000;

builder.mutationField('importConsentStatistics', (t) =>
  t.field({
    type: ImportPayload,
    description:
      'Imports consent statistics from CSV (one row per feature × segment × month; README, "Consent statistics CSV"). All rows or none: every invalid row is reported at once.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('importConsentStatistics', 'ConsentImport'),
    args: { csv: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(
        ctx,
        { action: 'importConsentStatistics', subjectType: 'ConsentImport' },
        async (tx) => {
          if (args.csv.length > MAX_CSV_CHARS) {
            throw new DomainError('BAD_USER_INPUT', `The CSV is larger than ${MAX_CSV_CHARS} characters`, 'csv');
          }
          const [features, segments] = await Promise.all([
            tx.aiFeature.findMany({ select: { id: true, slug: true } }),
            tx.segment.findMany({ select: { id: true, key: true } }),
          ]);
          const rows = parseConsentCsv(args.csv, {
            features: features.map((f) => f.slug),
            segments: segments.map((s) => s.key),
          });
          const featureIds = new Map(features.map((f) => [f.slug, f.id]));
          const segmentIds = new Map(segments.map((s) => [s.key, s.id]));
          const keyed = rows.map((row) => ({
            ...row,
            featureId: featureIds.get(row.feature) ?? '',
            segmentId: segmentIds.get(row.segment) ?? '',
          }));
          // Published statistics are never overwritten: a row that exists is a conflict, listed like any other problem.
          const existing = await tx.consentStat.findMany({
            where: { OR: keyed.map(({ featureId, segmentId, period }) => ({ featureId, segmentId, period })) },
            select: { period: true, feature: { select: { slug: true } }, segment: { select: { key: true } } },
          });
          if (existing.length > 0) {
            throw new DomainValidationError(
              existing.map((row) => ({
                field: 'period',
                message: `${row.feature.slug} × ${row.segment.key} × ${row.period} is already published`,
              })),
              'The import',
            );
          }
          const record = await tx.consentImport.create({
            data: {
              importedAt: ctx.now,
              editorId: ctx.viewer?.editorId ?? null,
              rowCount: rows.length,
              fileHash: createHash('sha256').update(args.csv, 'utf8').digest('hex'),
            },
          });
          await tx.consentStat.createMany({
            data: keyed.map(({ feature: _f, segment: _s, ...row }) => ({
              ...row,
              importId: record.id,
              createdAt: ctx.now,
            })),
          });
          return { result: record, audit: { subjectId: record.id, afterId: record.id, detail: `${rows.length} rows` } };
        },
      );
      return { importId: outcome.value?.id ?? null, rowCount: outcome.value?.rowCount ?? null, error: outcome.error };
    },
  }),
);
