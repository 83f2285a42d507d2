/**
 * A synthetic organisation of any size for the site and API benchmarks (issue 6, item 3): one
 * terms document with `versions` published versions (each revising the last), the five sample
 * segments with an explanation each, `features` AI features with three revisions each, and
 * monthly consent statistics in one release. Shaped like the sample data so `seedSampleData`
 * loads it with the same hash chains and checkpoint as real data.
 */
import type { ClauseInput } from '@candor/schema/domain';
import {
  CONSENT_RELEASE,
  type SampleData,
  type SampleFeature,
  type SampleSegmentKey,
  sampleConsentRows,
  sampleEditors,
  sampleFeatures,
  sampleSegments,
} from '@candor/schema/sample';
import { syntheticClauses } from './clauses.js';
import { paragraph, seededRandom } from './text.js';

export interface SyntheticOptions {
  versions: number;
  features?: number;
  clausesPerVersion?: number;
  seed?: number;
}

const DOCUMENT = 'terms-of-service';
const START = Date.parse('2020-01-01T00:00:00Z');
/** Versions are published two hours apart: 10,000 versions span about 2.3 years, all in the past. */
const SPACING_MS = 2 * 60 * 60 * 1000;
const SEGMENTS = sampleSegments.map((segment) => segment.key);

export function syntheticOrganization({
  versions,
  features = 2,
  clausesPerVersion = 20,
  seed = 1,
}: SyntheticOptions): SampleData {
  const random = seededRandom(seed);
  const author = sampleEditors[0]?.email ?? 'editor@example.com';
  let clauses = syntheticClauses(clausesPerVersion, seed);
  const documentVersions = Array.from({ length: versions }, (_, index) => {
    // Each version rewrites two clauses (bodies stay the same size, as real amendments do).
    if (index > 0) clauses = rewriteTwo(clauses, index, random);
    const publishedAt = new Date(START + index * SPACING_MS).toISOString();
    const explanations = Object.fromEntries(
      SEGMENTS.map((segment) => [
        segment,
        {
          summary: paragraph(random, 2),
          whatChanges: index === 0 ? '' : paragraph(random, 1),
          affected: index % 3 !== 0,
        },
      ]),
    ) as SampleData['documents'][number]['versions'][number]['explanations'];
    return {
      label: `v${String(index + 1).padStart(5, '0')}`,
      publishedAt,
      effectiveAt: publishedAt,
      material: false,
      changeNote: `Synthetic revision ${index + 1}: ${paragraph(random, 1)}`,
      author,
      clauses,
      explanations,
    };
  });
  return {
    organization: {
      slug: 'synthetic',
      name: `Synthetic Meetings (benchmark, ${versions} versions)`,
      description: 'A generated organisation for benchmarks. Not real terms.',
      website: 'https://example.com',
      isSample: true,
    },
    segments: sampleSegments,
    editors: sampleEditors,
    documents: [
      {
        slug: DOCUMENT,
        title: 'Terms of Service',
        kind: 'terms',
        description: 'Generated terms for benchmarking.',
        noticePeriodDays: 0,
        versions: documentVersions,
      },
    ],
    features: syntheticFeatures(features),
    consent: syntheticConsent(features),
    consentRelease: CONSENT_RELEASE,
  };
}

function rewriteTwo(clauses: ClauseInput[], index: number, random: () => number): ClauseInput[] {
  const first = (index * 7) % clauses.length;
  const second = (index * 13 + 5) % clauses.length;
  return clauses.map((clause, position) =>
    position === first || position === second ? { ...clause, body: paragraph(random, 4) } : clause,
  );
}

/** `count` features modelled on the sample's first feature, governed by clauses every version keeps. */
function syntheticFeatures(count: number): SampleFeature[] {
  const model = sampleFeatures[0];
  if (model === undefined) throw new Error('the sample has no AI feature to model on');
  return Array.from({ length: count }, (_, index) => ({
    slug: `feature-${index + 1}`,
    name: `Generated feature ${index + 1}`,
    description: model.description,
    // Revisions are published effective at once, two hours apart: no notice to give.
    noticePeriodDays: 0,
    revisions: model.revisions.map((revision, revisionIndex) => ({
      ...revision,
      // Effective after the first synthetic version, so governing clauses resolve.
      publishedAt: new Date(START + (revisionIndex + 1) * SPACING_MS).toISOString(),
      effectiveAt: new Date(START + (revisionIndex + 1) * SPACING_MS).toISOString(),
      facts: Object.fromEntries(
        SEGMENTS.map((segment: SampleSegmentKey) => [
          segment,
          {
            ...revision.facts[segment],
            governingClauses: [
              { document: DOCUMENT, key: 'c1' },
              { document: DOCUMENT, key: 'c2' },
            ],
          },
        ]),
      ) as SampleFeature['revisions'][number]['facts'],
    })),
  }));
}

/** The sample's consent series, repeated for every synthetic feature. */
function syntheticConsent(count: number): SampleData['consent'] {
  const rows = sampleConsentRows().filter((row) => row.feature === sampleFeatures[0]?.slug);
  return Array.from({ length: count }, (_, index) =>
    rows.map((row) => ({ ...row, feature: `feature-${index + 1}` })),
  ).flat();
}
