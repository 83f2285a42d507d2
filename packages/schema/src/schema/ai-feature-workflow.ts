/**
 * AI-feature revisions through the same workflow and roles as terms versions:
 * draft (from a YAML/JSON file) → in review → approved (two-person rule) → published (governed
 * like a version: services/publish-revision.ts) → optionally withdrawn before it takes effect;
 * and the same way back (services/review-revisions.ts): changes requested (back to draft, to be
 * edited with updateFeatureRevision), rejected, deleted while a draft, commented on.
 */
import { DomainError } from '../domain/errors.js';
import {
  parseFeatureRevisionFile,
  validateFeatureFacts,
  validateRevisionExplanations,
} from '../domain/feature-facts.js';
import { auditNote } from '../domain/review.js';
import { assertCanTransition, assertTwoPersonRule } from '../domain/workflow.js';
import { factsToRow } from '../services/feature-facts-row.js';
import { publishRevision, withdrawRevision } from '../services/publish-revision.js';
import {
  commentOnRevision,
  deleteDraftRevision,
  rejectRevision,
  requestRevisionChanges,
  submitRevision,
} from '../services/review-revisions.js';
import { AiFeatureFactsRef, factsOfRevision, RevisionExplanationRef } from './ai-feature.js';
import { builder } from './builder.js';
import { listEstimate } from './cost.js';
import { MutationErrorRef, refusedByRole, runMutation, type Tx } from './mutation-result.js';
import { REVIEW_NOTE_ORDER } from './review-note.js';

const RevisionDraftRef = builder.prismaObject('AiFeatureRevision', {
  variant: 'AiFeatureRevisionDraft',
  description: 'An AI-feature revision in the editorial workflow (editors only).',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number'),
    status: t.exposeString('status'),
    changeNote: t.exposeString('changeNote'),
    material: t.exposeBoolean('material', {
      description: 'Decided at publication, against the revision in force before it; false until then.',
    }),
    feature: t.relation('feature'),
    author: t.relation('author', { nullable: true }),
    approvedBy: t.relation('approvedBy', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    effectiveAt: t.expose('effectiveAt', { type: 'DateTime', nullable: true }),
    facts: t.field({
      type: [AiFeatureFactsRef],
      extensions: listEstimate(5),
      resolve: (revision, _args, ctx) => factsOfRevision(revision, null, ctx),
    }),
    explanations: t.field({
      type: [RevisionExplanationRef],
      description: 'The explanations the revision file gave, in segment display order.',
      resolve: (revision, _args, ctx) =>
        ctx.loaders.revisionExplanationsOf.load({ id: revision.id, frozen: revision.status === 'PUBLISHED' }),
    }),
    reviewNotes: t.relation('reviewNotes', {
      description:
        'What reviewers and the author said, oldest first: changes requested, rejection, re-submissions, comments.',
      query: REVIEW_NOTE_ORDER,
    }),
  }),
});

builder.queryFields((t) => ({
  featureRevisionDrafts: t.prismaField({
    type: [RevisionDraftRef],
    authScopes: { editor: true },
    description:
      'AI-feature revisions not yet published, newest first (editors only): drafts, in review and approved; rejected ones too with includeRejected.',
    args: {
      feature: t.arg.string({ description: 'Feature slug; all features when omitted.' }),
      includeRejected: t.arg.boolean({ defaultValue: false, description: 'Also list rejected revisions.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.aiFeatureRevision.findMany({
        ...query,
        where: {
          status: { notIn: args.includeRejected === true ? ['PUBLISHED'] : ['PUBLISHED', 'REJECTED'] },
          ...(args.feature == null ? {} : { feature: { slug: args.feature } }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
  featureRevisionDraft: t.prismaField({
    type: RevisionDraftRef,
    nullable: true,
    authScopes: { editor: true },
    description: 'One AI-feature revision by id, whatever its status (editors only).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.aiFeatureRevision.findUnique({ ...query, where: { id: String(args.id) } }),
  }),
}));

const RevisionPayload = builder.simpleObject('FeatureRevisionPayload', {
  fields: (t) => ({
    revision: t.field({ type: RevisionDraftRef, nullable: true }),
    checkpointSequence: t.int({
      nullable: true,
      description: 'The signed checkpoint issued by a publication or withdrawal; null for the other steps.',
    }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

async function loadRevision(tx: Tx, id: string) {
  const revision = await tx.aiFeatureRevision.findUnique({ where: { id } });
  if (revision === null) throw new DomainError('NOT_FOUND', `No AI-feature revision with id ${id}`, 'id');
  return revision;
}

/**
 * Reads a revision file against the live segments (facts are owed to them only: a retired
 * segment keeps its history, not new facts) and finds its feature, which must still take
 * revisions. Throws DomainErrors; writes nothing.
 */
async function readRevisionFile(tx: Tx, file: string) {
  const parsed = parseFeatureRevisionFile(file);
  const segments = await tx.segment.findMany({
    where: { retiredAt: null },
    orderBy: { position: 'asc' },
    select: { id: true, key: true },
  });
  const keys = segments.map((s) => s.key);
  const facts = validateFeatureFacts(parsed.facts, keys);
  const explanations = validateRevisionExplanations(parsed.explanations, keys);
  const feature = await tx.aiFeature.findUnique({ where: { slug: parsed.feature } });
  if (feature === null) throw new DomainError('NOT_FOUND', `No AI feature with slug "${parsed.feature}"`, 'feature');
  if (feature.retiredAt !== null)
    throw new DomainError(
      'INVALID_STATE',
      `AI feature "${parsed.feature}" is retired: it takes no new revisions`,
      'feature',
    );
  return { parsed, segments, facts, explanations, feature };
}

/** Writes a revision's facts and explanations (a new draft's, or an edited draft's after clearing). */
async function writeRevisionContent(tx: Tx, revisionId: string, read: Awaited<ReturnType<typeof readRevisionFile>>) {
  await tx.aiFeatureFacts.createMany({
    data: read.segments.map((segment) => ({
      ...factsToRow(read.facts[segment.key] as never),
      revisionId,
      segmentId: segment.id,
    })),
  });
  await tx.revisionExplanation.createMany({
    data: read.segments.flatMap((segment) => {
      const explanation = read.explanations[segment.key];
      return explanation === undefined ? [] : [{ ...explanation, revisionId, segmentId: segment.id }];
    }),
  });
}

builder.mutationFields((t) => ({
  createFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Drafts a new revision of an AI feature’s facts from a YAML or JSON file (docs/publishing.md, "AI-feature revisions").',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('createFeatureRevision', 'AiFeatureRevision'),
    args: { file: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(
        ctx,
        { action: 'createFeatureRevision', subjectType: 'AiFeatureRevision' },
        async (tx) => {
          const read = await readRevisionFile(tx, args.file);
          const last = await tx.aiFeatureRevision.findFirst({
            where: { featureId: read.feature.id },
            orderBy: { number: 'desc' },
          });
          const revision = await tx.aiFeatureRevision.create({
            data: {
              featureId: read.feature.id,
              number: (last?.number ?? 0) + 1,
              changeNote: read.parsed.changeNote,
              status: 'DRAFT',
              authorId: ctx.viewer?.editorId ?? null,
              createdAt: ctx.now,
            },
          });
          await writeRevisionContent(tx, revision.id, read);
          return {
            result: revision,
            audit: {
              subjectId: revision.id,
              afterId: revision.id,
              detail: `${read.feature.slug} #${revision.number}`,
            },
          };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  updateFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Replaces a draft revision’s change note, facts and explanations with the file given (same format as createFeatureRevision; the same feature). Only while it is a DRAFT: never submitted, or sent back for changes.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('updateFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), file: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'updateFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const revision = await loadRevision(tx, id);
          assertCanTransition(revision.status, 'edit', 'revision');
          const read = await readRevisionFile(tx, args.file);
          if (read.feature.id !== revision.featureId) {
            throw new DomainError('BAD_USER_INPUT', 'A draft revision cannot move to another feature', 'feature');
          }
          await tx.aiFeatureFacts.deleteMany({ where: { revisionId: id } });
          await tx.revisionExplanation.deleteMany({ where: { revisionId: id } });
          const updated = await tx.aiFeatureRevision.update({
            where: { id },
            data: { changeNote: read.parsed.changeNote },
          });
          await writeRevisionContent(tx, id, read);
          return {
            result: updated,
            audit: { beforeId: id, afterId: id, detail: `${read.feature.slug} #${revision.number}` },
          };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  submitFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Submits a draft revision for review, or again after a reviewer requested changes. Refuses early, with publication’s codes, what publication would refuse whatever its date: NO_CHANGE for facts identical to every revision it could follow (the one in force and each scheduled one), EXPLANATIONS_MISSING for a segment it changes materially against all of them without an explanation.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('submitFeatureRevision', 'AiFeatureRevision'),
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
        { action: 'submitFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const submitted = await submitRevision(tx, {
            revisionId: id,
            actor: ctx.viewer,
            comment: args.comment,
            now: ctx.now,
          });
          const what = `${submitted.feature} #${submitted.revision.number}${submitted.resubmitted ? ' re-submitted' : ''}`;
          return { result: submitted.revision, audit: { afterId: id, detail: auditNote(what, submitted.comment) } };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  approveFeatureRevision: t.field({
    type: RevisionPayload,
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('approveFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'approveFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const revision = await loadRevision(tx, id);
          assertCanTransition(revision.status, 'approve', 'revision');
          assertTwoPersonRule(revision.authorId, ctx.viewer?.editorId ?? '');
          return {
            result: await tx.aiFeatureRevision.update({
              where: { id },
              data: { status: 'APPROVED', approvedById: ctx.viewer?.editorId ?? null },
            }),
          };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  publishFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Publishes an approved revision, effective at effectiveAt (default now). A revision that changes a material fact for a segment (against the revision in force right before it) must give the feature’s notice period and explain itself to that segment; one that a scheduled revision would undo is refused (CONFLICTS_WITH_SCHEDULED).',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('publishFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), effectiveAt: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'publishFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const published = await publishRevision(tx, {
            revisionId: id,
            effectiveAt: args.effectiveAt ?? null,
            now: ctx.now,
            signer: ctx.signer,
          });
          return {
            result: published,
            audit: {
              beforeId: published.baseId,
              afterId: id,
              detail: `${published.material ? 'material' : 'not material'}, ${published.changes} field changes, checkpoint ${published.checkpoint.sequence}`,
            },
          };
        },
      );
      return {
        revision: outcome.value?.revision ?? null,
        checkpointSequence: outcome.value?.checkpoint.sequence ?? null,
        error: outcome.error,
      };
    },
  }),
  withdrawFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Withdraws a published revision before it takes effect (reason: 1–2000 characters, shown to the public). It stays in the history and the hash chain, marked withdrawn; scheduled revisions compared with it are compared with the one now in force before them.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('withdrawFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'withdrawFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const withdrawn = await withdrawRevision(tx, {
            revisionId: id,
            reason: args.reason,
            editorId: ctx.viewer?.editorId ?? null,
            now: ctx.now,
            signer: ctx.signer,
          });
          return {
            result: withdrawn,
            audit: {
              afterId: id,
              detail: `checkpoint ${withdrawn.checkpoint.sequence}: ${withdrawn.withdrawal.reason.slice(0, 200)}`,
            },
          };
        },
      );
      return {
        revision: outcome.value?.revision ?? null,
        checkpointSequence: outcome.value?.checkpoint.sequence ?? null,
        error: outcome.error,
      };
    },
  }),
}));

const DeleteRevisionPayload = builder.simpleObject('DeleteFeatureRevisionPayload', {
  fields: (t) => ({
    deletedId: t.id({ nullable: true, description: 'The id the deleted draft revision had.' }),
    feature: t.string({ nullable: true, description: 'The slug of its feature.' }),
    number: t.int({ nullable: true }),
    reviewNotes: t.int({
      nullable: true,
      description: 'How many review notes were deleted with it (each is still in the audit log).',
    }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationFields((t) => ({
  requestFeatureRevisionChanges: t.field({
    type: RevisionPayload,
    description:
      'Sends a revision in review (or approved) back to its author as a draft, with a comment saying what to change (required). A publisher or admin who is not its author (TWO_PERSON_RULE). The author edits it (updateFeatureRevision) and submits it again.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('requestFeatureRevisionChanges', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), comment: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'requestFeatureRevisionChanges', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const returned = await requestRevisionChanges(tx, {
            revisionId: id,
            actor: ctx.viewer,
            comment: args.comment,
            now: ctx.now,
          });
          const what = `${returned.feature} #${returned.revision.number}`;
          return { result: returned.revision, audit: { afterId: id, detail: auditNote(what, returned.comment) } };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  rejectFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Closes a revision in review (or approved) for good, with the reason (required). A publisher or admin who is not its author (TWO_PERSON_RULE).',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('rejectFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'rejectFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const rejected = await rejectRevision(tx, {
            revisionId: id,
            actor: ctx.viewer,
            reason: args.reason,
            now: ctx.now,
          });
          const what = `${rejected.feature} #${rejected.revision.number}`;
          return { result: rejected.revision, audit: { afterId: id, detail: auditNote(what, rejected.reason) } };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  commentOnFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Adds a comment to a revision in draft, in review or approved; any editor. Shown in reviewNotes and the audit log.',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('commentOnFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'commentOnFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const commented = await commentOnRevision(tx, {
            revisionId: id,
            actor: ctx.viewer,
            text: args.text,
            now: ctx.now,
          });
          const what = `${commented.feature} #${commented.revision.number}`;
          return {
            result: commented.revision,
            audit: { afterId: id, detail: auditNote(what, commented.note.body) },
          };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  deleteFeatureRevision: t.field({
    type: DeleteRevisionPayload,
    description:
      'Deletes a revision that is a DRAFT — never submitted, or sent back for changes — with its facts, explanations and review notes. Only its author or an admin (FORBIDDEN otherwise); anything else is never deleted (INVALID_STATE).',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('deleteFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'deleteFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const deleted = await deleteDraftRevision(tx, { revisionId: id, actor: ctx.viewer });
          const notes = deleted.notes === 1 ? '1 review note' : `${deleted.notes} review notes`;
          return {
            result: deleted,
            audit: { beforeId: id, detail: `${deleted.feature} #${deleted.number} deleted with ${notes}` },
          };
        },
      );
      return {
        deletedId: outcome.value?.id ?? null,
        feature: outcome.value?.feature ?? null,
        number: outcome.value?.number ?? null,
        reviewNotes: outcome.value?.notes ?? null,
        error: outcome.error,
      };
    },
  }),
}));
