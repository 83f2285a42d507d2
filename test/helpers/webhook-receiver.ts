/**
 * The partner side of the webhook tests: a real HTTP receiver on 127.0.0.1 that keeps every
 * request it gets, and a partner registered on it the way the registerWebhook mutation does it
 * (check everything, then write).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookPolicy } from '@candor/api';
import { type PrismaClient, type WebhookPolicy, webhookServices } from '@candor/schema';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** The address to register: http://127.0.0.1:<port>/hooks. */
  url: string;
  /** Every request, in the order it arrived. */
  received: ReceivedWebhook[];
  /** Resolves once `condition` holds for what has arrived (checked now and after each request). */
  until(condition: (received: ReceivedWebhook[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** A receiver that answers each request with the next status of `statuses` (then the last one). */
export async function startWebhookReceiver(statuses: readonly number[] = [200]): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiting: { condition: (received: ReceivedWebhook[]) => boolean; resolve: () => void }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      response.end('ok');
      for (const waiter of [...waiting]) {
        if (!waiter.condition(received)) continue;
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    until: (condition) =>
      condition(received) ? Promise.resolve() : new Promise((resolve) => waiting.push({ condition, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Loopback receivers allowed, as CANDOR_WEBHOOKS_ALLOW_PRIVATE=true allows them. */
const allowingPrivate = webhookPolicy({ allowPrivate: true });

/** Registers an endpoint for an existing partner, as the registerWebhook mutation does: check everything, then write. */
export async function registerWebhook(
  prisma: PrismaClient,
  input: { partnerId: string; url: string; eventTypes?: string[]; now: Date; policy?: WebhookPolicy },
) {
  const policy = input.policy ?? allowingPrivate;
  const checked = await webhookServices.checkWebhookRegistration(policy, {
    url: input.url,
    eventTypes: input.eventTypes ?? [],
  });
  return webhookServices.registerWebhook(prisma, policy, { partnerId: input.partnerId, ...checked, now: input.now });
}

/** A new partner (named "Watchdog" unless told) with one endpoint at `url`; returns the endpoint's secret too. */
export async function registerPartnerWebhook(
  prisma: PrismaClient,
  input: { name?: string; url: string; eventTypes?: string[]; now: Date; policy?: WebhookPolicy },
) {
  const { partner } = await webhookServices.createPartner(prisma, {
    name: input.name ?? 'Watchdog',
    contact: 'ops@example.org',
    now: input.now,
  });
  return { partner, ...(await registerWebhook(prisma, { ...input, partnerId: partner.id })) };
}
