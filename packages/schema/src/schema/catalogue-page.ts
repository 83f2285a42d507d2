/**
 * Prisma's cursor pagination, applied to rows already in memory and in order (the catalogue's).
 * The public connections over the catalogue take their page arguments from plugin-prisma's own
 * connection helper, so their cursors, page-size rules and errors are exactly those of the Prisma
 * connections they replace; this applies those arguments as Prisma would.
 */
export interface PrismaPageArgs {
  /** The row to start from (its own position counts; `skip: 1` steps over it). */
  cursor?: { id: string } | undefined;
  /** Rows to take: forward when positive, backward (ending at the cursor) when negative. */
  take?: number | undefined;
  skip?: number | undefined;
}

export function prismaPage<Row extends { id: string }>(rows: readonly Row[], page: PrismaPageArgs): Row[] {
  const take = page.take ?? rows.length;
  const skip = page.skip ?? 0;
  let anchor: number | null = null;
  if (page.cursor !== undefined) {
    const cursorId = page.cursor.id;
    anchor = rows.findIndex((row) => row.id === cursorId);
    // Prisma returns nothing for a cursor that names no row of the result.
    if (anchor < 0) return [];
  }
  if (take >= 0) {
    const from = (anchor ?? 0) + skip;
    return rows.slice(from, from + take);
  }
  const end = (anchor === null ? rows.length : anchor + 1) - skip;
  return end <= 0 ? [] : rows.slice(Math.max(0, end + take), end);
}
