/**
 * AI-feature facts governed like terms (issue 12): a material revision needs its segments'
 * explanations and the feature's notice period, waits as "upcoming" and takes effect on its date;
 * wording publishes at once; a revision that a scheduled one would undo is refused; every
 * publication joins the feature's hash chain under a checkpoint.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { daysAfter, explanation, FeatureWorkflow, type Label } from '../helpers/feature-revisions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { VERIFY, type VerifyData } from '../helpers/publish-fixtures.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;
const SLUG = 'governed-summary';
const feature = new FeatureWorkflow(
  () => api.current,
  () => tokens,
  SLUG,
);

/** The clock of each step: the first revision takes effect after its notice, then time moves on. */
const START = daysAfter(TEST_NOW, 31);

interface RevisionView {
  number: number;
  material: boolean;
  effectiveAt: string;
  contentHash: string;
  previousHash: string | null;
  comparedWith: number | null;
  rebaseReason: string | null;
  withdrawal: { reason: string } | null;
  changes: { segment: string; field: string; summary: string }[];
  explanations: { segment: { key: string }; summary: string; whatChanges: string; affected: boolean }[];
}

const REVISION = `number material effectiveAt contentHash previousHash comparedWith rebaseReason
  withdrawal { reason } changes { segment field summary }
  explanations(segment: "consumer") { segment { key } summary whatChanges affected }`;

async function view() {
  return (
    await api.current.execute<{
      aiFeature: {
        noticePeriodDays: number;
        current: { trainsFirstPartyModels: boolean; whatItDoes: string; humanReviewDetail: string } | null;
        business: { whatItDoes: string } | null;
        upcoming: RevisionView[];
        revisions: { edges: { node: RevisionView }[] };
      };
    }>(`{ aiFeature(slug: "${SLUG}") {
      noticePeriodDays
      current(segment: "consumer") { trainsFirstPartyModels whatItDoes humanReviewDetail }
      business: current(segment: "business") { whatItDoes }
      upcoming { ${REVISION} }
      revisions(first: 20) { edges { node { ${REVISION} } } }
    } }`)
  ).aiFeature;
}

const byNumber = (revisions: { edges: { node: RevisionView }[] }, number: number) => {
  const found = revisions.edges.find((edge) => edge.node.number === number)?.node;
  if (found === undefined) throw new Error(`revision ${number} is not listed`);
  return found;
};

/** The facts in force, as the next revision's file starts from them. */
let inForce: Label;

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
  await feature.create(30);
  inForce = feature.label();
});

describe('a feature’s first revision', () => {
  it('is material for every segment it is offered to: explanations and the notice period', async () => {
    const bare = await feature.draft(inForce);
    // Refused at submission, and at publication too if it got that far another way.
    const early = await feature.submit(bare);
    expect(early.error?.code).toBe('EXPLANATIONS_MISSING');
    for (const segment of feature.segments) expect(early.error?.message).toContain(segment);
    const missing = await feature.publish(await feature.approvedByHand(bare), daysAfter(TEST_NOW, 30));
    expect(missing.error?.code).toBe('EXPLANATIONS_MISSING');
    for (const segment of feature.segments) expect(missing.error?.message).toContain(segment);

    const id = await feature.approved(inForce, feature.explainAll(), 'First label.');
    expect((await feature.publish(id)).error?.code).toBe('NOTICE_PERIOD');
    const published = await feature.publish(id, daysAfter(TEST_NOW, 30));
    expect(published.error).toBeNull();
    expect(published.revision).toMatchObject({ status: 'PUBLISHED', material: true });
    expect(published.checkpointSequence).toBeGreaterThan(0);

    expect((await view()).current).toBeNull();
    api.current.setNow(START);
    const now = await view();
    expect(now.noticePeriodDays).toBe(30);
    expect(now.current?.trainsFirstPartyModels).toBe(false);
    expect(byNumber(now.revisions, 2)).toMatchObject({ comparedWith: null, previousHash: null, material: true });
  });
});

describe('a later revision', () => {
  it('publishes a wording-only change at once, compared with the revision in force', async () => {
    inForce = feature.label((label) => {
      (label.business as Label[string]).whatItDoes = 'Writes a short summary of a meeting.';
    });
    const id = await feature.approved(inForce, undefined, 'Clearer wording for business.');
    const published = await feature.publish(id);
    expect(published.error).toBeNull();
    expect(published.revision?.material).toBe(false);
    expect(published.revision?.effectiveAt).toBe(START.toISOString());
    const now = await view();
    expect(now.business?.whatItDoes).toBe('Writes a short summary of a meeting.');
    const revision = byNumber(now.revisions, 3);
    expect(revision.comparedWith).toBe(2);
    expect(revision.previousHash).toBe(byNumber(now.revisions, 2).contentHash);
    expect(revision.changes.map((c) => [c.segment, c.field])).toEqual([['business', 'whatItDoes']]);
  });

  let scheduled: string;
  const material = () =>
    feature.label((label) => {
      Object.assign(label, inForce);
      label.consumer = { ...(inForce.consumer as Label[string]), trainsFirstPartyModels: true };
      // A wording change rides along: the editorial fix below will already be in it.
      (label.consumer as Label[string]).humanReviewDetail = 'No person reads the summaries, ever.';
    });

  it('refuses a material change without the changed segment’s explanation, naming it', async () => {
    const id = await feature.draft(material(), { business: explanation('business') });
    for (const refused of [
      await feature.submit(id),
      await feature.publish(await feature.approvedByHand(id), daysAfter(START, 30)),
    ]) {
      expect(refused.error).toMatchObject({ code: 'EXPLANATIONS_MISSING', field: 'explanations' });
      expect(refused.error?.message).toContain('consumer (changes trainsFirstPartyModels)');
      expect(refused.error?.message).not.toContain('business');
    }
  });

  it('refuses it with too short a notice, then schedules it with the notice', async () => {
    const explanations = {
      consumer: {
        summary: 'Your meeting summaries will train our own models.',
        whatChanges: 'Summaries of your meetings train our models from the effective date.',
        affected: true,
      },
    };
    scheduled = await feature.approved(material(), explanations, 'Consumer summaries train our models.');
    const short = await feature.publish(scheduled, daysAfter(START, 10));
    expect(short.error).toMatchObject({ code: 'NOTICE_PERIOD', field: 'effectiveAt' });
    expect(short.error?.message).toContain("30 days' notice");
    expect(short.error?.message).toContain(daysAfter(START, 30).toISOString());
    const past = await feature.publish(scheduled, daysAfter(START, -1));
    expect(past.error?.code).toBe('EFFECTIVE_DATE_IN_PAST');

    const published = await feature.publish(scheduled, daysAfter(START, 30));
    expect(published.error).toBeNull();
    expect(published.revision?.material).toBe(true);

    const now = await view();
    expect(now.current?.trainsFirstPartyModels).toBe(false);
    expect(now.upcoming.map((r) => r.number)).toEqual([5]);
    const upcoming = now.upcoming[0] as RevisionView;
    expect(upcoming).toMatchObject({ material: true, comparedWith: 3, rebaseReason: null, withdrawal: null });
    expect(upcoming.explanations).toEqual([{ segment: { key: 'consumer' }, ...explanations.consumer }]);
    expect(upcoming.changes.map((c) => c.summary)).toEqual([
      'trains first-party models: no → yes for consumer',
      'human review detail: "No person reads the summaries." → "No person reads the summaries, ever." for consumer',
    ]);
    // Listed with the others once published, newest effective date first.
    expect(now.revisions.edges[0]?.node.number).toBe(5);
  });

  it('refuses a wording fix effective before the scheduled revision, which would undo it', async () => {
    const fix = feature.label((label) => {
      Object.assign(label, inForce);
      label.consumer = { ...(inForce.consumer as Label[string]), whatItDoes: 'Summarises meetings (fixed typo).' };
    });
    const id = await feature.approved(fix, undefined, 'Typo.');
    const refused = await feature.publish(id);
    expect(refused.error).toMatchObject({ code: 'CONFLICTS_WITH_SCHEDULED', field: 'effectiveAt' });
    const effective = daysAfter(START, 30).toISOString();
    expect(refused.error?.message).toContain(`Revision 5 of ${SLUG} is scheduled to take effect on ${effective}`);
    expect(refused.error?.message).toContain('consumer (whatItDoes)');
    expect(refused.error?.message).toContain('withdraw revision 5 and re-issue it on top of this revision');
    expect(refused.error?.message).toContain(`at or after ${effective}`);
    expect((await view()).current?.whatItDoes).toBe(inForce.consumer?.whatItDoes);
  });

  it('publishes a fix the scheduled revision already contains, and compares that one with the fix', async () => {
    const fix = feature.label((label) => {
      Object.assign(label, inForce);
      label.consumer = {
        ...(inForce.consumer as Label[string]),
        humanReviewDetail: 'No person reads the summaries, ever.',
      };
    });
    const id = await feature.approved(fix, undefined, 'Say it plainly.');
    const published = await feature.publish(id);
    expect(published.error).toBeNull();
    expect(published.revision?.number).toBe(7);
    const now = await view();
    expect(now.current?.humanReviewDetail).toBe('No person reads the summaries, ever.');
    const rebased = now.upcoming.find((r) => r.number === 5) as RevisionView;
    expect(rebased.comparedWith).toBe(7);
    expect(rebased.rebaseReason).toContain('Revision 7 was published');
    expect(rebased.changes.map((c) => c.field)).toEqual(['trainsFirstPartyModels']);
  });

  it('takes effect on its date', async () => {
    api.current.setNow(daysAfter(START, 30));
    const now = await view();
    expect(now.current?.trainsFirstPartyModels).toBe(true);
    expect(now.upcoming).toEqual([]);
  });

  it('leaves every chain verified, the feature’s counting each published revision', async () => {
    const { verify } = (await api.current.execute<VerifyData>(VERIFY)).integrity;
    const ours = verify.problems.filter(
      (p) => p.chain === `feature/${SLUG}` || p.chain === 'withdrawals' || p.chain === null,
    );
    expect(ours).toEqual([]);
    // ok also needs the sample history in its chains, as the seed publishes it.
    expect(verify.problems).toEqual([]);
    expect(verify.ok).toBe(true);
    const chain = verify.chains.find((c) => c.chain === `feature/${SLUG}`);
    // Revisions 2, 3, 5 and 7 (1, 4 and 6 were refused and stay approved drafts).
    expect(chain?.count).toBe(4);
    const published = await api.current.database.prisma.aiFeatureRevision.findMany({
      where: { feature: { slug: SLUG }, status: 'PUBLISHED' },
      orderBy: [{ publishedAt: 'desc' }, { number: 'desc' }],
    });
    expect(chain?.headHash).toBe(published[0]?.contentHash);
  });

  it('answers revisions with their explanations, withdrawals and comparisons from memory once read', async () => {
    const query = `{ aiFeatures { slug noticePeriodDays upcoming { number }
      revisions(first: 20) { edges { node { ${REVISION} } } } } }`;
    await api.current.execute(query);
    const { recorder } = api.current.database;
    recorder.reset();
    await api.current.execute(query);
    // Only the catalogue generation: published explanations come from the published-content cache.
    expect(recorder.dataStatements()).toHaveLength(1);
  });
});
