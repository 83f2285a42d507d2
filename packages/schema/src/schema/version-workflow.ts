/**
 * The editor workflow for terms versions: draft (from Markdown) → in review → approved →
 * published (with an effective date) → optionally withdrawn before it takes effect; and the way
 * back: a reviewer requests changes (back to draft, with a comment) or rejects (closed, label
 * freed); an author deletes a draft; anyone comments. Roles are declared on each field (scope
 * auth); rules live in domain/workflow.ts and domain/review.ts, steps in services/.
 */
import { DomainError } from '../domain/errors.js';
import { auditNote } from '../domain/review.js';
import { parseVersionMarkdown, type VersionMarkdown } from '../domain/version-markdown.js';
import {
  assertCanTransition,
  assertTwoPersonRule,
  earliestEffectiveAt,
  OPEN_STATUSES,
  VERSION_STATUSES,
} from '../domain/workflow.js';
import { publishVersion } from '../services/publish-version.js';
import type { Rebased } from '../services/rebase-versions.js';
import {
  commentOnVersion,
  deleteDraftVersion,
  rejectVersion,
  requestVersionChanges,
  submitVersion,
} from '../services/review-versions.js';
import { withdrawVersion } from '../services/withdraw-version.js';
import { builder } from './builder.js';
import { listEstimate } from './cost.js';
import { MutationErrorRef, refusedByRole, runMutation, type Tx } from './mutation-result.js';
import { REVIEW_NOTE_ORDER } from './review-note.js';
import { VersionRef } from './version.js';

export const VersionStatusEnum = builder.enumType('VersionStatus', { values: VERSION_STATUSES });

/** A version as editors see it, whatever its status (the public Version type is published-only). */
export const DraftRef = builder.prismaObject('Version', {
  variant: 'DraftVersion',
  description: 'A version in the editorial workflow, visible to editors only.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label'),
    status: t.expose('status', { type: VersionStatusEnum }),
    material: t.exposeBoolean('material'),
    changeNote: t.exposeString('changeNote'),
    document: t.relation('document'),
    author: t.relation('author', { nullable: true }),
    approvedBy: t.relation('approvedBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    effectiveAt: t.expose('effectiveAt', { type: 'DateTime', nullable: true }),
    clauses: t.relation('clauses', { extensions: listEstimate(50), query: { orderBy: { position: 'asc' } } }),
    explanations: t.relation('explanations', {
      extensions: listEstimate(5),
      query: { orderBy: { segment: { position: 'asc' } } },
    }),
    reviewNotes: t.relation('reviewNotes', {
      description:
        'What reviewers and the author said, oldest first: changes requested, rejection, re-submissions, comments.',
      query: REVIEW_NOTE_ORDER,
    }),
    earliestEffectiveAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'The earliest effective date publication would accept if it published now: now plus the document’s notice period for a material version, now otherwise. Null once published or rejected.',
      select: { document: { select: { noticePeriodDays: true } } },
      resolve: (version, _args, ctx) =>
        (OPEN_STATUSES as readonly string[]).includes(version.status)
          ? earliestEffectiveAt({
              material: version.material,
              noticePeriodDays: version.document.noticePeriodDays,
              now: ctx.now,
            })
          : null,
    }),
    published: t.variant(VersionRef, {
      description: 'The public view, once published.',
      isNull: (v) => v.status !== 'PUBLISHED',
    }),
  }),
});

builder.queryFields((t) => ({
  drafts: t.prismaField({
    type: [DraftRef],
    extensions: listEstimate(20),
    authScopes: { editor: true },
    description:
      'Versions not yet published, newest first (editors only): drafts, in review and approved; rejected ones too with includeRejected.',
    args: {
      document: t.arg.string({ description: 'Document slug; all documents when omitted.' }),
      includeRejected: t.arg.boolean({
        defaultValue: false,
        description: 'Also list rejected versions (closed for good; their labels are free again).',
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.version.findMany({
        ...query,
        where: {
          status: { notIn: args.includeRejected === true ? ['PUBLISHED'] : ['PUBLISHED', 'REJECTED'] },
          ...(args.document == null ? {} : { document: { slug: args.document } }),
        },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      }),
  }),
  draft: t.prismaField({
    type: DraftRef,
    nullable: true,
    authScopes: { editor: true },
    description: 'One version by id, whatever its status (editors only).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.version.findUnique({ ...query, where: { id: String(args.id) } }),
  }),
}));

const DraftPayload = builder.simpleObject('DraftPayload', {
  fields: (t) => ({
    draft: t.field({ type: DraftRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

/** Parses the Markdown and resolves its document and segments; throws DomainErrors. */
async function readDraft(tx: Tx, markdown: string) {
  const segments = await tx.segment.findMany({ select: { id: true, key: true } });
  const parsed = parseVersionMarkdown(markdown, { segments: segments.map((s) => s.key), draft: true });
  const document = await tx.document.findUnique({
    where: { slug: parsed.document },
    include: { segments: { select: { segment: { select: { key: true } } } } },
  });
  if (document === null) throw new DomainError('NOT_FOUND', `No document with slug "${parsed.document}"`, 'document');
  if (document.retiredAt !== null)
    throw new DomainError(
      'INVALID_STATE',
      `Document "${parsed.document}" is retired: it takes no new versions`,
      'document',
    );
  // Explanations are for the segments the document applies to, and for no other.
  const applies = new Set(document.segments.map((s) => s.segment.key));
  const stray = parsed.explanations.find((e) => !applies.has(e.segment));
  if (stray !== undefined)
    throw new DomainError(
      'BAD_USER_INPUT',
      `explanations.${stray.segment}: ${parsed.document} does not apply to segment "${stray.segment}" (it applies to ${[...applies].join(', ')})`,
      `explanations.${stray.segment}`,
    );
  const segmentIds = new Map(segments.map((s) => [s.key, s.id]));
  return { parsed, document, segmentIds };
}

async function writeContent(tx: Tx, versionId: string, parsed: VersionMarkdown, segmentIds: Map<string, string>) {
  await tx.clause.createMany({ data: parsed.clauses.map((clause, position) => ({ ...clause, versionId, position })) });
  await tx.explanation.createMany({
    data: parsed.explanations.map(({ segment, summary, whatChanges, affected }) => ({
      versionId,
      segmentId: segmentIds.get(segment) ?? '',
      summary,
      whatChanges,
      affected,
    })),
  });
}

/** A rejected version holds no label (its rejectionKey is set), so its label may be used again. */
async function assertLabelFree(tx: Tx, documentId: string, label: string, exceptId?: string) {
  const clash = await tx.version.findFirst({
    where: { documentId, label, rejectionKey: '', ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash !== null)
    throw new DomainError('CONFLICT', `The document already has a version labelled "${label}"`, 'label');
}

async function loadVersion(tx: Tx, id: string) {
  const version = await tx.version.findUnique({ where: { id } });
  if (version === null) throw new DomainError('NOT_FOUND', `No version with id ${id}`, 'id');
  return version;
}

builder.mutationFields((t) => ({
  createDraft: t.field({
    type: DraftPayload,
    description: 'Creates a draft from Markdown (format: docs/publishing.md, "Version Markdown").',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('createDraft', 'Version'),
    args: { markdown: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'createDraft', subjectType: 'Version' }, async (tx) => {
        const { parsed, document, segmentIds } = await readDraft(tx, args.markdown);
        await assertLabelFree(tx, document.id, parsed.label);
        const draft = await tx.version.create({
          data: {
            documentId: document.id,
            label: parsed.label,
            material: parsed.material,
            changeNote: parsed.changeNote,
            status: 'DRAFT',
            authorId: ctx.viewer?.editorId ?? null,
            createdAt: ctx.now,
          },
        });
        await writeContent(tx, draft.id, parsed, segmentIds);
        return {
          result: draft,
          audit: { subjectId: draft.id, afterId: draft.id, detail: `${document.slug} ${parsed.label}` },
        };
      });
      return { draft: outcome.value, error: outcome.error };
    },
  }),
  updateDraft: t.field({
    type: DraftPayload,
    description: 'Replaces a draft’s label, flags, clauses and explanations with the Markdown given.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('updateDraft', 'Version'),
    args: { id: t.arg.id({ required: true }), markdown: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'updateDraft', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const version = await loadVersion(tx, id);
          assertCanTransition(version.status, 'edit');
          const { parsed, document, segmentIds } = await readDraft(tx, args.markdown);
          if (document.id !== version.documentId) {
            throw new DomainError('BAD_USER_INPUT', 'A draft cannot move to another document', 'document');
          }
          await assertLabelFree(tx, document.id, parsed.label, id);
          await tx.clause.deleteMany({ where: { versionId: id } });
          await tx.explanation.deleteMany({ where: { versionId: id } });
          const draft = await tx.version.update({
            where: { id },
            data: { label: parsed.label, material: parsed.material, changeNote: parsed.changeNote },
          });
          await writeContent(tx, id, parsed, segmentIds);
          return { result: draft, audit: { beforeId: id, afterId: id } };
        },
      );
      return { draft: outcome.value, error: outcome.error };
    },
  }),
  submitForReview: t.field({
    type: DraftPayload,
    description:
      'Submits a draft for review, or submits it again after a reviewer requested changes. Runs publication’s checks that need no effective date first and refuses with the same codes: EXPLANATIONS_MISSING for a material version without an explanation for every segment the document applies to, NO_CHANGE for a text identical to every version it could follow (the one in force and each scheduled one). draft.earliestEffectiveAt says when it could take effect if published now.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('submitForReview', 'Version'),
    args: {
      id: t.arg.id({ required: true }),
      comment: t.arg.string({
        description: 'A note for the reviewer (up to 4,000 characters), e.g. what was fixed; shown in reviewNotes.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'submitForReview', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const submitted = await submitVersion(tx, {
            versionId: id,
            actor: ctx.viewer,
            comment: args.comment,
            now: ctx.now,
          });
          const what = `${submitted.document} ${submitted.version.label}${submitted.resubmitted ? ' re-submitted' : ''}`;
          return { result: submitted.version, audit: { afterId: id, detail: auditNote(what, submitted.comment) } };
        },
      );
      return { draft: outcome.value, error: outcome.error };
    },
  }),
  approveVersion: t.field({
    type: DraftPayload,
    description: 'Approves a version in review. Two-person rule: the author cannot approve it.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('approveVersion', 'Version'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'approveVersion', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const version = await loadVersion(tx, id);
          assertCanTransition(version.status, 'approve');
          assertTwoPersonRule(version.authorId, ctx.viewer?.editorId ?? '');
          const draft = await tx.version.update({
            where: { id },
            data: { status: 'APPROVED', approvedById: ctx.viewer?.editorId ?? null },
          });
          return { result: draft };
        },
      );
      return { draft: outcome.value, error: outcome.error };
    },
  }),
}));

const DeleteDraftPayload = builder.simpleObject('DeleteDraftPayload', {
  fields: (t) => ({
    deletedId: t.id({ nullable: true, description: 'The id the deleted draft had.' }),
    document: t.string({ nullable: true, description: 'The slug of its document.' }),
    label: t.string({ nullable: true, description: 'Its label, free again.' }),
    reviewNotes: t.int({
      nullable: true,
      description: 'How many review notes were deleted with it (each is still in the audit log).',
    }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationFields((t) => ({
  requestVersionChanges: t.field({
    type: DraftPayload,
    description:
      'Sends a version in review (or approved) back to its author as a draft, with a comment saying what to change (required, up to 4,000 characters). A publisher or admin who is not its author (TWO_PERSON_RULE); an earlier approval is void. The author edits it (updateDraft) and submits it again.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('requestVersionChanges', 'Version'),
    args: { id: t.arg.id({ required: true }), comment: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'requestVersionChanges', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const returned = await requestVersionChanges(tx, {
            versionId: id,
            actor: ctx.viewer,
            comment: args.comment,
            now: ctx.now,
          });
          const what = `${returned.document} ${returned.version.label}`;
          return { result: returned.version, audit: { afterId: id, detail: auditNote(what, returned.comment) } };
        },
      );
      return { draft: outcome.value, error: outcome.error };
    },
  }),
  rejectVersion: t.field({
    type: DraftPayload,
    description:
      'Closes a version in review (or approved) for good, with the reason (required, up to 4,000 characters). A publisher or admin who is not its author (TWO_PERSON_RULE). Its label is free again for a new draft; it stays readable to editors (drafts(includeRejected: true)).',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('rejectVersion', 'Version'),
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'rejectVersion', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const rejected = await rejectVersion(tx, {
            versionId: id,
            actor: ctx.viewer,
            reason: args.reason,
            now: ctx.now,
          });
          const what = `${rejected.document} ${rejected.version.label}`;
          return { result: rejected.version, audit: { afterId: id, detail: auditNote(what, rejected.reason) } };
        },
      );
      return { draft: outcome.value, error: outcome.error };
    },
  }),
  commentOnVersion: t.field({
    type: DraftPayload,
    description:
      'Adds a comment (up to 4,000 characters) to a version in draft, in review or approved; any editor. It changes nothing else and shows in reviewNotes and the audit log.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('commentOnVersion', 'Version'),
    args: { id: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'commentOnVersion', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const commented = await commentOnVersion(tx, {
            versionId: id,
            actor: ctx.viewer,
            text: args.text,
            now: ctx.now,
          });
          const what = `${commented.document} ${commented.version.label}`;
          return { result: commented.version, audit: { afterId: id, detail: auditNote(what, commented.note.body) } };
        },
      );
      return { draft: outcome.value, error: outcome.error };
    },
  }),
  deleteDraft: t.field({
    type: DeleteDraftPayload,
    description:
      'Deletes a version that is a DRAFT — never submitted, or sent back for changes — with its clauses, explanations and review notes; its label is free again. Only its author or an admin (FORBIDDEN otherwise). A version in review, approved, published or rejected is never deleted (INVALID_STATE).',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('deleteDraft', 'Version'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'deleteDraft', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const deleted = await deleteDraftVersion(tx, { versionId: id, actor: ctx.viewer });
          const notes = deleted.notes === 1 ? '1 review note' : `${deleted.notes} review notes`;
          return {
            result: deleted,
            audit: { beforeId: id, detail: `${deleted.document} ${deleted.label} deleted with ${notes}` },
          };
        },
      );
      return {
        deletedId: outcome.value?.id ?? null,
        document: outcome.value?.document ?? null,
        label: outcome.value?.label ?? null,
        reviewNotes: outcome.value?.notes ?? null,
        error: outcome.error,
      };
    },
  }),
}));

const PublishPayload = builder.simpleObject('PublishPayload', {
  fields: (t) => ({
    version: t.field({ type: VersionRef, nullable: true }),
    checkpointSequence: t.int({
      nullable: true,
      description: 'The signed checkpoint issued by this publication or withdrawal.',
    }),
    rebased: t.stringList({
      nullable: true,
      description:
        'Labels of the scheduled versions of the document whose public comparison this write changed (Version.changes says with what, and why).',
    }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

const labelsOf = (rebased: readonly Rebased[] | undefined) => rebased?.map((r) => r.label) ?? null;

builder.mutationFields((t) => ({
  publishVersion: t.field({
    type: PublishPayload,
    description:
      'Publishes an approved version now, effective at effectiveAt (default: now). A material version must give the document’s notice period and explain itself to every segment. Refused with CONFLICTS_WITH_SCHEDULED when it would take effect before a scheduled version that does not contain its change (which would silently undo it); its changes are against the version in force right before effectiveAt.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('publishVersion', 'Version'),
    args: { id: t.arg.id({ required: true }), effectiveAt: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'publishVersion', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const published = await publishVersion(tx, {
            versionId: id,
            effectiveAt: args.effectiveAt ?? null,
            now: ctx.now,
            signer: ctx.signer,
            afterFirstWrite: ctx.faults?.afterFirstPublishWrite,
            afterCheckpointSequenceRead: ctx.faults?.afterCheckpointSequenceRead,
          });
          return {
            result: published,
            audit: {
              beforeId: published.previousId,
              afterId: id,
              detail: `checkpoint ${published.checkpoint.sequence}`,
            },
          };
        },
      );
      return {
        version: outcome.value?.version ?? null,
        checkpointSequence: outcome.value?.checkpoint.sequence ?? null,
        rebased: labelsOf(outcome.value?.rebased),
        error: outcome.error,
      };
    },
  }),
  withdrawVersion: t.field({
    type: PublishPayload,
    description:
      'Withdraws a published version before it takes effect. It stays in the history, marked withdrawn; the withdrawal joins the withdrawals chain and a checkpoint is signed. Scheduled versions that followed it are compared again with what now takes effect before them.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('withdrawVersion', 'Version'),
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'withdrawVersion', subjectType: 'Version', subjectId: id },
        async (tx) => {
          const withdrawn = await withdrawVersion(tx, {
            versionId: id,
            reason: args.reason,
            editorId: ctx.viewer?.editorId ?? null,
            now: ctx.now,
            signer: ctx.signer,
          });
          return {
            result: withdrawn,
            audit: {
              afterId: id,
              detail: `${withdrawn.withdrawal.reason.slice(0, 200)} (checkpoint ${withdrawn.checkpoint.sequence})`,
            },
          };
        },
      );
      return {
        version: outcome.value?.version ?? null,
        checkpointSequence: outcome.value?.checkpoint.sequence ?? null,
        rebased: labelsOf(outcome.value?.rebased),
        error: outcome.error,
      };
    },
  }),
}));
