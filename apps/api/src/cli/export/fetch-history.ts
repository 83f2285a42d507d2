/**
 * Reads every public record an export needs from the public API, without a token, in few and
 * cheap requests: one for the organisation, the key, the latest checkpoint, the documents, the AI
 * features and every consent release; then one per document (its versions and their withdrawals),
 * one per AI feature (its revisions and theirs) and one for the changes to the organisation's
 * definitions.
 *
 * The rate limit charges a connection for the page size asked, not the records served
 * (docs/partner-api.md, "Query limits"), so each history is asked for with `first` set to the
 * length the latest checkpoint states for its chain: the sample organisation's whole export costs a
 * few dozen points of the anonymous budget instead of hundreds. A history longer than that
 * (published since the checkpoint) is still read in full, page by page.
 */
import { DEFINITIONS_CHAIN, parseCheckpoint } from '@candor/schema/domain';
import type {
  ExportCellFragment,
  ExportDefinitionChangeFragment,
  ExportFactsFragment,
  ExportHeadQuery,
  ExportReleaseFragment,
  ExportRevisionFragment,
  ExportVersionFragment,
} from '../../generated/cli/graphql.js';
import { graphql } from '../../generated/cli/index.js';
import type { ApiClient } from '../api-client.js';
import { progress } from '../output.js';

// The records as the API serves them, typed from the fragments below (`pnpm codegen`).

/** A published version; a withdrawal's contentHash is null only for a row written behind the workflow's back. */
export type ServedVersion = ExportVersionFragment;
/**
 * A published AI-feature revision in its chain. The API serves a null contentHash only for one
 * written outside the workflow (integrity.verify: UNCHAINED); fetchRevisions leaves those out.
 */
export type ServedRevision = ExportRevisionFragment & { contentHash: string };
/** The facts of a revision for one segment, as served (enumerations in GraphQL's upper case). */
export type ServedFacts = ExportFactsFragment;
export type ServedCell = ExportCellFragment;
/** A consent release as `consentReleases` serves it. */
export type ServedRelease = ExportReleaseFragment;
/** A change to the organisation's definitions; `values` is JSON of the subject's public fields after it. */
export type ServedDefinitionChange = ExportDefinitionChangeFragment;

graphql(`
  fragment ExportWithdrawal on Withdrawal {
    reason
    withdrawnAt
    contentHash
    previousHash
  }
`);

graphql(`
  fragment ExportVersion on Version {
    label
    publishedAt
    effectiveAt
    material
    changeNote
    contentHash
    previousHash
    importSource
    importedAt
    clauses { key number heading body }
    explanations { segment { key } summary whatChanges affected }
    withdrawal { ...ExportWithdrawal }
  }
`);

graphql(`
  fragment ExportFacts on AiFeatureFacts {
    segment { key }
    ...FactsLabelFields
    governingClauseRefs { document key }
  }
`);

graphql(`
  fragment ExportRevision on AiFeatureRevision {
    number
    publishedAt
    effectiveAt
    material
    changeNote
    contentHash
    previousHash
    facts { ...ExportFacts }
    explanations { segment { key } summary whatChanges affected }
    withdrawal { ...ExportWithdrawal }
  }
`);

graphql(`
  fragment ExportCell on ConsentCell {
    value
    suppressed
  }
`);

graphql(`
  fragment ExportRelease on ConsentRelease {
    reason
    releasedAt
    rowCount
    minimumCellSize
    contentHash
    previousHash
    rows {
      feature
      segment
      period
      accountsEligible { ...ExportCell }
      ownersEnabled { ...ExportCell }
      ownersDisabled { ...ExportCell }
      ownersUndecided { ...ExportCell }
      participantsJoined { ...ExportCell }
      participantsLeft { ...ExportCell }
    }
  }
`);

graphql(`
  fragment ExportDefinitionChange on DefinitionChange {
    at
    subject
    key
    action
    values
    contentHash
    previousHash
  }
`);

const HEAD = graphql(`
  query ExportHead($first: Int!) {
    organization { name isSample sampleNotice }
    integrity { publicKeyPem keyId latestCheckpoint { sequence payload signature } }
    documents(first: $first) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }
    aiFeatures { slug name }
    consentReleases { ...ExportRelease }
  }
`);

const DOCUMENTS = graphql(`
  query ExportDocuments($first: Int!, $after: String) {
    documents(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }
  }
`);

const VERSIONS = graphql(`
  query ExportVersions($slug: String!, $first: Int!, $after: String) {
    document(slug: $slug) {
      versions(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { ...ExportVersion } }
      }
    }
  }
`);

const REVISIONS = graphql(`
  query ExportRevisions($slug: String!, $first: Int!, $after: String) {
    aiFeature(slug: $slug) {
      revisions(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { ...ExportRevision } }
      }
    }
  }
`);

const DEFINITION_CHANGES = graphql(`
  query ExportDefinitionChanges($first: Int!, $after: String) {
    definitionChanges(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...ExportDefinitionChange } }
    }
  }
`);

export interface DocumentHistory {
  slug: string;
  title: string;
  /** As served: newest first by effective date, which is not chain order. */
  versions: ServedVersion[];
}

export interface FeatureHistory {
  slug: string;
  name: string;
  /** As served: newest first by effective date. */
  revisions: ServedRevision[];
}

export interface PortalSnapshot {
  organisation: ExportHeadQuery['organization'];
  publicKeyPem: string;
  keyId: string;
  checkpoint: ExportHeadQuery['integrity']['latestCheckpoint'];
  documents: DocumentHistory[];
  features: FeatureHistory[];
  /** Oldest first, as served. */
  releases: ServedRelease[];
  /** Oldest first, as served (chain order). */
  definitionChanges: ServedDefinitionChange[];
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** The largest page the API serves. */
const PAGE_SIZE = 100;

/**
 * The checkpoint is read first: a record published while the histories are being read then
 * shows up as a checkpoint that counts fewer records than the export holds, which the caller
 * detects and answers by reading again.
 */
export async function fetchSnapshot(client: ApiClient): Promise<PortalSnapshot> {
  const first = await client.query(HEAD, { first: PAGE_SIZE });
  const counts = chainCounts(first.integrity.latestCheckpoint?.payload ?? null);
  const documentList = [
    ...first.documents.edges.map((edge) => edge.node),
    ...(first.documents.pageInfo.hasNextPage
      ? await fetchMoreDocuments(client, first.documents.pageInfo.endCursor)
      : []),
  ];

  const documents: DocumentHistory[] = [];
  for (const document of documentList) {
    const versions = await fetchVersions(client, document.slug, pageSizeFor(counts.get(`document/${document.slug}`)));
    progress(`${document.slug}: ${plural(versions.length, 'version')}`);
    documents.push({ ...document, versions });
  }
  const features: FeatureHistory[] = [];
  for (const feature of first.aiFeatures) {
    const revisions = await fetchRevisions(client, feature.slug, pageSizeFor(counts.get(`feature/${feature.slug}`)));
    progress(`${feature.slug}: ${plural(revisions.length, 'revision')}`);
    features.push({ ...feature, revisions });
  }
  progress(`consent statistics: ${plural(first.consentReleases.length, 'release')}`);
  const definitionChanges = await fetchDefinitionChanges(client, pageSizeFor(counts.get(DEFINITIONS_CHAIN)));
  progress(`definitions: ${plural(definitionChanges.length, 'change')}`);
  return {
    organisation: first.organization,
    publicKeyPem: first.integrity.publicKeyPem,
    keyId: first.integrity.keyId,
    checkpoint: first.integrity.latestCheckpoint,
    documents,
    features,
    releases: first.consentReleases,
    definitionChanges,
  };
}

export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** How many records the checkpoint counts per chain; none when there is no readable checkpoint. */
function chainCounts(payload: string | null): Map<string, number> {
  if (payload === null) return new Map();
  try {
    return new Map(parseCheckpoint(payload).chains.map((c) => [c.chain, c.count]));
  } catch {
    // Reported when the export is verified; here it only means pages of the largest size.
    return new Map();
  }
}

/** A page just big enough for the chain's length at the checkpoint (at least 1, at most 100). */
const pageSizeFor = (count: number | undefined): number =>
  count === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, Math.max(1, count));

async function fetchMoreDocuments(client: ApiClient, after: string | null): Promise<{ slug: string; title: string }[]> {
  return paginate(PAGE_SIZE, after, async (first, cursor) => {
    const data = await client.query(DOCUMENTS, { first, after: cursor });
    return data.documents;
  });
}

async function fetchVersions(client: ApiClient, slug: string, pageSize: number): Promise<ServedVersion[]> {
  return paginate(pageSize, null, async (first, after) => {
    const data = await client.query(VERSIONS, { slug, first, after });
    return data.document.versions;
  });
}

async function fetchRevisions(client: ApiClient, slug: string, pageSize: number): Promise<ServedRevision[]> {
  const revisions = await paginate(pageSize, null, async (first, after) => {
    const data = await client.query(REVISIONS, { slug, first, after });
    return data.aiFeature.revisions;
  });
  // As for an unchained withdrawal (build-export.ts): in no chain, so no chain to export it in.
  return revisions.filter((revision): revision is ServedRevision => {
    if (revision.contentHash !== null) return true;
    progress(`warning: revision ${revision.number} of ${slug} has no hash (UNCHAINED): left out of the export`);
    return false;
  });
}

async function fetchDefinitionChanges(client: ApiClient, pageSize: number): Promise<ServedDefinitionChange[]> {
  return paginate(pageSize, null, async (first, after) => {
    const data = await client.query(DEFINITION_CHANGES, { first, after });
    return data.definitionChanges;
  });
}

/**
 * Every page from `after` on: the first of `firstPage` items (what the checkpoint leads us to
 * expect), any further ones of the largest size.
 */
async function paginate<T>(
  firstPage: number,
  after: string | null,
  page: (first: number, after: string | null) => Promise<Page<T>>,
): Promise<T[]> {
  const nodes: T[] = [];
  let cursor = after;
  let size = firstPage;
  for (;;) {
    const { pageInfo, edges } = await page(size, cursor);
    nodes.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage || pageInfo.endCursor === null || pageInfo.endCursor === cursor) return nodes;
    cursor = pageInfo.endCursor;
    size = PAGE_SIZE;
  }
}
