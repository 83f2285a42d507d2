/**
 * Names for the parts of the operations' results that the site's code passes around. Every shape
 * here is generated from the committed SDL and src/operations/*.graphql into
 * src/generated/operations.ts (`pnpm codegen`, configured in apps/api/codegen.ts): change an
 * operation, run it, and the compiler points at every use that no longer fits. Nothing here is
 * written out by hand. Scalars arrive as JSON: DateTime is an ISO 8601 string, Month "YYYY-MM".
 */
import type {
  SiteAiFeaturesQuery,
  SiteConsentStatisticsQuery,
  SiteDefinitionChangesQuery,
  SiteDocumentsQuery,
  SiteFactsFragment,
  SiteOrganizationQuery,
  SiteRevisionPageFragment,
  SiteVersionFragment,
} from '../generated/operations';

/** The node type of a connection's edges. */
type NodeOf<C extends { edges: { node: unknown }[] }> = C['edges'][number]['node'];

export type PageInfo = SiteDefinitionChangesQuery['definitionChanges']['pageInfo'];

/** Any connection the operations page through, whatever its nodes (see allNodes in site-data.ts). */
export interface Connection<T> {
  pageInfo: PageInfo;
  edges: { node: T }[];
}

/** `integrity.verify`: the server's check of every chain, and of the database against its latest checkpoint. */
export type ServerVerificationResult = SiteOrganizationQuery['integrity']['verify'];

/** One change to the organisation's definitions: a record of the definitions chain. */
export type DefinitionChangeResult = NodeOf<SiteDefinitionChangesQuery['definitionChanges']>;

/** A withdrawal of a version or an AI-feature revision (both select the same fields). */
export type WithdrawalResult = NonNullable<SiteVersionFragment['withdrawal']>;

export type VersionResult = SiteVersionFragment;

/** A version's or a revision's proof of notice (both select the same fields). */
export type NoticeResult = NonNullable<SiteVersionFragment['notice']>;

export type DocumentResult = NodeOf<SiteDocumentsQuery['documents']>;

export type FactsResult = SiteFactsFragment;

export type RevisionResult = NodeOf<SiteRevisionPageFragment>;

export type FeatureResult = SiteAiFeaturesQuery['aiFeatures'][number];

/** A row's cells are the figures in force: corrected ones as corrected. */
export type ConsentRowResult = SiteConsentStatisticsQuery['consentStatistics']['rows'][number];
