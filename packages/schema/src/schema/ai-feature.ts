import { isScheduledAfter } from '../domain/as-of.js';
import type { FactChange } from '../domain/feature-facts.js';
import { endOfDayUtc } from '../domain/period.js';
import { CONSENT_PARTIES, type ConsentParty, DATA_CATEGORIES, type DataCategory } from '../domain/types.js';
import type { AiFeatureFacts, AiFeatureRevision } from '../generated/sqlite/client.js';
import { builder, type Context } from './builder.js';
import { type CatalogueRevision, revisionInForceAt } from './catalogue.js';
import { pageOver, revisionPages } from './catalogue-connection.js';
import { listEstimate } from './cost.js';
import { notFound } from './errors.js';
import { optionalSegmentKey, requireSegmentKey, SEGMENT_KEY_DESCRIPTION, Segment } from './segment.js';
import { ClauseRef, WithdrawalRef } from './version.js';

const enumOf = <const T extends readonly string[]>(name: string, values: T, description: string) =>
  builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<
      string,
      { value: T[number] }
    >,
  });

const DataCategoryEnum = enumOf('DataCategory', DATA_CATEGORIES, 'A kind of customer data an AI feature reads.');
const ConsentPartyEnum = enumOf('ConsentParty', CONSENT_PARTIES, 'Who must consent before a feature uses their data.');

const FeatureAvailabilityEnum = builder.enumType('FeatureAvailability', {
  values: ['EXPERIMENTAL', 'GENERALLY_AVAILABLE', 'RETIRED', 'NOT_OFFERED'] as const,
});
const NonConsentOptionEnum = builder.enumType('NonConsentOption', {
  description: 'What a participant who does not consent can do.',
  values: {
    LEAVE_ONLY: { description: 'Accept and join, or leave: there is no way to stay without the feature.' },
    JOIN_WITHOUT_FEATURE: { description: 'Stay, with the feature off for them.' },
    NOT_APPLICABLE: { description: 'The feature never asks other participants.' },
  },
});
const DefaultStateEnum = builder.enumType('DefaultState', { values: ['ON', 'OFF'] as const });

const csv = (value: string) => (value === '' ? [] : value.split(','));

/** The moment a facts row is read for; governing clauses resolve in the version in force then. */
const RESOLVED_AT = Symbol('resolvedAt');
type FactsWithMoment = AiFeatureFacts & { [RESOLVED_AT]?: Date };
/**
 * A revision's facts (narrowed to one segment when asked), read for the revision's effective
 * date. Published facts come frozen from the published-content cache, so each row is copied
 * rather than marked in place.
 */
export async function factsOfRevision(
  revision: { id: string; status: string; effectiveAt: Date | null },
  segment: string | null | undefined,
  ctx: Context,
  moment: Date = revision.effectiveAt ?? ctx.now,
): Promise<FactsWithMoment[]> {
  const [facts, segments] = await Promise.all([
    ctx.loaders.factsOf.load({ id: revision.id, frozen: revision.status === 'PUBLISHED' }),
    segment == null ? null : ctx.loaders.segmentsByKey(),
  ]);
  const segmentId = segment == null ? null : segments?.get(segment)?.id;
  return facts.flatMap((row) =>
    segment == null || row.segmentId === segmentId ? [{ ...row, [RESOLVED_AT]: moment }] : [],
  );
}

interface ClauseRefShape {
  document: string;
  key: string;
}
const ClauseRefRef = builder.objectRef<ClauseRefShape>('ClauseRef').implement({
  description: 'A reference to a clause by document slug and stable key.',
  fields: (t) => ({ document: t.exposeString('document'), key: t.exposeString('key') }),
});

const parseRefs = (value: string): ClauseRefShape[] =>
  csv(value).map((ref) => {
    const [document = '', key = ''] = ref.split('#');
    return { document, key };
  });

export const AiFeatureFactsRef = builder.prismaObject('AiFeatureFacts', {
  description: 'The facts of an AI feature for one segment, as a revision states them (a "nutrition label").',
  fields: (t) => ({
    segment: t.field({ type: Segment, resolve: (facts, _args, ctx) => ctx.loaders.segmentOf(facts.segmentId) }),
    whatItDoes: t.exposeString('whatItDoes'),
    availability: t.expose('availability', { type: FeatureAvailabilityEnum }),
    dataCategories: t.field({
      type: [DataCategoryEnum],
      description: 'Customer data the feature reads.',
      resolve: (facts) => csv(facts.dataCategories) as DataCategory[],
    }),
    trainsFirstPartyModels: t.exposeBoolean('trainsFirstPartyModels', {
      description: 'Whether this content trains the organisation’s own models.',
    }),
    sharedWithVendor: t.exposeBoolean('sharedWithVendor', {
      description: 'Whether content is sent to a third-party model vendor.',
    }),
    vendorName: t.exposeString('vendorName', { nullable: true }),
    trainsVendorModels: t.exposeBoolean('trainsVendorModels', {
      description: 'Whether the vendor may train its models on it.',
    }),
    retention: t.exposeString('retention'),
    retentionDays: t.exposeInt('retentionDays', {
      nullable: true,
      description: 'Null when retention depends on settings.',
    }),
    humanReview: t.exposeBoolean('humanReview'),
    humanReviewDetail: t.exposeString('humanReviewDetail'),
    consentRequiredFrom: t.field({
      type: [ConsentPartyEnum],
      resolve: (facts) => csv(facts.consentRequiredFrom) as ConsentParty[],
    }),
    nonConsentOption: t.expose('nonConsentOption', { type: NonConsentOptionEnum }),
    nonConsentDetail: t.exposeString('nonConsentDetail', {
      description: 'What a participant who does not consent can do.',
    }),
    defaultState: t.expose('defaultState', { type: DefaultStateEnum }),
    governingClauseRefs: t.field({
      type: [ClauseRefRef],
      extensions: listEstimate(5),
      resolve: (facts) => parseRefs(facts.governingClauses),
    }),
    governingClauses: t.field({
      type: [ClauseRef],
      extensions: listEstimate(5),
      description:
        'The governing clauses, resolved in the version in force when these facts are read: now for `current`, the date for `asOf`, the revision’s effective date otherwise.',
      resolve: async (facts, _args, ctx) => {
        // Every way to reach facts marks the moment: `current`, `asOf`, or factsOfRevision.
        const moment = (facts as FactsWithMoment)[RESOLVED_AT] ?? ctx.now;
        const clauses = await ctx.loaders.clauseInForce.loadMany(
          parseRefs(facts.governingClauses).map((ref) => ({ ...ref, at: moment })),
        );
        return clauses.flatMap((clause) => {
          if (clause instanceof Error) throw clause;
          return clause === null ? [] : [clause];
        });
      },
    }),
  }),
});

const display = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

const FactChangeRef = builder.objectRef<FactChange>('FactChange').implement({
  description: 'One field of one segment that changed from the previous revision.',
  fields: (t) => ({
    segment: t.exposeString('segment'),
    field: t.exposeString('field'),
    from: t.string({
      nullable: true,
      description: 'Previous value (JSON for lists and booleans).',
      resolve: (c) => display(c.from),
    }),
    to: t.string({ nullable: true, resolve: (c) => display(c.to) }),
    summary: t.exposeString('summary', { description: 'e.g. "trains first-party models: no → yes for consumer".' }),
  }),
});

export const RevisionExplanationRef = builder.prismaObject('RevisionExplanation', {
  description: 'What an AI-feature revision means for one segment, in plain language (as a version’s Explanation).',
  fields: (t) => ({
    segment: t.field({
      type: Segment,
      resolve: (explanation, _args, ctx) => ctx.loaders.segmentOf(explanation.segmentId),
    }),
    summary: t.exposeString('summary'),
    whatChanges: t.exposeString('whatChanges', {
      description: '"What changes for you" compared with the revision in force before it.',
    }),
    affected: t.exposeBoolean('affected', { description: 'Whether this revision changes anything for this segment.' }),
  }),
});

/**
 * The catalogue's row of a revision (with its withdrawal and rebases). Rows reached through the
 * catalogue already are one; any other (a mutation's payload) is looked up in the request's
 * catalogue, which costs no statement once read.
 */
async function catalogued(revision: AiFeatureRevision, ctx: Context): Promise<CatalogueRevision | null> {
  if ('rebases' in revision) return revision as CatalogueRevision;
  return (await ctx.loaders.catalogue()).revisionById.get(revision.id) ?? null;
}

/**
 * The comparison readers see: the newest rebase (catalogue.ts keeps them newest first), else the
 * diff stored at publication. Parsed once per stored row (catalogue rows are shared and frozen).
 */
const parsedChanges = new WeakMap<object, FactChange[]>();
function changesOf(revision: AiFeatureRevision | CatalogueRevision): FactChange[] {
  const source = ('rebases' in revision ? revision.rebases[0] : undefined) ?? revision;
  const json = 'changesJson' in source ? source.changesJson : source.diffJson;
  if (json === null) return [];
  let parsed = parsedChanges.get(source);
  if (parsed === undefined) {
    parsed = JSON.parse(json) as FactChange[];
    parsedChanges.set(source, parsed);
  }
  return parsed;
}

export const AiFeatureRevisionRef = builder.prismaObject('AiFeatureRevision', {
  description: 'One versioned statement of an AI feature’s facts, per segment.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number'),
    changeNote: t.exposeString('changeNote'),
    publishedAt: t.field({ type: 'DateTime', resolve: (revision) => revision.publishedAt ?? new Date(0) }),
    effectiveAt: t.field({ type: 'DateTime', resolve: (revision) => revision.effectiveAt ?? new Date(0) }),
    material: t.exposeBoolean('material', {
      description:
        'It changes a material fact (what the feature does with data, who consents, what a participant can do, availability) for some segment, against the revision in force before it: it then gave the feature’s notice period and explains itself to each such segment.',
    }),
    contentHash: t.exposeString('contentHash', {
      nullable: true,
      description:
        'SHA-256 (hex) of the canonical form candor-revision/1, which includes previousHash. Null only for a revision written outside the publication workflow, which integrity.verify reports (UNCHAINED).',
    }),
    previousHash: t.exposeString('previousHash', {
      nullable: true,
      description:
        'contentHash of the previous published revision of this feature (publication order); null for the first.',
    }),
    withdrawal: t.field({
      type: WithdrawalRef,
      nullable: true,
      description:
        'Set when the revision was withdrawn before it took effect; it never binds, and stays in the history.',
      resolve: async (revision, _args, ctx) => (await catalogued(revision, ctx))?.withdrawal ?? null,
    }),
    comparedWith: t.int({
      nullable: true,
      description:
        'The number of the revision `changes` compares with: the one in force right before this one takes effect (withdrawn ones skipped); null when there is none.',
      resolve: async (revision, _args, ctx) => {
        const row = await catalogued(revision, ctx);
        const rebase = row?.rebases[0];
        const baseId = rebase === undefined ? revision.fromRevisionId : rebase.fromRevisionId;
        if (baseId === null) return null;
        return (await ctx.loaders.catalogue()).revisionById.get(baseId)?.number ?? null;
      },
    }),
    changes: t.field({
      type: [FactChangeRef],
      extensions: listEstimate(20),
      description:
        'Field-level changes against the revision in force right before this one (`comparedWith`). Stored at publication, and stored again when a withdrawal or an earlier publication changes that revision (`rebaseReason` says why).',
      args: { segment: t.arg.string({ description: SEGMENT_KEY_DESCRIPTION }) },
      resolve: async (revision, args, ctx) => {
        const segment = await optionalSegmentKey(ctx, args.segment);
        const changes = changesOf((await catalogued(revision, ctx)) ?? revision);
        return segment === null ? changes : changes.filter((change) => change.segment === segment);
      },
    }),
    rebaseReason: t.string({
      nullable: true,
      description:
        'Why `changes` no longer compares with the revision it was published against (a withdrawal, or a revision published to take effect before it); null when it still does.',
      resolve: async (revision, _args, ctx) => (await catalogued(revision, ctx))?.rebases[0]?.reason ?? null,
    }),
    facts: t.field({
      type: [AiFeatureFactsRef],
      extensions: listEstimate(5),
      description: 'Facts per segment; `segment` narrows to one.',
      args: { segment: t.arg.string({ description: SEGMENT_KEY_DESCRIPTION }) },
      resolve: async (revision, args, ctx) =>
        factsOfRevision(revision, await optionalSegmentKey(ctx, args.segment), ctx),
    }),
    explanations: t.field({
      type: [RevisionExplanationRef],
      description: 'Plain-language explanations, in segment display order; `segment` narrows to one.',
      args: { segment: t.arg.string({ description: SEGMENT_KEY_DESCRIPTION }) },
      resolve: async (revision, args, ctx) => {
        await optionalSegmentKey(ctx, args.segment);
        const [explanations, segments] = await Promise.all([
          ctx.loaders.revisionExplanationsOf.load({ id: revision.id, frozen: revision.status === 'PUBLISHED' }),
          args.segment == null ? null : ctx.loaders.segmentsByKey(),
        ]);
        if (args.segment == null) return explanations;
        const segmentId = segments?.get(args.segment)?.id;
        return explanations.filter((explanation) => explanation.segmentId === segmentId);
      },
    }),
  }),
});

/** The facts of the revision in force at `moment` for one segment, read for that moment. */
async function factsInForce(feature: { id: string }, segment: string, moment: Date, ctx: Context) {
  const revision = revisionInForceAt(await ctx.loaders.publicRevisions(feature.id), moment);
  if (revision === null) return null;
  return (await factsOfRevision(revision, segment, ctx, moment))[0] ?? null;
}

const AiFeatureRef = builder.prismaObject('AiFeature', {
  description: 'An AI feature, e.g. meeting summary. Its facts are versioned in revisions.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    noticePeriodDays: t.exposeInt('noticePeriodDays', {
      description: 'Days of notice a material revision must give before it takes effect.',
    }),
    upcoming: t.field({
      type: [AiFeatureRevisionRef],
      description: 'Published revisions not yet in effect and not withdrawn, soonest first.',
      resolve: async (feature, _args, ctx) =>
        (await ctx.loaders.publicRevisions(feature.id))
          .filter((revision) => isScheduledAfter(revision, ctx.now))
          .reverse(),
    }),
    revisions: t.connection({
      type: AiFeatureRevisionRef,
      description:
        'Published revisions, newest first (by effective date): scheduled and withdrawn ones included, once published.',
      resolve: async (feature, args, ctx) =>
        pageOver(revisionPages, await ctx.loaders.publicRevisions(feature.id), args, ctx, feature),
    }),
    current: t.field({
      type: AiFeatureFactsRef,
      nullable: true,
      description: 'The facts in force now for one segment.',
      args: { segment: t.arg.string({ required: true, description: SEGMENT_KEY_DESCRIPTION }) },
      resolve: async (feature, args, ctx) =>
        factsInForce(feature, await requireSegmentKey(ctx, args.segment), ctx.now, ctx),
    }),
    currentFacts: t.field({
      type: [AiFeatureFactsRef],
      description:
        'The facts in force now for every segment the revision in force states them for (each names its segment); empty before the first revision takes effect. One read for what `current(segment:)` gives segment by segment.',
      resolve: async (feature, _args, ctx) => {
        const revision = revisionInForceAt(await ctx.loaders.publicRevisions(feature.id), ctx.now);
        return revision === null ? [] : factsOfRevision(revision, null, ctx, ctx.now);
      },
    }),
    asOf: t.field({
      type: AiFeatureFactsRef,
      nullable: true,
      description: 'The facts in force on `date` (any time that UTC day) for one segment.',
      args: {
        date: t.arg({ type: 'Date', required: true }),
        segment: t.arg.string({ required: true, description: SEGMENT_KEY_DESCRIPTION }),
      },
      resolve: async (feature, args, ctx) =>
        factsInForce(feature, await requireSegmentKey(ctx, args.segment), endOfDayUtc(args.date), ctx),
    }),
  }),
});

builder.prismaObjectField(AiFeatureRevisionRef, 'feature', (t) =>
  t.field({
    type: AiFeatureRef,
    resolve: async (revision, _args, ctx) => {
      const feature = (await ctx.loaders.catalogue()).featureById.get(revision.featureId);
      if (feature === undefined) throw new Error(`revision ${revision.id} has no feature in the catalogue`);
      return feature;
    },
  }),
);

builder.queryFields((t) => ({
  aiFeatures: t.field({
    type: [AiFeatureRef],
    extensions: listEstimate(10),
    description: 'Every AI feature, in display order.',
    resolve: async (_root, _args, ctx) => (await ctx.loaders.catalogue()).features,
  }),
  aiFeature: t.field({
    type: AiFeatureRef,
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (_root, { slug }, ctx) => {
      const feature = (await ctx.loaders.catalogue()).featureBySlug.get(slug);
      if (feature === undefined) throw notFound(`No AI feature with slug "${slug}"`, 'slug');
      return feature;
    },
  }),
}));
