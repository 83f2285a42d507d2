/**
 * Writes an import plan (domain/import-plan.ts): a history that predates Candor becomes published
 * versions of one document, in the caller's transaction (all or nothing). Each version is marked
 * imported — its source and importedAt are stored and hashed with it (canonical.ts,
 * candor-imported-version/1) — joins the document's hash chain in source order, gets its stored
 * changelog against the version before it, and the whole import is covered by one signed
 * checkpoint.
 */
import type { PrismaClient } from '../db/client.js';
import { compareClauses } from '../domain/clause-diff.js';
import { DomainError } from '../domain/errors.js';
import { contentHash } from '../domain/hash.js';
import { type ImportPlan, planVersionImport, type SourceRecord } from '../domain/import-plan.js';
import type { ClauseInput } from '../domain/types.js';
import { issueCheckpoint } from './checkpoints.js';
import { lockDocument } from './rebase-versions.js';
import type { Signer } from './signer.js';

type Db = Parameters<typeof issueCheckpoint>[0] &
  Parameters<typeof lockDocument>[0] &
  Pick<PrismaClient, 'document' | 'version' | 'clause' | 'changelog'>;

/** SQLite allows 32,766 bound parameters a statement; a clause row takes 6. */
const CLAUSES_PER_INSERT = 1_000;

export interface ImportVersionsInput {
  document: string;
  records: readonly SourceRecord[];
  now: Date;
  signer: Signer;
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  progress?: (done: number, total: number) => void;
}

/** Reads the document's published history, plans the import and (unless a dry run) writes it. */
export async function importVersions(db: Db, input: ImportVersionsInput): Promise<ImportPlan> {
  const document = await db.document.findUnique({ where: { slug: input.document } });
  if (document === null)
    throw new DomainError(
      'NOT_FOUND',
      `No document "${input.document}": create it first (pnpm candor document create, or candor init)`,
      'document',
    );
  if (document.retiredAt !== null)
    throw new DomainError('INVALID_STATE', `Document "${input.document}" is retired`, 'document');
  if (!input.dryRun) await lockDocument(db, document.id, 'publish');
  const existing = await db.version.findMany({
    where: { documentId: document.id, status: 'PUBLISHED' },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      label: true,
      publishedAt: true,
      effectiveAt: true,
      importSource: true,
      contentHash: true,
      clauses: { orderBy: { position: 'asc' }, select: { key: true, number: true, heading: true, body: true } },
    },
  });
  const epoch = new Date(0);
  const plan = planVersionImport({
    existing: existing.map((v) => ({
      ...v,
      publishedAt: v.publishedAt ?? epoch,
      effectiveAt: v.effectiveAt ?? epoch,
    })),
    records: input.records,
    now: input.now,
  });
  if (input.dryRun || plan.create.length === 0) return plan;

  const unpublished = await db.version.findMany({
    where: { documentId: document.id, status: { notIn: ['PUBLISHED', 'REJECTED'] } },
    select: { label: true },
  });
  const clash = plan.create.find((p) => unpublished.some((v) => v.label === p.label));
  if (clash !== undefined)
    throw new DomainError(
      'CONFLICT',
      `A draft of ${input.document} is labelled "${clash.label}", the label ${clash.record.description} would get`,
      'label',
    );

  let previous: { id: string; hash: string | null; clauses: readonly ClauseInput[] } | null =
    existing.length === 0
      ? null
      : {
          id: existing[existing.length - 1]?.id ?? '',
          hash: existing[existing.length - 1]?.contentHash ?? null,
          clauses: existing[existing.length - 1]?.clauses ?? [],
        };
  for (const [index, { record, label, date }] of plan.create.entries()) {
    const clauses = record.clauses.map(({ key, number, heading, body }) => ({ key, number, heading, body }));
    if (clauses.length === 0)
      throw new DomainError('BAD_USER_INPUT', `${record.description} has no clauses`, 'clauses');
    const changeNote = record.changeNote.trim() === '' ? `Imported: ${record.description}` : record.changeNote.trim();
    const source = { reference: record.reference, importedAt: input.now };
    const previousHash = previous?.hash ?? null;
    const hash = contentHash({
      document: document.slug,
      label,
      publishedAt: date,
      effectiveAt: date,
      material: false,
      changeNote,
      previousHash,
      clauses,
      explanations: [],
      source,
    });
    // Written as a draft first: the database refuses clauses added to a published version.
    const version = await db.version.create({
      data: { documentId: document.id, label, changeNote, importSource: record.reference, importedAt: input.now },
    });
    for (let start = 0; start < clauses.length; start += CLAUSES_PER_INSERT) {
      await db.clause.createMany({
        data: clauses
          .slice(start, start + CLAUSES_PER_INSERT)
          .map((clause, offset) => ({ ...clause, versionId: version.id, position: start + offset })),
      });
    }
    await db.version.update({
      where: { id: version.id },
      data: { status: 'PUBLISHED', publishedAt: date, effectiveAt: date, contentHash: hash, previousHash },
    });
    await db.changelog.create({
      data: {
        versionId: version.id,
        fromVersionId: previous?.id ?? null,
        changesJson: JSON.stringify(compareClauses(previous?.clauses ?? [], clauses)),
        createdAt: input.now,
      },
    });
    previous = { id: version.id, hash, clauses };
    input.progress?.(index + 1, plan.create.length);
  }
  await issueCheckpoint(db, input.signer, input.now);
  return plan;
}
