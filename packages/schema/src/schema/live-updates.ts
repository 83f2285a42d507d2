/**
 * Live updates over GraphQL (issue 18): `subscription { changePublished(…) }`, streamed as
 * Server-Sent Events by the API. Each event is one outbox event (the same ids and payloads as
 * webhooks), published once by the instance whose worker dispatched it and received by every
 * instance's subscribers (apps/api/src/notifications/live-updates.ts). The Subscription root
 * type is declared here, beside its only field, rather than in builder.ts: builder.ts declares the
 * roots every aggregate shares.
 */
import { GraphQLError } from 'graphql';
import { type ChangeFilter, changeMatches, type LiveChange, subjectOf } from '../domain/live-changes.js';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '../domain/notifications.js';
import { AiFeatureRevisionRef } from './ai-feature.js';
import { builder, type Context } from './builder.js';
import { ConsentReleaseRef, releasesOf } from './consent-release.js';
import { badInput, notFound } from './errors.js';
import { createLoaders } from './loaders.js';
import { requireSegmentKey, SEGMENT_KEY_DESCRIPTION } from './segment.js';
import { VersionRef } from './version.js';

/** `version.published` → `VERSION_PUBLISHED`: GraphQL enum values cannot hold dots. */
const enumNameOf = (type: NotificationEventType) => type.replace('.', '_').toUpperCase();

const TYPE_DESCRIPTIONS: Record<NotificationEventType, string> = {
  'version.published': 'A version of a document was published (scheduled to take effect at its effectiveAt).',
  'version.in_effect': 'A published version took effect (sent at its effectiveAt, unless it was withdrawn).',
  'version.withdrawn': 'A scheduled version was withdrawn before it took effect.',
  'revision.published': 'An AI-feature revision was published.',
  'revision.in_effect': 'A published AI-feature revision took effect.',
  'revision.withdrawn': 'A scheduled AI-feature revision was withdrawn before it took effect.',
  'consent_release.published': 'Consent statistics were released (or corrected).',
};

const ChangeEventTypeEnum = builder.enumType('ChangeEventType', {
  description: 'What happened; the same events as the webhooks’ `type` (`version.published` is VERSION_PUBLISHED).',
  values: Object.fromEntries(
    NOTIFICATION_EVENT_TYPES.map((type) => [enumNameOf(type), { value: type, description: TYPE_DESCRIPTIONS[type] }]),
  ) as Record<string, { value: NotificationEventType; description: string }>,
});

interface ChangeLinks {
  page: string;
  changes: string | null;
  document: string | null;
}

interface Payload {
  timestamp: string;
  data: { links?: Partial<ChangeLinks> };
}

const payloadOf = (change: LiveChange): Payload => JSON.parse(change.payload) as Payload;

const ChangeLinksRef = builder.objectRef<ChangeLinks>('ChangeLinks').implement({
  description: 'Pages of the public site about the change, root-relative (as in the webhook payloads).',
  fields: (t) => ({
    page: t.exposeString('page', {
      description: 'The record’s page: a version, a feature’s revision, or the consent statistics.',
    }),
    changes: t.exposeString('changes', {
      nullable: true,
      description: 'A version’s changes against the one it is compared with; null for a first version and others.',
    }),
    document: t.exposeString('document', { nullable: true, description: 'A version’s document; null for others.' }),
  }),
});

/** The id of the record an event is about, when it is of `kind`. */
const idOf = (change: LiveChange, kind: 'version' | 'revision' | 'consent_release'): string | null => {
  const subject = subjectOf(change.subjectKey);
  return subject?.kind === kind ? subject.id : null;
};

/**
 * Versions and revisions come from the catalogue (withdrawn ones included: they stay public), so
 * their fields resolve as everywhere else; a consent release is read by id.
 */
const versionOf = async (change: LiveChange, ctx: Context) => {
  const id = idOf(change, 'version');
  return id === null ? null : ((await ctx.loaders.catalogue()).versionById.get(id) ?? null);
};
const revisionOf = async (change: LiveChange, ctx: Context) => {
  const id = idOf(change, 'revision');
  return id === null ? null : ((await ctx.loaders.catalogue()).revisionById.get(id) ?? null);
};
const releaseOf = async (change: LiveChange, ctx: Context) => {
  const id = idOf(change, 'consent_release');
  return id === null ? null : ((await releasesOf(ctx, [id]))[0] ?? null);
};

const ChangeEventRef = builder.objectRef<LiveChange>('ChangeEvent').implement({
  description:
    'One published change, as it happened: exactly one of `version`, `revision` and `consentRelease` is set. The same event as the webhook of the same `id`.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The event’s id: the webhooks’ `webhook-id` of the same event.' }),
    type: t.field({ type: ChangeEventTypeEnum, resolve: (change) => change.type }),
    material: t.exposeBoolean('material', {
      description: 'A material change (it had to give the notice period); false for consent releases.',
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When it happened: the publication or withdrawal, or the effective date for *_IN_EFFECT.',
      resolve: (change) => new Date(payloadOf(change).timestamp),
    }),
    segments: t.stringList({
      description: 'The segments it applies to (keys, as `segments { key }` lists them).',
      resolve: (change) => [...change.scope.segments],
    }),
    version: t.field({
      type: VersionRef,
      nullable: true,
      description: 'The version, for VERSION_* events.',
      resolve: (change, _args, ctx) => versionOf(change, ctx),
    }),
    revision: t.field({
      type: AiFeatureRevisionRef,
      nullable: true,
      description: 'The AI-feature revision, for REVISION_* events.',
      resolve: (change, _args, ctx) => revisionOf(change, ctx),
    }),
    consentRelease: t.field({
      type: ConsentReleaseRef,
      nullable: true,
      description: 'The consent-statistics release, for CONSENT_RELEASE_PUBLISHED.',
      resolve: (change, _args, ctx) => releaseOf(change, ctx),
    }),
    links: t.field({
      type: ChangeLinksRef,
      resolve: (change) => {
        const links = payloadOf(change).data.links ?? {};
        return { page: links.page ?? '/', changes: links.changes ?? null, document: links.document ?? null };
      },
    }),
  }),
});

builder.subscriptionType({
  description:
    'Live updates, streamed as Server-Sent Events (send `Accept: text/event-stream`, GET or POST; docs/partner-api.md, “Live updates”).',
});

/** The filter of a subscription, every argument checked against what the organisation defined. */
async function filterOf(
  args: {
    segment?: string | null;
    document?: string | null;
    feature?: string | null;
    types?: readonly NotificationEventType[] | null;
  },
  ctx: Context,
): Promise<ChangeFilter> {
  const catalogue = await ctx.loaders.catalogue();
  if (args.segment != null) await requireSegmentKey(ctx, args.segment, 'segment');
  if (args.document != null && !catalogue.documentBySlug.has(args.document)) {
    throw notFound(`No document with slug "${args.document}"`, 'document');
  }
  if (args.feature != null && !catalogue.featureBySlug.has(args.feature)) {
    throw notFound(`No AI feature with slug "${args.feature}"`, 'feature');
  }
  if (args.types != null && args.types.length === 0) {
    throw badInput('types is empty: list the event types wanted, or leave it out for every type', 'types');
  }
  return {
    segment: args.segment ?? null,
    document: args.document ?? null,
    feature: args.feature ?? null,
    types: args.types ?? null,
  };
}

builder.subscriptionField('changePublished', (t) =>
  t.field({
    type: ChangeEventRef,
    description:
      'Every published change from now on, as it happens (nothing from before the subscription). `document` keeps the changes to that document’s versions, `feature` those to that AI feature’s revisions and the consent releases with figures for it (given both: either); `segment` keeps those that apply to that segment; `types` those of the types listed (default: every type, including *_IN_EFFECT and withdrawals).',
    args: {
      segment: t.arg.string({ description: SEGMENT_KEY_DESCRIPTION }),
      document: t.arg.string({ description: 'A document slug, as `documents { slug }` lists them.' }),
      feature: t.arg.string({ description: 'An AI feature slug, as `aiFeatures { slug }` lists them.' }),
      types: t.arg({ type: [ChangeEventTypeEnum], description: 'Event types to receive; absent: every type.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const feed = ctx.changes;
      if (feed === undefined) {
        throw new GraphQLError('Live updates are not available on this server.', {
          extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
        });
      }
      const filter = await filterOf(args, ctx);
      return feed.subscribe((change) => changeMatches(filter, change));
    },
    resolve: (change, _args, ctx) => {
      // One subscription keeps one context for all its events, answered one after another: each
      // is answered as of its dispatch and against the catalogue of then, not the subscription's start.
      ctx.now = new Date(change.dispatchedAt);
      ctx.loaders = createLoaders(ctx.prisma, ctx.now);
      return change;
    },
  }),
);
