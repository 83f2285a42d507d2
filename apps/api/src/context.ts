import { authenticate, bearerToken, type Context, createLoaders, type PrismaClient, type Signer } from '@candor/schema';
import { GraphQLError } from 'graphql';

export interface ContextOptions {
  prisma: PrismaClient;
  clock: () => Date;
  minimumCellSize: number;
  signer: Signer;
}

/**
 * Builds the per-request GraphQL context: one clock reading, fresh batch loaders, and the
 * editor behind the bearer token. A bad token fails the whole request (401-style
 * UNAUTHENTICATED) rather than silently falling back to public access.
 */
export async function buildContext(options: ContextOptions, request: Request): Promise<Context> {
  const { prisma, clock, minimumCellSize, signer } = options;
  const now = clock();
  let viewer: Context['viewer'] = null;
  try {
    const token = bearerToken(request.headers.get('authorization'));
    if (token !== null) viewer = await authenticate(prisma, token, now);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'UNAUTHENTICATED') {
      throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
    throw error;
  }
  return { prisma, now, minimumCellSize, loaders: createLoaders(prisma, now), viewer, signer };
}
