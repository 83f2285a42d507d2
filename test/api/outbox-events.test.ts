/**
 * The outbox (issue 18) for AI-feature revisions: publishing one writes `revision.published` and
 * `revision.in_effect` (due at its effective date) in the publish's transaction, withdrawing it
 * writes `revision.withdrawn`; a refused publish writes nothing. A consent release writes
 * `consent_release.published`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_HEADER, releaseStatistics } from '../helpers/consent.js';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { daysAfter, FeatureWorkflow } from '../helpers/feature-revisions.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;
const SLUG = 'outbox-summary';
const feature = new FeatureWorkflow(
  () => api.current,
  () => tokens,
  SLUG,
);

const eventsOf = (id: string) =>
  api.current.database.prisma.notificationEvent.findMany({
    where: { subjectKey: `revision:${id}` },
    orderBy: { type: 'asc' },
  });

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
  await feature.create(30);
});

describe('outbox events of AI-feature revisions', () => {
  it('are written with the publication and the withdrawal, and not by a refused publish', async () => {
    const id = await feature.approved(feature.label(), feature.explainAll(), 'First label.');
    const effective = daysAfter(TEST_NOW, 30);
    // Too early for the notice period: refused, and nothing is queued.
    expect((await feature.publish(id, daysAfter(TEST_NOW, 1))).error).not.toBeNull();
    expect(await eventsOf(id)).toEqual([]);

    expect((await feature.publish(id, effective)).error).toBeNull();
    const events = await eventsOf(id);
    expect(events.map((e) => [e.type, e.dueAt.toISOString()])).toEqual([
      ['revision.in_effect', effective.toISOString()],
      ['revision.published', TEST_NOW.toISOString()],
    ]);
    expect(JSON.parse(events[1]?.payload ?? '{}')).toMatchObject({
      type: 'revision.published',
      data: { id, feature: SLUG, number: 1, links: { page: `/ai-features/${SLUG}/#revision-1` } },
    });

    expect((await feature.withdraw(id, 'Published by mistake.')).error).toBeNull();
    expect((await eventsOf(id)).map((e) => e.type)).toEqual([
      'revision.in_effect',
      'revision.published',
      'revision.withdrawn',
    ]);
  });

  it('include consent releases', async () => {
    const csv = `${CONSENT_HEADER}\nmeeting-summary,consumer,2026-01,1200,4,796,400,9100,310\n`;
    const released = await releaseStatistics(api.current, tokens, csv);
    expect(released.error).toBeNull();
    const release = await api.current.database.prisma.consentImport.findFirstOrThrow({
      where: { contentHash: released.contentHash },
    });
    const [event] = await api.current.database.prisma.notificationEvent.findMany({
      where: { subjectKey: `consent_release:${release.id}` },
    });
    expect(event?.type).toBe('consent_release.published');
    expect(JSON.parse(event?.payload ?? '{}').data).toMatchObject({ id: release.id, kind: 'RELEASE', rows: 1 });
  });
});
