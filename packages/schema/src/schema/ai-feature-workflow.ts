/**
 * AI-feature revisions through the same workflow and roles as terms versions:
 * draft (from a YAML/JSON file) → in review → approved (two-person rule) → published (governed
 * like a version: services/publish-revision.ts) → optionally withdrawn before it takes effect.
 */
import { DomainError } from '../domain/errors.js';
import {
  parseFeatureRevisionFile,
  validateFeatureFacts,
  validateRevisionExplanations,
} from '../domain/feature-facts.js';
import { assertCanTransition, assertTwoPersonRule } from '../domain/workflow.js';
import { factsToRow } from '../services/feature-facts-row.js';
import { publishRevision, withdrawRevision } from '../services/publish-revision.js';
import { AiFeatureFactsRef, factsOfRevision, RevisionExplanationRef } from './ai-feature.js';
import { builder } from './builder.js';
import { MutationErrorRef, refusedByRole, runMutation, type Tx } from './mutation-result.js';

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
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    effectiveAt: t.expose('effectiveAt', { type: 'DateTime', nullable: true }),
    facts: t.field({
      type: [AiFeatureFactsRef],
      resolve: (revision, _args, ctx) => factsOfRevision(revision, null, ctx),
    }),
    explanations: t.field({
      type: [RevisionExplanationRef],
      description: 'The explanations the revision file gave, in segment display order.',
      resolve: (revision, _args, ctx) =>
        ctx.loaders.revisionExplanationsOf.load({ id: revision.id, frozen: revision.status === 'PUBLISHED' }),
    }),
  }),
});

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

builder.mutationFields((t) => ({
  createFeatureRevision: t.field({
    type: RevisionPayload,
    description:
      'Drafts a new revision of an AI feature’s facts from a YAML or JSON file (README, "Feature revision file").',
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('createFeatureRevision', 'AiFeatureRevision'),
    args: { file: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(
        ctx,
        { action: 'createFeatureRevision', subjectType: 'AiFeatureRevision' },
        async (tx) => {
          const parsed = parseFeatureRevisionFile(args.file);
          // Facts are owed to the live segments only: a retired segment keeps its history, not new facts.
          const segments = await tx.segment.findMany({
            where: { retiredAt: null },
            orderBy: { position: 'asc' },
            select: { id: true, key: true },
          });
          const keys = segments.map((s) => s.key);
          const facts = validateFeatureFacts(parsed.facts, keys);
          const explanations = validateRevisionExplanations(parsed.explanations, keys);
          const feature = await tx.aiFeature.findUnique({ where: { slug: parsed.feature } });
          if (feature === null)
            throw new DomainError('NOT_FOUND', `No AI feature with slug "${parsed.feature}"`, 'feature');
          if (feature.retiredAt !== null)
            throw new DomainError(
              'INVALID_STATE',
              `AI feature "${parsed.feature}" is retired: it takes no new revisions`,
              'feature',
            );
          const last = await tx.aiFeatureRevision.findFirst({
            where: { featureId: feature.id },
            orderBy: { number: 'desc' },
          });
          const revision = await tx.aiFeatureRevision.create({
            data: {
              featureId: feature.id,
              number: (last?.number ?? 0) + 1,
              changeNote: parsed.changeNote,
              status: 'DRAFT',
              authorId: ctx.viewer?.editorId ?? null,
              createdAt: ctx.now,
            },
          });
          await tx.aiFeatureFacts.createMany({
            data: segments.map((segment) => ({
              ...factsToRow(facts[segment.key] as never),
              revisionId: revision.id,
              segmentId: segment.id,
            })),
          });
          await tx.revisionExplanation.createMany({
            data: segments.flatMap((segment) => {
              const explanation = explanations[segment.key];
              return explanation === undefined
                ? []
                : [{ ...explanation, revisionId: revision.id, segmentId: segment.id }];
            }),
          });
          return {
            result: revision,
            audit: { subjectId: revision.id, afterId: revision.id, detail: `${feature.slug} #${revision.number}` },
          };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
  submitFeatureRevision: t.field({
    type: RevisionPayload,
    authScopes: { editor: true },
    unauthorizedResolver: refusedByRole('submitFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'submitFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          assertCanTransition((await loadRevision(tx, id)).status, 'submit');
          return { result: await tx.aiFeatureRevision.update({ where: { id }, data: { status: 'IN_REVIEW' } }) };
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
          assertCanTransition(revision.status, 'approve');
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
