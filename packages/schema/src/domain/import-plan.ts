/**
 * Planning the import of a history that predates Candor (`candor import git`, `candor import ota`):
 * which source versions become Candor versions, under which labels, and which are skipped. Pure,
 * so a dry run prints exactly what an import would write.
 *
 * Rules:
 * - Idempotent: a source version whose reference was imported before is skipped ("known").
 * - A version whose clauses are textually the same as the one before it (whitespace aside) is
 *   skipped ("unchanged"): a commit that only reflowed a paragraph is not a new version.
 * - Dates must make sense: every new version is dated after the document's newest version and
 *   after the one before it in the source, and not in the future. Two source versions in the same
 *   millisecond are kept in source order, the later one a millisecond later, so that the chain's
 *   order (publication order) is the source's order.
 * - Labels are the source's label when it has one and it is free, else the date (YYYY-MM-DD), with
 *   `-2`, `-3`… when the day is taken.
 */
import { DomainError } from './errors.js';
import { isVersionLabel } from './identifiers.js';
import { sameClauses } from './policy-markdown.js';
import type { ClauseInput } from './types.js';

export interface SourceRecord {
  /** Where it came from, e.g. "git:<commit>:<path>"; unique within the source. */
  reference: string;
  /** Readers see it: "commit 1a2b3c4 (Add arbitration clause)". */
  description: string;
  date: Date;
  clauses: readonly ClauseInput[];
  label?: string | undefined;
  changeNote: string;
}

export interface ExistingVersion {
  label: string;
  publishedAt: Date;
  effectiveAt: Date;
  importSource: string | null;
  clauses: readonly ClauseInput[];
}

export interface PlannedVersion {
  record: SourceRecord;
  label: string;
  /** Published and effective at: the source's date (kept in source order). */
  date: Date;
}

export interface ImportPlan {
  create: PlannedVersion[];
  known: SourceRecord[];
  unchanged: SourceRecord[];
}

/** The plan; throws BAD_USER_INPUT when the dates make no sense, naming both records. */
export function planVersionImport(input: {
  /** The document's published versions, oldest first (publication order). */
  existing: readonly ExistingVersion[];
  /** The source's versions, oldest first as the source orders them. */
  records: readonly SourceRecord[];
  now: Date;
}): ImportPlan {
  const known = new Set(input.existing.flatMap((v) => (v.importSource === null ? [] : [v.importSource])));
  const labels = new Set(input.existing.map((v) => v.label));
  const newest = input.existing.at(-1);
  let previousClauses: readonly ClauseInput[] | null = newest?.clauses ?? null;
  let floor: { date: Date; what: string; fromSource: boolean } | null =
    newest === undefined
      ? null
      : {
          date: new Date(Math.max(newest.publishedAt.getTime(), newest.effectiveAt.getTime())),
          what: `the document's newest version ${newest.label}`,
          fromSource: false,
        };
  const plan: ImportPlan = { create: [], known: [], unchanged: [] };
  for (const record of input.records) {
    if (known.has(record.reference)) {
      plan.known.push(record);
      // What a later source version is compared with is the source's own previous text.
      previousClauses = record.clauses;
      continue;
    }
    if (previousClauses !== null && sameClauses(previousClauses, record.clauses)) {
      plan.unchanged.push(record);
      continue;
    }
    if (Number.isNaN(record.date.getTime()))
      throw new DomainError('BAD_USER_INPUT', `${record.description} has no valid date`, 'date');
    if (record.date > input.now)
      throw new DomainError(
        'BAD_USER_INPUT',
        `${record.description} is dated ${record.date.toISOString()}, in the future: a date order that makes no sense`,
        'date',
      );
    let date = record.date;
    if (floor !== null && date <= floor.date) {
      if (date.getTime() === floor.date.getTime() && floor.fromSource) {
        date = new Date(floor.date.getTime() + 1);
      } else {
        throw new DomainError(
          'BAD_USER_INPUT',
          `${record.description} is dated ${record.date.toISOString()}, not after ${floor.what} (${floor.date.toISOString()}): a date order that makes no sense. Versions are imported oldest first, each after the last.`,
          'date',
        );
      }
    }
    const label = freeLabel(record.label, date, labels);
    labels.add(label);
    plan.create.push({ record, label, date });
    previousClauses = record.clauses;
    floor = { date, what: record.description, fromSource: true };
  }
  return plan;
}

function freeLabel(wanted: string | undefined, date: Date, taken: ReadonlySet<string>): string {
  if (wanted !== undefined && isVersionLabel(wanted) && !taken.has(wanted)) return wanted;
  const day = date.toISOString().slice(0, 10);
  if (!taken.has(day)) return day;
  for (let n = 2; ; n += 1) if (!taken.has(`${day}-${n}`)) return `${day}-${n}`;
}
