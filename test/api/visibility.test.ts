import { compareClauses, contentHash } from '@candor/schema/domain';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/providers.js';
import { errorCode, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

afterEach(() => {
  api.current.setNow(TEST_NOW);
});

const TERMS = 'terms-of-service';
/**
 * The published history of the sample terms, newest first ("next" is published, not yet
 * effective; 2024-10 was published, then withdrawn before it took effect).
 */
const PUBLIC_LABELS = ['next', '2025-03', '2024-10', '2024-06', '2023-08', '2023-03', '2022-11'];
/** "next" takes effect 45 days after TEST_NOW, at the start of the UTC day. */
const NEXT_EFFECTIVE = '2026-07-16T00:00:00.000Z';

interface Hidden {
  label: string;
  status: 'DRAFT' | 'IN_REVIEW' | 'APPROVED';
  publishedAt: Date | null;
  effectiveAt: Date;
  /** A date after effectiveAt on which the public terms are still those of 2025-03. */
  asOfDate: string;
}

/**
 * Versions that are not public. Each would be the version in force, or an upcoming one, if
 * status were ignored; the approved one even carries a past publication time.
 */
const HIDDEN: Hidden[] = [
  {
    label: 'visibility-draft',
    status: 'DRAFT',
    publishedAt: null,
    effectiveAt: new Date('2026-03-01T00:00:00.000Z'),
    asOfDate: '2026-03-02',
  },
  {
    label: 'visibility-in-review',
    status: 'IN_REVIEW',
    publishedAt: null,
    effectiveAt: new Date('2026-07-01T00:00:00.000Z'),
    asOfDate: '2026-07-02',
  },
  {
    label: 'visibility-approved',
    status: 'APPROVED',
    publishedAt: new Date('2026-02-01T00:00:00.000Z'),
    effectiveAt: new Date('2026-05-01T00:00:00.000Z'),
    asOfDate: '2026-05-02',
  },
];
const HIDDEN_LABELS = HIDDEN.map((v) => v.label);

/** Published, but only from 2026-06-10 (after TEST_NOW); in force from 2026-08-01. */
const FUTURE = {
  label: 'visibility-future',
  publishedAt: new Date('2026-06-10T09:00:00.000Z'),
  effectiveAt: new Date('2026-08-01T00:00:00.000Z'),
};
/** After FUTURE's publication, before "next" and FUTURE take effect. */
const AFTER_PUBLICATION = new Date('2026-06-11T12:00:00.000Z');
/** After FUTURE takes effect. */
const AFTER_EFFECT = new Date('2026-08-02T12:00:00.000Z');

const marker = (label: string) => `VISIBILITY MARKER ${label}:`;

interface VersionView {
  label: string;
  timing: string;
  effectiveAt: string;
  clause: { body: string } | null;
}
const VERSION_FIELDS = 'label timing effectiveAt clause(key: "10.4") { body }';

async function versionLabels(): Promise<string[]> {
  const data = await api.current.execute<{ document: { versions: { edges: { node: { label: string } }[] } } }>(
    `{ document(slug: "${TERMS}") { versions(first: 100) { edges { node { label } } } } }`,
  );
  return data.document.versions.edges.map((e) => e.node.label);
}

async function currentVersion(): Promise<VersionView | null> {
  const data = await api.current.execute<{ document: { current: VersionView | null } }>(
    `{ document(slug: "${TERMS}") { current { ${VERSION_FIELDS} } } }`,
  );
  return data.document.current;
}

async function versionAsOf(date: string): Promise<VersionView | null> {
  const data = await api.current.execute<{ document: { asOf: VersionView | null } }>(
    `{ document(slug: "${TERMS}") { asOf(date: "${date}") { ${VERSION_FIELDS} } } }`,
  );
  return data.document.asOf;
}

async function upcomingLabels(): Promise<string[]> {
  const data = await api.current.execute<{ document: { upcoming: { label: string }[] } }>(
    `{ document(slug: "${TERMS}") { upcoming { label } } }`,
  );
  return data.document.upcoming.map((v) => v.label);
}

async function expectVersionNotFound(label: string) {
  const result = await api.current.request(`{ document(slug: "${TERMS}") { version(label: "${label}") { label } } }`);
  expect(errorCode(result), label).toBe('NOT_FOUND');
  expect(result.errors?.[0]?.extensions?.field, label).toBe('label');
}

async function expectCompareNotFound(from: string, to: string, field: 'from' | 'to') {
  const result = await api.current.request(
    `{ document(slug: "${TERMS}") { compare(from: "${from}", to: "${to}") { from to } } }`,
  );
  expect(errorCode(result), `${from} → ${to}`).toBe('NOT_FOUND');
  expect(result.errors?.[0]?.extensions?.field, `${from} → ${to}`).toBe(field);
}

/** Checks that none of the non-public versions shows through any document query. */
async function expectHiddenVersionsInvisible() {
  const labels = await versionLabels();
  for (const label of HIDDEN_LABELS) expect(labels).not.toContain(label);
  for (const version of HIDDEN) {
    await expectVersionNotFound(version.label);
    const asOf = await versionAsOf(version.asOfDate);
    expect(HIDDEN_LABELS).not.toContain(asOf?.label);
    expect(asOf?.clause?.body).not.toContain('VISIBILITY MARKER');
    await expectCompareNotFound('2025-03', version.label, 'to');
    await expectCompareNotFound(version.label, 'next', 'from');
  }
  const current = await currentVersion();
  expect(HIDDEN_LABELS).not.toContain(current?.label);
  for (const label of await upcomingLabels()) expect(HIDDEN_LABELS).not.toContain(label);
}

describe('unpublished terms versions', () => {
  beforeAll(async () => {
    const prisma = api.current.database.prisma;
    const document = await prisma.document.findUniqueOrThrow({ where: { slug: TERMS } });
    for (const version of HIDDEN) {
      await prisma.version.create({
        data: {
          documentId: document.id,
          label: version.label,
          status: version.status,
          material: true,
          changeNote: `Not public: ${version.status}`,
          publishedAt: version.publishedAt,
          effectiveAt: version.effectiveAt,
          clauses: {
            create: [
              {
                key: '10.4',
                number: '10.4',
                heading: 'Machine Learning and Artificial Intelligence',
                body: `${marker(version.label)} Northwind may train any model on any Customer Content.`,
                position: 0,
              },
            ],
          },
        },
      });
    }

    // A properly published successor of "next" (hash chain and stored changelog included),
    // whose publication time is still in the future. Written like the publish workflow does:
    // approved with its clauses first, then flipped to PUBLISHED, since published records are
    // immutable (nothing may be added to them).
    const next = await prisma.version.findUniqueOrThrow({
      where: { documentId_label_rejectionKey: { documentId: document.id, label: 'next', rejectionKey: '' } },
      include: { clauses: { orderBy: { position: 'asc' } } },
    });
    const previousClauses = next.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }));
    const clauses = previousClauses.map((clause) =>
      clause.key === '10.4' ? { ...clause, body: `${clause.body} ${marker(FUTURE.label)} future wording.` } : clause,
    );
    const changeNote = 'Scheduled for publication after the test clock.';
    const created = await prisma.version.create({
      data: {
        documentId: document.id,
        label: FUTURE.label,
        status: 'APPROVED',
        material: false,
        changeNote,
        publishedAt: FUTURE.publishedAt,
        effectiveAt: FUTURE.effectiveAt,
        previousHash: next.contentHash,
        contentHash: contentHash({
          document: TERMS,
          label: FUTURE.label,
          publishedAt: FUTURE.publishedAt,
          effectiveAt: FUTURE.effectiveAt,
          material: false,
          changeNote,
          previousHash: next.contentHash,
          clauses,
          explanations: [],
        }),
        clauses: { create: clauses.map((clause, position) => ({ ...clause, position })) },
      },
    });
    await prisma.version.update({ where: { id: created.id }, data: { status: 'PUBLISHED' } });
    await prisma.changelog.create({
      data: {
        versionId: created.id,
        fromVersionId: next.id,
        changesJson: JSON.stringify(compareClauses(previousClauses, clauses)),
      },
    });
  });

  it('lists none of them in the versions connection', async () => {
    expect(await versionLabels()).toEqual(PUBLIC_LABELS);
  });

  it('finds none of them by label', async () => {
    for (const label of [...HIDDEN_LABELS, FUTURE.label]) await expectVersionNotFound(label);
  });

  it('keeps the published version in force now and on later dates', async () => {
    const current = await currentVersion();
    expect(current?.label).toBe('2025-03');
    expect(current?.timing).toBe('IN_FORCE');
    expect(current?.clause?.body).not.toContain('VISIBILITY MARKER');
    for (const version of HIDDEN) {
      expect((await versionAsOf(version.asOfDate))?.label, version.asOfDate).toBe('2025-03');
    }
    // On FUTURE's effective date the public terms are "next": FUTURE is not published yet.
    const later = await versionAsOf('2026-08-02');
    expect(later?.label).toBe('next');
    expect(later?.clause?.body).not.toContain('VISIBILITY MARKER');
  });

  it('announces only published versions as upcoming', async () => {
    expect(await upcomingLabels()).toEqual(['next']);
    const data = await api.current.execute<{ document: { version: { next: { label: string } | null } } }>(
      `{ document(slug: "${TERMS}") { version(label: "next") { next { label } } } }`,
    );
    expect(data.document.version.next).toBeNull();
  });

  it('compares none of them', async () => {
    for (const label of [...HIDDEN_LABELS, FUTURE.label]) {
      await expectCompareNotFound('2025-03', label, 'to');
      await expectCompareNotFound(label, '2025-03', 'from');
    }
  });

  it('does not resolve AI feature governing clauses in them', async () => {
    const data = await api.current.execute<{
      aiFeature: { current: { governingClauses: { key: string; body: string; version: { label: string } }[] } };
    }>(
      '{ aiFeature(slug: "meeting-summary") { current(segment: "consumer") { governingClauses { key body version { label } } } } }',
    );
    const clause = data.aiFeature.current.governingClauses.find((c) => c.key === '10.4');
    expect(clause?.version.label).toBe('2025-03');
    expect(clause?.body).not.toContain('VISIBILITY MARKER');
  });

  it('shows the future version once its publication time has come, as upcoming', async () => {
    api.current.setNow(AFTER_PUBLICATION);
    expect(await versionLabels()).toEqual([FUTURE.label, ...PUBLIC_LABELS]);
    expect(await upcomingLabels()).toEqual(['next', FUTURE.label]);
    const data = await api.current.execute<{
      document: { version: VersionView & { previous: { label: string } | null }; next: { next: { label: string } } };
    }>(`{
      document(slug: "${TERMS}") {
        version(label: "${FUTURE.label}") { ${VERSION_FIELDS} previous { label } }
        next: version(label: "next") { next { label } }
      }
    }`);
    expect(data.document.version.timing).toBe('UPCOMING');
    expect(data.document.version.effectiveAt).toBe(FUTURE.effectiveAt.toISOString());
    expect(data.document.version.clause?.body).toContain(marker(FUTURE.label));
    expect(data.document.version.previous?.label).toBe('next');
    expect(data.document.next.next.label).toBe(FUTURE.label);
    expect((await currentVersion())?.label).toBe('2025-03');
    expect((await versionAsOf('2026-08-01'))?.label).toBe(FUTURE.label);

    const comparison = await api.current.execute<{
      document: { compare: { changes: { key: string; kind: string }[] } };
    }>(`{ document(slug: "${TERMS}") { compare(from: "next", to: "${FUTURE.label}") { changes { key kind } } } }`);
    expect(comparison.document.compare.changes).toEqual([{ key: '10.4', kind: 'MODIFIED' }]);

    await expectHiddenVersionsInvisible();
  });

  it('shows the future version in force once it takes effect', async () => {
    api.current.setNow(AFTER_EFFECT);
    const current = await currentVersion();
    expect(current?.label).toBe(FUTURE.label);
    expect(current?.timing).toBe('IN_FORCE');
    expect(current?.clause?.body).toContain(marker(FUTURE.label));
    expect(await upcomingLabels()).toEqual([]);
    expect(await versionLabels()).toEqual([FUTURE.label, ...PUBLIC_LABELS]);
    const next = await api.current.execute<{ document: { version: { timing: string; effectiveAt: string } } }>(
      `{ document(slug: "${TERMS}") { version(label: "next") { timing effectiveAt } } }`,
    );
    expect(next.document.version).toEqual({ timing: 'SUPERSEDED', effectiveAt: NEXT_EFFECTIVE });
    expect((await versionAsOf('2026-07-31'))?.label).toBe('next');

    // Governing clauses read now follow the newly effective version.
    const data = await api.current.execute<{
      aiFeature: { current: { governingClauses: { key: string; body: string; version: { label: string } }[] } };
    }>(
      '{ aiFeature(slug: "meeting-summary") { current(segment: "consumer") { governingClauses { key body version { label } } } } }',
    );
    const clause = data.aiFeature.current.governingClauses.find((c) => c.key === '10.4');
    expect(clause?.version.label).toBe(FUTURE.label);
    expect(clause?.body).toContain(marker(FUTURE.label));

    await expectHiddenVersionsInvisible();
  });

  it('never shows the drafts, whatever the clock says', async () => {
    for (const now of [TEST_NOW, AFTER_PUBLICATION, AFTER_EFFECT, new Date('2030-01-01T00:00:00.000Z')]) {
      api.current.setNow(now);
      await expectHiddenVersionsInvisible();
    }
  });
});

describe('unpublished AI feature revisions', () => {
  const SLUG = 'meeting-summary';
  /** Revision numbers unique to this describe (the sample has 1–3). */
  const DRAFT = 41;
  const IN_REVIEW = 42;
  const APPROVED = 43;
  const FUTURE_REVISION = 44;
  const FUTURE_PUBLISHED = new Date('2026-06-10T09:00:00.000Z');
  const FUTURE_EFFECTIVE = new Date('2026-07-01T00:00:00.000Z');

  interface FactsView {
    availability: string;
    trainsFirstPartyModels: boolean;
    whatItDoes: string;
  }
  const FACTS = 'availability trainsFirstPartyModels whatItDoes';

  beforeAll(async () => {
    const prisma = api.current.database.prisma;
    const feature = await prisma.aiFeature.findUniqueOrThrow({ where: { slug: SLUG } });
    const segments = await prisma.segment.findMany();
    const revisions = [
      { number: DRAFT, status: 'DRAFT' as const, publishedAt: null, effectiveAt: new Date('2026-01-01T00:00:00.000Z') },
      {
        number: IN_REVIEW,
        status: 'IN_REVIEW' as const,
        publishedAt: null,
        effectiveAt: new Date('2026-02-01T00:00:00.000Z'),
      },
      {
        number: APPROVED,
        status: 'APPROVED' as const,
        publishedAt: new Date('2026-02-15T00:00:00.000Z'),
        effectiveAt: new Date('2026-03-01T00:00:00.000Z'),
      },
      {
        number: FUTURE_REVISION,
        status: 'PUBLISHED' as const,
        publishedAt: FUTURE_PUBLISHED,
        effectiveAt: FUTURE_EFFECTIVE,
      },
    ];
    for (const revision of revisions) {
      // Published revisions are written approved with their facts, then flipped to PUBLISHED.
      const created = await prisma.aiFeatureRevision.create({
        data: {
          featureId: feature.id,
          ...revision,
          status: revision.status === 'PUBLISHED' ? 'APPROVED' : revision.status,
          changeNote: `Revision ${revision.number} (${revision.status})`,
          facts: {
            create: segments.map((segment) => ({
              segmentId: segment.id,
              whatItDoes: `REVISION ${revision.number}: summaries now train every model.`,
              availability: 'RETIRED' as const,
              dataCategories: 'audio,video,chat,transcripts',
              trainsFirstPartyModels: true,
              sharedWithVendor: false,
              vendorName: null,
              trainsVendorModels: false,
              retention: 'Kept forever.',
              retentionDays: null,
              humanReview: true,
              humanReviewDetail: 'Everything is reviewed.',
              consentRequiredFrom: 'account_owner',
              nonConsentOption: 'LEAVE_ONLY' as const,
              nonConsentDetail: 'Participants can only leave.',
              defaultState: 'ON' as const,
              governingClauses: 'terms-of-service#10.4',
            })),
          },
        },
      });
      if (revision.status === 'PUBLISHED') {
        await prisma.aiFeatureRevision.update({ where: { id: created.id }, data: { status: 'PUBLISHED' } });
      }
    }
  });

  const facts = async (selector: string) =>
    (
      await api.current.execute<{ aiFeature: { facts: FactsView | null } }>(
        `{ aiFeature(slug: "${SLUG}") { facts: ${selector} { ${FACTS} } } }`,
      )
    ).aiFeature.facts;

  const revisionNumbers = async () =>
    (
      await api.current.execute<{ aiFeature: { revisions: { edges: { node: { number: number } }[] } } }>(
        `{ aiFeature(slug: "${SLUG}") { revisions(first: 100) { edges { node { number } } } } }`,
      )
    ).aiFeature.revisions.edges.map((e) => e.node.number);

  it('keeps the published revision as the current facts', async () => {
    for (const segment of ['consumer', 'business', 'healthcare']) {
      const now = await facts(`current(segment: "${segment}")`);
      expect(now?.availability).not.toBe('RETIRED');
      expect(now?.whatItDoes).not.toMatch(/^REVISION/);
    }
    expect(await facts('current(segment: "consumer")')).toMatchObject({
      availability: 'GENERALLY_AVAILABLE',
      trainsFirstPartyModels: false,
    });
  });

  it('ignores them as of any date', async () => {
    for (const date of ['2026-01-02', '2026-02-02', '2026-03-02', '2026-06-01', '2026-07-02']) {
      expect(await facts(`asOf(date: "${date}", segment: "consumer")`), date).toMatchObject({
        availability: 'GENERALLY_AVAILABLE',
        trainsFirstPartyModels: false,
      });
    }
  });

  it('lists only published revisions', async () => {
    expect(await revisionNumbers()).toEqual([3, 2, 1]);
  });

  it('shows a published revision once its publication time has come, but never the drafts', async () => {
    api.current.setNow(new Date('2026-06-11T00:00:00.000Z'));
    expect(await revisionNumbers()).toEqual([FUTURE_REVISION, 3, 2, 1]);
    expect((await facts('current(segment: "consumer")'))?.availability).toBe('GENERALLY_AVAILABLE');
    expect((await facts('asOf(date: "2026-07-01", segment: "consumer")'))?.whatItDoes).toMatch(
      new RegExp(`^REVISION ${FUTURE_REVISION}:`),
    );
    expect((await facts('asOf(date: "2026-03-02", segment: "consumer")'))?.availability).toBe('GENERALLY_AVAILABLE');

    api.current.setNow(new Date('2026-07-02T00:00:00.000Z'));
    expect((await facts('current(segment: "consumer")'))?.whatItDoes).toMatch(
      new RegExp(`^REVISION ${FUTURE_REVISION}:`),
    );
    expect(await revisionNumbers()).toEqual([FUTURE_REVISION, 3, 2, 1]);
    for (const hidden of [DRAFT, IN_REVIEW, APPROVED]) expect(await revisionNumbers()).not.toContain(hidden);
  });
});
