/**
 * Withdrawing a scheduled AI-feature revision (issue 12): a reason is required, the revision never
 * binds, the withdrawal joins the withdrawals chain under a checkpoint, and a scheduled revision
 * that was compared with it is compared with the revision now in force before it, saying why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { daysAfter, explanation, FeatureWorkflow, type Label } from '../helpers/feature-revisions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;
const SLUG = 'withdrawn-summary';
const feature = new FeatureWorkflow(
  () => api.current,
  () => tokens,
  SLUG,
);
const START = daysAfter(TEST_NOW, 31);

interface RevisionView {
  number: number;
  comparedWith: number | null;
  rebaseReason: string | null;
  withdrawal: { reason: string; withdrawnAt: string } | null;
  changes: { segment: string; field: string }[];
}
const REVISION = 'number comparedWith rebaseReason withdrawal { reason withdrawnAt } changes { segment field }';

async function view(date?: string) {
  return (
    await api.current.execute<{
      aiFeature: {
        current: { trainsFirstPartyModels: boolean; retentionDays: number | null } | null;
        asOf: { trainsFirstPartyModels: boolean; retentionDays: number | null } | null;
        upcoming: RevisionView[];
        revisions: { edges: { node: RevisionView }[] };
      };
    }>(`{ aiFeature(slug: "${SLUG}") {
      current(segment: "consumer") { trainsFirstPartyModels retentionDays }
      asOf(date: "${date ?? START.toISOString().slice(0, 10)}", segment: "consumer") { trainsFirstPartyModels retentionDays }
      upcoming { ${REVISION} }
      revisions(first: 20) { edges { node { ${REVISION} } } }
    } }`)
  ).aiFeature;
}

const chainCount = async (chain: string) =>
  (await api.current.execute<VerifyData>(VERIFY)).integrity.verify.chains.find((c) => c.chain === chain)?.count ?? 0;

let training: string;
let retention: string;

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
  await feature.create(30);
  const first = await feature.approved(feature.label(), feature.explainAll(), 'First label.');
  const published = await feature.publish(first, daysAfter(TEST_NOW, 30));
  if (published.error !== null) throw new Error(JSON.stringify(published.error));
  api.current.setNow(START);

  // Revision 2: consumer summaries train our models, in 30 days.
  const trains: Label = feature.label((label) => {
    label.consumer = { ...(label.consumer as Label[string]), trainsFirstPartyModels: true };
  });
  training = await feature.approved(trains, { consumer: explanation('consumer') }, 'Training.');
  expect((await feature.publish(training, daysAfter(START, 30))).error).toBeNull();
  // Revision 3, drafted on top of revision 2: longer retention too, in 40 days.
  const keeps: Label = { ...trains, consumer: { ...(trains.consumer as Label[string]), retentionDays: 90 } };
  retention = await feature.approved(keeps, { consumer: explanation('consumer') }, 'Retention.');
  expect((await feature.publish(retention, daysAfter(START, 40))).error).toBeNull();
});

describe('withdrawing a scheduled revision', () => {
  it('is compared with the scheduled revision before it until then', async () => {
    const { upcoming } = await view();
    expect(upcoming.map((r) => [r.number, r.comparedWith])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(upcoming[1]?.changes.map((c) => c.field)).toEqual(['retentionDays']);
  });

  it('needs a publisher and a reason of 1–2000 characters', async () => {
    expect((await feature.withdraw(training, 'Not yet.', tokens.editor)).error?.code).toBe('FORBIDDEN');
    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      expect((await feature.withdraw(training, reason)).error).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
    }
    expect((await view()).upcoming).toHaveLength(2);
  });

  it('withdraws it into the withdrawals chain, under a new checkpoint', async () => {
    const before = await chainCount('withdrawals');
    const withdrawn = await feature.withdraw(training, 'Training needs a separate consent first.');
    expect(withdrawn.error).toBeNull();
    expect(withdrawn.checkpointSequence).toBeGreaterThan(0);
    expect(await chainCount('withdrawals')).toBe(before + 1);
    expect((await feature.withdraw(training, 'Again.')).error?.code).toBe('INVALID_STATE');
  });

  it('leaves it listed, marked withdrawn, and out of the upcoming revisions', async () => {
    const now = await view();
    const listed = now.revisions.edges.find((e) => e.node.number === 2)?.node;
    expect(listed?.withdrawal).toEqual({
      reason: 'Training needs a separate consent first.',
      withdrawnAt: START.toISOString(),
    });
    expect(now.upcoming.map((r) => r.number)).toEqual([3]);
  });

  it('compares the revision scheduled after it with the revision in force before it, saying why', async () => {
    const next = (await view()).upcoming[0] as RevisionView;
    expect(next.comparedWith).toBe(1);
    expect(next.rebaseReason).toContain('Revision 2, which was to take effect on');
    expect(next.rebaseReason).toContain('was withdrawn');
    expect(next.rebaseReason).toContain('compared with revision 1');
    expect(next.changes.map((c) => [c.segment, c.field])).toEqual([
      ['consumer', 'trainsFirstPartyModels'],
      ['consumer', 'retentionDays'],
    ]);
  });

  it('never binds: current and asOf skip it', async () => {
    api.current.setNow(daysAfter(START, 35));
    const between = await view(daysAfter(START, 32).toISOString().slice(0, 10));
    expect(between.current).toEqual({ trainsFirstPartyModels: false, retentionDays: 30 });
    expect(between.asOf).toEqual({ trainsFirstPartyModels: false, retentionDays: 30 });
    api.current.setNow(daysAfter(START, 41));
    expect((await view()).current).toEqual({ trainsFirstPartyModels: true, retentionDays: 90 });
  });

  it('refuses to withdraw a revision in effect', async () => {
    expect((await feature.withdraw(retention, 'Too late.')).error?.code).toBe('ALREADY_IN_EFFECT');
  });

  it('leaves every chain verified', async () => {
    const { verify } = (await api.current.execute<VerifyData>(VERIFY)).integrity;
    const ours = verify.problems.filter(
      (p) => p.chain === `feature/${SLUG}` || p.chain === 'withdrawals' || p.chain === null,
    );
    expect(ours).toEqual([]);
    // ok also needs the sample history in its chains, as the seed publishes it.
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
    expect(verify.chains.find((c) => c.chain === `feature/${SLUG}`)?.count).toBe(3);
  });
});
