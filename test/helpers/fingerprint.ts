import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '@candor/schema';

/** Every model in the datamodel, so a table added later is fingerprinted without a change here. */
const MODELS = [
  ...readFileSync(
    fileURLToPath(new URL('../../packages/schema/prisma/datamodel.prisma', import.meta.url)),
    'utf8',
  ).matchAll(/^model (\w+) \{/gm),
].map((match) => match[1] ?? '');

interface Delegate {
  findMany(args?: object): Promise<object[]>;
}

const canonical = (row: object) =>
  JSON.stringify(row, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

export type Fingerprint = Record<string, { rows: number; hash: string }>;

/** The audit events that count as a change: all but refused attempts made without an editor. */
const COUNTED_AUDIT_EVENTS = `NOT ("outcome" = 'REFUSED' AND "editorId" IS NULL)`;

/** Row counts of every table in one round trip: a cheap check to run after every request. */
export async function rowCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const columns = MODELS.map(
    (model) =>
      `(SELECT COUNT(*) FROM "${model}"${model === 'AuditEvent' ? ` WHERE ${COUNTED_AUDIT_EVENTS}` : ''}) AS "${model}"`,
  );
  const [row] = await prisma.$queryRawUnsafe<Record<string, bigint | number>[]>(`SELECT ${columns.join(', ')}`);
  return Object.fromEntries(MODELS.map((model) => [model, Number(row?.[model])]));
}

/**
 * Row count and a content hash of every table. Refused mutation attempts are audited by design
 * (docs/partner-api.md, "Errors"), so audit events with outcome REFUSED and no editor are left out: they are
 * the one write an unauthenticated request may cause, and `refusedByEditors` watches the rest.
 */
export async function fingerprint(prisma: PrismaClient): Promise<Fingerprint> {
  const result: Fingerprint = {};
  for (const model of MODELS) {
    const delegate = (prisma as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)];
    if (delegate === undefined) throw new Error(`no Prisma delegate for model ${model}`);
    const where = model === 'AuditEvent' ? { where: { NOT: { outcome: 'REFUSED', editorId: null } } } : {};
    const rows = (await delegate.findMany(where)).map(canonical).sort();
    result[model] = { rows: rows.length, hash: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return result;
}
