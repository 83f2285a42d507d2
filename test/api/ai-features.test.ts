import { sampleFeatures } from '@candor/schema/sample';
import { describe, expect, it } from 'vitest';
import { errorCode, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

const SEGMENTS = ['consumer', 'business', 'enterprise', 'education', 'healthcare'] as const;
type Segment = (typeof SEGMENTS)[number];
const FEATURES = ['meeting-summary', 'team-chat-compose'] as const;

interface ClauseRefShape {
  document: string;
  key: string;
}

interface Facts {
  segment: { key: string };
  whatItDoes: string;
  availability: string;
  dataCategories: string[];
  trainsFirstPartyModels: boolean;
  sharedWithVendor: boolean;
  vendorName: string | null;
  trainsVendorModels: boolean;
  retention: string;
  retentionDays: number | null;
  humanReview: boolean;
  humanReviewDetail: string;
  consentRequiredFrom: string[];
  nonConsentOption: string;
  nonConsentDetail: string;
  defaultState: string;
  governingClauseRefs: ClauseRefShape[];
}

interface ResolvedClause {
  key: string;
  number: string;
  heading: string;
  body: string;
  version: { label: string };
  document: { slug: string };
}

const FACT_FIELDS = `
  segment { key }
  whatItDoes availability dataCategories
  trainsFirstPartyModels sharedWithVendor vendorName trainsVendorModels
  retention retentionDays humanReview humanReviewDetail
  consentRequiredFrom nonConsentOption nonConsentDetail defaultState
  governingClauseRefs { document key }
`;

const CLAUSE_FIELDS = 'key number heading body version { label } document { slug }';

const current = async (slug: string, segment: Segment) =>
  (
    await api.current.execute<{ aiFeature: { current: Facts | null } }>(
      `{ aiFeature(slug: "${slug}") { current(segment: "${segment}") { ${FACT_FIELDS} } } }`,
    )
  ).aiFeature.current;

const asOf = async (slug: string, date: string, segment: Segment) =>
  (
    await api.current.execute<{ aiFeature: { asOf: Facts | null } }>(
      `{ aiFeature(slug: "${slug}") { asOf(date: "${date}", segment: "${segment}") { ${FACT_FIELDS} } } }`,
    )
  ).aiFeature.asOf;

/** The clause `key` of `document` as it reads in the version in force on `date` (or now). */
const clauseInForce = async (document: string, key: string, date?: string) => {
  const selector = date === undefined ? 'current' : `asOf(date: "${date}")`;
  const data = await api.current.execute<{
    document: { version: { label: string; clause: { key: string; body: string; heading: string } | null } | null };
  }>(`{ document(slug: "${document}") { version: ${selector} { label clause(key: "${key}") { key heading body } } } }`);
  return data.document.version;
};

/**
 * Checks that governing clauses are the referenced clauses, in order, with the text of the
 * version of each referenced document in force on `date` (now when omitted).
 */
async function expectClausesInForce(refs: ClauseRefShape[], clauses: ResolvedClause[], date?: string) {
  expect(clauses.map((c) => ({ document: c.document.slug, key: c.key }))).toEqual(refs);
  for (const clause of clauses) {
    const inForce = await clauseInForce(clause.document.slug, clause.key, date);
    expect(inForce?.clause, `${clause.document.slug}#${clause.key} on ${date ?? 'now'}`).not.toBeNull();
    expect(clause.version.label).toBe(inForce?.label);
    expect(clause.body).toBe(inForce?.clause?.body);
    expect(clause.heading).toBe(inForce?.clause?.heading);
  }
}

/** Plausibility rules every label must satisfy, whatever the feature and segment. */
function expectSensible(facts: Facts, segment: Segment) {
  expect(facts.segment.key).toBe(segment);
  expect(facts.whatItDoes.length).toBeGreaterThan(20);
  expect(facts.retention.length).toBeGreaterThan(10);
  expect(facts.humanReviewDetail.length).toBeGreaterThan(10);
  expect(facts.nonConsentDetail.length).toBeGreaterThan(10);
  expect(new Set(facts.dataCategories).size).toBe(facts.dataCategories.length);
  expect(new Set(facts.consentRequiredFrom).size).toBe(facts.consentRequiredFrom.length);
  expect(facts.governingClauseRefs.length).toBeGreaterThan(0);
  // A vendor is named exactly when content is shared with one, and only a vendor can train on it.
  expect(facts.vendorName !== null).toBe(facts.sharedWithVendor);
  if (!facts.sharedWithVendor) expect(facts.trainsVendorModels).toBe(false);
  // A fixed retention period is also stated in the text.
  if (facts.retentionDays !== null) {
    expect(facts.retentionDays).toBeGreaterThan(0);
    expect(facts.retention).toContain(`${facts.retentionDays} days`);
  }
  if (facts.availability === 'NOT_OFFERED') {
    expect(facts.dataCategories).toEqual([]);
    expect(facts.consentRequiredFrom).toEqual([]);
    expect(facts.trainsFirstPartyModels).toBe(false);
    expect(facts.sharedWithVendor).toBe(false);
    expect(facts.humanReview).toBe(false);
    expect(facts.nonConsentOption).toBe('NOT_APPLICABLE');
    expect(facts.defaultState).toBe('OFF');
  } else {
    expect(facts.dataCategories.length).toBeGreaterThan(0);
    expect(facts.consentRequiredFrom).toContain('ACCOUNT_OWNER');
  }
  if (facts.nonConsentOption === 'LEAVE_ONLY') expect(facts.nonConsentDetail).toMatch(/leave/i);
  if (facts.consentRequiredFrom.includes('END_USER')) expect(facts.nonConsentOption).not.toBe('NOT_APPLICABLE');
}

/** Sample facts (features.ts) in the API's enum spelling. */
function sampleFacts(slug: string, revision: number, segment: Segment) {
  const feature = sampleFeatures.find((f) => f.slug === slug);
  const facts = feature?.revisions.find((r) => r.number === revision)?.facts[segment];
  if (facts === undefined) throw new Error(`no sample facts for ${slug} r${revision} ${segment}`);
  const { governingClauses, ...rest } = facts;
  return {
    ...rest,
    segment: { key: segment },
    availability: facts.availability.toUpperCase(),
    dataCategories: facts.dataCategories.map((c) => c.toUpperCase()),
    consentRequiredFrom: facts.consentRequiredFrom.map((p) => p.toUpperCase()),
    nonConsentOption: facts.nonConsentOption.toUpperCase(),
    defaultState: facts.defaultState.toUpperCase(),
    governingClauseRefs: governingClauses,
  };
}

const TOS = (key: string) => ({ document: 'terms-of-service', key });
const PRIVACY = (key: string) => ({ document: 'privacy-statement', key });

describe('AI feature list and lookup', () => {
  it('lists the two sample features in display order', async () => {
    const data = await api.current.execute<{
      aiFeatures: { id: string; slug: string; name: string; description: string }[];
    }>('{ aiFeatures { id slug name description } }');
    expect(data.aiFeatures.map((f) => f.slug)).toEqual(['meeting-summary', 'team-chat-compose']);
    expect(data.aiFeatures.map((f) => f.name)).toEqual(['Meeting summary', 'Team chat compose']);
    for (const feature of data.aiFeatures) {
      expect(feature.id).not.toBe('');
      expect(feature.description.length).toBeGreaterThan(20);
    }
    expect(data.aiFeatures[0]?.description).toMatch(/summar/i);
    expect(data.aiFeatures[1]?.description).toMatch(/draft/i);
  });

  it('finds a feature by slug', async () => {
    const data = await api.current.execute<{ aiFeature: { slug: string; name: string } }>(
      '{ aiFeature(slug: "team-chat-compose") { slug name } }',
    );
    expect(data.aiFeature).toEqual({ slug: 'team-chat-compose', name: 'Team chat compose' });
  });

  it('refuses an unknown slug with NOT_FOUND naming the slug argument', async () => {
    const result = await api.current.request('{ aiFeature(slug: "mind-reader") { slug } }');
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.extensions?.field).toBe('slug');
    expect(result.errors?.[0]?.path).toEqual(['aiFeature']);
    expect(result.data ?? null).toBeNull();
  });
});

describe('current facts per segment', () => {
  const SUMMARY_GA_RETENTION = /Transcripts used to write the summary are deleted within 30 days/;

  it('meeting summary for consumers: generally available, owner consents, participants can only leave', async () => {
    const facts = await current('meeting-summary', 'consumer');
    expect(facts).not.toBeNull();
    if (facts === null) return;
    expectSensible(facts, 'consumer');
    expect(facts).toMatchObject({
      availability: 'GENERALLY_AVAILABLE',
      dataCategories: ['AUDIO', 'TRANSCRIPTS', 'CHAT'],
      trainsFirstPartyModels: false,
      sharedWithVendor: false,
      vendorName: null,
      trainsVendorModels: false,
      retentionDays: null,
      humanReview: false,
      consentRequiredFrom: ['ACCOUNT_OWNER'],
      nonConsentOption: 'LEAVE_ONLY',
      defaultState: 'OFF',
      governingClauseRefs: [TOS('10.1'), TOS('10.4'), TOS('10.5'), TOS('10.8'), PRIVACY('3A')],
    });
    expect(facts.retention).toMatch(SUMMARY_GA_RETENTION);
    expect(facts.humanReviewDetail).toMatch(/do not review/);
    expect(facts.nonConsentDetail).toMatch(/accept and join, or leave the meeting/);
  });

  it('meeting summary for business and enterprise: an administrator consents too', async () => {
    for (const segment of ['business', 'enterprise'] as const) {
      const facts = await current('meeting-summary', segment);
      expect(facts).not.toBeNull();
      if (facts === null) return;
      expectSensible(facts, segment);
      expect(facts).toMatchObject({
        availability: 'GENERALLY_AVAILABLE',
        dataCategories: ['AUDIO', 'TRANSCRIPTS', 'CHAT'],
        trainsFirstPartyModels: false,
        sharedWithVendor: false,
        vendorName: null,
        trainsVendorModels: false,
        retentionDays: null,
        humanReview: false,
        consentRequiredFrom: ['ACCOUNT_OWNER', 'ACCOUNT_ADMIN'],
        nonConsentOption: 'LEAVE_ONLY',
        defaultState: 'OFF',
      });
      expect(facts.retention).toMatch(SUMMARY_GA_RETENTION);
    }
  });

  it('meeting summary for education: leave only, with the schools’ duty in the detail', async () => {
    const facts = await current('meeting-summary', 'education');
    expect(facts).not.toBeNull();
    if (facts === null) return;
    expectSensible(facts, 'education');
    expect(facts).toMatchObject({
      availability: 'GENERALLY_AVAILABLE',
      trainsFirstPartyModels: false,
      humanReview: false,
      consentRequiredFrom: ['ACCOUNT_OWNER', 'ACCOUNT_ADMIN'],
      nonConsentOption: 'LEAVE_ONLY',
      defaultState: 'OFF',
      governingClauseRefs: [TOS('10.1'), TOS('10.4'), TOS('10.5'), TOS('10.6'), TOS('10.8'), PRIVACY('3A')],
    });
    expect(facts.nonConsentDetail).toMatch(/Schools must offer students who leave/);
  });

  it('meeting summary for healthcare: experimental, every participant consents and may stay without it', async () => {
    const facts = await current('meeting-summary', 'healthcare');
    expect(facts).not.toBeNull();
    if (facts === null) return;
    expectSensible(facts, 'healthcare');
    expect(facts).toMatchObject({
      availability: 'EXPERIMENTAL',
      dataCategories: ['AUDIO', 'TRANSCRIPTS'],
      trainsFirstPartyModels: false,
      sharedWithVendor: false,
      vendorName: null,
      trainsVendorModels: false,
      retentionDays: 30,
      humanReview: false,
      consentRequiredFrom: ['ACCOUNT_OWNER', 'ACCOUNT_ADMIN', 'END_USER'],
      nonConsentOption: 'JOIN_WITHOUT_FEATURE',
      defaultState: 'OFF',
    });
  });

  it('team chat compose: shared with the sample vendor, which does not train on it', async () => {
    const expected: Record<
      Exclude<Segment, 'healthcare'>,
      { availability: string; consentRequiredFrom: string[]; defaultState: string }
    > = {
      consumer: { availability: 'GENERALLY_AVAILABLE', consentRequiredFrom: ['ACCOUNT_OWNER'], defaultState: 'OFF' },
      business: {
        availability: 'GENERALLY_AVAILABLE',
        consentRequiredFrom: ['ACCOUNT_OWNER', 'ACCOUNT_ADMIN'],
        defaultState: 'ON',
      },
      enterprise: {
        availability: 'GENERALLY_AVAILABLE',
        consentRequiredFrom: ['ACCOUNT_OWNER', 'ACCOUNT_ADMIN'],
        defaultState: 'OFF',
      },
      education: {
        availability: 'EXPERIMENTAL',
        consentRequiredFrom: ['ACCOUNT_OWNER', 'ACCOUNT_ADMIN'],
        defaultState: 'OFF',
      },
    };
    for (const [segment, specific] of Object.entries(expected) as [keyof typeof expected, typeof expected.consumer][]) {
      const facts = await current('team-chat-compose', segment);
      expect(facts).not.toBeNull();
      if (facts === null) return;
      expectSensible(facts, segment);
      expect(facts, segment).toMatchObject({
        ...specific,
        dataCategories: ['CHAT'],
        trainsFirstPartyModels: false,
        sharedWithVendor: true,
        vendorName: 'Acme Models (sample)',
        trainsVendorModels: false,
        retentionDays: 30,
        humanReview: false,
        nonConsentOption: 'NOT_APPLICABLE',
      });
      expect(facts.governingClauseRefs).toContainEqual(TOS('10.7'));
      expect(facts.retention).toMatch(/Acme Models \(sample\)/);
    }
  });

  it('team chat compose is not offered to healthcare accounts', async () => {
    const facts = await current('team-chat-compose', 'healthcare');
    expect(facts).not.toBeNull();
    if (facts === null) return;
    expectSensible(facts, 'healthcare');
    expect(facts).toMatchObject({
      availability: 'NOT_OFFERED',
      dataCategories: [],
      sharedWithVendor: false,
      vendorName: null,
      retentionDays: null,
      consentRequiredFrom: [],
      nonConsentOption: 'NOT_APPLICABLE',
      defaultState: 'OFF',
      governingClauseRefs: [TOS('10.6'), TOS('10.7')],
    });
    expect(facts.whatItDoes).toMatch(/Not offered to healthcare accounts/);
  });

  it('every current label equals the latest sample revision, field by field', async () => {
    for (const slug of FEATURES) {
      for (const segment of SEGMENTS) {
        const facts = await current(slug, segment);
        expect(facts, `${slug} ${segment}`).toEqual(sampleFacts(slug, 3, segment));
      }
    }
  });

  it('answers several segments in one request', async () => {
    const data = await api.current.execute<{
      aiFeature: Record<Segment, { segment: { key: string }; availability: string; nonConsentOption: string }>;
    }>(`{
      aiFeature(slug: "meeting-summary") {
        ${SEGMENTS.map((s) => `${s}: current(segment: "${s}") { segment { key } availability nonConsentOption }`).join('\n')}
      }
    }`);
    expect(SEGMENTS.map((s) => data.aiFeature[s].segment.key)).toEqual([...SEGMENTS]);
    expect(SEGMENTS.map((s) => data.aiFeature[s].nonConsentOption)).toEqual([
      'LEAVE_ONLY',
      'LEAVE_ONLY',
      'LEAVE_ONLY',
      'LEAVE_ONLY',
      'JOIN_WITHOUT_FEATURE',
    ]);
  });
});

describe('facts as of a date', () => {
  // Revision 1 took effect on 2023-08-07, revision 2 on 2023-09-07, revision 3 on 2024-06-20.
  it('returns the first revision between revisions 1 and 2, when summaries still trained first-party models', async () => {
    const then = await asOf('meeting-summary', '2023-08-20', 'consumer');
    const now = await current('meeting-summary', 'consumer');
    expect(then).toEqual(sampleFacts('meeting-summary', 1, 'consumer'));
    expect(then).toMatchObject({
      availability: 'EXPERIMENTAL',
      trainsFirstPartyModels: true,
      humanReview: true,
      retentionDays: 90,
      nonConsentOption: 'LEAVE_ONLY',
      governingClauseRefs: [TOS('10.1'), TOS('10.4')],
    });
    expect(now?.trainsFirstPartyModels).toBe(false);
  });

  it('differs per segment: enterprise never trained, business did, education was not offered yet', async () => {
    expect((await asOf('meeting-summary', '2023-08-20', 'enterprise'))?.trainsFirstPartyModels).toBe(false);
    expect((await asOf('meeting-summary', '2023-08-20', 'business'))?.trainsFirstPartyModels).toBe(true);
    expect((await asOf('meeting-summary', '2023-08-20', 'education'))?.availability).toBe('NOT_OFFERED');
    expect((await asOf('meeting-summary', '2023-10-01', 'education'))?.availability).toBe('EXPERIMENTAL');
    expect((await asOf('team-chat-compose', '2023-08-20', 'business'))?.trainsFirstPartyModels).toBe(true);
    expect((await asOf('team-chat-compose', '2023-10-01', 'business'))?.trainsFirstPartyModels).toBe(false);
    expect((await asOf('team-chat-compose', '2024-06-01', 'consumer'))?.availability).toBe('NOT_OFFERED');
  });

  it('includes a revision effective at any time of the date, and nothing before the first', async () => {
    expect(await asOf('meeting-summary', '2023-08-06', 'consumer')).toBeNull();
    expect(await asOf('team-chat-compose', '2022-01-01', 'business')).toBeNull();
    expect((await asOf('meeting-summary', '2023-08-07', 'consumer'))?.trainsFirstPartyModels).toBe(true);
    expect((await asOf('meeting-summary', '2023-09-06', 'consumer'))?.trainsFirstPartyModels).toBe(true);
    expect((await asOf('meeting-summary', '2023-09-07', 'consumer'))?.trainsFirstPartyModels).toBe(false);
  });

  it('goes by effective date, not publication date', async () => {
    // Revision 3 was published on 2024-05-20 and took effect on 2024-06-20.
    expect((await asOf('meeting-summary', '2024-06-01', 'healthcare'))?.availability).toBe('NOT_OFFERED');
    expect((await asOf('meeting-summary', '2024-06-19', 'consumer'))?.availability).toBe('EXPERIMENTAL');
    expect((await asOf('meeting-summary', '2024-06-20', 'consumer'))?.availability).toBe('GENERALLY_AVAILABLE');
    expect((await asOf('meeting-summary', '2024-06-20', 'healthcare'))?.availability).toBe('EXPERIMENTAL');
  });

  it('reads current and past facts side by side in one request', async () => {
    const data = await api.current.execute<{
      aiFeature: {
        current: { trainsFirstPartyModels: boolean };
        asOf: { trainsFirstPartyModels: boolean };
        before: null;
      };
    }>(`{
      aiFeature(slug: "meeting-summary") {
        current(segment: "business") { trainsFirstPartyModels }
        asOf(date: "2023-08-20", segment: "business") { trainsFirstPartyModels }
        before: asOf(date: "2023-01-01", segment: "business") { trainsFirstPartyModels }
      }
    }`);
    expect(data.aiFeature).toEqual({
      current: { trainsFirstPartyModels: false },
      asOf: { trainsFirstPartyModels: true },
      before: null,
    });
  });

  it('rejects a malformed date', async () => {
    const result = await api.current.request(
      '{ aiFeature(slug: "meeting-summary") { asOf(date: "2023-02-30", segment: "consumer") { availability } } }',
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});

describe('revisions', () => {
  interface RevisionNode {
    number: number;
    effectiveAt: string;
    publishedAt: string;
    changeNote: string;
    feature: { slug: string };
    facts: Facts[];
  }
  type Revisions = {
    aiFeature: {
      revisions: {
        edges: { cursor: string; node: RevisionNode }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
  };

  it('lists published revisions newest first with all five segments in display order', async () => {
    for (const slug of FEATURES) {
      const data = await api.current.execute<Revisions>(`{
        aiFeature(slug: "${slug}") {
          revisions { edges { cursor node { number effectiveAt publishedAt changeNote feature { slug } facts { ${FACT_FIELDS} } } } pageInfo { hasNextPage endCursor } }
        }
      }`);
      const nodes = data.aiFeature.revisions.edges.map((e) => e.node);
      expect(nodes.map((n) => n.number)).toEqual([3, 2, 1]);
      expect(nodes.map((n) => n.effectiveAt)).toEqual([
        '2024-06-20T00:00:00.000Z',
        '2023-09-07T00:00:00.000Z',
        '2023-08-07T00:00:00.000Z',
      ]);
      // Each gave a month's notice: all three change material facts.
      expect(nodes.map((n) => n.publishedAt)).toEqual([
        '2024-05-20T00:00:00.000Z',
        '2023-08-07T00:00:00.000Z',
        '2023-07-07T00:00:00.000Z',
      ]);
      for (const node of nodes) {
        expect(node.feature.slug).toBe(slug);
        expect(node.changeNote.length).toBeGreaterThan(20);
        expect(node.facts.map((f) => f.segment.key)).toEqual([...SEGMENTS]);
        for (const facts of node.facts) {
          expectSensible(facts, facts.segment.key as Segment);
          expect(facts).toEqual(sampleFacts(slug, node.number, facts.segment.key as Segment));
        }
      }
      expect(data.aiFeature.revisions.pageInfo.hasNextPage).toBe(false);
    }
  });

  it('narrows facts to one segment', async () => {
    const data = await api.current.execute<Revisions>(`{
      aiFeature(slug: "meeting-summary") {
        revisions { edges { cursor node { number facts(segment: "enterprise") { ${FACT_FIELDS} } } } pageInfo { hasNextPage endCursor } }
      }
    }`);
    const nodes = data.aiFeature.revisions.edges.map((e) => e.node);
    expect(nodes.map((n) => n.facts.map((f) => f.segment.key))).toEqual([
      ['enterprise'],
      ['enterprise'],
      ['enterprise'],
    ]);
    expect(nodes.map((n) => n.facts[0]?.trainsFirstPartyModels)).toEqual([false, false, false]);
    const education = await api.current.execute<Revisions>(`{
      aiFeature(slug: "meeting-summary") {
        revisions { edges { cursor node { number facts(segment: "education") { ${FACT_FIELDS} } } } pageInfo { hasNextPage endCursor } }
      }
    }`);
    expect(education.aiFeature.revisions.edges.map((e) => e.node.facts[0]?.availability)).toEqual([
      'GENERALLY_AVAILABLE',
      'EXPERIMENTAL',
      'NOT_OFFERED',
    ]);
  });

  it('pages through revisions with cursors', async () => {
    const page = (args: string) =>
      api.current.execute<Revisions>(
        `{ aiFeature(slug: "team-chat-compose") { revisions(${args}) { edges { cursor node { number } } pageInfo { hasNextPage endCursor } } } }`,
      );
    const first = await page('first: 2');
    expect(first.aiFeature.revisions.edges.map((e) => e.node.number)).toEqual([3, 2]);
    expect(first.aiFeature.revisions.pageInfo.hasNextPage).toBe(true);
    const second = await page(`first: 2, after: "${first.aiFeature.revisions.pageInfo.endCursor}"`);
    expect(second.aiFeature.revisions.edges.map((e) => e.node.number)).toEqual([1]);
    expect(second.aiFeature.revisions.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses an oversized page with the argument named', async () => {
    const result = await api.current.request(
      '{ aiFeature(slug: "team-chat-compose") { revisions(first: 1000) { edges { cursor } } } }',
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('first');
  });
});

describe('governing clauses', () => {
  const GOVERNING = `governingClauseRefs { document key } governingClauses { ${CLAUSE_FIELDS} }`;
  type WithClauses = { governingClauseRefs: ClauseRefShape[]; governingClauses: ResolvedClause[] };

  it('resolves current facts in the versions in force now, for every feature and segment', async () => {
    for (const slug of FEATURES) {
      for (const segment of SEGMENTS) {
        const data = await api.current.execute<{ aiFeature: { current: WithClauses } }>(
          `{ aiFeature(slug: "${slug}") { current(segment: "${segment}") { ${GOVERNING} } } }`,
        );
        const facts = data.aiFeature.current;
        await expectClausesInForce(facts.governingClauseRefs, facts.governingClauses);
      }
    }
    const summary = await api.current.execute<{ aiFeature: { current: WithClauses } }>(
      `{ aiFeature(slug: "meeting-summary") { current(segment: "consumer") { ${GOVERNING} } } }`,
    );
    expect(summary.aiFeature.current.governingClauses.map((c) => c.version.label)).toEqual([
      '2025-03',
      '2025-03',
      '2025-03',
      '2025-03',
      '2023-08',
    ]);
  });

  it('resolves facts as of 2023-08-20 in the terms of that day, before the consent sentence', async () => {
    const data = await api.current.execute<{ aiFeature: { asOf: WithClauses; current: WithClauses } }>(`{
      aiFeature(slug: "meeting-summary") {
        asOf(date: "2023-08-20", segment: "consumer") { ${GOVERNING} }
        current(segment: "consumer") { ${GOVERNING} }
      }
    }`);
    const then = data.aiFeature.asOf;
    expect(then.governingClauses.map((c) => c.key)).toEqual(['10.1', '10.4']);
    expect(then.governingClauses.map((c) => c.version.label)).toEqual(['2023-03', '2023-03']);
    await expectClausesInForce(then.governingClauseRefs, then.governingClauses, '2023-08-20');

    // The machine-learning clause read then is the broad one, not the text in force today.
    const ml = then.governingClauses.find((c) => c.key === '10.4');
    const mlNow = data.aiFeature.current.governingClauses.find((c) => c.key === '10.4');
    expect(ml?.body).toMatch(/machine learning and artificial intelligence/);
    expect(ml?.body).not.toMatch(/will not use audio, video or chat Customer Content/);
    expect(mlNow?.body).toMatch(/will not use audio, video or chat Customer Content/);
    expect(ml?.body).not.toBe(mlNow?.body);
  });

  it('resolves facts as of other dates in the terms of each date', async () => {
    const dates = [
      '2023-08-07',
      '2023-09-06',
      '2023-09-07',
      '2023-12-31',
      '2024-06-19',
      '2024-06-20',
      '2025-02-28',
      // After the published upcoming terms version ("next") takes effect.
      '2026-08-01',
    ];
    for (const slug of FEATURES) {
      for (const segment of SEGMENTS) {
        for (const date of dates) {
          const data = await api.current.execute<{ aiFeature: { asOf: WithClauses } }>(
            `{ aiFeature(slug: "${slug}") { asOf(date: "${date}", segment: "${segment}") { ${GOVERNING} } } }`,
          );
          const facts = data.aiFeature.asOf;
          await expectClausesInForce(facts.governingClauseRefs, facts.governingClauses, date);
        }
      }
    }
  });

  it('resolves facts as of a date after the upcoming terms take effect in the upcoming version', async () => {
    const data = await api.current.execute<{ aiFeature: { asOf: WithClauses } }>(
      `{ aiFeature(slug: "meeting-summary") { asOf(date: "2026-08-01", segment: "consumer") { ${GOVERNING} } } }`,
    );
    const retention = data.aiFeature.asOf.governingClauses.find((c) => c.key === '10.8');
    expect(retention?.version.label).toBe('next');
    expect(retention?.body).toMatch(/within 7 days/);
  });

  it('resolves the facts of a revision in the terms in force on its effective date', async () => {
    const data = await api.current.execute<{
      aiFeature: { revisions: { edges: { node: { number: number; effectiveAt: string; facts: WithClauses[] } }[] } };
    }>(`{
      aiFeature(slug: "meeting-summary") {
        revisions { edges { node { number effectiveAt facts(segment: "education") { ${GOVERNING} } } } }
      }
    }`);
    const labels: Record<number, string> = { 3: '2024-06', 2: '2023-08', 1: '2023-03' };
    for (const { node } of data.aiFeature.revisions.edges) {
      const facts = node.facts[0];
      expect(facts).toBeDefined();
      if (facts === undefined) return;
      const day = node.effectiveAt.slice(0, 10);
      await expectClausesInForce(facts.governingClauseRefs, facts.governingClauses, day);
      const terms = facts.governingClauses.filter((c) => c.document.slug === 'terms-of-service');
      expect(new Set(terms.map((c) => c.version.label))).toEqual(new Set([labels[node.number]]));
    }
  });
});
