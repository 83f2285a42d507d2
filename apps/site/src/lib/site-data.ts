/**
 * Reads everything the site shows with a small number of bulk operations: one each for the
 * organisation, the documents, the AI features, the definitions chain and the consent statistics,
 * and one per segment for the facts of the AI features in force now (segment keys are the
 * organisation's data, not aliases the operation could name). Follow-up pages are fetched only
 * when a document has more than 100 versions, a feature more than 100 revisions or the
 * definitions chain more than 100 changes (the API's maximum page size).
 *
 * Every content loader awaits the same promise, so the operations run once per build however
 * many collections read them; the in-process database is closed as soon as all of them are done.
 */

import type {
  SiteAiFeatureRevisionsQuery,
  SiteAiFeaturesQuery,
  SiteConsentStatisticsQuery,
  SiteDefinitionChangesQuery,
  SiteDocumentsQuery,
  SiteDocumentVersionsQuery,
  SiteOrganizationQuery,
} from '../generated/operations';
import { closeDatabase, executedOperationCount, executeOperation, logLine } from './graphql-client';
import type {
  Connection,
  DefinitionChangeResult,
  DocumentResult,
  FactsResult,
  FeatureResult,
  RevisionResult,
  VersionResult,
} from './operation-types';

/**
 * The month range asked of consentStatistics: 1,200 months, the most packages/schema's
 * MAX_MONTH_RANGE allows anywhere, and wide enough for any real history. The API refuses more
 * than 5,000 rows (MAX_ROWS in consent-stat.ts): at 10 rows a month (e.g. 2 features × 5 segments)
 * that is 40 years of statistics; the build fails loudly, naming the operation, beyond that.
 */
export const CONSENT_RANGE = { from: '1970-01', to: '2069-12' } as const;

export interface SiteData {
  organization: SiteOrganizationQuery;
  documents: (Omit<DocumentResult, 'versions'> & { versions: VersionResult[] })[];
  /** Each feature with every revision, and its facts in force now for each segment that has some, in segment order. */
  features: (Omit<FeatureResult, 'revisions' | 'currentFacts'> & {
    revisions: RevisionResult[];
    current: FactsResult[];
  })[];
  /** Every change to the organisation's definitions, oldest first (chain order). */
  definitionChanges: DefinitionChangeResult[];
  consent: SiteConsentStatisticsQuery['consentStatistics'];
  /** Every consent-statistics release, oldest first (chain order). */
  consentReleases: SiteConsentStatisticsQuery['consentReleases'];
}

/** Every node of a connection, following `after` cursors with `fetchPage` while there are more. */
async function allNodes<T>(first: Connection<T>, fetchPage: (after: string) => Promise<Connection<T>>): Promise<T[]> {
  const nodes = first.edges.map((edge) => edge.node);
  let page = first;
  while (page.pageInfo.hasNextPage && page.pageInfo.endCursor !== null) {
    page = await fetchPage(page.pageInfo.endCursor);
    nodes.push(...page.edges.map((edge) => edge.node));
  }
  return nodes;
}

async function readDocuments(): Promise<SiteData['documents']> {
  const documents: DocumentResult[] = [];
  let after: string | null = null;
  for (;;) {
    const page: SiteDocumentsQuery = await executeOperation<SiteDocumentsQuery>('SiteDocuments', { after });
    documents.push(...page.documents.edges.map((edge) => edge.node));
    if (!page.documents.pageInfo.hasNextPage || page.documents.pageInfo.endCursor === null) break;
    after = page.documents.pageInfo.endCursor;
  }
  return Promise.all(
    documents.map(async (document) => ({
      ...document,
      versions: await allNodes(document.versions, async (cursor) => {
        const more = await executeOperation<SiteDocumentVersionsQuery>('SiteDocumentVersions', {
          slug: document.slug,
          after: cursor,
        });
        return more.document.versions;
      }),
    })),
  );
}

/** The facts in force now, in the order of `segmentKeys` (facts for any other segment left out). */
function inSegmentOrder(facts: readonly FactsResult[], segmentKeys: readonly string[]): FactsResult[] {
  const position = new Map(segmentKeys.map((key, index) => [key, index]));
  return facts
    .filter((f) => position.has(f.segment.key))
    .sort((a, b) => (position.get(a.segment.key) ?? 0) - (position.get(b.segment.key) ?? 0));
}

async function readFeatures(segmentKeys: Promise<string[]>): Promise<SiteData['features']> {
  const [{ aiFeatures }, keys] = await Promise.all([
    executeOperation<SiteAiFeaturesQuery>('SiteAiFeatures'),
    segmentKeys,
  ]);
  return Promise.all(
    aiFeatures.map(async ({ currentFacts, ...feature }) => ({
      ...feature,
      current: inSegmentOrder(currentFacts, keys),
      revisions: await allNodes(feature.revisions, async (cursor) => {
        const more = await executeOperation<SiteAiFeatureRevisionsQuery>('SiteAiFeatureRevisions', {
          slug: feature.slug,
          after: cursor,
        });
        return more.aiFeature.revisions;
      }),
    })),
  );
}

async function readDefinitionChanges(): Promise<DefinitionChangeResult[]> {
  const fetchPage = async (after: string | null) =>
    (await executeOperation<SiteDefinitionChangesQuery>('SiteDefinitionChanges', { after })).definitionChanges;
  return allNodes(await fetchPage(null), fetchPage);
}

let siteData: Promise<SiteData> | undefined;

/**
 * The data of the whole site, read once per process and logged one line per operation, and kept
 * until releaseSiteData(). (In `astro dev`, restart the server to see new data.)
 */
export function loadSiteData(): Promise<SiteData> {
  if (siteData === undefined) {
    siteData = (async () => {
      const started = performance.now();
      try {
        const readOrganization = executeOperation<SiteOrganizationQuery>('SiteOrganization');
        const segmentKeys = readOrganization.then(({ segments }) => segments.map((segment) => segment.key));
        const [organization, documents, features, definitionChanges, { consentStatistics: consent, consentReleases }] =
          await Promise.all([
            readOrganization,
            readDocuments(),
            readFeatures(segmentKeys),
            readDefinitionChanges(),
            executeOperation<SiteConsentStatisticsQuery>('SiteConsentStatistics', CONSENT_RANGE),
          ]);
        const milliseconds = Math.round(performance.now() - started);
        logLine(`GraphQL: ${executedOperationCount()} operations in ${milliseconds} ms`);
        return { organization, documents, features, definitionChanges, consent, consentReleases };
      } finally {
        await closeDatabase();
      }
    })();
  }
  return siteData;
}

/**
 * Lets the operations' results go once the content loaders have turned them into entries: the
 * raw results take ~90 MB per 1,000 versions (graphql-js objects), which the page rendering
 * that follows would otherwise carry to the end of the build. A later loadSiteData() reads again.
 */
export function releaseSiteData(): void {
  siteData = undefined;
}
