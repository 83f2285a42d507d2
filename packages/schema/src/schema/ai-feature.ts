import type { FactChange } from '../domain/feature-facts.js';
import { endOfDayUtc } from '../domain/period.js';
import { CONSENT_PARTIES, type ConsentParty, DATA_CATEGORIES, type DataCategory } from '../domain/types.js';
import type { AiFeatureFacts } from '../generated/sqlite/client.js';
import { builder, type Context } from './builder.js';
import { notFound } from './errors.js';
import { pageSize } from './pagination.js';
import { Segment, SegmentKey } from './segment.js';
import { ClauseRef } from './version.js';
import { newestFirst, publicRevisionWhere } from './visibility.js';

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
const at = <T extends AiFeatureFacts>(facts: T | undefined, moment: Date): T | null =>
  facts === undefined ? null : Object.assign(facts, { [RESOLVED_AT]: moment });

/**
 * A revision's facts (narrowed to one segment when asked), read for the revision's effective
 * date. Published facts come frozen from the published-content cache, so each row is copied
 * rather than marked in place.
 */
export async function factsOfRevision(
  revision: { id: string; status: string; effectiveAt: Date | null },
  segment: string | null | undefined,
  ctx: Context,
): Promise<FactsWithMoment[]> {
  const [facts, segments] = await Promise.all([
    ctx.loaders.factsOf.load({ id: revision.id, frozen: revision.status === 'PUBLISHED' }),
    segment == null ? null : ctx.loaders.segmentsByKey(),
  ]);
  const segmentId = segment == null ? null : segments?.get(segment)?.id;
  const moment = revision.effectiveAt ?? ctx.now;
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
      resolve: (facts) => parseRefs(facts.governingClauses),
    }),
    governingClauses: t.field({
      type: [ClauseRef],
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

builder.prismaObject('AiFeatureRevision', {
  description: 'One versioned statement of an AI feature’s facts, per segment.',
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number'),
    changeNote: t.exposeString('changeNote'),
    publishedAt: t.field({ type: 'DateTime', resolve: (revision) => revision.publishedAt ?? new Date(0) }),
    effectiveAt: t.field({ type: 'DateTime', resolve: (revision) => revision.effectiveAt ?? new Date(0) }),
    feature: t.relation('feature'),
    changes: t.field({
      type: [FactChangeRef],
      description: 'Field-level changes against the previous revision, stored when this one was published.',
      args: { segment: t.arg({ type: SegmentKey }) },
      resolve: (revision, args) => {
        const changes = revision.diffJson === null ? [] : (JSON.parse(revision.diffJson) as FactChange[]);
        return args.segment == null ? changes : changes.filter((change) => change.segment === args.segment);
      },
    }),
    facts: t.field({
      type: [AiFeatureFactsRef],
      description: 'Facts per segment; `segment` narrows to one.',
      args: { segment: t.arg({ type: SegmentKey }) },
      resolve: (revision, args, ctx) => factsOfRevision(revision, args.segment, ctx),
    }),
  }),
});

/** The revision in force at `moment`, as the arguments of a nested selection. */
const revisionInForce = (now: Date, moment: Date) => ({
  where: { ...publicRevisionWhere(now), effectiveAt: { lte: moment } },
  orderBy: newestFirst,
  take: 1,
});
const factsFor = (segment: string) => ({ where: { segment: { key: segment } }, take: 1 });

builder.prismaObject('AiFeature', {
  description: 'An AI feature, e.g. meeting summary. Its facts are versioned in revisions.',
  fields: (t) => ({
    id: t.exposeID('id'),
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    revisions: t.relatedConnection('revisions', {
      description: 'Published revisions, newest first.',
      cursor: 'id',
      ...pageSize,
      query: (_args, ctx) => ({ where: publicRevisionWhere(ctx.now), orderBy: newestFirst }),
    }),
    current: t.field({
      type: AiFeatureFactsRef,
      nullable: true,
      description: 'The facts in force now for one segment.',
      args: { segment: t.arg({ type: SegmentKey, required: true }) },
      select: (args, ctx, nestedSelection) => ({
        revisions: { ...revisionInForce(ctx.now, ctx.now), select: { facts: nestedSelection(factsFor(args.segment)) } },
      }),
      resolve: (feature, _args, ctx) => at(feature.revisions[0]?.facts[0], ctx.now),
    }),
    asOf: t.field({
      type: AiFeatureFactsRef,
      nullable: true,
      description: 'The facts in force on `date` (any time that UTC day) for one segment.',
      args: { date: t.arg({ type: 'Date', required: true }), segment: t.arg({ type: SegmentKey, required: true }) },
      select: (args, ctx, nestedSelection) => ({
        revisions: {
          ...revisionInForce(ctx.now, endOfDayUtc(args.date)),
          select: { facts: nestedSelection(factsFor(args.segment)) },
        },
      }),
      resolve: (feature, args) => at(feature.revisions[0]?.facts[0], endOfDayUtc(args.date)),
    }),
  }),
});

builder.queryFields((t) => ({
  aiFeatures: t.prismaField({
    type: ['AiFeature'],
    description: 'Every AI feature, in display order.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.aiFeature.findMany({ ...query, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
  }),
  aiFeature: t.prismaField({
    type: 'AiFeature',
    args: { slug: t.arg.string({ required: true }) },
    resolve: async (query, _root, { slug }, ctx) => {
      const feature = await ctx.prisma.aiFeature.findUnique({ ...query, where: { slug } });
      if (feature === null) throw notFound(`No AI feature with slug "${slug}"`, 'slug');
      return feature;
    },
  }),
}));
