/**
 * Editors see failures (issue 18): `noticeFailures` lists the notices that did not get through —
 * dead webhook and e-mail deliveries, and pending ones that keep failing — so that someone can
 * tell a partner its endpoint is down, or find the mail server refusing. Editor tokens only.
 */
import { resolveCursorConnection } from '@pothos/plugin-relay';
import {
  FAILING_AFTER_ATTEMPTS,
  type FailureCursor,
  listNoticeFailures,
  type NoticeFailure,
} from '../services/notice-failures.js';
import { AiFeatureRevisionRef } from './ai-feature.js';
import { builder } from './builder.js';
import { badInput } from './errors.js';
import { MAX_PAGE_SIZE, pageSize } from './pagination.js';
import { VersionRef } from './version.js';

const NoticeChannelEnum = builder.enumType('NoticeChannel', {
  values: {
    WEBHOOK: { value: 'webhook', description: 'A partner’s registered endpoint.' },
    EMAIL: { value: 'email', description: 'A subscriber’s e-mail (the address is never shown).' },
  } as const,
});

const NoticeFailureStatusEnum = builder.enumType('NoticeFailureStatus', {
  values: {
    PENDING: { description: `Still retried, after ${FAILING_AFTER_ATTEMPTS} or more failed attempts.` },
    DEAD: { description: 'Out of attempts. A partner can replay its dead webhook deliveries.' },
  } as const,
});

/** The record a subject key names: `version:<id>` → ('version', id). */
const subjectOf = (key: string) => {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon), id: key.slice(colon + 1) };
};

const NoticeFailureRef = builder.objectRef<NoticeFailure>('NoticeFailure').implement({
  description:
    'A notice that did not get through: a webhook or e-mail delivery that is dead, or still pending after repeated failures. Editors only.',
  authScopes: { editor: true },
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The delivery’s id.' }),
    channel: t.field({ type: NoticeChannelEnum, resolve: (failure) => failure.channel }),
    status: t.field({ type: NoticeFailureStatusEnum, resolve: (failure) => failure.status }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the notice was handed to this endpoint or subscriber (the list is newest first by it).',
    }),
    eventId: t.exposeID('eventId', { description: 'The event (the `webhook-id` header for webhooks).' }),
    eventType: t.exposeString('eventType', { description: 'e.g. version.published.' }),
    subjectKey: t.exposeString('subjectKey', {
      description: 'What the event is about: version:<id>, revision:<id> or consent_release:<id>.',
    }),
    version: t.field({
      type: VersionRef,
      nullable: true,
      description: 'The version the notice was about; null for other records.',
      resolve: async (failure, _args, ctx) => {
        const subject = subjectOf(failure.subjectKey);
        if (subject.kind !== 'version') return null;
        return (await ctx.loaders.catalogue()).versionById.get(subject.id) ?? null;
      },
    }),
    revision: t.field({
      type: AiFeatureRevisionRef,
      nullable: true,
      description: 'The AI-feature revision the notice was about; null for other records.',
      resolve: async (failure, _args, ctx) => {
        const subject = subjectOf(failure.subjectKey);
        if (subject.kind !== 'revision') return null;
        return (await ctx.loaders.catalogue()).revisionById.get(subject.id) ?? null;
      },
    }),
    partnerName: t.exposeString('partnerName', {
      nullable: true,
      description: 'Webhooks: the partner; null for e-mails.',
    }),
    endpointUrl: t.exposeString('endpointUrl', {
      nullable: true,
      description: 'Webhooks: the endpoint’s URL; null for e-mails (no address is shown).',
    }),
    attempts: t.exposeInt('attempts'),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description:
        'Why the last attempt failed (for a webhook answered with an error status: null, see lastHttpStatus).',
    }),
    lastHttpStatus: t.exposeInt('lastHttpStatus', {
      nullable: true,
      description: 'Webhooks: the last answer’s HTTP status; null when none came, and for e-mails.',
    }),
    lastAttemptAt: t.expose('lastAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description:
        'Webhooks: the last attempt (the delivery log). E-mails: for a dead one, when its last attempt was due (the worker makes it within a polling interval); null for a pending one.',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a pending delivery is tried next; null once dead.',
    }),
  }),
});

const CURSOR_PREFIX = 'NoticeFailure:';

const toCursor = (failure: FailureCursor): string =>
  Buffer.from(`${CURSOR_PREFIX}${failure.createdAt.toISOString()}|${failure.id}`).toString('base64url');

function fromCursor(cursor: string | undefined, field: 'after' | 'before'): FailureCursor | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [at = '', id = ''] = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length).split('|') : [];
  const createdAt = new Date(at);
  if (id === '' || Number.isNaN(createdAt.getTime())) {
    throw badInput(`${field} is not a cursor of noticeFailures`, field);
  }
  return { createdAt, id };
}

builder.queryField('noticeFailures', (t) =>
  t.connection({
    type: NoticeFailureRef,
    authScopes: { editor: true },
    description: `Notices that did not get through, newest first (editor tokens): dead webhook and e-mail deliveries, and pending ones after ${FAILING_AFTER_ATTEMPTS} or more failed attempts. Webhooks name the partner and endpoint; e-mails only the error, never the address.`,
    resolve: (_root, args, ctx) => {
      pageSize.maxSize(args);
      return resolveCursorConnection<Promise<NoticeFailure[]>>(
        { args, toCursor, defaultSize: pageSize.defaultSize, maxSize: MAX_PAGE_SIZE },
        ({ before, after, limit, inverted }): Promise<NoticeFailure[]> =>
          listNoticeFailures(ctx.prisma, {
            after: fromCursor(after, 'after'),
            before: fromCursor(before, 'before'),
            limit,
            inverted,
          }),
      );
    },
  }),
);
