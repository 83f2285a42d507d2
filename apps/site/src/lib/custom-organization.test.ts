/**
 * The site for an organisation that is not the sample: three segments of its own naming (one
 * retired), a handbook for every segment, a clinic addendum for one segment only (its first
 * version imported from git), and one AI feature whose facts cite both. Transform and page props
 * must follow the organisation's own segments and documents, and no sample key may appear.
 */
import { contentHash } from '@candor/schema/domain';
import { describe, expect, it } from 'vitest';
import { homeAnswers, materialTimeline, segmentAnswers } from './answers';
import type { FactsResult, RevisionResult, VersionResult } from './operation-types';
import {
  activeSegments,
  currentFactsFor,
  documentPaths,
  featurePaths,
  featureSegmentPaths,
  homeProps,
  type SiteCollections,
  segmentChanges,
  segmentChangesPaths,
  segmentHubPaths,
  segmentsIndexProps,
  verifyProps,
  versionPaths,
} from './page-props';
import type { SiteData } from './site-data';
import {
  toConsentSeries,
  toDocuments,
  toFeatures,
  toIntegrity,
  toOrganization,
  toSegments,
  toVersions,
} from './transform';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const SAMPLE_KEYS = ['consumer', 'business', 'enterprise', 'education', 'healthcare'];
const HASH = 'c'.repeat(64);

type Explained = { segment: string; affected: boolean };

/** A published version with a real content hash (so the build's own chain check can pass). */
function version(
  document: string,
  label: string,
  options: {
    publishedAt: string;
    previousHash: string | null;
    explained: Explained[];
    imported?: { source: string; importedAt: string };
  },
): VersionResult {
  const clauses = [{ key: 'scope', number: '1', heading: 'Scope', body: `What ${label} covers.`, position: 0 }];
  const explanations = options.explained.map(({ segment, affected }) => ({
    segment: { key: segment },
    summary: `${label} for ${segment}`,
    whatChanges: affected ? `${label} changes things for ${segment}` : '',
    affected,
  }));
  const hash = contentHash({
    document,
    label,
    publishedAt: new Date(options.publishedAt),
    effectiveAt: new Date(options.publishedAt),
    material: false,
    changeNote: `Version ${label}`,
    previousHash: options.previousHash,
    clauses: clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body })),
    explanations: explanations.map(({ segment, ...explanation }) => ({ segment: segment.key, ...explanation })),
    source:
      options.imported === undefined
        ? null
        : { reference: options.imported.source, importedAt: new Date(options.imported.importedAt) },
  });
  return {
    id: `${document}-${label}`,
    label,
    timing: 'IN_FORCE',
    material: false,
    changeNote: `Version ${label}`,
    publishedAt: options.publishedAt,
    effectiveAt: options.publishedAt,
    contentHash: hash,
    previousHash: options.previousHash,
    importSource: options.imported?.source ?? null,
    importedAt: options.imported?.importedAt ?? null,
    notice: null,
    withdrawal: null,
    previous: null,
    next: null,
    explanations,
    clauses,
    changes: null,
  };
}

function facts(segment: string, cites: { document: string; key: string }[]): FactsResult {
  return {
    segment: { key: segment },
    whatItDoes: 'Drafts replies to patient messages.',
    availability: 'GENERALLY_AVAILABLE',
    dataCategories: ['CHAT'],
    trainsFirstPartyModels: false,
    sharedWithVendor: false,
    vendorName: null,
    trainsVendorModels: false,
    retention: '30 days',
    retentionDays: 30,
    humanReview: false,
    humanReviewDetail: 'No one reads them.',
    consentRequiredFrom: ['ACCOUNT_ADMIN'],
    nonConsentOption: 'NOT_APPLICABLE',
    nonConsentDetail: 'Nothing to refuse.',
    defaultState: 'OFF',
    governingClauseRefs: cites,
    governingClauses: cites.map((cite) => ({
      key: cite.key,
      number: '1',
      heading: 'Scope',
      version: { label: '2025-01' },
      document: { slug: cite.document },
    })),
  };
}

const handbookFirst = version('member-handbook', '2025-01', {
  publishedAt: '2025-01-10T00:00:00.000Z',
  previousHash: null,
  explained: [
    { segment: 'clinics', affected: true },
    { segment: 'public-sector', affected: true },
    { segment: 'retail-stores', affected: true },
  ],
});
const addendumImported = version('clinic-addendum', '2019-03', {
  publishedAt: '2019-03-01T00:00:00.000Z',
  previousHash: null,
  // Imported: no plain-language explanation for any segment.
  explained: [],
  imported: { source: 'git:0123abcd:addendum.md', importedAt: '2026-05-01T00:00:00.000Z' },
});
const addendumSecond = version('clinic-addendum', '2025-01', {
  publishedAt: '2025-01-10T00:00:00.000Z',
  previousHash: addendumImported.contentHash,
  explained: [{ segment: 'clinics', affected: true }],
});
const revision: RevisionResult = {
  number: 1,
  changeNote: 'First description',
  publishedAt: '2025-02-01T00:00:00.000Z',
  effectiveAt: '2025-02-01T00:00:00.000Z',
  material: false,
  contentHash: HASH,
  previousHash: null,
  comparedWith: null,
  rebaseReason: null,
  notice: null,
  withdrawal: null,
  explanations: [
    { segment: { key: 'retail-stores' }, summary: 'Off', whatChanges: 'New', affected: true },
    { segment: { key: 'clinics' }, summary: 'Off', whatChanges: 'New', affected: true },
  ],
  facts: [facts('retail-stores', []), facts('clinics', [])],
  changes: [],
};

const cites = [
  { document: 'member-handbook', key: 'scope' },
  { document: 'clinic-addendum', key: 'scope' },
];

/** The operations' results for the organisation, listed by the API in its display order. */
const data: SiteData = {
  organization: {
    organization: {
      slug: 'harbour-health',
      name: 'Harbour Health',
      legalName: 'Harbour Health Cooperative Ltd',
      description: 'A cooperative of clinics and pharmacies.',
      website: 'https://harbour.example.org',
      contactEmail: 'terms@harbour.example.org',
      isSample: false,
      sampleNotice: null,
    },
    segments: [
      { key: 'clinics', name: 'Clinics', description: 'Member clinics.', position: 10, retiredAt: null },
      {
        key: 'public-sector',
        name: 'Public sector',
        description: 'Councils.',
        position: 20,
        retiredAt: '2026-01-01T00:00:00.000Z',
      },
      { key: 'retail-stores', name: 'Retail stores', description: 'Pharmacies.', position: 30, retiredAt: null },
    ],
    integrity: {
      keyId: '0123456789abcdef',
      publicKeyPem: 'PEM',
      latestCheckpoint: null,
      verify: {
        ok: true,
        checkpointSequence: 1,
        chains: [
          { chain: 'definitions', kind: 'definitions', count: 2, headHash: HASH, ok: true },
          { chain: 'document/member-handbook', kind: 'document', count: 1, headHash: HASH, ok: true },
        ],
        problems: [],
      },
      checkpoints: { edges: [] },
    },
  },
  documents: [
    {
      slug: 'member-handbook',
      title: 'Member handbook',
      description: 'For every member.',
      kind: 'terms',
      retiredAt: null,
      segments: [{ key: 'clinics' }, { key: 'public-sector' }, { key: 'retail-stores' }],
      noticePeriodDays: 30,
      current: { label: '2025-01' },
      upcoming: [],
      versions: [handbookFirst],
    },
    {
      slug: 'clinic-addendum',
      title: 'Clinic data addendum',
      description: 'For clinics only.',
      kind: 'data-processing-addendum',
      retiredAt: null,
      segments: [{ key: 'clinics' }],
      noticePeriodDays: 30,
      current: { label: '2025-01' },
      upcoming: [],
      versions: [addendumSecond, addendumImported],
    },
  ],
  features: [
    {
      slug: 'reply-drafts',
      name: 'Reply drafts',
      description: 'Drafts replies.',
      noticePeriodDays: 30,
      upcoming: [],
      // Not in display order here: the pages put them in order.
      current: [facts('retail-stores', cites), facts('clinics', cites)],
      revisions: [revision],
    },
  ],
  definitionChanges: [
    {
      subject: 'segment',
      key: 'clinics',
      action: 'created',
      at: '2025-01-01T00:00:00.000Z',
      values: '{"name":"Clinics"}',
      contentHash: 'a'.repeat(64),
      previousHash: null,
    },
    {
      subject: 'document',
      key: 'clinic-addendum',
      action: 'created',
      at: '2025-01-02T00:00:00.000Z',
      values: '{"title":"Clinic data addendum"}',
      contentHash: 'b'.repeat(64),
      previousHash: 'a'.repeat(64),
    },
  ],
  consent: { from: '1970-01', to: '2069-12', minimumCellSize: 10, rows: [] },
  consentReleases: [],
};

/** The collections as lib/collections.ts assembles them from the loaders' entries. */
function collections(): SiteCollections {
  const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
  return {
    organization: toOrganization(data, NOW).data,
    integrity: toIntegrity(data).data,
    segments: toSegments(data)
      .map((entry) => entry.data)
      .sort(byPosition),
    documents: toDocuments(data)
      .map((entry) => entry.data)
      .sort(byPosition),
    versions: toVersions(data).map((entry) => entry.data),
    features: toFeatures(data, NOW)
      .map((entry) => entry.data)
      .sort(byPosition),
    consent: toConsentSeries(data).map((entry) => entry.data),
  };
}

describe('an organisation with three segments of its own', () => {
  const site = collections();

  it('keeps its segments, their order and the retired one (out of the navigation)', () => {
    expect(site.segments.map(({ key, position, retiredAt }) => [key, position, retiredAt])).toEqual([
      ['clinics', 0, null],
      ['public-sector', 1, new Date('2026-01-01T00:00:00.000Z')],
      ['retail-stores', 2, null],
    ]);
    expect(activeSegments(site).map((segment) => segment.key)).toEqual(['clinics', 'retail-stores']);
    expect(homeProps(site).segments.map((segment) => segment.key)).toEqual(['clinics', 'retail-stores']);
    expect(segmentsIndexProps(site).segments.map((segment) => segment.key)).toEqual(['clinics', 'retail-stores']);
    // The retired segment's pages stay, for its history.
    expect(segmentHubPaths(site).map((path) => path.params.segment)).toEqual([
      'clinics',
      'public-sector',
      'retail-stores',
    ]);
  });

  it('checks that segment keys are slugs: a misspelt one stops the build, naming where it was read', () => {
    const [first, ...others] = data.organization.segments;
    const misspelt = { ...first, key: 'Clinics & Co' } as (typeof data.organization.segments)[number];
    const withMisspelt = { ...data, organization: { ...data.organization, segments: [misspelt, ...others] } };
    expect(() => toSegments(withMisspelt)).toThrow(
      'segments: not a segment key (lowercase words joined by hyphens): "Clinics & Co"',
    );
    expect(() =>
      toDocuments({
        ...data,
        documents: data.documents.map((document) => ({ ...document, segments: [{ key: 'Clinics' }] })),
      }),
    ).toThrow(/^document [a-z-]+: not a segment key/);
  });

  it('carries the organisation profile, not the sample banner', () => {
    expect(site.organization).toMatchObject({
      name: 'Harbour Health',
      legalName: 'Harbour Health Cooperative Ltd',
      contactEmail: 'terms@harbour.example.org',
      isSample: false,
      sampleNotice: null,
    });
  });

  it('orders explanations and facts by its own segment order', () => {
    const handbook = site.versions.find((entry) => entry.document === 'member-handbook');
    expect(handbook?.explanations.map((explanation) => explanation.segment)).toEqual([
      'clinics',
      'public-sector',
      'retail-stores',
    ]);
    expect(site.features[0]?.current.map((entry) => entry.segment)).toEqual(['clinics', 'retail-stores']);
    expect(site.features[0]?.revisions[0]?.facts.map((entry) => entry.segment)).toEqual(['clinics', 'retail-stores']);
  });

  it('shows the clinic addendum to clinics only: hub, changelog and feed changes', () => {
    const hubs = Object.fromEntries(segmentHubPaths(site).map((path) => [path.params.segment, path.props]));
    expect(hubs.clinics?.documents.map((document) => document.slug)).toEqual(['member-handbook', 'clinic-addendum']);
    expect(hubs['retail-stores']?.documents.map((document) => document.slug)).toEqual(['member-handbook']);
    expect(
      segmentChanges(site, 'clinics').map((change) => [change.version.label, change.explanation?.segment ?? null]),
    ).toEqual([
      ['2025-01', 'clinics'],
      ['2025-01', 'clinics'],
      // The imported version explains nothing: still a change clinics are shown, unexplained.
      ['2019-03', null],
    ]);
    expect(segmentChanges(site, 'retail-stores').map((change) => change.version.document)).toEqual(['member-handbook']);
    const changelogs = Object.fromEntries(segmentChangesPaths(site).map((path) => [path.params.segment, path.props]));
    expect(changelogs['public-sector']?.changes.map((change) => change.version.document)).toEqual(['member-handbook']);
    const addendum = documentPaths(site).find((path) => path.params.slug === 'clinic-addendum');
    expect(addendum?.props.appliesTo.map((segment) => segment.key)).toEqual(['clinics']);
  });

  it('cites a document in a segment’s facts only where it applies', () => {
    const feature = site.features[0];
    if (feature === undefined) throw new Error('no feature');
    const cited = (segment: string) =>
      currentFactsFor(site, feature, segment)?.governingClauses.map((clause) => clause.document);
    expect(cited('clinics')).toEqual(['member-handbook', 'clinic-addendum']);
    expect(cited('retail-stores')).toEqual(['member-handbook']);
    expect(cited('public-sector')).toBeUndefined();
    const retail = featureSegmentPaths(site).find((path) => path.params.segment === 'retail-stores');
    expect(retail?.props.facts?.governingClauses.map((clause) => clause.document)).toEqual(['member-handbook']);
    expect(retail?.props.otherSegments.map((segment) => segment.key)).toEqual(['clinics']);
    expect(featurePaths(site)[0]?.props.labels.map((label) => label.segment.key)).toEqual(['clinics', 'retail-stores']);
  });

  it('marks the imported version, and the build’s chain check covers its source', () => {
    const imported = versionPaths(site).find((path) => path.params.label === '2019-03')?.props.version;
    expect(imported?.importSource).toBe('git:0123abcd:addendum.md');
    expect(imported?.importedAt).toEqual(new Date('2026-05-01T00:00:00.000Z'));
    expect(site.versions.find((entry) => entry.label === '2025-01')?.importSource).toBeNull();
    expect(site.integrity.buildCheck).toMatchObject({ ok: true, problems: [] });
  });

  it('lists the definitions chain on /verify/', () => {
    const props = verifyProps(site);
    expect(props.view.server.kinds.map((group) => [group.kind, group.chains.length])).toEqual([
      ['document', 1],
      ['feature', 0],
      ['withdrawals', 0],
      ['consent-releases', 0],
      ['definitions', 1],
    ]);
    expect(props.definitionChanges.map(({ key, linked }) => [key, linked])).toEqual([
      ['clinics', true],
      ['clinic-addendum', true],
    ]);
  });

  it('answers first, from its own data: in force today, changing, AI training, consent, and the timeline', () => {
    const clinics = site.segments.find((segment) => segment.key === 'clinics');
    if (clinics === undefined) throw new Error('no clinics');
    const answers = segmentAnswers(site, clinics);
    expect(answers.inForce.map(({ documentTitle, label, href }) => [documentTitle, label, href])).toEqual([
      ['Member handbook', '2025-01', '/documents/member-handbook/2025-01/'],
      ['Clinic data addendum', '2025-01', '/documents/clinic-addendum/2025-01/'],
    ]);
    expect(answers.inForce[0]?.summary).toBe('2025-01 for clinics');
    expect(answers.changing).toEqual([]);
    expect(answers.training).toEqual([
      expect.objectContaining({
        featureName: 'Reply drafts',
        answer: 'No',
        reads: 'chat messages',
        sentence:
          'Reply drafts reads chat messages. The company does not train its own AI models on it. It is not shared with a model vendor.',
      }),
    ]);
    expect(answers.consent).toEqual([
      expect.objectContaining({
        parties: 'An account administrator',
        sentence: 'An account administrator must consent before it is used.',
        participantChoice: null,
      }),
    ]);
    // Nothing material was published, but the feature's first description starts its story.
    expect(materialTimeline(site, 'clinics').map((entry) => [entry.key, entry.title])).toEqual([
      ['reply-drafts/1', 'Reply drafts, revision 1'],
    ]);
    // Home: the active segments, each document with the segments it applies to.
    const home = homeAnswers(site, (key) => `/segments/${key}/`);
    expect(home.inForce.map((answer) => [answer.documentSlug, answer.appliesTo])).toEqual([
      ['member-handbook', ['Clinics', 'Retail stores']],
      ['clinic-addendum', ['Clinics']],
    ]);
    expect(home.bySegment.map((row) => [row.segment.key, row.training.map((answer) => answer.answer)])).toEqual([
      ['clinics', ['No']],
      ['retail-stores', ['No']],
    ]);
    expect(home.features).toEqual([{ slug: 'reply-drafts', name: 'Reply drafts', href: '/ai-features/reply-drafts/' }]);
  });

  it('names an upcoming version by its date, and a participant’s own choice in words', () => {
    const upcoming: VersionResult = {
      ...version('member-handbook', 'draft-b', {
        publishedAt: '2026-05-20T00:00:00.000Z',
        previousHash: handbookFirst.contentHash,
        explained: [{ segment: 'clinics', affected: true }],
      }),
      timing: 'UPCOMING',
      material: true,
      effectiveAt: '2027-01-01T00:00:00.000Z',
    };
    const leaveOnly = (segment: string): FactsResult => ({
      ...facts(segment, []),
      trainsFirstPartyModels: true,
      consentRequiredFrom: ['ACCOUNT_OWNER', 'END_USER'],
      nonConsentOption: 'LEAVE_ONLY',
    });
    const changed: SiteData = {
      ...data,
      documents: data.documents.map((document) =>
        document.slug === 'member-handbook'
          ? { ...document, upcoming: [{ label: 'draft-b' }], versions: [upcoming, ...document.versions] }
          : document,
      ),
      features: data.features.map((feature) => ({
        ...feature,
        current: [leaveOnly('clinics'), leaveOnly('retail-stores')],
      })),
    };
    const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
    const changedSite: SiteCollections = {
      ...site,
      documents: toDocuments(changed)
        .map((entry) => entry.data)
        .sort(byPosition),
      versions: toVersions(changed).map((entry) => entry.data),
      features: toFeatures(changed, NOW)
        .map((entry) => entry.data)
        .sort(byPosition),
    };
    const clinics = changedSite.segments.find((segment) => segment.key === 'clinics');
    if (clinics === undefined) throw new Error('no clinics');
    const answers = segmentAnswers(changedSite, clinics);
    expect(answers.changing.map(({ title, sentence, key }) => [title, sentence, key])).toEqual([
      ['Member handbook changes on 1 January 2027', 'draft-b changes things for clinics', 'member-handbook/draft-b'],
    ]);
    expect(answers.training[0]?.answer).toBe('Yes');
    expect(answers.consent[0]).toMatchObject({
      sentence: 'The account owner and each participant (end user) must consent before it is used.',
      participantChoice:
        'Each participant in a meeting with reply drafts on chooses for themselves: accept and join, or leave the meeting. They cannot stay without it.',
      participantOptions: 'Each participant chooses: accept and join, or leave the meeting.',
    });
    const timeline = materialTimeline(changedSite, 'clinics');
    expect(timeline[0]).toMatchObject({
      key: 'member-handbook/draft-b',
      title: 'Member handbook changes on 1 January 2027',
      timing: 'UPCOMING',
    });
    expect(JSON.stringify(homeAnswers(changedSite, (key) => `/segments/${key}/`))).not.toContain('version draft-b');
  });

  it('names no sample segment anywhere', () => {
    const everything = JSON.stringify([
      site,
      segmentHubPaths(site),
      segmentChangesPaths(site),
      featurePaths(site),
      featureSegmentPaths(site),
      homeProps(site),
    ]);
    for (const key of SAMPLE_KEYS) expect(everything).not.toContain(key);
  });
});
