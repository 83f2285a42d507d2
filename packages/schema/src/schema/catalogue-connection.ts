/**
 * Relay connections over catalogue rows (catalogue.ts). The page arguments come from
 * plugin-prisma's connection helper, configured as the Prisma connections these replaced
 * (`cursor: 'id'`, pagination.ts's sizes), so cursors, page-size errors and pageInfo are
 * byte-for-byte what partners already hold; prismaPage applies them to the rows in memory.
 */
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type { DefaultConnectionArguments } from '@pothos/plugin-relay';
import { builder, type Context } from './builder.js';
import { prismaPage } from './catalogue-page.js';
import { pageSize } from './pagination.js';

export const documentPages = prismaConnectionHelpers(builder, 'Document', { cursor: 'id', ...pageSize });
export const versionPages = prismaConnectionHelpers(builder, 'Version', { cursor: 'id', ...pageSize });
export const revisionPages = prismaConnectionHelpers(builder, 'AiFeatureRevision', { cursor: 'id', ...pageSize });

interface PageHelpers<Row, Connection> {
  getQuery(args: DefaultConnectionArguments, ctx: Context, nestedSelection: () => true): object;
  resolve(list: Row[], args: DefaultConnectionArguments, ctx: Context, parent?: unknown): Connection;
}

/** One page of `rows` (already in the connection's order) as a relay connection. */
export function pageOver<Row extends { id: string }, Connection>(
  helpers: PageHelpers<Row, Connection>,
  rows: readonly Row[],
  args: DefaultConnectionArguments,
  ctx: Context,
  parent?: unknown,
): Connection {
  // No selection is merged: the rows are whole already.
  const query = helpers.getQuery(args, ctx, () => true) as Parameters<typeof prismaPage>[1];
  return helpers.resolve(prismaPage(rows, query), args, ctx, parent);
}
