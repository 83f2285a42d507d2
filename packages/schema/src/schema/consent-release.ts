/**
 * Consent releases, public: every import of consent statistics as it was released — rows
 * suppressed at the release's own minimum cell size, in the canonical form's order — with the
 * hashes that chain it (candor-consent-release/1, domain/public-records.ts). Anyone can recompute
 * a release's contentHash from this answer alone, and the export writes each one as a CSV file.
 */
import type { ConsentCountField } from '../domain/consent-counts.js';
import { CONSENT_COUNT_FIELDS } from '../domain/consent-counts.js';
import type { ConsentReleaseKind } from '../domain/consent-release-rules.js';
import {
  CONSENT_CORRECTION_FORMAT,
  CONSENT_RELEASE_FORMAT,
  type ReleasedRow,
  type ReleasedValue,
  releasedRows,
} from '../domain/public-records.js';
import type { Cell } from '../domain/suppression.js';
import { storedReleaseRows } from '../services/public-chains.js';
import { builder, type Context } from './builder.js';
import { CellRef } from './consent-stat.js';
import { ConsentReleaseKindEnum } from './consent-submission.js';

interface Release {
  kind: ConsentReleaseKind;
  reason: string | null;
  releasedAt: Date;
  rowCount: number;
  minimumCellSize: number;
  contentHash: string;
  previousHash: string | null;
  rows: ReleasedRow[];
}

/** A released value as the consent statistics' cells show one: hidden cells have no value. */
const cell = (value: ReleasedValue): Cell =>
  value === 'suppressed' ? { value: null, suppressed: true } : { value, suppressed: false };

const ReleaseRowRef = builder.objectRef<ReleasedRow>('ConsentReleaseRow').implement({
  description: 'One feature × segment × month as released.',
  fields: (t) => ({
    feature: t.exposeString('feature', { description: 'AI feature slug.' }),
    segment: t.string({ resolve: (row) => row.segment }),
    period: t.field({ type: 'Month', resolve: (row) => row.period }),
    ...Object.fromEntries(
      CONSENT_COUNT_FIELDS.map((field: ConsentCountField) => [
        field,
        t.field({
          type: CellRef,
          description:
            'As released: suppressed (value null) when below the release’s minimum cell size or revealing one; value null and not suppressed when not known.',
          resolve: (row) => cell(row[field]),
        }),
      ]),
    ),
  }),
});

export const ConsentReleaseRef = builder.objectRef<Release>('ConsentRelease').implement({
  description:
    'One release of consent statistics (an import), as published and hashed into the consent-releases chain (format candor-consent-release/1, docs/partner-api.md, “Integrity: how to verify”).',
  fields: (t) => ({
    kind: t.expose('kind', {
      type: ConsentReleaseKindEnum,
      description:
        'RELEASE (new figures) or CORRECTION (replaces figures published by an earlier record, with reason).',
    }),
    format: t.string({
      description: 'The canonical form its contentHash is computed over.',
      resolve: (release) => (release.kind === 'CORRECTION' ? CONSENT_CORRECTION_FORMAT : CONSENT_RELEASE_FORMAT),
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why a correction corrects; null for a release.' }),
    releasedAt: t.expose('releasedAt', { type: 'DateTime' }),
    rowCount: t.exposeInt('rowCount'),
    minimumCellSize: t.exposeInt('minimumCellSize', {
      description: 'Counts below this were suppressed in the release.',
    }),
    contentHash: t.exposeString('contentHash', {
      description: 'SHA-256 (hex) of the release’s canonical form, which includes previousHash.',
    }),
    previousHash: t.exposeString('previousHash', {
      nullable: true,
      description: 'contentHash of the release before it; null for the first.',
    }),
    rows: t.field({
      type: [ReleaseRowRef],
      description: 'Every row as released, by feature, segment and period (the canonical order).',
      resolve: (release) => release.rows,
    }),
  }),
});

builder.queryField('consentReleases', (t) =>
  t.field({
    type: [ConsentReleaseRef],
    description: 'Every consent-statistics release in the consent-releases chain, oldest first (chain order).',
    resolve: (_root, _args, ctx) => releasesOf(ctx),
  }),
);

/** Chained releases, oldest first (chain order); `ids` narrows to those (live updates load one by id). */
export async function releasesOf(ctx: Context, ids?: readonly string[]): Promise<Release[]> {
  // Only releases in the chain: a row written by hand without a hash is reported by
  // integrity.verify (UNCHAINED), not published as if it were a release.
  const releases = await ctx.prisma.consentImport.findMany({
    where: { contentHash: { not: null }, ...(ids === undefined ? {} : { id: { in: [...ids] } }) },
    orderBy: [{ importedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      importedAt: true,
      rowCount: true,
      minimumCellSize: true,
      contentHash: true,
      previousHash: true,
      kind: true,
      reason: true,
    },
  });
  if (releases.length === 0) return [];
  const byRelease = await storedReleaseRows(
    ctx.prisma,
    ids === undefined ? undefined : releases.map((release) => release.id),
  );
  return releases.map((release) => {
    const minimumCellSize = release.minimumCellSize ?? 0;
    const rows = releasedRows(byRelease.get(release.id) ?? [], minimumCellSize).sort(
      (a, b) => compare(a.feature, b.feature) || compare(a.segment, b.segment) || compare(a.period, b.period),
    );
    return {
      kind: release.kind,
      reason: release.kind === 'CORRECTION' ? (release.reason ?? '') : null,
      releasedAt: release.importedAt,
      rowCount: release.rowCount,
      minimumCellSize,
      contentHash: release.contentHash ?? '',
      previousHash: release.previousHash,
      rows,
    };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
