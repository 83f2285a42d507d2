/** @candor/schema: the domain core. Apps import from here (or the narrower subpath exports). */

export { type Database, type DatabaseOptions, openDatabase, PrismaClient } from './db/client.js';
export {
  type DatabaseTarget,
  DatabaseUrlError,
  DEFAULT_DATABASE_URL,
  parseDatabaseUrl,
  repositoryRoot,
} from './db/database-url.js';
export { classifyDatabaseError, type DatabaseErrorKind } from './db/error-kinds.js';
export { migrateDatabase, pendingMigrations } from './db/migrate.js';
export { createQueryRecorder, type QueryRecorder, type RecordedQuery } from './db/query-recorder.js';
export { DomainError } from './domain/errors.js';
export { sampleData } from './sample/index.js';
export { forgetCatalogue } from './schema/catalogue.js';
export { DEFAULT_LIST_ESTIMATE, LIST_ESTIMATE_EXTENSION, listEstimate, listEstimateOf } from './schema/cost.js';
export { type Context, createLoaders, type FaultHooks, schema } from './schema/index.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './schema/pagination.js';
export { forgetPublishedContent, RecentlyUsedMap } from './schema/published-content.js';
export { type EnsureDatabaseOptions, ensureDatabase } from './seed/ensure-database.js';
export { isEmptyDatabase, seedSampleData } from './seed/seed-sample.js';
export { issueCheckpoint } from './services/checkpoints.js';
export {
  createDocument,
  createFeature,
  createSegment,
  type DefinitionActor,
  defineOrganization,
  retireDocument,
  retireFeature,
  retireSegment,
  updateDocument,
  updateFeature,
  updateSegment,
} from './services/definitions.js';
export {
  bootstrapAdmin,
  type CreatedToken,
  disableEditor,
  type RecoveredAdmin,
  recoverAdmin,
  setEditorRole,
} from './services/editors.js';
export { rowToFacts } from './services/feature-facts-row.js';
export { type ImportVersionsInput, importVersions } from './services/import-versions.js';
export { describeNonEmpty, initOrganization, type OrganizationSpec } from './services/init-organization.js';
export { createInvitation, type Enrolment, redeemInvitation } from './services/invitations.js';
export { appendWithdrawal, readStoredChains } from './services/public-chains.js';
export {
  createSigningKeyFile,
  dataDirectoryOf,
  type LoadedSigner,
  loadOrCreateSigner,
  loadSigner,
  type Signer,
  type SignerSource,
  SigningKeyExistsError,
  signerFromPem,
  signingKeyFile,
} from './services/signer.js';
export { authenticate, bearerToken, hashToken, recordTokenUse, type Viewer } from './services/tokens.js';
export type { PartnerViewer, WebhookPolicy } from './services/webhooks.js';
export * as webhookServices from './services/webhooks.js';
