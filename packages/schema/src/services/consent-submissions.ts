/**
 * Consent statistics go through review like versions (issue 14): one editor submits a CSV — new
 * figures (a RELEASE) or corrections of published ones (a CORRECTION, with its reason) — a
 * publisher who did not submit it approves or rejects it, and a publisher publishes it as one
 * record of the consent-releases chain with a new signed checkpoint.
 *
 *   submit --> IN_REVIEW --approve--> APPROVED --publish--> PUBLISHED
 *                  |                      |
 *                  +--------reject--------+--> REJECTED (closed; submit the fixed file again)
 *
 * The file is stored as submitted and read again at publication, against the figures published
 * by then and the month of the publication, so what is published always passes today's checks.
 * Each function runs in the caller's transaction and checks everything before its first write.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db/client.js';
import { currentMonthAt } from '../domain/consent-counts.js';
import { type ConsentCsvRow, parseConsentCsv } from '../domain/consent-csv.js';
import {
  assertMayDecideSubmission,
  type ConsentReleaseKind,
  consentKey,
  currentFigures,
  releaseConflicts,
} from '../domain/consent-release-rules.js';
import { DomainError, throwIfProblems } from '../domain/errors.js';
import { reviewNoteText } from '../domain/review.js';
import type { ConsentCounts } from '../domain/types.js';
import {
  assertCanTransition,
  type VersionStatus,
  WORKFLOW_TRANSITIONS,
  type WorkflowAction,
} from '../domain/workflow.js';
import { issueCheckpoint } from './checkpoints.js';
import { recordNotifications } from './outbox.js';
import { appendConsentRelease } from './public-chains.js';
import type { Signer } from './signer.js';

type Db = Pick<
  PrismaClient,
  | 'consentSubmission'
  | 'consentImport'
  | 'consentStat'
  | 'aiFeature'
  | 'segment'
  | 'document'
  | 'version'
  | 'aiFeatureRevision'
  | 'withdrawal'
  | 'definitionChange'
  | 'checkpoint'
  | 'notificationEvent'
  | '$queryRawUnsafe'
>;

/** Largest CSV accepted in one submission (a 100,000-row file is about 6 MB). */
export const MAX_CONSENT_CSV_CHARS = 10_000_000;

/** Months per read of published figures: a few statements even for a decades-long backfill. */
const MONTHS_PER_READ = 500;

const SUBJECT = 'statistics submission';

export interface Actor {
  editorId: string;
  role: 'EDITOR' | 'PUBLISHER' | 'ADMIN';
}

interface ReadRow extends ConsentCsvRow {
  featureId: string;
  segmentId: string;
}

/**
 * The rows of a CSV, checked on their own (consent-csv.ts, with `now`'s month as the latest)
 * and against what is published (releaseConflicts): every problem at once, with its line.
 */
async function readSubmission(db: Db, kind: ConsentReleaseKind, csv: string, now: Date): Promise<ReadRow[]> {
  if (csv.length > MAX_CONSENT_CSV_CHARS) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `The CSV is larger than ${MAX_CONSENT_CSV_CHARS.toLocaleString('en-US')} characters; split it into several submissions`,
      'csv',
    );
  }
  const [features, segments] = await Promise.all([
    db.aiFeature.findMany({ select: { id: true, slug: true } }),
    db.segment.findMany({ select: { id: true, key: true } }),
  ]);
  const rows = parseConsentCsv(csv, {
    features: features.map((f) => f.slug),
    segments: segments.map((s) => s.key),
    currentMonth: currentMonthAt(now),
  });
  const published = await publishedFigures(db, rows);
  throwIfProblems(releaseConflicts(kind, rows, published), 'The CSV file');
  const featureIds = new Map(features.map((f) => [f.slug, f.id]));
  const segmentIds = new Map(segments.map((s) => [s.key, s.id]));
  return rows.map((row) => ({
    ...row,
    featureId: featureIds.get(row.feature) ?? '',
    segmentId: segmentIds.get(row.segment) ?? '',
  }));
}

/**
 * The figure in force (the one published last) of every feature × segment × month the rows
 * name, by consentKey. Read month by month rather than with one condition per row, which would
 * pass SQLite's bound-parameter limit on a long backfill.
 */
async function publishedFigures(db: Db, rows: readonly ConsentCsvRow[]): Promise<Map<string, ConsentCounts>> {
  const wanted = new Set(rows.map(consentKey));
  const months = [...new Set(rows.map((row) => row.period))];
  const releases = await db.consentImport.findMany({
    where: { contentHash: { not: null } },
    orderBy: [{ importedAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
  });
  const releaseIndex = new Map(releases.map((release, i) => [release.id, i]));
  const figures = [];
  for (let i = 0; i < months.length; i += MONTHS_PER_READ) {
    const stats = await db.consentStat.findMany({
      where: { period: { in: months.slice(i, i + MONTHS_PER_READ) }, importId: { not: null } },
      select: {
        importId: true,
        period: true,
        accountsEligible: true,
        ownersEnabled: true,
        ownersDisabled: true,
        ownersUndecided: true,
        participantsJoined: true,
        participantsLeft: true,
        feature: { select: { slug: true } },
        segment: { select: { key: true } },
      },
    });
    for (const { importId, feature, segment, ...counts } of stats) {
      const row = { ...counts, feature: feature.slug, segment: segment.key };
      const index = releaseIndex.get(importId ?? '');
      if (index !== undefined && wanted.has(consentKey(row))) figures.push({ row, releaseIndex: index });
    }
  }
  return new Map(currentFigures(figures).map(({ current }) => [consentKey(current.row), current.row]));
}

/** Submits a CSV for review (any editor). A correction must say why (required, ≤ 4,000 characters). */
export async function submitConsentStatistics(
  db: Db,
  input: { kind: ConsentReleaseKind; csv: string; reason: string | null; actor: Actor; now: Date },
) {
  const reason = input.kind === 'CORRECTION' ? reviewNoteText(input.reason, 'reason', true) : null;
  if (input.kind === 'RELEASE' && (input.reason ?? '').trim() !== '') {
    throw new DomainError(
      'BAD_USER_INPUT',
      'Only a correction has a reason; new figures are published as they are',
      'reason',
    );
  }
  const rows = await readSubmission(db, input.kind, input.csv, input.now);
  return db.consentSubmission.create({
    data: {
      kind: input.kind,
      status: 'IN_REVIEW',
      csv: input.csv,
      fileHash: createHash('sha256').update(input.csv, 'utf8').digest('hex'),
      rowCount: rows.length,
      reason,
      submittedAt: input.now,
      submittedById: input.actor.editorId,
    },
  });
}

async function loadSubmission(db: Db, id: string) {
  const submission = await db.consentSubmission.findUnique({ where: { id } });
  if (submission === null) throw new DomainError('NOT_FOUND', `No statistics submission with id ${id}`, 'id');
  return submission;
}

/**
 * Moves a submission along one transition, guarded by the status it was read in: if another
 * reviewer (or API instance) moved it in between, nothing is written and that is a conflict.
 */
async function transition(
  db: Db,
  submission: { id: string; status: VersionStatus },
  action: WorkflowAction,
  data: Parameters<Db['consentSubmission']['updateMany']>[0]['data'],
) {
  const to = assertCanTransition(submission.status, action, SUBJECT);
  const updated = await db.consentSubmission.updateMany({
    where: { id: submission.id, status: { in: [...WORKFLOW_TRANSITIONS[action].from] } },
    data: { ...data, status: to },
  });
  if (updated.count !== 1) {
    throw new DomainError('CONFLICT', 'Someone else moved this submission at the same time; reload', 'id');
  }
  return db.consentSubmission.findUniqueOrThrow({ where: { id: submission.id } });
}

/** Approves a submission in review: a publisher or admin who did not submit it. */
export async function approveConsentSubmission(db: Db, input: { id: string; actor: Actor; now: Date }) {
  const submission = await loadSubmission(db, input.id);
  assertCanTransition(submission.status, 'approve', SUBJECT);
  assertMayDecideSubmission(input.actor, submission.submittedById, 'approve');
  return transition(db, submission, 'approve', { approvedById: input.actor.editorId, approvedAt: input.now });
}

/** Rejects a submission in review or approved, with a comment saying why (required). */
export async function rejectConsentSubmission(db: Db, input: { id: string; comment: string; actor: Actor; now: Date }) {
  const comment = reviewNoteText(input.comment, 'comment', true);
  const submission = await loadSubmission(db, input.id);
  assertCanTransition(submission.status, 'reject', SUBJECT);
  assertMayDecideSubmission(input.actor, submission.submittedById, 'reject');
  return transition(db, submission, 'reject', {
    rejectedById: input.actor.editorId,
    rejectedAt: input.now,
    rejectionComment: comment,
  });
}

/**
 * Publishes an approved submission: its file is read and checked again (the month may have
 * turned, another release may have published the same figures), then written as one record of
 * the consent-releases chain, in batches, with a new signed checkpoint.
 */
export async function publishConsentSubmission(
  db: Db,
  input: { id: string; actor: Actor; now: Date; minimumCellSize: number; signer: Signer },
) {
  const submission = await loadSubmission(db, input.id);
  assertCanTransition(submission.status, 'publish', SUBJECT);
  const rows = await readSubmission(db, submission.kind, submission.csv, input.now);
  const release = await appendConsentRelease(db, {
    rows: rows.map(({ line: _line, ...row }) => row),
    releasedAt: input.now,
    minimumCellSize: input.minimumCellSize,
    editorId: input.actor.editorId,
    fileHash: submission.fileHash,
    reason: submission.kind === 'CORRECTION' ? submission.reason : null,
  });
  await recordNotifications(
    db,
    {
      kind: 'consent_release',
      id: release.id,
      releasedAt: input.now,
      correction: submission.kind === 'CORRECTION',
      rows: rows.length,
    },
    ['consent_release.published'],
    input.now,
  );
  const checkpoint = await issueCheckpoint(db, input.signer, input.now);
  const published = await transition(db, submission, 'publish', { releaseId: release.id });
  return { submission: published, release, checkpointSequence: checkpoint.sequence };
}
