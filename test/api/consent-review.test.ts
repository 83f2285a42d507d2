/**
 * Consent statistics you can trust (issue 14): implausible files are refused naming line and
 * column; figures go public only after a second person approves; a published figure changes only
 * by a published correction with its reason, which keeps the original on the record; a
 * 10,000-row file publishes in one transaction. On SQLite and PostgreSQL, as every API suite.
 */
import { CONSENT_COUNT_FIELDS, consentReleaseHash, type ReleasedRow } from '@candor/schema/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approveStatistics,
  CONSENT_HEADER,
  publishStatistics,
  rejectStatistics,
  releaseStatistics,
  submitStatistics,
} from '../helpers/consent.js';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi({ minimumCellSize: 10 });
let tokens: EditorTokens;

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

const csv = (...rows: string[]) => [CONSENT_HEADER, ...rows].join('\n');
const verify = async () => (await api.current.execute<VerifyData>(VERIFY)).integrity.verify;
const publicRows = async (period: string) =>
  (
    await api.current.execute<{ consentStatistics: { rows: unknown[] } }>(
      `{ consentStatistics(from: "${period}", to: "${period}") { rows { feature } } }`,
    )
  ).consentStatistics.rows;

describe('plausibility', () => {
  it('refuses a future month and more participants leaving than joining, naming line and column', async () => {
    const result = await submitStatistics(
      api.current,
      tokens.editor,
      csv(
        'meeting-summary,consumer,2026-05,1200,300,500,400,9100,310',
        'meeting-summary,consumer,2026-07,1200,300,500,400,9100,310',
        'meeting-summary,business,2026-05,1200,300,500,400,310,9100',
        'meeting-summary,business,1000-01,1200,300,500,400,9100,310',
      ),
    );
    expect(result.submission).toBeNull();
    expect(result.error?.code).toBe('BAD_USER_INPUT');
    expect(result.error?.problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [3, 3, 'period'],
      [4, 9, 'participantsLeft'],
      [5, 3, 'period'],
    ]);
    expect(result.error?.message).toContain(
      'line 3, column 3 (period): 2026-07 is in the future: statistics can be published for 2026-06 at the latest.',
    );
    expect(result.error?.message).toContain('line 4, column 9 (participantsLeft): participantsLeft (9100)');
    expect(await api.current.database.prisma.consentSubmission.count({ where: { status: 'IN_REVIEW' } })).toBe(0);
  });
});

describe('review by two people', () => {
  it('keeps figures private until another publisher approves and one publishes', async () => {
    const submitted = await submitStatistics(
      api.current,
      tokens.editor,
      csv('meeting-summary,consumer,2026-02,1200,300,500,400,9100,310'),
    );
    expect(submitted.error).toBeNull();
    const id = submitted.submission?.id as string;
    expect(submitted.submission).toMatchObject({ status: 'IN_REVIEW', kind: 'RELEASE', rowCount: 1 });
    expect(await publicRows('2026-02')).toEqual([]);

    // Not publishable before approval; the submitter cannot approve; an editor cannot either.
    expect((await publishStatistics(api.current, tokens.publisher, id)).error?.code).toBe('INVALID_STATE');
    expect((await approveStatistics(api.current, tokens.editor, id)).error?.code).toBe('FORBIDDEN');
    const own = await submitStatistics(
      api.current,
      tokens.publisher,
      csv('meeting-summary,business,2026-02,1200,300,500,400,9100,310'),
    );
    const selfApproved = await approveStatistics(api.current, tokens.publisher, own.submission?.id as string);
    expect(selfApproved.error?.code).toBe('TWO_PERSON_RULE');

    const approved = await approveStatistics(api.current, tokens.publisher, id);
    expect(approved.submission?.status).toBe('APPROVED');
    const published = await publishStatistics(api.current, tokens.publisher, id);
    expect(published.error).toBeNull();
    expect(published.submission?.status).toBe('PUBLISHED');
    expect(published.checkpointSequence).toBeGreaterThan(0);
    expect(await publicRows('2026-02')).toHaveLength(1);

    const listed = await asToken<{ consentSubmissions: { id: string; releaseHash: string | null }[] }>(
      api.current,
      tokens.editor,
      '{ consentSubmissions(status: [PUBLISHED]) { id releaseHash submittedBy { email } approvedBy { email } } }',
    );
    expect(listed.body.data?.consentSubmissions.find((s) => s.id === id)?.releaseHash).toBe(published.contentHash);
    expect((await verify()).ok).toBe(true);
  });

  it('closes a rejected submission for good, with its reason', async () => {
    const submitted = await submitStatistics(
      api.current,
      tokens.editor,
      csv('team-chat-compose,consumer,2026-02,1200,300,500,400,,'),
    );
    const id = submitted.submission?.id as string;
    expect((await rejectStatistics(api.current, tokens.publisher, id, '  ')).error?.field).toBe('comment');
    const rejected = await rejectStatistics(api.current, tokens.publisher, id, 'February is not closed yet.');
    expect(rejected.submission?.status).toBe('REJECTED');
    expect((await approveStatistics(api.current, tokens.publisher, id)).error?.message).toContain(
      'submit the fixed file again',
    );
    expect(await publicRows('2026-02')).toHaveLength(1);
  });

  it('checks again at publication: figures published in between are refused', async () => {
    const file = csv('team-chat-compose,business,2026-03,1200,300,500,400,,');
    const first = await submitStatistics(api.current, tokens.editor, file);
    const second = await submitStatistics(api.current, tokens.editor, file);
    for (const s of [first, second]) await approveStatistics(api.current, tokens.publisher, s.submission?.id as string);
    expect((await publishStatistics(api.current, tokens.publisher, first.submission?.id as string)).error).toBeNull();
    const late = await publishStatistics(api.current, tokens.publisher, second.submission?.id as string);
    expect(late.error?.code).toBe('BAD_USER_INPUT');
    expect(late.error?.problems[0]).toMatchObject({ line: 2, field: 'period' });
  });
});

interface CorrectedRow {
  ownersEnabled: { value: number | null };
  corrected: boolean;
  corrections: {
    correctedAt: string;
    reason: string;
    contentHash: string;
    previous: { ownersEnabled: { value: number | null }; ownersDisabled: { value: number | null } };
  }[];
}

describe('published corrections', () => {
  it('needs a reason and a published figure that it changes', async () => {
    const noReason = await submitStatistics(
      api.current,
      tokens.editor,
      csv('meeting-summary,consumer,2025-08,1,1,0,0,,'),
      ' ',
    );
    expect(noReason.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const nothingToCorrect = await submitStatistics(
      api.current,
      tokens.editor,
      csv('meeting-summary,consumer,2010-01,100,50,50,0,,'),
      'A recount.',
    );
    expect(nothingToCorrect.error?.problems[0]?.message).toContain('nothing to correct');
  });

  it('replaces the figure and keeps the original visible, in the API and in the chain', async () => {
    const original = await releaseStatistics(
      api.current,
      tokens,
      csv('meeting-summary,enterprise,2026-01,2000,1200,600,200,5000,40'),
    );
    expect(original.error).toBeNull();
    api.current.setNow(new Date(TEST_NOW.getTime() + 3_600_000));
    const reason = 'Accounts migrated in January were counted as undecided.';
    const correction = await releaseStatistics(
      api.current,
      tokens,
      csv('meeting-summary,enterprise,2026-01,2000,1350,600,50,5000,40'),
      reason,
    ).finally(() => api.current.setNow(TEST_NOW));
    expect(correction.error).toBeNull();
    expect(correction.submission).toMatchObject({ kind: 'CORRECTION', reason });

    const { consentStatistics } = await api.current.execute<{ consentStatistics: { rows: CorrectedRow[] } }>(
      `{ consentStatistics(feature: "meeting-summary", segment: "enterprise", from: "2026-01", to: "2026-01") {
          rows { ownersEnabled { value } corrected corrections { correctedAt reason contentHash
            previous { ownersEnabled { value } ownersDisabled { value } } } } } }`,
    );
    expect(consentStatistics.rows).toEqual([
      {
        ownersEnabled: { value: 1350 },
        corrected: true,
        corrections: [
          {
            correctedAt: new Date(TEST_NOW.getTime() + 3_600_000).toISOString(),
            reason,
            contentHash: correction.contentHash,
            previous: { ownersEnabled: { value: 1200 }, ownersDisabled: { value: 600 } },
          },
        ],
      },
    ]);

    // The chain holds both records; the correction hashes with its reason and anyone can recompute it.
    type Cell = { value: number | null; suppressed: boolean };
    const { consentReleases } = await api.current.execute<{
      consentReleases: {
        kind: string;
        format: string;
        reason: string | null;
        releasedAt: string;
        minimumCellSize: number;
        contentHash: string;
        previousHash: string | null;
        rows: ({ feature: string; segment: string; period: string } & Record<string, Cell>)[];
      }[];
    }>(`{ consentReleases { kind format reason releasedAt minimumCellSize contentHash previousHash
          rows { feature segment period ${CONSENT_COUNT_FIELDS.map((f) => `${f} { value suppressed }`).join(' ')} } } }`);
    const last = consentReleases.at(-1);
    expect(last).toMatchObject({ kind: 'CORRECTION', format: 'candor-consent-correction/1', reason });
    const rows = (last?.rows ?? []).map((row) => {
      const out = { feature: row.feature, segment: row.segment, period: row.period } as ReleasedRow;
      for (const field of CONSENT_COUNT_FIELDS) {
        const cell = row[field] as Cell;
        out[field] = cell.suppressed ? 'suppressed' : cell.value;
      }
      return out;
    });
    expect(
      consentReleaseHash({
        releasedAt: new Date(last?.releasedAt ?? ''),
        minimumCellSize: last?.minimumCellSize ?? 0,
        previousHash: last?.previousHash ?? null,
        rows,
        reason: last?.reason,
      }),
    ).toBe(last?.contentHash);
    expect(consentReleases.find((r) => r.contentHash === original.contentHash)?.kind).toBe('RELEASE');
    expect((await verify()).ok).toBe(true);
  });
});

describe('size', () => {
  /** 10 features of the organisation's own × 5 segments × 200 months (2000-01 to 2016-08) = 10,000 rows. */
  function tenThousandRows(features: readonly string[]): string {
    const segments = ['consumer', 'business', 'enterprise', 'education', 'healthcare'];
    const lines = [CONSENT_HEADER];
    for (let m = 0; m < 200; m++) {
      const period = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      for (const feature of features) {
        for (const segment of segments) lines.push(`${feature},${segment},${period},300,120,100,80,900,25`);
      }
    }
    return lines.join('\n');
  }

  it('publishes a 10,000-row file in one transaction', { timeout: 240_000 }, async () => {
    const features = Array.from({ length: 10 }, (_, i) => `bulk-feature-${i}`);
    for (const slug of features) {
      const created = await asToken<{ createAiFeature: { error: unknown } }>(
        api.current,
        tokens.admin,
        `mutation { createAiFeature(slug: "${slug}", name: "Bulk ${slug}", noticePeriodDays: 30) { error { code message } } }`,
      );
      expect(created.body.data?.createAiFeature.error).toBeNull();
    }
    const before = await api.current.database.prisma.consentStat.count();
    // After the correction above, which was published an hour later than the others.
    api.current.setNow(new Date(TEST_NOW.getTime() + 7_200_000));
    const result = await releaseStatistics(api.current, tokens, tenThousandRows(features)).finally(() =>
      api.current.setNow(TEST_NOW),
    );
    expect(result.error, JSON.stringify(result.error)).toBeNull();
    expect(result.submission?.rowCount).toBe(10_000);
    expect(await api.current.database.prisma.consentStat.count()).toBe(before + 10_000);
    expect((await verify()).ok).toBe(true);
  });
});
