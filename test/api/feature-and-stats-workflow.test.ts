import { rowToFacts } from '@candor/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CONSENT_HEADER, releaseStatistics, submitStatistics } from '../helpers/consent.js';
import { asToken, type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { TEST_NOW } from '../helpers/providers.js';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
let tokens: EditorTokens;

beforeAll(async () => {
  tokens = await setUpEditors(api.current);
});

async function mutate<T>(token: string, query: string): Promise<T> {
  const { body } = await asToken<Record<string, T>>(api.current, token, `mutation { ${query} }`);
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
  return Object.values(body.data ?? {})[0] as T;
}

const REVISION_FIELDS = 'revision { id number status } error { code message field problems { field message } }';

/**
 * The facts of meeting summary's last revision to take effect (scheduled ones included), as a
 * revision file with one change, and when that revision takes effect.
 */
async function revisionFile(
  change: (facts: Record<string, Record<string, unknown>>) => void,
  explanations?: Record<string, unknown>,
): Promise<{ file: string; lastEffectiveAt: Date; facts: Record<string, Record<string, unknown>> }> {
  const { prisma } = api.current.database;
  const latest = await prisma.aiFeatureRevision.findFirstOrThrow({
    where: { feature: { slug: 'meeting-summary' }, status: 'PUBLISHED', withdrawal: null },
    orderBy: [{ effectiveAt: 'desc' }, { publishedAt: 'desc' }, { number: 'desc' }],
    include: { facts: { include: { segment: true } } },
  });
  // The same row → facts mapping the API uses to diff revisions.
  const facts: Record<string, Record<string, unknown>> = Object.fromEntries(
    latest.facts.map(({ segment, ...row }) => [segment.key, { ...rowToFacts(row) }]),
  );
  change(facts);
  const file = stringify({
    feature: 'meeting-summary',
    changeNote: 'Consumer summaries train our models again, with consent.',
    facts,
    ...(explanations === undefined ? {} : { explanations }),
  });
  return { file, lastEffectiveAt: latest.effectiveAt ?? TEST_NOW, facts };
}

describe('AI-feature revisions', () => {
  it('refuses invalid facts, naming every bad field, and writes nothing', async () => {
    const before = await api.current.database.prisma.aiFeatureRevision.count();
    const { file } = await revisionFile((facts) => {
      (facts.consumer as Record<string, unknown>).availability = 'sometimes';
      delete (facts.education as Record<string, unknown>).retention;
    });
    const result = await mutate<{ error: { code: string; problems: { field: string }[] } }>(
      tokens.editor,
      `createFeatureRevision(file: ${JSON.stringify(file)}) { ${REVISION_FIELDS} }`,
    );
    expect(result.error.code).toBe('BAD_USER_INPUT');
    const fields = result.error.problems.map((p) => p.field);
    expect(fields).toContain('facts.consumer.availability');
    expect(fields.some((f) => f.startsWith('facts.education'))).toBe(true);
    expect(await api.current.database.prisma.aiFeatureRevision.count()).toBe(before);
  });

  it('drafts, reviews and publishes a material revision with notice, and stores its field-level diff', async () => {
    // Changed in issue 12: flipping model training is material, so the revision explains itself
    // to consumers and waits for the feature's notice period instead of taking effect at once.
    let trained = false;
    const { file, lastEffectiveAt } = await revisionFile(
      (facts) => {
        const consumer = facts.consumer as Record<string, unknown>;
        trained = consumer.trainsFirstPartyModels === true;
        consumer.trainsFirstPartyModels = !trained;
      },
      {
        consumer: {
          summary: 'Meeting summaries and model training, in plain words.',
          whatChanges: 'Whether your meeting summaries train our models changes.',
          affected: true,
        },
      },
    );
    const created = await mutate<{ revision: { id: string; number: number } }>(
      tokens.editor,
      `createFeatureRevision(file: ${JSON.stringify(file)}) { ${REVISION_FIELDS} }`,
    );
    const { id } = created.revision;
    await mutate(tokens.editor, `submitFeatureRevision(id: "${id}") { ${REVISION_FIELDS} }`);
    const own = await mutate<{ error: { code: string } }>(
      tokens.editor,
      `approveFeatureRevision(id: "${id}") { ${REVISION_FIELDS} }`,
    );
    expect(own.error.code).toBe('FORBIDDEN');
    await mutate(tokens.publisher, `approveFeatureRevision(id: "${id}") { ${REVISION_FIELDS} }`);
    const atOnce = await mutate<{ error: { code: string } }>(
      tokens.publisher,
      `publishFeatureRevision(id: "${id}") { ${REVISION_FIELDS} }`,
    );
    expect(atOnce.error.code).toBe('NOTICE_PERIOD');
    // After the notice, and after anything the sample history already schedules.
    const notice = new Date(TEST_NOW.getTime() + 30 * 86_400_000);
    const effectiveAt = new Date(Math.max(notice.getTime(), lastEffectiveAt.getTime() + 86_400_000));
    const published = await mutate<{ revision: { status: string }; error: null }>(
      tokens.publisher,
      `publishFeatureRevision(id: "${id}", effectiveAt: "${effectiveAt.toISOString()}") { ${REVISION_FIELDS} }`,
    );
    expect(published.error).toBeNull();
    expect(published.revision.status).toBe('PUBLISHED');
    const read = () =>
      api.current.execute<{
        aiFeature: {
          current: { trainsFirstPartyModels: boolean };
          upcoming: { number: number }[];
          revisions: { edges: { node: { number: number; material: boolean; changes: { summary: string }[] } }[] };
        };
      }>(
        '{ aiFeature(slug: "meeting-summary") { current(segment: "consumer") { trainsFirstPartyModels } upcoming { number } revisions(first: 1) { edges { node { number material changes { summary } } } } } }',
      );
    const before = await read();
    expect(before.aiFeature.current.trainsFirstPartyModels).toBe(trained);
    expect(before.aiFeature.upcoming.map((r) => r.number)).toContain(created.revision.number);
    api.current.setNow(effectiveAt);
    try {
      const data = await read();
      expect(data.aiFeature.current.trainsFirstPartyModels).toBe(!trained);
      const latest = data.aiFeature.revisions.edges[0]?.node;
      expect(latest?.number).toBe(created.revision.number);
      expect(latest?.material).toBe(true);
      const yesNo = (value: boolean) => (value ? 'yes' : 'no');
      expect(latest?.changes.map((c) => c.summary)).toEqual([
        `trains first-party models: ${yesNo(trained)} → ${yesNo(!trained)} for consumer`,
      ]);
    } finally {
      api.current.setNow(TEST_NOW);
    }
  });
});

describe('consent statistics submission', () => {
  it('reports every bad row at once, with line and column, and stores nothing', async () => {
    const before = await api.current.database.prisma.consentSubmission.count();
    const csv = [
      CONSENT_HEADER,
      'meeting-summary,consumer,2026-03,100,50,30,20,900,40',
      'meeting-summary,nowhere,2026-03,100,50,30,20,900,40',
      'meeting-summary,business,2026-03,100,50,30,10,900,40',
      'team-chat-compose,business,2026-13,10,5,5,0,,',
    ].join('\n');
    const result = await submitStatistics(api.current, tokens.editor, csv);
    expect(result.error?.code).toBe('BAD_USER_INPUT');
    expect(result.error?.problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [3, 2, 'segment'],
      [4, 4, 'accountsEligible'],
      [5, 3, 'period'],
    ]);
    expect(await api.current.database.prisma.consentSubmission.count()).toBe(before);
  });

  it('publishes a valid file through review, then refuses to overwrite it', async () => {
    const csv = `${CONSENT_HEADER}\nmeeting-summary,consumer,2026-04,100,50,30,20,900,40\nteam-chat-compose,business,2026-04,12,5,5,2,,\n`;
    const published = await releaseStatistics(api.current, tokens, csv);
    expect(published.error).toBeNull();
    expect(published.submission).toMatchObject({ status: 'PUBLISHED', rowCount: 2 });
    const again = await submitStatistics(api.current, tokens.editor, csv);
    expect(again.error?.problems).toHaveLength(2);
    expect(again.error?.problems[0]?.message).toContain('publish a correction');
    const stats = await api.current.execute<{ consentStatistics: { rows: { ownersEnabled: { value: number } }[] } }>(
      '{ consentStatistics(feature: "meeting-summary", segment: "consumer", from: "2026-04", to: "2026-04") { rows { ownersEnabled { value } } } }',
    );
    expect(stats.consentStatistics.rows).toEqual([{ ownersEnabled: { value: 50 } }]);
  });
});
