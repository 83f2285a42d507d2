/**
 * Every published consent-statistics submission is a consent release (issues 12 and 14): hashed
 * as released, chained, checkpointed in the same transaction, and served by `consentReleases` so
 * that anyone can recompute its hash. A 1,000-row backfill publishes in one go on both databases.
 */
import { CONSENT_COUNT_FIELDS, consentReleaseHash, type ReleasedRow } from '@candor/schema/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_HEADER as HEADER, type PublishPayload, releaseStatistics } from '../helpers/consent.js';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi({ minimumCellSize: 10 });
let tokens: EditorTokens;

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

const SEGMENTS = ['consumer', 'business', 'enterprise', 'education', 'healthcare'];
const FEATURES = ['meeting-summary', 'team-chat-compose'];

const importCsv = (csv: string): Promise<PublishPayload> => releaseStatistics(api.current, tokens, csv);

type Cell = { value: number | null; suppressed: boolean };
interface ServedRelease {
  releasedAt: string;
  rowCount: number;
  minimumCellSize: number;
  contentHash: string;
  previousHash: string | null;
  rows: ({ feature: string; segment: string; period: string } & Record<string, Cell>)[];
}

const RELEASES = `{ consentReleases { releasedAt rowCount minimumCellSize contentHash previousHash rows {
  feature segment period ${CONSENT_COUNT_FIELDS.map((f) => `${f} { value suppressed }`).join(' ')}
} } }`;

const releases = async () =>
  (await api.current.execute<{ consentReleases: ServedRelease[] }>(RELEASES)).consentReleases;
const verify = async () => (await api.current.execute<VerifyData>(VERIFY)).integrity.verify;

/** The hash anyone can recompute from what consentReleases serves. */
function recomputed(release: ServedRelease): string {
  const rows = release.rows.map((row) => {
    const out = { feature: row.feature, segment: row.segment, period: row.period } as ReleasedRow;
    for (const field of CONSENT_COUNT_FIELDS) {
      const cell = row[field] as Cell;
      out[field] = cell.suppressed ? 'suppressed' : cell.value;
    }
    return out;
  });
  return consentReleaseHash({
    releasedAt: new Date(release.releasedAt),
    minimumCellSize: release.minimumCellSize,
    previousHash: release.previousHash,
    rows,
  });
}

/** `months` months from `start` (YYYY-MM) for every feature and segment: 10 rows a month. */
function backfill(startYear: number, months: number): string {
  const lines = [HEADER];
  for (let m = 0; m < months; m++) {
    const period = `${startYear + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const feature of FEATURES) {
      for (const [s, segment] of SEGMENTS.entries()) {
        const enabled = 5 + ((m + s) % 40);
        lines.push(
          `${feature},${segment},${period},${enabled + 200},${enabled},150,50,${feature === FEATURES[0] ? '900,12' : ','}`,
        );
      }
    }
  }
  return lines.join('\n');
}

describe('consent releases', () => {
  it('an import is released: chained, hashed as released, checkpointed, and served oldest first', async () => {
    const before = await releases();
    const csv = `${HEADER}\nmeeting-summary,consumer,2026-01,1200,4,796,400,9100,310\nteam-chat-compose,business,2026-01,40,0,12,28,,\n`;
    const result = await importCsv(csv);
    expect(result.error).toBeNull();
    expect(result.submission?.rowCount).toBe(2);

    const after = await releases();
    expect(after).toHaveLength(before.length + 1);
    const release = after.at(-1) as ServedRelease;
    expect(release).toMatchObject({
      releasedAt: TEST_NOW.toISOString(),
      rowCount: 2,
      minimumCellSize: 10,
      contentHash: result.contentHash,
      previousHash: before.at(-1)?.contentHash ?? null,
    });
    // Small cells are released suppressed, and the rows come in the canonical order.
    expect(release.rows.map((r) => [r.feature, r.segment, r.period])).toEqual([
      ['meeting-summary', 'consumer', '2026-01'],
      ['team-chat-compose', 'business', '2026-01'],
    ]);
    expect(release.rows[0]?.ownersEnabled).toEqual({ value: null, suppressed: true });
    expect(release.rows[0]?.participantsJoined).toEqual({ value: 9100, suppressed: false });
    expect(release.rows[1]?.participantsJoined).toEqual({ value: null, suppressed: false });
    for (const served of after) expect(recomputed(served)).toBe(served.contentHash);
    after.forEach((served, i) => {
      expect(served.previousHash).toBe(i === 0 ? null : after[i - 1]?.contentHash);
    });

    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.checkpointSequence).toBe(result.checkpointSequence);
    expect(report.chains.find((c) => c.chain === 'consent-releases')).toMatchObject({
      count: after.length,
      headHash: result.contentHash,
    });
  });

  it('publishes a 1,000-row backfill in one transaction', { timeout: 60_000 }, async () => {
    const result = await importCsv(backfill(2005, 100));
    expect(result.error).toBeNull();
    expect(result.submission?.rowCount).toBe(1000);
    const release = (await releases()).at(-1) as ServedRelease;
    expect(release.rows).toHaveLength(1000);
    expect(recomputed(release)).toBe(result.contentHash);
    expect((await verify()).ok).toBe(true);

    // Every row of it is now published: submitting it again lists all 1,000 conflicts and writes nothing.
    const count = await api.current.database.prisma.consentStat.count();
    const again = await importCsv(backfill(2005, 100));
    expect(again.error?.code).toBe('BAD_USER_INPUT');
    expect(again.error?.problems).toHaveLength(1000);
    expect(await api.current.database.prisma.consentStat.count()).toBe(count);
  });

  it('refuses a release dated before the newest one (the chain is in publication order)', async () => {
    api.current.setNow(new Date(TEST_NOW.getTime() - 86_400_000));
    try {
      const result = await importCsv(`${HEADER}\nmeeting-summary,consumer,2026-02,1200,300,500,400,,\n`);
      expect(result.error?.code).toBe('CONFLICT');
      expect(result.error?.message).toMatch(/newest consent release is dated/);
    } finally {
      api.current.setNow(TEST_NOW);
    }
    expect((await verify()).ok).toBe(true);
  });
});
