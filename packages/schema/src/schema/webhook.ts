/**
 * Partner webhooks (issue 18): an admin creates a partner and its token (`createPartner`, or
 * `candor partner add`); the partner, authenticated by that token (`cnp_…`), registers endpoints,
 * rotates their secrets, disables them, reads the delivery log and replays dead deliveries. The
 * worker that sends them is the API's (apps/api/src/notifications/worker.ts); the payloads and
 * headers are in docs/partner-api.md, "Webhooks".
 */
import { DomainError } from '../domain/errors.js';
import { NOTIFICATION_EVENT_TYPES, parseEventTypes } from '../domain/notifications.js';
import {
  checkWebhookRegistration,
  createPartner,
  disableWebhook,
  type PartnerViewer,
  registerWebhook,
  replayDelivery,
  rotateWebhookSecret,
  type WebhookPolicy,
} from '../services/webhooks.js';
import { builder, type Context } from './builder.js';
import { listEstimate } from './cost.js';
import { userError } from './errors.js';
import {
  MutationErrorRef,
  type MutationErrorShape,
  refusedByRole,
  runMutation,
  toMutationError,
} from './mutation-result.js';

const TYPES = NOTIFICATION_EVENT_TYPES.join(', ');

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description:
    'PENDING: not yet delivered, retried on schedule; DELIVERED: a 2xx answer; DEAD: out of attempts (dead letter, replayable).',
  values: ['PENDING', 'DELIVERED', 'DEAD'] as const,
});

const PartnerRef = builder.prismaObject('Partner', {
  description: 'An organisation that receives webhooks. Its token is shown once at creation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    contact: t.exposeString('contact'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
  }),
});

const EndpointRef = builder.prismaObject('WebhookEndpoint', {
  description: 'Where a partner receives events. The signing secret is shown only when it is made (register, rotate).',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    eventTypes: t.stringList({
      description: `The event types it receives; empty: every type (${TYPES}).`,
      select: { eventTypes: true },
      resolve: (endpoint) => parseEventTypes(endpoint.eventTypes),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    previousSecretUntil: t.expose('previousSecretUntil', {
      type: 'DateTime',
      nullable: true,
      description: 'After a rotation: until when the previous secret still signs too (a second signature).',
    }),
  }),
});

builder.prismaObject('WebhookAttempt', {
  description: 'One HTTP attempt of a delivery (the delivery log).',
  fields: (t) => ({
    number: t.exposeInt('number'),
    at: t.expose('at', { type: 'DateTime' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true, description: 'The answer’s status; null when none came.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed; null when it succeeded.' }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

const DeliveryRef = builder.prismaObject('WebhookDelivery', {
  description: 'One event for one endpoint, with its attempts.',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: DeliveryStatusEnum }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      description: 'When it is tried next (meaningful while PENDING).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    endpoint: t.relation('endpoint'),
    eventId: t.exposeID('eventId', {
      description: 'The event’s id: the `webhook-id` header, the same on every retry.',
    }),
    eventType: t.string({ select: { event: { select: { type: true } } }, resolve: (d) => d.event.type }),
    body: t.string({
      description: 'The JSON body sent.',
      select: { event: { select: { payload: true } } },
      resolve: (d) => d.event.payload,
    }),
    log: t.relation('log', { query: { orderBy: { number: 'asc' } }, extensions: listEstimate(8) }),
  }),
});

const partnerTokenNeeded = (): MutationErrorShape => ({
  code: 'UNAUTHENTICATED',
  message: 'This needs a partner token (Authorization: Bearer cnp_…)',
  field: null,
  problems: [],
});

function partnerOf(ctx: Context): PartnerViewer {
  if (ctx.partner == null) throw userError('UNAUTHENTICATED', partnerTokenNeeded().message);
  return ctx.partner;
}

function policyOf(ctx: Context): WebhookPolicy {
  if (ctx.webhooks === undefined) throw new DomainError('INVALID_STATE', 'Webhooks are not available here');
  return ctx.webhooks;
}

builder.queryFields((t) => ({
  partnerWebhooks: t.prismaField({
    type: [EndpointRef],
    description: 'Your webhook endpoints, oldest first, disabled ones included (partner token).',
    extensions: listEstimate(10),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.webhookEndpoint.findMany({
        ...query,
        where: { partnerId: partnerOf(ctx).partnerId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
  partnerWebhookDeliveries: t.prismaField({
    type: [DeliveryRef],
    description:
      'The delivery log of your endpoints, newest first (partner token): `status: DEAD` lists the dead letters.',
    args: {
      status: t.arg({ type: DeliveryStatusEnum }),
      endpointId: t.arg.id(),
      first: t.arg.int({ description: '1 to 100; default 50.' }),
    },
    extensions: listEstimate(50),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.webhookDelivery.findMany({
        ...query,
        where: {
          endpoint: { partnerId: partnerOf(ctx).partnerId },
          ...(args.status == null ? {} : { status: args.status }),
          ...(args.endpointId == null ? {} : { endpointId: String(args.endpointId) }),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: Math.min(Math.max(args.first ?? 50, 1), 100),
      }),
  }),
}));

const CreatePartnerPayload = builder.simpleObject('CreatePartnerPayload', {
  fields: (t) => ({
    token: t.string({
      nullable: true,
      description: 'The partner’s token (cnp_<prefix>_<secret>). Shown only in this response: pass it to the partner.',
    }),
    partner: t.field({ type: PartnerRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('createPartner', (t) =>
  t.field({
    type: CreatePartnerPayload,
    description: 'Creates a partner that may register webhooks, with its token (admins only).',
    authScopes: { admin: true },
    unauthorizedResolver: refusedByRole('createPartner', 'Partner'),
    args: {
      name: t.arg.string({ required: true }),
      contact: t.arg.string({ required: true, description: 'Who to tell about failing deliveries (e-mail or URL).' }),
    },
    resolve: async (_root, args, ctx) => {
      const outcome = await runMutation(ctx, { action: 'createPartner', subjectType: 'Partner' }, async (tx) => {
        const created = await createPartner(tx, { name: args.name, contact: args.contact, now: ctx.now });
        return {
          result: created,
          audit: { subjectId: created.partner.id, detail: `partner ${created.partner.name}, token ${created.prefix}` },
        };
      });
      return { token: outcome.value?.token ?? null, partner: outcome.value?.partner ?? null, error: outcome.error };
    },
  }),
);

const SecretPayload = builder.simpleObject('WebhookSecretPayload', {
  fields: (t) => ({
    endpoint: t.field({ type: EndpointRef, nullable: true }),
    secret: t.string({
      nullable: true,
      description: 'The signing secret (whsec_…), shown only in this response: store it where your receiver verifies.',
    }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('registerWebhook', (t) =>
  t.field({
    type: SecretPayload,
    description: `Registers an endpoint for your events (partner token). \`url\`: https, on a public address. \`eventTypes\`: any of ${TYPES}; empty or absent: all. Returns the signing secret once.`,
    args: {
      url: t.arg.string({ required: true }),
      eventTypes: t.arg.stringList(),
    },
    resolve: async (_root, args, ctx) => {
      if (ctx.partner == null) return { endpoint: null, secret: null, error: partnerTokenNeeded() };
      const partner = ctx.partner;
      let checked: { url: string; eventTypes: string };
      try {
        // Outside the transaction: it resolves the host name.
        checked = await checkWebhookRegistration(policyOf(ctx), { url: args.url, eventTypes: args.eventTypes ?? [] });
      } catch (error) {
        if (error instanceof DomainError) return { endpoint: null, secret: null, error: toMutationError(error) };
        throw error;
      }
      const outcome = await runMutation(
        ctx,
        { action: 'registerWebhook', subjectType: 'WebhookEndpoint' },
        async (tx) => {
          const registered = await registerWebhook(tx, policyOf(ctx), {
            partnerId: partner.partnerId,
            ...checked,
            now: ctx.now,
          });
          return {
            result: registered,
            audit: { subjectId: registered.endpoint.id, detail: `partner ${partner.partnerId}: ${checked.url}` },
          };
        },
      );
      return { endpoint: outcome.value?.endpoint ?? null, secret: outcome.value?.secret ?? null, error: outcome.error };
    },
  }),
);

builder.mutationField('rotateWebhookSecret', (t) =>
  t.field({
    type: SecretPayload,
    description:
      'Gives an endpoint a new signing secret (partner token). For 24 hours the previous one signs too (a second signature), so your receiver can switch over.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (ctx.partner == null) return { endpoint: null, secret: null, error: partnerTokenNeeded() };
      const partnerId = ctx.partner.partnerId;
      const outcome = await runMutation(
        ctx,
        { action: 'rotateWebhookSecret', subjectType: 'WebhookEndpoint', subjectId: String(args.id) },
        async (tx) => ({
          result: await rotateWebhookSecret(tx, policyOf(ctx), { partnerId, id: String(args.id), now: ctx.now }),
          audit: { detail: `partner ${partnerId}` },
        }),
      );
      return { endpoint: outcome.value?.endpoint ?? null, secret: outcome.value?.secret ?? null, error: outcome.error };
    },
  }),
);

const EndpointPayload = builder.simpleObject('WebhookEndpointPayload', {
  fields: (t) => ({
    endpoint: t.field({ type: EndpointRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('disableWebhook', (t) =>
  t.field({
    type: EndpointPayload,
    description: 'Stops deliveries to an endpoint (partner token); its pending deliveries are not sent.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (ctx.partner == null) return { endpoint: null, error: partnerTokenNeeded() };
      const partnerId = ctx.partner.partnerId;
      const outcome = await runMutation(
        ctx,
        { action: 'disableWebhook', subjectType: 'WebhookEndpoint', subjectId: String(args.id) },
        async (tx) => ({
          result: await disableWebhook(tx, { partnerId, id: String(args.id), now: ctx.now }),
          audit: { detail: `partner ${partnerId}` },
        }),
      );
      return { endpoint: outcome.value, error: outcome.error };
    },
  }),
);

const DeliveryPayload = builder.simpleObject('WebhookDeliveryPayload', {
  fields: (t) => ({
    delivery: t.field({ type: DeliveryRef, nullable: true }),
    error: t.field({ type: MutationErrorRef, nullable: true }),
  }),
});

builder.mutationField('replayWebhookDelivery', (t) =>
  t.field({
    type: DeliveryPayload,
    description:
      'Sends a dead delivery again (partner token): back to PENDING with its attempts reset, due at once. INVALID_STATE for one that is not DEAD.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      if (ctx.partner == null) return { delivery: null, error: partnerTokenNeeded() };
      const partnerId = ctx.partner.partnerId;
      const outcome = await runMutation(
        ctx,
        { action: 'replayWebhookDelivery', subjectType: 'WebhookDelivery', subjectId: String(args.id) },
        async (tx) => ({
          result: await replayDelivery(tx, { partnerId, id: String(args.id), now: ctx.now }),
          audit: { detail: `partner ${partnerId}` },
        }),
      );
      return { delivery: outcome.value, error: outcome.error };
    },
  }),
);
