/**
 * Proof of notice (issue 18), public: on every version and AI-feature revision published through
 * Candor, when its publication notice went out, to how many subscribers and partner systems, how
 * many got it, and how long before the change took effect. A notice period only protects people
 * who were told; this is the record that they were.
 *
 * Shown for every published record with a publication event, material or not (partners hear of
 * every publication, subscribers who follow every change too); whether it met a notice period is
 * answered only for material ones, the only ones a notice period binds. The counts change after
 * publication (retries, dead letters), so they are read per request (notice-loader.ts) and are
 * no part of the record's hash.
 */
import { type ProofOfNotice as ProofOfNoticeShape, proofOfNoticeFromTallies } from '../domain/proof-of-notice.js';
import { AiFeatureRevisionRef } from './ai-feature.js';
import { builder, type Context } from './builder.js';
import type { NoticeSubject } from './notice-loader.js';
import { VersionRef } from './version.js';

interface NoticeShape extends ProofOfNoticeShape {
  dispatchedAt: Date | null;
  noticePeriodDays: number | null;
}

const NoticeCounts = builder.objectRef<ProofOfNoticeShape['webhooks']>('NoticeCounts').implement({
  description: 'Notices of one channel (subscribers’ e-mails or partners’ webhooks), by outcome.',
  fields: (t) => ({
    delivered: t.exposeInt('delivered', { description: 'Accepted by the receiver (a 2xx answer, the mail server).' }),
    failed: t.exposeInt('failed', { description: 'Given up after every retry (dead letters).' }),
    pending: t.exposeInt('pending', { description: 'Still being tried on the retry schedule.' }),
  }),
});

export const ProofOfNotice = builder.objectRef<NoticeShape>('ProofOfNotice').implement({
  description:
    'When the notice of a publication went out and to how many: subscribers (e-mail) and partner systems (webhooks), delivered, failed and pending, and how many days before the change took effect. Counts as of the request: deliveries are retried for about a day. No part of the record’s hash.',
  fields: (t) => ({
    dispatchedAt: t.expose('dispatchedAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'When the notice was handed to the subscribers and partner endpoints registered then; null while it is still queued (moments after publication).',
    }),
    firstDeliveredAt: t.expose('firstDeliveredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'The first delivery; null when nothing was delivered (yet).',
    }),
    lastDeliveredAt: t.expose('lastDeliveredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'The last delivery so far; null when nothing was delivered (yet).',
    }),
    subscribers: t.field({
      type: NoticeCounts,
      description: 'E-mails to the public’s subscribers who follow it (people who later left still count).',
      resolve: (notice) => notice.subscribers,
    }),
    webhooks: t.field({
      type: NoticeCounts,
      description: 'Webhook deliveries to partners’ registered endpoints.',
      resolve: (notice) => notice.webhooks,
    }),
    daysBeforeEffective: t.exposeInt('daysBeforeEffective', {
      nullable: true,
      description:
        'Whole days from the first delivery to the effective date (negative when notice came after the change took effect); null without a delivery.',
    }),
    noticePeriodDays: t.exposeInt('noticePeriodDays', {
      nullable: true,
      description:
        'The notice period it had to give (its document’s or feature’s, at the time of asking); null when it is not material (no notice period applies).',
    }),
    withinNoticePeriod: t.exposeBoolean('withinNoticePeriod', {
      nullable: true,
      description:
        'Whether the first notice was delivered at least `noticePeriodDays` before the effective date; null when not material or nothing was delivered.',
    }),
  }),
});

interface NoticeRecord {
  id: string;
  status: string;
  material: boolean;
  effectiveAt: Date | null;
}

/** The proof of notice of a record, or null when it has none (see the `notice` fields' descriptions). */
async function noticeOf(
  kind: NoticeSubject['kind'],
  record: NoticeRecord,
  noticePeriodDays: () => Promise<number>,
  ctx: Context,
): Promise<NoticeShape | null> {
  if (record.status !== 'PUBLISHED' || record.effectiveAt === null) return null;
  const evidence = await ctx.loaders.noticeOf.load({ kind, id: record.id });
  if (evidence === null) return null;
  const period = record.material ? await noticePeriodDays() : null;
  return {
    dispatchedAt: evidence.dispatchedAt,
    noticePeriodDays: period,
    ...proofOfNoticeFromTallies({ effectiveAt: record.effectiveAt, noticePeriodDays: period }, evidence.tallies),
  };
}

const NULL_WHEN =
  'Null when there is no publication notice on record: not published, imported from an earlier history, or published before Candor sent notices (e.g. the sample data).';

builder.prismaObjectField(VersionRef, 'notice', (t) =>
  t.field({
    type: ProofOfNotice,
    nullable: true,
    description: `When the notice of this version’s publication went out, to how many, and how long before it took effect (material or not; \`withinNoticePeriod\` for material ones). ${NULL_WHEN}`,
    resolve: (version, _args, ctx) =>
      noticeOf(
        'version',
        version,
        async () => {
          const document = (await ctx.loaders.catalogue()).documentById.get(version.documentId);
          if (document === undefined) throw new Error(`version ${version.id} has no document in the catalogue`);
          return document.noticePeriodDays;
        },
        ctx,
      ),
  }),
);

builder.prismaObjectField(AiFeatureRevisionRef, 'notice', (t) =>
  t.field({
    type: ProofOfNotice,
    nullable: true,
    description: `When the notice of this revision’s publication went out, to how many, and how long before it took effect (material or not; \`withinNoticePeriod\` for material ones). ${NULL_WHEN}`,
    resolve: (revision, _args, ctx) =>
      noticeOf(
        'revision',
        revision,
        async () => {
          const feature = (await ctx.loaders.catalogue()).featureById.get(revision.featureId);
          if (feature === undefined) throw new Error(`revision ${revision.id} has no feature in the catalogue`);
          return feature.noticePeriodDays;
        },
        ctx,
      ),
  }),
);
