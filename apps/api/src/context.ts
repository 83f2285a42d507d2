import {
  type Context,
  createLoaders,
  type FaultHooks,
  type PrismaClient,
  type Signer,
  type WebhookPolicy,
} from '@candor/schema';
import type { ChangeFeed } from '@candor/schema/domain';
import type { Exchange } from './pipeline/exchange.js';

export interface ContextOptions {
  prisma: PrismaClient;
  clock: () => Date;
  minimumCellSize: number;
  signer: Signer;
  /** Testing-only fault injection (fault-injection.ts); undefined in normal operation. */
  faults?: FaultHooks;
  /** Webhook secrets and target policy (notifications/partners.ts). */
  webhooks?: WebhookPolicy;
  /** Live updates for subscriptions (notifications/live-updates.ts); absent: subscriptions are refused. */
  changes?: ChangeFeed;
}

/**
 * The per-request GraphQL context: one clock reading, fresh batch loaders, the request id, and
 * the editor the admit stage authenticated from the bearer token (pipeline/budget.ts): a bad
 * token never gets this far (401 before parsing), so no request silently falls back to public
 * access.
 */
export function contextFor(options: ContextOptions, exchange: Exchange | undefined): Context & { requestId: string } {
  const { prisma, minimumCellSize, signer, faults, webhooks, changes } = options;
  const now = options.clock();
  return {
    prisma,
    now,
    minimumCellSize,
    loaders: createLoaders(prisma, now),
    viewer: exchange?.viewer ?? null,
    signer,
    faults,
    partner: exchange?.partner ?? null,
    webhooks,
    changes,
    requestId: exchange?.identity.requestId ?? 'unknown',
  };
}
