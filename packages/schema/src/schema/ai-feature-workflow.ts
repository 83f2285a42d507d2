/**
 * AI-feature revisions through the same workflow and roles as terms versions:
 * draft (from a YAML/JSON file) → in review → approved (two-person rule) → published.
 * Publishing stores the field-level diff against the previous published revision.
 */
import { DomainError } from '../domain/errors.js';
import { diffFeatureFacts, parseFeatureRevisionFile, validateFeatureFacts } from '../domain/feature-facts.js';
import { assertCanTransition, assertTwoPersonRule, checkEffectiveDate } from '../domain/workflow.js';
import { factsToRow, rowToFacts } from '../services/feature-facts-row.js';
import { AiFeatureFactsRef, factsOfRevision } from './ai-feature.js';
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
    feature: t.relation('feature'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    effectiveAt: t.expose('effectiveAt', { type: 'DateTime', nullable: true }),
    facts: t.field({
      type: [AiFeatureFactsRef],
      resolve: (revision, _args, ctx) => factsOfRevision(revision, null, ctx),
    }),
  }),
});

const RevisionPayload = builder.simpleObject('FeatureRevisionPayload', {
  fields: (t) => ({
    revision: t.field({ type: RevisionDraftRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

async function loadRevision(tx: Tx, id: string) {
  const revision = await tx.aiFeatureRevision.findUnique({ where: { id } });
  if (revision === null) throw new DomainError('NOT_FOUND', `No AI-feature revision with id ${id}`, 'id');
  return revision;
}

/** Published facts of the revision in force before this one, keyed by segment. */
async function previousFacts(tx: Tx, featureId: string) {
  const previous = await tx.aiFeatureRevision.findFirst({
    where: { featureId, status: 'PUBLISHED' },
    orderBy: [{ publishedAt: 'desc' }, { number: 'desc' }],
    include: { facts: { include: { segment: { select: { key: true } } } } },
  });
  if (previous === null) return null;
  return Object.fromEntries(previous.facts.map(({ segment, ...row }) => [segment.key, rowToFacts(row)]));
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
          const segments = await tx.segment.findMany({ orderBy: { position: 'asc' }, select: { id: true, key: true } });
          const facts = validateFeatureFacts(
            parsed.facts,
            segments.map((s) => s.key),
          );
          const feature = await tx.aiFeature.findUnique({ where: { slug: parsed.feature } });
          if (feature === null)
            throw new DomainError('NOT_FOUND', `No AI feature with slug "${parsed.feature}"`, 'feature');
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
      'Publishes an approved revision, effective at effectiveAt (default now), storing its field-level diff.',
    authScopes: { publisher: true },
    unauthorizedResolver: refusedByRole('publishFeatureRevision', 'AiFeatureRevision'),
    args: { id: t.arg.id({ required: true }), effectiveAt: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const outcome = await runMutation(
        ctx,
        { action: 'publishFeatureRevision', subjectType: 'AiFeatureRevision', subjectId: id },
        async (tx) => {
          const revision = await tx.aiFeatureRevision.findUnique({
            where: { id },
            include: { facts: { include: { segment: { select: { key: true, position: true } } } } },
          });
          if (revision === null) throw new DomainError('NOT_FOUND', `No AI-feature revision with id ${id}`, 'id');
          assertCanTransition(revision.status, 'publish');
          const effectiveAt = args.effectiveAt ?? ctx.now;
          checkEffectiveDate({ material: false, noticePeriodDays: 0, now: ctx.now, effectiveAt });
          const next = Object.fromEntries(
            [...revision.facts]
              .sort((a, b) => a.segment.position - b.segment.position)
              .map(({ segment, ...row }) => [segment.key, rowToFacts(row)]),
          );
          const diff = diffFeatureFacts(await previousFacts(tx, revision.featureId), next);
          const published = await tx.aiFeatureRevision.update({
            where: { id },
            data: { status: 'PUBLISHED', publishedAt: ctx.now, effectiveAt, diffJson: JSON.stringify(diff) },
          });
          return { result: published, audit: { afterId: id, detail: `${diff.length} field changes` } };
        },
      );
      return { revision: outcome.value, error: outcome.error };
    },
  }),
}));
