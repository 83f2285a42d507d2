import {
  authenticate,
  bearerToken,
  type Context,
  createLoaders,
  type FaultHooks,
  type PrismaClient,
  type Signer,
} from '@candor/schema';
import { GraphQLError } from 'graphql';
import { httpExtensionOf, maskedErrorFor } from './plugins/use-error-masking.js';
import { requestIdOf } from './plugins/use-request-id.js';

export interface ContextOptions {
  prisma: PrismaClient;
  clock: () => Date;
  minimumCellSize: number;
  signer: Signer;
  /** Testing-only fault injection (fault-injection.ts); undefined in normal operation. */
  faults?: FaultHooks;
}

/**
 * Builds the per-request GraphQL context: one clock reading, fresh batch loaders, and the
 * editor behind the bearer token. A bad token fails the whole request (401-style
 * UNAUTHENTICATED) rather than silently falling back to public access.
 */
export async function buildContext(options: ContextOptions, request: Request): Promise<Context> {
  const now = options.clock();
  let viewer: Context['viewer'] = null;
  try {
    const token = bearerToken(request.headers.get('authorization'));
    if (token !== null) viewer = await authenticate(options.prisma, token, now);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'UNAUTHENTICATED') {
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
    // The token lookup is the first query of an authenticated request: a database that is down
    // (or slow, or full) must read as such here too, masked, never as the driver's message.
    const masked = maskedErrorFor(error);
    if (masked.code !== 'INTERNAL_SERVER_ERROR') {
      throw new GraphQLError(masked.message, {
        extensions: { code: masked.code, requestId: requestIdOf(request), ...httpExtensionOf(masked) },
      });
    }
    throw error;
  }
  return contextOf(options, now, viewer);
}

/** The context of a request without a token (the node-level POST path): nothing to look up. */
export const anonymousContext = (options: ContextOptions): Context => contextOf(options, options.clock(), null);

function contextOf(options: ContextOptions, now: Date, viewer: Context['viewer']): Context {
  const { prisma, minimumCellSize, signer, faults } = options;
  return { prisma, now, minimumCellSize, loaders: createLoaders(prisma, now), viewer, signer, faults };
}
