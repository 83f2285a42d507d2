import { type Context, createLoaders, type PrismaClient } from '@candor/schema';

export interface ContextOptions {
  prisma: PrismaClient;
  clock: () => Date;
  minimumCellSize: number;
}

/** Builds the per-request GraphQL context: one clock reading and fresh batch loaders. */
export function buildContext({ prisma, clock, minimumCellSize }: ContextOptions): Context {
  const now = clock();
  return { prisma, now, minimumCellSize, loaders: createLoaders(prisma, now) };
}
