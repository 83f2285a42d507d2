/**
 * Consent statistics through review (services/consent-submissions.ts): submit new figures or a
 * correction, approve or reject (a publisher who did not submit), publish. Publishing writes one
 * record of the consent-releases chain and a signed checkpoint in the mutation's transaction.
 */
import { CONSENT_RELEASE_KINDS } from '../domain/consent-release-rules.js';
import {
  approveConsentSubmission,
  publishConsentSubmission,
  rejectConsentSubmission,
  submitConsentStatistics,
} from '../services/consent-submissions.js';
import { builder, type Context } from './builder.js';
import { EditorRef } from './editor.js';
import { MutationErrorRef, refusedByRole, runMutation } from './mutation-result.js';
import { VersionStatusEnum } from './version-workflow.js';

export const ConsentReleaseKindEnum = builder.enumType('ConsentReleaseKind', {
  description: 'RELEASE publishes new figures; CORRECTION replaces published ones, which stay on the record.',
  values: CONSENT_RELEASE_KINDS,
});

const SubmissionRef = builder.prismaObject('ConsentSubmission', {
  description:
    'Consent statistics on their way to publication (editors only): submitted, approved by a publisher who did not submit them, then published as a consent release — or rejected.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ConsentReleaseKindEnum }),
    status: t.expose('status', {
      type: VersionStatusEnum,
      description: 'IN_REVIEW, APPROVED, PUBLISHED or REJECTED.',
    }),
    rowCount: t.exposeInt('rowCount'),
    fileHash: t.exposeString('fileHash', { description: 'SHA-256 (hex) of the CSV as submitted.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why a correction corrects; null for a release.' }),
    csv: t.exposeString('csv', { description: 'The CSV exactly as submitted, for the reviewer to read.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    submittedBy: t.relation('submittedBy', { type: EditorRef }),
    approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true }),
    approvedBy: t.relation('approvedBy', { type: EditorRef, nullable: true }),
    rejectedAt: t.expose('rejectedAt', { type: 'DateTime', nullable: true }),
    rejectedBy: t.relation('rejectedBy', { type: EditorRef, nullable: true }),
    rejectionReason: t.exposeString('rejectionComment', {
      nullable: true,
      description: 'Why the reviewer rejected it.',
    }),
    releaseHash: t.string({
      nullable: true,
      description: 'Once published: its contentHash in the consent-releases chain (consentReleases).',
      select: { release: { select: { contentHash: true } } },
      resolve: (submission) => submission.release?.contentHash ?? null,
    }),
  }),
});

builder.queryField('consentSubmission', (t) =>
  t.prismaField({
    type: SubmissionRef,
    nullable: true,
    authScopes: { editor: true },
    description:
      'One statistics submission by id, whatever its status (editors only): what a reviewer reads before approving.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.consentSubmission.findUnique({ ...query, where: { id: String(args.id) } }),
  }),
);

builder.queryField('consentSubmissions', (t) =>
  t.prismaField({
    type: [SubmissionRef],
    authScopes: { editor: true },
    description:
      'Statistics submissions, newest first (editors only): by default those waiting for a decision (IN_REVIEW and APPROVED).',
    args: {
      status: t.arg({
        type: [VersionStatusEnum],
        description: 'Only these statuses; IN_REVIEW and APPROVED when omitted.',
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.consentSubmission.findMany({
        ...query,
        where: { status: { in: [...(args.status ?? ['IN_REVIEW', 'APPROVED'])] } },
        orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        take: 200,
      }),
  }),
);

const SubmissionPayload = builder.simpleObject('ConsentSubmissionPayload', {
  fields: (t) => ({
    submission: t.field({ type: SubmissionRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true, description: 'Every invalid row is listed in problems.' }),
  }),
});

const PublishPayload = builder.simpleObject('ConsentPublishPayload', {
  fields: (t) => ({
    submission: t.field({ type: SubmissionRef, nullable: true }),
    contentHash: t.string({
      nullable: true,
      description: 'The published record’s hash in the consent-releases chain (consentReleases).',
    }),
    checkpointSequence: t.int({ nullable: true, description: 'The signed checkpoint issued with it.' }),
    error: t.field({ type: MutationErrorRef, nullable: true, description: 'Every invalid row is listed in problems.' }),
  }),
});

/** The signed-in actor; the auth scopes guarantee one. */
const actorOf = (ctx: Context) => ({ editorId: ctx.viewer?.editorId ?? '', role: ctx.viewer?.role ?? 'EDITOR' });

const CSV_HELP =
  'CSV: one row per feature × segment × month (docs: "Consent statistics CSV"); every problem is listed with its line and column.';

builder.mutationFields((t) => ({
  submitConsentStatistics: t.field({
    type: SubmissionPayload,
    description: `Submits new consent statistics for review (any editor); nothing is public until a publisher who did not submit them approves and a publisher publishes them. Figures already published are refused: correct them with submitConsentCorrection. ${CSV_HELP}`,
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('submitConsentStatistics', 'ConsentSubmission'),
    args: { csv: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(
        ctx,
        { action: 'submitConsentStatistics', subjectType: 'ConsentSubmission' },
        async (tx) => {
          const submission = await submitConsentStatistics(tx, {
            kind: 'RELEASE',
            csv: args.csv,
            reason: null,
            actor: actorOf(ctx),
            now: ctx.now,
          });
          return { result: submission, audit: { subjectId: submission.id, detail: `${submission.rowCount} rows` } };
        },
      );
      return { submission: outcome.value, error: outcome.error };
    },
  }),
  submitConsentCorrection: t.field({
    type: SubmissionPayload,
    description: `Submits corrections of published consent statistics for review, with the reason (required, up to 4,000 characters). Each row replaces the published figure of its feature × segment × month, which stays on the record beside the correction; a row for a figure never published, or one that repeats it, is refused. ${CSV_HELP}`,
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('submitConsentCorrection', 'ConsentSubmission'),
    args: { csv: t.arg.string({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(
        ctx,
        { action: 'submitConsentCorrection', subjectType: 'ConsentSubmission' },
        async (tx) => {
          const submission = await submitConsentStatistics(tx, {
            kind: 'CORRECTION',
            csv: args.csv,
            reason: args.reason,
            actor: actorOf(ctx),
            now: ctx.now,
          });
          return {
            result: submission,
            audit: { subjectId: submission.id, detail: `${submission.rowCount} rows: ${submission.reason ?? ''}` },
          };
        },
      );
      return { submission: outcome.value, error: outcome.error };
    },
  }),
  approveConsentSubmission: t.field({
    type: SubmissionPayload,
    description: 'Approves statistics in review. Two-person rule: who submitted them cannot approve them.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('approveConsentSubmission', 'ConsentSubmission'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'approveConsentSubmission', subjectType: 'ConsentSubmission', subjectId: id },
        async (tx) => ({ result: await approveConsentSubmission(tx, { id, actor: actorOf(ctx), now: ctx.now }) }),
      );
      return { submission: outcome.value, error: outcome.error };
    },
  }),
  rejectConsentSubmission: t.field({
    type: SubmissionPayload,
    description:
      'Closes statistics in review (or approved) for good, with the reason (required). A publisher or admin who did not submit them (TWO_PERSON_RULE). The submitter fixes the file and submits it again.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('rejectConsentSubmission', 'ConsentSubmission'),
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'rejectConsentSubmission', subjectType: 'ConsentSubmission', subjectId: id },
        async (tx) => ({
          result: await rejectConsentSubmission(tx, { id, comment: args.reason, actor: actorOf(ctx), now: ctx.now }),
          audit: { detail: args.reason.slice(0, 500) },
        }),
      );
      return { submission: outcome.value, error: outcome.error };
    },
  }),
  publishConsentSubmission: t.field({
    type: PublishPayload,
    description:
      'Publishes approved statistics as one record of the consent-releases chain (a release, or a correction with its reason), with a new signed checkpoint. The file is checked again first: against the figures published by now, and with this month as the latest.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('publishConsentSubmission', 'ConsentSubmission'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'publishConsentSubmission', subjectType: 'ConsentSubmission', subjectId: id },
        async (tx) => {
          const published = await publishConsentSubmission(tx, {
            id,
            actor: actorOf(ctx),
            now: ctx.now,
            minimumCellSize: ctx.minimumCellSize,
            signer: ctx.signer,
          });
          return {
            result: published,
            audit: { afterId: published.release.id, detail: `${published.release.rowCount} rows` },
          };
        },
      );
      const published = outcome.value;
      return {
        submission: published?.submission ?? null,
        contentHash: published?.release.contentHash ?? null,
        checkpointSequence: published?.checkpointSequence ?? null,
        error: outcome.error,
      };
    },
  }),
}));
