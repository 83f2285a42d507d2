/**
 * Configures the Pothos builder and its plugins; defines no types (one file per aggregate does).
 */
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { GraphQLError } from 'graphql';
import type { PrismaClient } from '../db/client.js';
import type { ChangeFeed } from '../domain/live-changes.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { Signer } from '../services/signer.js';
import type { Viewer } from '../services/tokens.js';
import type { PartnerViewer, WebhookPolicy } from '../services/webhooks.js';
import type { Loaders } from './loaders.js';

/**
 * Per-request context. The Prisma client travels here (not as a module singleton) because each
 * API instance, CLI run and test opens its own database; resolvers still spread Pothos' `query`
 * into every Prisma call so nested selections stay one round trip per level.
 */
export interface Context {
  prisma: PrismaClient;
  /** The clock every "current"/"upcoming" answer is computed against (tests move it). */
  now: Date;
  /** Consent statistics cells below this count are suppressed. */
  minimumCellSize: number;
  loaders: Loaders;
  /** The editor behind the request's bearer token; null for the public. */
  viewer: Viewer | null;
  /** Signs checkpoints at publish time. */
  signer: Signer;
  /** Testing-only fault injection (the API's CANDOR_FAULT_* variables); absent in normal operation. */
  faults?: FaultHooks;
  /** The partner behind a partner token (`cnp_…`); absent or null otherwise. */
  partner?: PartnerViewer | null;
  /** The API's webhook secrets and target policy; absent where webhooks cannot be registered. */
  webhooks?: WebhookPolicy;
  /** Live updates for subscriptions (`changePublished`); absent where the server streams none. */
  changes?: ChangeFeed;
}

export interface FaultHooks {
  /** Awaited inside the publish transaction right after its first write. */
  afterFirstPublishWrite?: () => Promise<void>;
  /** Awaited inside the publish transaction right after the checkpoint's sequence was read. */
  afterCheckpointSequenceRead?: () => Promise<void>;
}

// A type alias, not an interface: Pothos needs the index signature an alias implies.
export type Scalars = {
  Date: { Input: Date; Output: Date };
  DateTime: { Input: Date; Output: Date };
  Month: { Input: string; Output: string };
};

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: Scalars;
  DefaultFieldNullability: false;
  AuthScopes: { editor: boolean; publisher: boolean; admin: boolean };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Non-null unless a field says otherwise: partners should not null-check what always exists.
  defaultFieldNullability: false,
  // Scope auth first, so a refused field never reaches the other plugins' resolvers.
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, SimpleObjectsPlugin],
  scopeAuth: {
    // Roles nest: a publisher may also draft, an admin may do everything.
    authScopes: (ctx) => ({
      editor: ctx.viewer !== null,
      publisher: ctx.viewer?.role === 'PUBLISHER' || ctx.viewer?.role === 'ADMIN',
      admin: ctx.viewer?.role === 'ADMIN',
    }),
    unauthorizedError: (_parent, ctx, _info, result) =>
      new GraphQLError(ctx.viewer === null ? 'This needs an API token (Authorization: Bearer …)' : result.message, {
        extensions: { code: ctx.viewer === null ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
      }),
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.queryType({ description: 'Public, read-only view of published terms, AI features and consent statistics.' });
builder.mutationType({
  description:
    'Editor workflow. Every mutation needs an API token (except `enrol`, whose invitation code is the credential) and is audited.',
});
