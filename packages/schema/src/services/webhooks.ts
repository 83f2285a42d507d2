/**
 * Partners and their webhook endpoints (issue 18): the writes behind `candor partner add` and the
 * partner's webhook mutations. Each validates everything before it writes; problems are
 * DomainErrors naming the field. Secrets and the target policy (DNS, private addresses) come from
 * the API (apps/api/src/notifications/), passed in as a WebhookPolicy.
 */
import type { PrismaClient } from '../db/client.js';
import { credentialPrefix, hashCredential, issueCredential } from '../domain/credentials.js';
import { DomainError } from '../domain/errors.js';
import { isNotificationEventType, NOTIFICATION_EVENT_TYPES } from '../domain/notifications.js';

/** What the API lends the webhook services: its secret format and its target policy. */
export interface WebhookPolicy {
  /** Problems with a target URL, after resolving its host; null when it may be used. */
  checkTarget(url: string): Promise<{ code: string; message: string } | null>;
  /** A new signing secret (whsec_…). */
  newSecret(): string;
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
/** Active endpoints per partner. */
export const MAX_ENDPOINTS = 10;

export interface PartnerViewer {
  partnerId: string;
  tokenId: string;
  tokenPrefix: string;
}

/** Creates a partner with its first token; the token (`cnp_…`) is returned once, only its hash kept. */
export async function createPartner(
  prisma: Pick<PrismaClient, 'partner'>,
  input: { name: string; contact: string; now: Date },
) {
  const name = input.name.trim();
  const contact = input.contact.trim();
  if (name === '' || name.length > 200)
    throw new DomainError('BAD_USER_INPUT', 'name must be 1–200 characters', 'name');
  if (contact === '' || contact.length > 320)
    throw new DomainError('BAD_USER_INPUT', 'contact must be 1–320 characters (an e-mail address or URL)', 'contact');
  const issued = issueCredential('partner');
  const partner = await prisma.partner.create({
    data: {
      name,
      contact,
      createdAt: input.now,
      tokens: { create: { prefix: issued.prefix, hash: issued.hash, createdAt: input.now } },
    },
  });
  return { partner, token: issued.secret, prefix: issued.prefix };
}

/** The partner behind a `cnp_…` token; UNAUTHENTICATED for anything else. */
export async function authenticatePartner(
  prisma: Pick<PrismaClient, 'partnerToken'>,
  token: string,
): Promise<PartnerViewer> {
  if (credentialPrefix('partner', token) === null)
    throw new DomainError('UNAUTHENTICATED', 'Malformed partner token', 'authorization');
  const row = await prisma.partnerToken.findUnique({
    where: { hash: hashCredential(token) },
    include: { partner: true },
  });
  if (row === null || row.revokedAt !== null || row.partner.disabledAt !== null)
    throw new DomainError('UNAUTHENTICATED', 'Unknown, revoked or disabled partner token', 'authorization');
  return { partnerId: row.partnerId, tokenId: row.id, tokenPrefix: row.prefix };
}

/** Parses an event-type filter: every entry must be a known type; empty means all. */
export function eventTypeFilter(types: readonly string[]): string {
  const unknown = types.find((type) => !isNotificationEventType(type));
  if (unknown !== undefined) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `Unknown event type "${unknown}"; known: ${NOTIFICATION_EVENT_TYPES.join(', ')}`,
      'eventTypes',
    );
  }
  return [...new Set(types)].join(',');
}

/**
 * Checks a registration before anything is written: the URL against the target policy (https, no
 * private or loopback address unless the operator allows them; its host is resolved) and the event
 * types. Returns the values to store.
 */
export async function checkWebhookRegistration(
  policy: WebhookPolicy,
  input: { url: string; eventTypes: readonly string[] },
): Promise<{ url: string; eventTypes: string }> {
  const url = input.url.trim();
  if (!URL.canParse(url) || url.length > 2000)
    throw new DomainError('BAD_USER_INPUT', `"${input.url}" is not an absolute URL`, 'url');
  const eventTypes = eventTypeFilter(input.eventTypes);
  const problem = await policy.checkTarget(url);
  if (problem !== null) throw new DomainError('BAD_USER_INPUT', problem.message, 'url');
  return { url, eventTypes };
}

/**
 * Registers an endpoint for the partner (checked by checkWebhookRegistration first, outside the
 * transaction: it resolves DNS). Returns the new signing secret, shown this once.
 */
export async function registerWebhook(
  db: Pick<PrismaClient, 'webhookEndpoint'>,
  policy: WebhookPolicy,
  input: { partnerId: string; url: string; eventTypes: string; now: Date },
) {
  const active = await db.webhookEndpoint.count({ where: { partnerId: input.partnerId, disabledAt: null } });
  if (active >= MAX_ENDPOINTS)
    throw new DomainError('BAD_USER_INPUT', `A partner has at most ${MAX_ENDPOINTS} active endpoints`, 'url');
  const secret = policy.newSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: { partnerId: input.partnerId, url: input.url, eventTypes: input.eventTypes, secret, createdAt: input.now },
  });
  return { endpoint, secret };
}

/** The partner's own endpoint, or NOT_FOUND (another partner's reads as absent). */
async function ownEndpoint(prisma: Pick<PrismaClient, 'webhookEndpoint'>, partnerId: string, id: string) {
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id, partnerId } });
  if (endpoint === null) throw new DomainError('NOT_FOUND', `No webhook endpoint ${id}`, 'id');
  return endpoint;
}

export const listWebhooks = (prisma: Pick<PrismaClient, 'webhookEndpoint'>, partnerId: string) =>
  prisma.webhookEndpoint.findMany({ where: { partnerId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

/** A new secret; the old one keeps signing (a second signature) for ROTATION_OVERLAP_MS. */
export async function rotateWebhookSecret(
  prisma: Pick<PrismaClient, 'webhookEndpoint'>,
  policy: WebhookPolicy,
  input: { partnerId: string; id: string; now: Date },
) {
  const endpoint = await ownEndpoint(prisma, input.partnerId, input.id);
  if (endpoint.disabledAt !== null) throw new DomainError('INVALID_STATE', 'This endpoint is disabled', 'id');
  const secret = policy.newSecret();
  const updated = await prisma.webhookEndpoint.update({
    where: { id: endpoint.id },
    data: {
      secret,
      previousSecret: endpoint.secret,
      previousSecretUntil: new Date(input.now.getTime() + ROTATION_OVERLAP_MS),
    },
  });
  return { endpoint: updated, secret };
}

/** Stops deliveries to an endpoint (pending ones are dropped at their next attempt). */
export async function disableWebhook(
  prisma: Pick<PrismaClient, 'webhookEndpoint'>,
  input: { partnerId: string; id: string; now: Date },
) {
  const endpoint = await ownEndpoint(prisma, input.partnerId, input.id);
  if (endpoint.disabledAt !== null) return endpoint;
  return prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: input.now } });
}

/** The delivery log of the partner's endpoints, newest first, optionally by status (DEAD = dead letter). */
export const listDeliveries = (
  prisma: Pick<PrismaClient, 'webhookDelivery'>,
  input: { partnerId: string; status?: 'PENDING' | 'DELIVERED' | 'DEAD'; endpointId?: string; take?: number },
) =>
  prisma.webhookDelivery.findMany({
    where: {
      endpoint: { partnerId: input.partnerId },
      ...(input.status === undefined ? {} : { status: input.status }),
      ...(input.endpointId === undefined ? {} : { endpointId: input.endpointId }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(input.take ?? 50, 1), 100),
    include: {
      event: { select: { id: true, type: true, occurredAt: true } },
      log: { orderBy: { number: 'asc' } },
    },
  });

/** Sends a dead delivery again: back to PENDING with its attempts reset, due at once. */
export async function replayDelivery(
  prisma: Pick<PrismaClient, 'webhookDelivery'>,
  input: { partnerId: string; id: string; now: Date },
) {
  const delivery = await prisma.webhookDelivery.findFirst({
    where: { id: input.id, endpoint: { partnerId: input.partnerId } },
    include: { endpoint: { select: { disabledAt: true } } },
  });
  if (delivery === null) throw new DomainError('NOT_FOUND', `No delivery ${input.id}`, 'id');
  if (delivery.endpoint.disabledAt !== null) throw new DomainError('INVALID_STATE', 'Its endpoint is disabled', 'id');
  const replayed = await prisma.webhookDelivery.updateMany({
    where: { id: delivery.id, status: 'DEAD' },
    data: { status: 'PENDING', attempts: 0, nextAttemptAt: input.now, claimedBy: null, claimedUntil: null },
  });
  if (replayed.count !== 1)
    throw new DomainError('INVALID_STATE', 'Only a dead delivery (status DEAD) can be replayed', 'id');
  return prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
}
